import XCTest
@testable import TTDNCore

/// The five seeds as a careful reader sees them (the table in the model issue).
final class SeedTests: XCTestCase {
    func testSeedsMatchTheTable() throws {
        let c = try Corpus.load(path: seedsPath)
        XCTAssertEqual(c.meetings.count, 5)
        func m(_ prefix: String) -> Meeting { c.meetings.first { $0.id.hasPrefix(prefix) }! }
        let rows: [(String, String, String, MeetingKind, String?)] = [
            ("000", "2018-10-31", "Lạng Sơn", .workingSession, "Hoàng Văn Nghiệm"),
            ("001", "2020-02-07", "Lạng Sơn", .review, "Hoàng Văn Nghiệm"),
            ("002", "2018-10-31", "Lạng Sơn", .workingSession, nil),
            ("003", "2018-07-04", "Lạng Sơn", .briefing, nil),
            ("004", "2019-07-08", "Hưng Yên", .midYearReview, "Trần Thị Thanh Thủy"),
        ]
        for (id, date, province, kind, chair) in rows {
            let x = m(id)
            XCTAssertEqual(x.date?.description, date, id)
            XCTAssertEqual(x.date?.precision, .day, id)
            XCTAssertEqual(x.province, province, id)
            XCTAssertEqual(x.kind, kind, id)
            XCTAssertEqual(x.chair, chair, id)
            XCTAssertTrue(x.isMeeting, id)
        }
        XCTAssertEqual(m("000").people.first { $0.name == "Hoàng Văn Nghiệm" }?.role, .host)
        XCTAssertEqual(m("000").people.first { $0.name == "Bùi Trường Giang" }?.role, .delegationHead)
        XCTAssertEqual(m("001").provinceBasis, .corpus)
        XCTAssertEqual(m("002").dateBasis, .relatedReport)
        XCTAssertEqual(m("002").people.first { $0.name == "Bùi Trường Giang" }?.role, .delegationHead)
        XCTAssertTrue(m("002").related.contains(m("000").id))
        XCTAssertTrue(m("000").related.contains(m("002").id))
        XCTAssertEqual(m("003").dateBasis, .reportedPeriod)
        XCTAssertNil(m("003").published, "the 2022 page header is not the publish date")
        XCTAssertEqual(m("004").dateBasis, .publishLine)
        XCTAssertEqual(m("004").published, "2019-07-08T21:24")
        XCTAssertEqual(m("004").byline, "Đào Doan")
        XCTAssertEqual(m("003").byline, "PHÙNG KHIÊM")
        XCTAssertEqual(m("000").byline, "Bích Diệp")
        XCTAssertEqual(m("002").byline, "Thu Hằng")
        // Titles are headlines, never chrome or dates.
        XCTAssertEqual(m("000").title, "Thường trực Tỉnh ủy tiếp và làm việc với Đoàn công tác liên ngành khảo sát về công tác thông tin đối ngoại")
        XCTAssertEqual(m("003").title, "Ban Chỉ đạo công tác thông tin đối ngoại, Ban Chỉ đạo 94 tỉnh Lạng Sơn giao ban 6 tháng đầu năm")
        XCTAssertEqual(m("004").title, "Hưng Yên: Triển khai công tác thông tin đối ngoại tỉnh 6 tháng cuối năm")
        // Boilerplate removed; captions set apart and merged; the gold table gone.
        for x in c.meetings {
            let all = x.paragraphs.map(\.text).joined(separator: "\n")
            for chrome in ["Skip to main content", "Có thể bạn quan tâm", "Giá vàng", "Tỷ giá", "Phản hồi", "Nội dung:"] {
                XCTAssertFalse(all.contains(chrome), "\(x.id) keeps \(chrome)")
            }
        }
        let captions002 = m("002").paragraphs.filter { $0.role == .caption }.map(\.text)
        XCTAssertEqual(captions002.filter { $0 == "Đồng chí Nông Văn Thảm phát biểu tại buổi làm việc" }.count, 1, "a doubled caption is merged")
        XCTAssertTrue(m("003").paragraphs.contains { $0.role == .caption && $0.text.hasPrefix("Đồng chí Hoàng Văn Nghiệm") && $0.text.hasSuffix("phát biểu tại hội nghị") }, "a wrapped caption is one paragraph")
        XCTAssertTrue(m("004").paragraphs.contains { $0.role == .caption && $0.text == "Các đại biểu dự hội nghị" })
        XCTAssertTrue(m("002").paragraphs.contains { $0.role == .subheading && $0.text == "Triển khai công tác thông tin đối ngoại đồng bộ, hiệu quả" })
        XCTAssertTrue(m("003").excerpt.hasPrefix("Sáng nay (4/7)"), "the site code LSO- is not part of the lead")
    }
}

final class LoaderTests: XCTestCase {
    func testAwkwardFilesAreReportedAndOthersLoad() throws {
        let dir = try temporaryFolder(self)
        let seed = try Data(contentsOf: URL(fileURLWithPath: seedsPath).appendingPathComponent("000_fc2b759d0bdd75d9.txt"))
        try seed.write(to: dir.appendingPathComponent("good.txt"))
        try Data().write(to: dir.appendingPathComponent("empty.txt"))
        try Data([0x00, 0x01, 0x02, 0xFF, 0x00]).write(to: dir.appendingPathComponent("binary.txt"))
        var bad = seed; bad.insert(contentsOf: [0xFF, 0xFE], at: 300)
        try bad.write(to: dir.appendingPathComponent("invalid.txt"))
        let nfd = String(decoding: seed, as: UTF8.self).decomposedStringWithCanonicalMapping
        try Data(nfd.utf8).write(to: dir.appendingPathComponent("nfd.txt"))
        try Data(String(decoding: seed, as: UTF8.self).replacingOccurrences(of: "\n", with: "\r\n").utf8).write(to: dir.appendingPathComponent("crlf.txt"))
        try Data("   \n\u{A0}\n".utf8).write(to: dir.appendingPathComponent("blank.txt"))
        try Data(String(repeating: "Lạng Sơn tổ chức hội nghị. ", count: 200_000).utf8).write(to: dir.appendingPathComponent("oneline.txt"))
        try FileManager.default.createDirectory(at: dir.appendingPathComponent("sub"), withIntermediateDirectories: true)
        try seed.write(to: dir.appendingPathComponent("sub/nested.TXT"))
        try FileManager.default.createSymbolicLink(atPath: dir.appendingPathComponent("sub/loop").path, withDestinationPath: dir.path)
        try FileManager.default.createSymbolicLink(atPath: dir.appendingPathComponent("dangling.txt").path, withDestinationPath: "/nonexistent/x.txt")
        // A file name that is not valid UTF-8.
        let rawName: [UInt8] = Array(dir.path.utf8) + [47, 0x62, 0xFF, 0x2E, 0x74, 0x78, 0x74]
        let fd = (rawName + [0]).withUnsafeBufferPointer { $0.baseAddress!.withMemoryRebound(to: CChar.self, capacity: rawName.count + 1) { open($0, O_CREAT | O_WRONLY, 0o644) } }
        XCTAssertGreaterThanOrEqual(fd, 0)
        seed.withUnsafeBytes { _ = write(fd, $0.baseAddress, seed.count) }
        close(fd)

        let c = try Corpus.load(path: dir.path)
        let byFile = Dictionary(uniqueKeysWithValues: c.reports.map { (($0.file as NSString).lastPathComponent, $0) })
        XCTAssertEqual(byFile["empty.txt"]?.status, .skipped)
        XCTAssertEqual(byFile["binary.txt"]?.status, .skipped)
        XCTAssertEqual(byFile["blank.txt"]?.status, .skipped)
        XCTAssertEqual(byFile["dangling.txt"]?.status, .skipped)
        XCTAssertEqual(byFile["invalid.txt"]?.status, .loaded)
        XCTAssertTrue(byFile["invalid.txt"]!.messages.joined().contains("invalid UTF-8"))
        XCTAssertTrue(c.reports.contains { $0.messages.joined().contains("loop") }, "the symlink loop is reported")
        XCTAssertTrue(c.reports.contains { $0.file.contains("not valid UTF-8") && $0.status == .loaded })
        for name in ["good", "invalid", "nfd", "crlf", "sub/nested"] {
            let m = c.meetings.first { $0.id == name }
            XCTAssertNotNil(m, name)
            XCTAssertEqual(m?.date?.description, "2018-10-31", name)
            XCTAssertEqual(m?.title, "Thường trực Tỉnh ủy tiếp và làm việc với Đoàn công tác liên ngành khảo sát về công tác thông tin đối ngoại", name)
        }
        XCTAssertNotNil(c.meetings.first { $0.id == "oneline" }, "a 5 MB one-line file loads")
    }

    func testMissingFolderIsAClearError() {
        XCTAssertThrowsError(try Corpus.load(path: "/nonexistent/ttdn-corpus")) { e in
            XCTAssertEqual("\(e)", "corpus folder not found: /nonexistent/ttdn-corpus")
        }
        XCTAssertThrowsError(try Corpus.load(path: seedsPath + "/000_fc2b759d0bdd75d9.txt")) { e in
            XCTAssertTrue("\(e)".contains("not a folder"))
        }
    }
}

/// Copies of one report by the dozen (a site that republishes, a scrape run twice): related
/// reports stay at `Corpus.relatedLimit` each, the first in the corpus's order, with a note —
/// linking every copy to every other one was quadratic in time and in what it stored.
final class RelatedLimitTests: XCTestCase {
    func testManyCopiesOfOneEventLinkAtMostTheLimit() throws {
        let dir = try temporaryFolder(self)
        let seeds = URL(fileURLWithPath: seedsPath)
        let dated = try String(contentsOf: seeds.appendingPathComponent("000_fc2b759d0bdd75d9.txt"), encoding: .utf8)
        let undatedFile = try FileManager.default.contentsOfDirectory(atPath: seedsPath).first { $0.hasPrefix("002") }!
        let undated = try String(contentsOf: seeds.appendingPathComponent(undatedFile), encoding: .utf8)
        let copies = Corpus.relatedLimit + 5
        for i in 0..<copies {
            try (dated + "\n\nBản số \(i).\n").write(to: dir.appendingPathComponent(String(format: "d%02d.txt", i)), atomically: true, encoding: .utf8)
            try (undated + "\n\nBản số \(i).\n").write(to: dir.appendingPathComponent(String(format: "u%02d.txt", i)), atomically: true, encoding: .utf8)
        }
        let datedIDs = (0..<copies).map { String(format: "d%02d", $0) }
        for pairwise in [0, 16, 1000] {   // through the table of names, the default, and pair by pair
            Corpus.pairwiseLimit = pairwise
            defer { Corpus.pairwiseLimit = 16 }
            let c = try Corpus.load(path: dir.path)
            XCTAssertEqual(c.meetings.count, 2 * copies)
            for m in c.meetings {
                XCTAssertEqual(m.related.count, Corpus.relatedLimit, "\(m.id), pairwise \(pairwise)")
                XCTAssertTrue(m.diagnostics.contains(Corpus.moreRelatedNote), m.id)
                XCTAssertEqual(m.diagnostics.filter { $0 == Corpus.moreRelatedNote }.count, 1, "noted once: \(m.id)")
                if m.id.hasPrefix("d") {
                    XCTAssertEqual(m.related, Array(datedIDs.filter { $0 != m.id }.prefix(Corpus.relatedLimit)), "the first others, in order: \(m.id)")
                } else {
                    XCTAssertEqual(m.dateBasis, .relatedReport, m.id)
                    XCTAssertEqual(m.date?.description, "2018-10-31", m.id)
                    XCTAssertEqual(m.related, Array(datedIDs.prefix(Corpus.relatedLimit)), m.id)
                }
            }
        }
    }
}
