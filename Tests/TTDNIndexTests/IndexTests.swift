import Foundation
import XCTest
@testable import TTDNCore
@testable import TTDNIndex

let projectRoot = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
let seedsPath = projectRoot.appendingPathComponent("seeds").path

final class IndexTests: XCTestCase {
    var dir: URL!
    var corpusDir: String { dir.appendingPathComponent("corpus").path }
    var dbPath: String { dir.appendingPathComponent("cache/index.sqlite").path }

    override func setUpWithError() throws {
        dir = FileManager.default.temporaryDirectory.appendingPathComponent("ttdn-index-\(UUID().uuidString)")
        try FileManager.default.createDirectory(atPath: corpusDir, withIntermediateDirectories: true)
        for f in try FileManager.default.contentsOfDirectory(atPath: seedsPath) where f.hasSuffix(".txt") {
            try FileManager.default.copyItem(atPath: seedsPath + "/" + f, toPath: corpusDir + "/" + f)
        }
    }
    override func tearDownWithError() throws { try? FileManager.default.removeItem(at: dir) }

    func load() throws -> (Corpus, IndexStore) {
        let s = try IndexStore(path: dbPath)
        return (try s.load(root: corpusDir), s)
    }

    func json(_ c: Corpus) -> String { Export.json(c.meetings) }

    func testRoundTripEqualsAFreshParse() throws {
        let fresh = try Corpus.load(path: corpusDir)
        let (first, s1) = try load()
        XCTAssertEqual(s1.lastSync.parsed, 5)
        let (second, s2) = try load()
        XCTAssertEqual(s2.lastSync.parsed, 0)
        XCTAssertEqual(s2.lastSync.reused, 5)
        XCTAssertEqual(json(first), json(fresh))
        XCTAssertEqual(json(second), json(fresh))
        for m in fresh.meetings {
            XCTAssertEqual(s2.paragraphs(for: m.id), m.paragraphs, m.id)
            XCTAssertTrue(second.meetings.first { $0.id == m.id }!.paragraphs.isEmpty, "bodies stay on disk")
        }
    }

    func testIncrementalAddChangeRemove() throws {
        _ = try load()
        let fm = FileManager.default
        try fm.copyItem(atPath: corpusDir + "/004_d6b9958ae3e37fe2.txt", toPath: corpusDir + "/new.txt")
        try fm.removeItem(atPath: corpusDir + "/001_c7f7e1b88b908df4.txt")
        let changed = corpusDir + "/003_9540f1229524868a.txt"
        var text = try String(contentsOfFile: changed, encoding: .utf8)
        text = text.replacingOccurrences(of: "Sáng nay (4/7)", with: "Sáng nay (5/7)")
        try text.write(toFile: changed, atomically: true, encoding: .utf8)
        let (c, s) = try load()
        XCTAssertEqual(s.lastSync.parsed, 2, "the new and the changed file")
        XCTAssertEqual(s.lastSync.reused, 3)
        XCTAssertEqual(s.lastSync.removed, 1)
        XCTAssertEqual(c.meetings.count, 5)
        XCTAssertNil(c.meetings.first { $0.id.hasPrefix("001") })
        XCTAssertEqual(c.meetings.first { $0.id.hasPrefix("003") }?.date?.description, "2018-07-05")
        XCTAssertNotNil(c.meetings.first { $0.id == "new" })
        XCTAssertEqual(s.matches(SearchQuery("\"nay (5/7)\""))?.count, 1, "the search index follows the change")
        XCTAssertEqual(s.matches(SearchQuery("\"nay (4/7)\""))?.count, 0, "the old text is gone from it")
    }

    func testParserVersionChangeRebuilds() throws {
        let want = Export.json(try load().0.meetings)
        do {
            let raw = try Database(path: dbPath)
            try raw.exec("UPDATE meta SET value = '0.0' WHERE key = 'version'")
        }
        let s = try IndexStore(path: dbPath)
        XCTAssertTrue(s.notes.joined().contains("rebuilding"))
        XCTAssertTrue(s.emptiedInPlace, "the file is emptied in place, not its rows deleted")
        XCTAssertEqual(try s.db.scalarInt("PRAGMA page_size"), 8192)
        let mode = try s.db.prepare("PRAGMA journal_mode")
        XCTAssertTrue(try mode.step())
        XCTAssertEqual(mode.string(0), "wal", "the emptied file is set up again")
        mode.reset()   // a statement left pending would block the commits below
        XCTAssertEqual(try s.db.scalarInt("SELECT count(*) FROM files"), 0)
        XCTAssertEqual(Export.json(try s.load(root: corpusDir).meetings), want)
        XCTAssertEqual(s.lastSync.parsed, 5)

        // Another connection in a read transaction keeps its snapshot (WAL) while the file is emptied.
        let reader = try Database(path: dbPath)
        try reader.exec("UPDATE meta SET value = '0.0' WHERE key = 'version'")
        try reader.exec("BEGIN")
        XCTAssertEqual(try reader.scalarInt("SELECT count(*) FROM files"), 5)
        let again = try IndexStore(path: dbPath)
        XCTAssertTrue(again.emptiedInPlace)
        XCTAssertEqual(try reader.scalarInt("SELECT count(*) FROM files"), 5, "the reader's snapshot is intact")
        try reader.exec("COMMIT")
        XCTAssertEqual(try reader.scalarInt("SELECT count(*) FROM files"), 0)

        // Another connection writing: the file is not emptied; the rows are deleted once it is done.
        _ = try again.load(root: corpusDir)
        try reader.exec("UPDATE meta SET value = '0.0' WHERE key = 'version'")
        try reader.exec("BEGIN IMMEDIATE")
        final class Box: @unchecked Sendable { var store: IndexStore?; var error: Error? }
        let box = Box(), opened = DispatchSemaphore(value: 0), path = dbPath
        Thread.detachNewThread {
            do { box.store = try IndexStore(path: path) } catch { box.error = error }
            opened.signal()
        }
        // Opening's first statements run in well under a second; then VACUUM gives up at once and
        // the delete waits for the lock.
        Thread.sleep(forTimeInterval: 1.0)
        try reader.exec("COMMIT")
        opened.wait()
        let busy = try XCTUnwrap(box.store, "\(String(describing: box.error))")
        XCTAssertFalse(busy.emptiedInPlace, "a writer holds the lock: rows deleted instead")
        XCTAssertTrue(busy.notes.joined().contains("rebuilding"))
        XCTAssertEqual(try busy.db.scalarInt("SELECT count(*) FROM files"), 0)
        XCTAssertEqual(Export.json(try busy.load(root: corpusDir).meetings), want)
        XCTAssertEqual(busy.lastSync.parsed, 5)
    }

    func testDamagedIndexIsRebuiltWithOneMessage() throws {
        _ = try load()
        IndexStore.removeFiles(dbPath + "-unused")
        for damage in ["garbage", "truncate"] {
            let fm = FileManager.default
            for suffix in ["-wal", "-shm"] { try? fm.removeItem(atPath: dbPath + suffix) }
            if damage == "garbage" {
                try Data(repeating: 0x5A, count: 70_000).write(to: URL(fileURLWithPath: dbPath))
            } else {
                let d = try Data(contentsOf: URL(fileURLWithPath: dbPath))
                try d.prefix(d.count / 3).write(to: URL(fileURLWithPath: dbPath))
            }
            let (s, notes) = IndexStore.openOrRebuild(path: dbPath)
            let store = try XCTUnwrap(s, damage)
            var corpus: Corpus?
            var messages = notes.count
            do { corpus = try store.load(root: corpusDir) } catch let e as SQLiteError where e.isCorrupt {
                // Damage found only when reading: the caller says so once, removes the file, and the next start rebuilds.
                messages += 1
                IndexStore.removeFiles(store.path)
                corpus = try IndexStore(path: dbPath).load(root: corpusDir)
            }
            XCTAssertEqual(corpus?.meetings.count, 5, damage)
            XCTAssertEqual(messages, 1, "\(damage): exactly one message (\(notes))")
        }
    }

    func testUnwritableCacheFallsBackWithAMessage() throws {
        let (s, notes) = IndexStore.openOrRebuild(path: "/proc/ttdn-cannot-write-here/index.sqlite")
        XCTAssertNil(s)
        XCTAssertEqual(notes.count, 1)
        XCTAssertTrue(notes[0].contains("running without it"))
    }

    func testStateSurvivesADeletedCacheAndMovesBetweenMachines() throws {
        let statePath = dir.appendingPathComponent("state/ttdn/state.json").path
        let st = try StateStore(path: statePath)
        try st.set(StateStore.Marks(read: ["000_fc2b759d0bdd75d9"], starred: ["004_d6b9958ae3e37fe2"]), for: corpusDir)
        _ = try load()
        IndexStore.removeFiles(dbPath)
        let again = try StateStore(path: statePath)
        XCTAssertEqual(again.marks(for: corpusDir).starred, ["004_d6b9958ae3e37fe2"])
        let exported = try again.export()
        let other = try StateStore(path: dir.appendingPathComponent("other/state.json").path)
        XCTAssertEqual(try other.merge(exported), 2)
        XCTAssertEqual(other.marks(for: corpusDir).read, ["000_fc2b759d0bdd75d9"])
        XCTAssertThrowsError(try other.merge(Data("nonsense".utf8)))
        try Data("{broken".utf8).write(to: URL(fileURLWithPath: statePath))
        XCTAssertThrowsError(try StateStore(path: statePath)) { e in XCTAssertTrue("\(e)".contains("kept as")) }
        XCTAssertNoThrow(try StateStore(path: statePath), "a damaged state file is set aside, not fatal")
    }

    func testCodecRejectsGarbage() {
        XCTAssertNil(MeetingCodec.decodeHead([0xFF, 0xFF, 0xFF]))
        XCTAssertNil(MeetingCodec.decodeBody([0x05, 0x01]))
    }
}

/// Search through the index agrees with the generator's truth on 2,000 articles.
final class IndexSearchTests: XCTestCase {
    func testSearchAgainstTheManifest() throws {
        let shared = ProcessInfo.processInfo.environment["TTDN_SHARED"] ?? projectRoot.deletingLastPathComponent().appendingPathComponent("shared").path
        let gen = shared + "/tools/gen_corpus.py"
        guard FileManager.default.fileExists(atPath: gen) else { throw XCTSkip("generator not found at \(gen)") }
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("ttdn-search-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: dir) }
        let out = dir.appendingPathComponent("c").path, manifest = dir.appendingPathComponent("m.jsonl").path
        let p = Process()
        p.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        p.arguments = ["python3", gen, "--count", "2000", "--seed", "11", "--out", out, "--manifest", manifest]
        try p.run(); p.waitUntilExit()
        let store = try IndexStore(path: dir.appendingPathComponent("i.sqlite").path)
        let corpus = try store.load(root: out)
        var truth: [String: (String, Bool)] = [:]
        for line in try String(contentsOfFile: manifest, encoding: .utf8).split(separator: "\n") {
            let t = try JSONSerialization.jsonObject(with: Data(line.utf8)) as! [String: Any]
            if let prov = t["province"] as? String { truth[(t["file"] as! String).replacingOccurrences(of: ".txt", with: "")] = (prov, t["mentions_province"] as! Bool) }
        }
        let fresh = try Corpus.load(path: out)
        for (province, query) in [("Lạng Sơn", "lang son"), ("Hưng Yên", "Hưng Yên"), ("Bà Rịa - Vũng Tàu", "ba ria")] {
            let want = Set(truth.filter { $0.value.0 == province && $0.value.1 }.map(\.key))
            let got = try XCTUnwrap(store.matches(SearchQuery(query)))
            XCTAssertTrue(want.isSubset(of: got), "\(query): every article that mentions \(province) is found (\(want.subtracting(got).count) missed)")
            let inMemory = Set(fresh.meetings.filter { SearchQuery(query).matches($0) }.map(\.id))
            XCTAssertEqual(got, inMemory, "\(query): index and in-memory search agree")
            if province == "Lạng Sơn" {
                // Unquoted words match anywhere ("làng … Sơn La" too); the quoted phrase is precise.
                let phrase = try XCTUnwrap(store.matches(SearchQuery("\"lang son\"")))
                XCTAssertTrue(want.isSubset(of: phrase))
                XCTAssertEqual(phrase.filter { truth[$0]?.0 != "Lạng Sơn" }.count, 0, "“\"lang son\"” only ever hits Lạng Sơn articles")
                XCTAssertEqual(phrase, Set(fresh.meetings.filter { SearchQuery("\"lang son\"").matches($0) }.map(\.id)), "index and in-memory agree on phrases")
                let anyOrder = try XCTUnwrap(store.matches(SearchQuery("son lang")))
                XCTAssertEqual(anyOrder, got, "words in any order")
            }
        }
        let nfd = truth.keys.filter { k in corpus.meetings.first { $0.id == k }?.diagnostics.contains { $0.contains("NFD") } == true }
        XCTAssertGreaterThan(nfd.count, 0)
        let nfdLangSon = nfd.filter { truth[$0]!.0 == "Lạng Sơn" && truth[$0]!.1 }
        XCTAssertTrue(Set(nfdLangSon).isSubset(of: store.matches(SearchQuery("lạng sơn"))!), "NFD articles are found like NFC ones")
    }
}
