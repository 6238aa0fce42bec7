import Foundation
import XCTest
@testable import TTDNCore
@testable import TTDNIndex

/// Several builders and readers on one index (issue 9): two stores (two connections, as two
/// processes would have) building the same corpus at once both succeed with the same index, and a
/// reader on another connection is never failed while a build runs.
final class ConcurrencyTests: XCTestCase {
    var dir: URL!
    var corpus: String { dir.appendingPathComponent("c").path }
    var dbPath: String { dir.appendingPathComponent("cache/i.sqlite").path }

    override func setUpWithError() throws {
        let shared = ProcessInfo.processInfo.environment["TTDN_SHARED"] ?? projectRoot.deletingLastPathComponent().appendingPathComponent("shared").path
        let gen = shared + "/tools/gen_corpus.py"
        guard FileManager.default.fileExists(atPath: gen) else { throw XCTSkip("generator not found at \(gen)") }
        dir = FileManager.default.temporaryDirectory.appendingPathComponent("ttdn-conc-\(UUID().uuidString)")
        let p = Process()
        p.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        p.arguments = ["python3", gen, "--count", "600", "--seed", "5", "--out", corpus, "--manifest", dir.appendingPathComponent("m.jsonl").path]
        try p.run(); p.waitUntilExit()
    }
    override func tearDownWithError() throws { if let dir { try? FileManager.default.removeItem(at: dir) } }

    final class Box: @unchecked Sendable {
        var results: [Result<Corpus, Error>] = []
        let lock = NSLock()
        func add(_ r: Result<Corpus, Error>) { lock.lock(); results.append(r); lock.unlock() }
    }

    func testTwoBuildersAtOnceBothSucceedWithTheSameIndex() throws {
        let box = Box()
        let group = DispatchGroup()
        let path = dbPath, root = corpus
        for _ in 0..<2 {
            group.enter()
            Thread.detachNewThread {
                box.add(Result { try IndexStore(path: path).load(root: root) })
                group.leave()
            }
        }
        group.wait()
        let reference = try Corpus.load(path: corpus)
        let want = Export.json(reference.meetings)
        XCTAssertEqual(box.results.count, 2)
        for r in box.results {
            let c = try r.get()
            XCTAssertEqual(Export.json(c.meetings), want, "each builder's corpus is the reference")
        }
        // One row per file, and the index answers without parsing anything again.
        let raw = try Database(path: dbPath)
        XCTAssertEqual(try raw.scalarInt("SELECT count(*) FROM files"), 600)
        XCTAssertEqual(try raw.scalarInt("SELECT count(DISTINCT path) FROM files"), 600)
        let third = try IndexStore(path: dbPath)
        XCTAssertNil(try third.sync(root: corpus, decodeCached: false), "the index is complete and current")
        let again = try third.load(root: corpus)
        XCTAssertEqual(third.lastSync.parsed, 0)
        XCTAssertEqual(Export.json(again.meetings), want)
        let hits = try XCTUnwrap(third.matches(SearchQuery("Lạng Sơn")))
        XCTAssertEqual(hits, Set(reference.meetings.filter { SearchQuery("Lạng Sơn").matches($0) }.map(\.id)))
    }

    func testReaderOnAnotherConnectionIsNeverFailedDuringABuild() throws {
        // A first index, then a rebuild (a new parser version) that another connection reads through.
        _ = try IndexStore(path: dbPath).load(root: corpus)
        do {
            let raw = try Database(path: dbPath)
            try raw.exec("UPDATE meta SET value = '0.0' WHERE key = 'version'")
        }
        let reader = try IndexStore(path: dbPath)
        let path = dbPath, root = corpus
        final class Flag: @unchecked Sendable { var done = false; var error: Error?; let lock = NSLock() }
        let flag = Flag()
        Thread.detachNewThread {
            do { _ = try IndexStore(path: path).load(root: root) } catch { flag.error = error }
            flag.lock.lock(); flag.done = true; flag.lock.unlock()
        }
        var reads = 0
        while true {
            flag.lock.lock(); let done = flag.done; flag.lock.unlock()
            if done { break }
            XCTAssertNotNil(reader.matchingKeys(SearchQuery("lang son")), "a search never fails")
            XCTAssertNotNil(reader.matchingKeys(SearchQuery("Tỉnh uỷ")), "a marked search never fails")
            _ = reader.timeline { _ in true }   // nil while the timeline is rebuilt: the caller then syncs
            _ = reader.find("zzqx")
            reads += 1
        }
        XCTAssertNil(flag.error)
        XCTAssertGreaterThan(reads, 0)
        XCTAssertNil(try reader.sync(root: corpus, decodeCached: false), "after the build the reader's index is current")
        let t = try XCTUnwrap(reader.timeline { _ in false })
        XCTAssertEqual(t.all.map(\.id), try Corpus.load(path: corpus).meetings.map(\.id))
    }

    /// Related reports linked by hashing give what comparing every pair gave (the old linking).
    func testHashedLinkingEqualsPairwise() throws {
        var a = try Corpus.load(path: corpus)
        // `Corpus.load` resolves; start again from the parse.
        a.meetings = Corpus.readAndParse(try FileWalker.textFiles(under: corpus).found).compactMap(\.0)
        a.inferProvinces()
        var b = a
        var c = a
        a.linkRelated()
        Corpus.pairwiseLimit = 0   // every day's reports through the table of names
        defer { Corpus.pairwiseLimit = 16 }
        c.linkRelated()
        Self.pairwiseLinkRelated(&b.meetings)
        XCTAssertEqual(a.meetings.map(\.related), b.meetings.map(\.related))
        XCTAssertEqual(c.meetings.map(\.related), b.meetings.map(\.related))
        XCTAssertEqual(a.meetings.map { $0.date?.description }, b.meetings.map { $0.date?.description })
        XCTAssertEqual(a.meetings.map(\.diagnostics), b.meetings.map(\.diagnostics))
        XCTAssertGreaterThan(a.meetings.filter { !$0.related.isEmpty }.count, 0, "the corpus has related reports")
    }

    /// The quadratic linking as it was, for reference.
    static func pairwiseLinkRelated(_ meetings: inout [Meeting]) {
        var byKey: [String: [Int]] = [:]
        for (i, m) in meetings.enumerated() {
            guard let p = m.province else { continue }
            byKey["\(p)|\(m.kind.rawValue)", default: []].append(i)
        }
        for (_, idxs) in byKey where idxs.count > 1 {
            for a in idxs {
                guard let da = meetings[a].date, da.precision == .day else { continue }
                let pa = Set(meetings[a].people.map(\.name))
                for b in idxs where b != a {
                    guard meetings[b].date == da else { continue }
                    let pb = Set(meetings[b].people.map(\.name))
                    if !pa.isDisjoint(with: pb) || (pa.isEmpty && pb.isEmpty) { meetings[a].related.append(meetings[b].id) }
                }
            }
            for u in idxs where meetings[u].date == nil {
                let pu = Set(meetings[u].people.map(\.name))
                guard pu.count >= 2 else { continue }
                let years = Set(meetings[u].yearsInText)
                var events: [MeetingDate: [Int]] = [:]
                for d in idxs where d != u {
                    guard let dd = meetings[d].date, dd.precision == .day, meetings[d].dateBasis != .relatedReport else { continue }
                    let shared = pu.intersection(meetings[d].people.map(\.name))
                    guard shared.count >= 2 else { continue }
                    if !years.isEmpty && !years.contains(dd.year) { continue }
                    events[dd, default: []].append(d)
                }
                guard events.count == 1, let (date, sources) = events.first else {
                    if events.count > 1 { meetings[u].diagnostics.append("date: several dated reports share its people (\(events.count) dates); left unknown") }
                    continue
                }
                meetings[u].date = date
                meetings[u].dateBasis = .relatedReport
                meetings[u].related += sources.map { meetings[$0].id }
                meetings[u].diagnostics.removeAll { $0.hasPrefix("date:") }
                meetings[u].diagnostics.append("date: not stated; taken from the related report \(meetings[sources[0]].id)")
                for s in sources where !meetings[s].related.contains(meetings[u].id) { meetings[s].related.append(meetings[u].id) }
                let heads = Set(sources.flatMap { meetings[$0].people.filter { $0.role == .delegationHead }.map(\.name) })
                for k in meetings[u].people.indices where heads.contains(meetings[u].people[k].name) && meetings[u].people[k].role > .delegationHead {
                    meetings[u].people[k].role = .delegationHead
                }
            }
        }
    }
}
