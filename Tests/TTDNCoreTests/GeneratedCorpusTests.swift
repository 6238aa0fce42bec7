import XCTest
@testable import TTDNCore

/// A 2,000-article corpus from the shared generator, checked against its
/// truth manifest: date, province and kind must each match for ≥ 99% of files.
final class GeneratedCorpusTests: XCTestCase {
    static let kinds = ["tong_ket": "tổng kết", "so_ket_6_thang": "sơ kết", "giao_ban": "giao ban",
                        "tap_huan": "tập huấn", "lam_viec_doan": "làm việc"]

    func generator() throws -> String {
        let shared = ProcessInfo.processInfo.environment["TTDN_SHARED"] ?? projectRoot.deletingLastPathComponent().appendingPathComponent("shared").path
        let gen = shared + "/tools/gen_corpus.py"
        guard FileManager.default.fileExists(atPath: gen) else { throw XCTSkip("generator not found at \(gen) (set TTDN_SHARED)") }
        return gen
    }

    func testTwoThousandArticlesAgainstTheManifest() throws {
        let gen = try generator()
        let dir = try temporaryFolder(self)
        let out = dir.appendingPathComponent("corpus").path
        let manifest = dir.appendingPathComponent("manifest.jsonl").path
        let p = Process()
        p.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        p.arguments = ["python3", gen, "--count", "2000", "--seed", "7", "--out", out, "--manifest", manifest]
        try p.run()
        p.waitUntilExit()
        XCTAssertEqual(p.terminationStatus, 0)

        let corpus = try Corpus.load(path: out)
        let byFile = Dictionary(uniqueKeysWithValues: corpus.meetings.map { ($0.id + ".txt", $0) })
        var n = 0, date = 0, province = 0, kind = 0, awkward = 0
        for line in try String(contentsOfFile: manifest, encoding: .utf8).split(separator: "\n") {
            let t = try XCTUnwrap(JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any])
            let file = t["file"] as! String
            if t["awkward"] as? String == "empty" {
                XCTAssertNil(byFile[file], "an empty file is skipped")
                XCTAssertTrue(corpus.reports.contains { $0.file.hasSuffix(file) && $0.status == .skipped })
                continue
            }
            if t["awkward"] is String { awkward += 1 }
            n += 1
            guard let m = byFile[file] else { XCTFail("\(file) did not load"); continue }
            if m.date?.description == t["meeting_date"] as? String { date += 1 }
            if m.province == t["province"] as? String { province += 1 }
            if m.kind.rawValue == Self.kinds[t["kind"] as? String ?? ""] { kind += 1 }
        }
        let summary = String(format: "generated corpus (seed 7): %d files, %d awkward; date %.2f%%, province %.2f%%, kind %.2f%%",
                             n, awkward, 100.0 * Double(date) / Double(n), 100.0 * Double(province) / Double(n), 100.0 * Double(kind) / Double(n))
        print(summary)
        XCTAssertGreaterThanOrEqual(Double(date) / Double(n), 0.99, summary)
        XCTAssertGreaterThanOrEqual(Double(province) / Double(n), 0.99, summary)
        XCTAssertGreaterThanOrEqual(Double(kind) / Double(n), 0.99, summary)
        XCTAssertGreaterThan(awkward, 0)
    }
}
