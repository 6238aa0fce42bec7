import Foundation
import XCTest
@testable import TTDNIndex

/// The read/starred marks store: durable, one row per mark, safe from several threads and processes,
/// migrated from the JSON file of earlier versions, exported and imported in that same format.
final class MarksTests: XCTestCase {
    var dir: URL!
    var dbPath: String { dir.appendingPathComponent("ttdn/marks.sqlite").path }
    let corpus = "/tmp/ttdn-marks-corpus"

    override func setUpWithError() throws {
        dir = FileManager.default.temporaryDirectory.appendingPathComponent("ttdn-marks-\(UUID().uuidString)")
    }
    override func tearDownWithError() throws { try? FileManager.default.removeItem(at: dir) }

    func testMarksSurviveReopening() throws {
        do {
            let s = try StateStore(path: dbPath)
            try s.setMark(root: corpus, id: "a", kind: .read, on: true)
            try s.setMark(root: corpus, id: "b", kind: .starred, on: true)
            try s.setMark(root: corpus, id: "c", kind: .read, on: true)
            try s.setMark(root: corpus, id: "c", kind: .read, on: false)
            XCTAssertEqual(try s.setMarks(root: corpus, ids: ["d", "e", "a"], kind: .read, on: true), 2, "a was read already")
        }
        let s = try StateStore(path: dbPath)
        XCTAssertEqual(s.marks(for: corpus), StateStore.Marks(read: ["a", "d", "e"], starred: ["b"]))
        XCTAssertEqual(s.marks(for: corpus + "/"), s.marks(for: corpus), "one corpus, however its path is spelled")
        XCTAssertTrue(s.isMarked(root: corpus, id: "b", kind: .starred))
        XCTAssertFalse(s.isMarked(root: corpus, id: "b", kind: .read))
        XCTAssertEqual(s.marks(for: "/elsewhere"), StateStore.Marks())
        // The whole-set call writes the difference.
        try s.set(StateStore.Marks(read: ["a", "z"], starred: []), for: corpus)
        XCTAssertEqual(try StateStore(path: dbPath).marks(for: corpus), StateStore.Marks(read: ["a", "z"], starred: []))
    }

    /// One mark among 100,000 writes what the first one did: one row, a few pages of WAL (the JSON
    /// file it replaces was rewritten whole: megabytes).
    func testOneMoreMarkAmong100000WritesOneRow() throws {
        let s = try StateStore(path: dbPath)
        let wal = dbPath + "-wal"
        func walBytes() -> Int { (try? FileManager.default.attributesOfItem(atPath: wal)[.size] as? Int) ?? 0 }
        try s.setMarks(root: corpus, ids: ["warm-up"], kind: .starred, on: true)   // the corpus row exists
        try s.checkpoint()
        var rows = s.rowsWritten
        try s.setMark(root: corpus, id: "first", kind: .read, on: true)
        let firstRows = s.rowsWritten - rows, firstWAL = walBytes()

        let ids = (0..<100_000).map { String(format: "%06d_%016llx", $0, UInt64($0) &* 0x9E3779B97F4A7C15) }
        XCTAssertEqual(try s.setMarks(root: corpus, ids: ids, kind: .read, on: true), 100_000)
        try s.checkpoint()
        XCTAssertEqual(walBytes(), 0)
        rows = s.rowsWritten
        try s.setMark(root: corpus, id: "050000_zz-one-more", kind: .read, on: true)
        XCTAssertEqual(s.rowsWritten - rows, 1)
        XCTAssertEqual(firstRows, 1)
        let page = 4096 + 24
        XCTAssertGreaterThan(firstWAL, 0)
        XCTAssertLessThanOrEqual(walBytes(), firstWAL + 2 * page, "a leaf and at most a split: as small as the first mark (\(firstWAL) bytes)")
        XCTAssertLessThanOrEqual(walBytes(), 32 + 5 * page)
        try s.checkpoint()
        rows = s.rowsWritten
        try s.setMark(root: corpus, id: "050000_zz-one-more", kind: .read, on: false)
        XCTAssertEqual(s.rowsWritten - rows, 1)
        XCTAssertLessThanOrEqual(walBytes(), 32 + 5 * page)
        XCTAssertEqual(s.marks(for: corpus).read.count, 100_001)
    }

    func testThreadsMarkingAtOnceLoseNothing() throws {
        let shared = try StateStore(path: dbPath)
        let own = try (0..<2).map { _ in try StateStore(path: dbPath) }
        let errors = ErrorBox()
        let corpus = self.corpus
        DispatchQueue.concurrentPerform(iterations: 4) { t in
            let s = t < 2 ? shared : own[t - 2]   // two threads share a store; two have their own connection
            do {
                for i in 0..<40 {
                    try s.setMark(root: corpus, id: "t\(t)-\(i)", kind: i % 2 == 0 ? .read : .starred, on: true)
                    if i % 10 == 9 { try s.setMark(root: corpus, id: "t\(t)-\(i)", kind: .starred, on: false) }
                }
            } catch { errors.add(error) }
        }
        XCTAssertEqual(errors.all.count, 0, "\(errors.all)")
        let m = try StateStore(path: dbPath).marks(for: corpus)
        XCTAssertEqual(m.read.count, 4 * 20)
        XCTAssertEqual(m.starred.count, 4 * 16)
    }

    /// Two other processes (this test binary again, running `testWorkerMarks`) and this one mark the
    /// same corpus at once, one mark per transaction.
    func testProcessesMarkingAtOnceLoseNothing() throws {
        let exe = try FileManager.default.destinationOfSymbolicLink(atPath: "/proc/self/exe")
        let s = try StateStore(path: dbPath)
        var workers: [Process] = []
        for w in 0..<2 {
            let p = Process()
            p.executableURL = URL(fileURLWithPath: exe)
            p.arguments = ["TTDNIndexTests.MarksTests/testWorkerMarks"]
            var env = ProcessInfo.processInfo.environment
            env["TTDN_MARKS_WORKER"] = "\(dbPath)|\(corpus)|w\(w)|60"
            p.environment = env
            p.standardOutput = FileHandle.nullDevice
            p.standardError = FileHandle.nullDevice
            try p.run()
            workers.append(p)
        }
        for i in 0..<60 { try s.setMark(root: corpus, id: "main-\(i)", kind: .read, on: true) }
        for p in workers { p.waitUntilExit(); XCTAssertEqual(p.terminationStatus, 0, "a worker failed") }
        let m = try StateStore(path: dbPath).marks(for: corpus)
        XCTAssertEqual(m.read.count, 180)
        for prefix in ["main", "w0", "w1"] { XCTAssertTrue(m.read.contains("\(prefix)-59"), prefix) }
    }

    /// The other process of `testProcessesMarkingAtOnceLoseNothing` (skipped when run on its own).
    func testWorkerMarks() throws {
        guard let job = ProcessInfo.processInfo.environment["TTDN_MARKS_WORKER"] else {
            throw XCTSkip("the worker process of testProcessesMarkingAtOnceLoseNothing")
        }
        let parts = job.split(separator: "|").map(String.init)
        let s = try StateStore(path: parts[0])
        for i in 0..<Int(parts[3])! { try s.setMark(root: parts[1], id: "\(parts[2])-\(i)", kind: .read, on: true) }
    }

    func testMigratesStateJSONOnceAndKeepsItAsABackup() throws {
        let legacy = dir.appendingPathComponent("ttdn/state.json").path
        try FileManager.default.createDirectory(atPath: (legacy as NSString).deletingLastPathComponent, withIntermediateDirectories: true)
        let old: [String: StateStore.Marks] = [
            "/corpus/one": .init(read: ["001", "002"], starred: ["002"]),
            "/corpus/two": .init(read: [], starred: []),
        ]
        let oldJSON = try StateStore.encode(old)
        try oldJSON.write(to: URL(fileURLWithPath: legacy))
        let s = try StateStore(path: dbPath)
        XCTAssertEqual(s.marks(for: "/corpus/one"), old["/corpus/one"])
        XCTAssertFalse(FileManager.default.fileExists(atPath: legacy))
        XCTAssertEqual(FileManager.default.contents(atPath: legacy + ".migrated"), oldJSON, "kept as it was")
        XCTAssertEqual(try s.export(), oldJSON, "export-state prints what the old file held, byte for byte")
        XCTAssertEqual(try StateStore(path: dbPath).marks(for: "/corpus/one"), old["/corpus/one"], "migrated once")
        // An older ttdn writing state.json again: merged on the next open (a union).
        try StateStore.encode(["/corpus/one": .init(read: ["003"], starred: [])]).write(to: URL(fileURLWithPath: legacy))
        XCTAssertEqual(try StateStore(path: legacy).marks(for: "/corpus/one").read, ["001", "002", "003"], "opened by the old file's path")
        XCTAssertTrue(FileManager.default.fileExists(atPath: legacy + ".migrated"))
    }

    func testExportAndImportKeepTheirFormat() throws {
        let s = try StateStore(path: dbPath)
        try s.set(StateStore.Marks(read: ["b", "a"], starred: ["c"]), for: "/x")
        try s.set(StateStore.Marks(), for: "/empty")
        let want = """
            {
              "corpora" : {
                "\\/empty" : {
                  "read" : [

                  ],
                  "starred" : [

                  ]
                },
                "\\/x" : {
                  "read" : [
                    "a",
                    "b"
                  ],
                  "starred" : [
                    "c"
                  ]
                }
              },
              "version" : 1
            }
            """
        let exported = try s.export()
        XCTAssertEqual(exported, try StateStore.encode(["/x": .init(read: ["a", "b"], starred: ["c"]), "/empty": .init()]))
        XCTAssertEqual(String(decoding: exported, as: UTF8.self), want, "the format of earlier versions (Foundation escapes /)")
        let other = try StateStore(path: dir.appendingPathComponent("other/marks.sqlite").path)
        XCTAssertEqual(try other.merge(exported), 3)
        XCTAssertEqual(try other.merge(exported), 0, "a union: nothing twice")
        XCTAssertEqual(try other.export(), exported)
        XCTAssertThrowsError(try other.merge(Data("nonsense".utf8))) { e in XCTAssertTrue("\(e)".contains("cannot import")) }
    }

    func testADamagedDatabaseIsSetAsideOnce() throws {
        try FileManager.default.createDirectory(atPath: (dbPath as NSString).deletingLastPathComponent, withIntermediateDirectories: true)
        try Data(repeating: 0x41, count: 8192).write(to: URL(fileURLWithPath: dbPath))
        XCTAssertThrowsError(try StateStore(path: dbPath)) { e in XCTAssertTrue("\(e)".contains("kept as"), "\(e)") }
        let s = try StateStore(path: dbPath)
        try s.setMark(root: corpus, id: "a", kind: .read, on: true)
        XCTAssertEqual(s.marks(for: corpus).read, ["a"])
    }
}

final class ErrorBox: @unchecked Sendable {
    private let lock = NSLock()
    private var errors: [Error] = []
    func add(_ e: Error) { lock.lock(); errors.append(e); lock.unlock() }
    var all: [Error] { lock.lock(); defer { lock.unlock() }; return errors }
}
