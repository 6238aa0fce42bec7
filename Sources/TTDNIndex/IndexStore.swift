import CSQLite
import Foundation
import TTDNCore

/// The persistent index of one corpus folder: every file's size, mtime and
/// parsed meeting (the head here, the body in a docs file beside it), and a word index over text
/// we folded ourselves (`WordIndex`: SQLite's FTS5 would not fold đ). On start only
/// files added, changed or removed since the last run are parsed again; a
/// new parser version rebuilds.
///
/// A build is a pipeline: worker threads (one per core) read, parse and encode files while the
/// calling thread writes their results as they arrive (a bounded queue keeps memory flat) and
/// commits every few hundred milliseconds, so a reader on another connection never waits long and a
/// build killed halfway resumes where it stopped. Several processes may build one index at once:
/// writes take the lock with `BEGIN IMMEDIATE` (busy timeout and retries), and a file is written
/// only when no row holds that version of it (idempotent by path).
public final class IndexStore: MeetingStore, @unchecked Sendable {
    public static let schemaVersion = 8
    public let path: String
    let db: Database
    let lock = NSLock()
    public private(set) var notes: [String] = []
    /// Largest row key handed out, for sizing search bitmaps.
    public private(set) var maxRowid = 0
    /// Hashes of the parsed heads of the last sync (by row key): `saveResolved` stores a resolved head
    /// only where resolution changed it.
    var parsedHash: [Int: UInt64] = [:]

    public struct SyncStats: Sendable, Equatable {
        public var files = 0, parsed = 0, reused = 0, removed = 0, skipped = 0
    }
    public private(set) var lastSync = SyncStats()
    /// Whether opening found another version's index and emptied the file (else it was current, new,
    /// or its rows were deleted because another connection was reading).
    private(set) var emptiedInPlace = false
    /// Whether docs files of other generations may lie beside the index (removed after opening).
    private var staleDocs = false
    /// The docs file of the generation `meta.docs` names, once opened.
    private var docs: (generation: String, file: DocFile)?
    /// Segment dictionaries read so far, by segment id (a segment never changes once written).
    private var segments: [Int: WordIndex.Segment] = [:]

    /// The search index: segments of `WordIndex` (a sorted term dictionary and its postings),
    /// one per build commit, merged at the end of a build. Rows of replaced files cannot be taken
    /// out of a segment, so their keys go to `dead` and are never handed out again (AUTOINCREMENT).
    static let wordsSchema = "CREATE TABLE IF NOT EXISTS words(segment INTEGER PRIMARY KEY AUTOINCREMENT, rows INTEGER, dictionary BLOB, postings BLOB)"

    /// Where the index of `root` lives: $XDG_CACHE_HOME/ttdn (else ~/.cache/ttdn), one file per folder.
    public static func defaultPath(for root: String, environment: [String: String] = ProcessInfo.processInfo.environment) -> String {
        let base = environment["XDG_CACHE_HOME"].flatMap { $0.isEmpty ? nil : $0 }
            ?? ((environment["HOME"] ?? NSHomeDirectory()) + "/.cache")
        let abs = URL(fileURLWithPath: root).standardizedFileURL.resolvingSymlinksInPath().path
        var h: UInt64 = 0xcbf29ce484222325
        for b in abs.utf8 { h = (h ^ UInt64(b)) &* 0x100000001b3 }
        let name = (abs as NSString).lastPathComponent.filter { $0.isLetter || $0.isNumber || $0 == "-" || $0 == "_" }
        return base + "/ttdn/" + (name.isEmpty ? "corpus" : String(name.prefix(40))) + "-" + String(h, radix: 16) + ".sqlite"
    }

    /// Opens or creates the index. Throws `SQLiteError` (damaged, locked, read-only) for the caller to
    /// recover from; `openOrRebuild` does that.
    public init(path: String) throws {
        self.path = path
        try FileManager.default.createDirectory(atPath: (path as NSString).deletingLastPathComponent, withIntermediateDirectories: true)
        db = try Database(path: path)
        // The WAL is copied back every 10,000 pages rather than 1,000: a build's commits then rarely
        // wait for a checkpoint.
        try Self.setUp(db)
        try db.exec("PRAGMA wal_autocheckpoint=10000")
        try db.exec("PRAGMA synchronous=NORMAL; PRAGMA cache_size=-32000;")
        // Temporary tables in memory once open, but on file while the schema may be reset below (a
        // rebuild's DROP of a large table fills them: at 100,000 articles, dropping the FTS5 table of
        // an earlier schema peaked at 718 MB, 240 MB over a first build). The setting must come before BEGIN.
        defer { try? db.exec("PRAGMA temp_store=MEMORY") }
        try db.exec("PRAGMA busy_timeout=5000")
        // An index of this version needs no write (taking the write lock here would wait for a build
        // in another process).
        let version = "\(Self.schemaVersion).\(ArticleParser.version)"
        // The stored JSON is only as good as the exporter that wrote it: when `Export.jsonObject` writes
        // a probe record differently, the timeline is dropped and the next sync refills it from the
        // stored heads (a resolve, not a parse).
        let format = Self.jsonFormatStamp
        if (try? db.scalarInt("SELECT count(*) FROM meta WHERE key = 'version' AND value = '\(version)'")) == 1,
           (try? db.scalarInt("SELECT count(*) FROM meta WHERE key = 'docs'")) == 1,
           (try? db.scalarInt("SELECT count(*) FROM meta WHERE key = 'json_format' AND value = '\(format.replacingOccurrences(of: "'", with: "''"))'")) == 1 { return }
        // An index of another version is rebuilt from scratch: the file is emptied in place rather
        // than its rows deleted (at 100,000 articles, freeing 1.5 GB page by page and then writing
        // into the holes made a rebuild 16 % slower than a first build). A reader keeps its snapshot
        // (WAL); while another connection writes, VACUUM is BUSY and the transaction below waits,
        // then deletes the rows if the version is still another. A process building at the same
        // moment after the same upgrade fails its next write and runs without the index that once.
        if let st = try? db.prepare("SELECT value FROM meta WHERE key = 'version'"), (try? st.step()) == true,
           let stored = st.string(0), stored != version {
            st.reset()
            // Without waiting: a connection holding the write lock may be rebuilding for this very
            // version, which the transaction below then finds (after waiting) and keeps.
            sqlite3_busy_timeout(db.handle, 0)
            let emptied = csqlite_reset_database(db.handle) == SQLITE_OK
            sqlite3_busy_timeout(db.handle, 5000)
            if emptied {
                emptiedInPlace = true
                notes.append("index: parser or schema changed (\(stored) → \(version)); rebuilding")
                try Self.setUp(db)
            }
        }
        // One transaction: two processes opening a fresh index create it once and agree on its version.
        try immediate {
            // Tables of earlier schemas (no doc record columns; FTS5 and a bodies table) go.
            let old = try db.scalarInt("SELECT count(*) FROM sqlite_master WHERE name = 'files' AND sql NOT LIKE '%doc_sum%'") ?? 0
            if old > 0 {
                try db.exec("DROP TABLE files; DROP TABLE IF EXISTS resolved; DELETE FROM meta WHERE key = 'version';")
            }
            try db.exec("DROP TABLE IF EXISTS bodies; DROP TABLE IF EXISTS fts;")
            // `head` is the parsed head (what resolution starts from); `doc_at`, `doc_len` and `doc_sum`
            // place its `DocRecord` (paragraphs and search text) in the docs file.
            try db.exec("""
                CREATE TABLE IF NOT EXISTS meta(key TEXT PRIMARY KEY, value TEXT);
                CREATE TABLE IF NOT EXISTS files(rowid INTEGER PRIMARY KEY AUTOINCREMENT, path BLOB UNIQUE NOT NULL, id TEXT, size INTEGER,
                    mtime INTEGER, status TEXT, messages TEXT, head BLOB, doc_at INTEGER, doc_len INTEGER, doc_sum INTEGER);
                CREATE TABLE IF NOT EXISTS dead(rowid INTEGER PRIMARY KEY);
                CREATE TABLE IF NOT EXISTS folders(path BLOB PRIMARY KEY, device INTEGER, inode INTEGER, mtime INTEGER, ctime INTEGER);
                CREATE INDEX IF NOT EXISTS files_id ON files(id);
                CREATE INDEX IF NOT EXISTS files_sync ON files(path, size, mtime, status, messages);
                """)
            // The resolved timeline carries compact columns (id, file, year, province, kind, meeting) so the
            // command line can count and filter without decoding heads; the head comes last, so reading the
            // columns never reads it. `head` is the resolved head where resolution changed the parsed one,
            // NULL where it is the parsed head in `files.head`: each head is written once.
            // The objects `list --format json` prints are kept beside the index (`ListFile`), not here.
            let columns = try db.scalarInt("SELECT count(*) FROM sqlite_master WHERE name = 'resolved' AND sql NOT LIKE '%json BLOB%'") ?? 0
            if columns == 0 { try db.exec("DROP TABLE IF EXISTS resolved; DELETE FROM folders;") }
            try db.exec("""
                CREATE TABLE IF NOT EXISTS resolved(rowid INTEGER PRIMARY KEY, ord INTEGER, id TEXT, file TEXT, year INTEGER,
                    province TEXT, kind TEXT, meeting INTEGER, head BLOB);
                CREATE INDEX IF NOT EXISTS resolved_id ON resolved(id);
                CREATE INDEX IF NOT EXISTS resolved_columns ON resolved(ord, id, year, province, kind, meeting);
                CREATE TABLE IF NOT EXISTS snapshot(name TEXT PRIMARY KEY, data BLOB);
                """)
            try db.exec(Self.wordsSchema)
            let hasDocs = try db.scalarInt("SELECT count(*) FROM meta WHERE key = 'docs'") ?? 0
            let st = try db.prepare("SELECT value FROM meta WHERE key = 'version'")
            let stored = try st.step() ? st.string(0) : nil
            st.reset()   // a pending statement would block the DROP TABLE below
            let fst = try db.prepare("SELECT value FROM meta WHERE key = 'json_format'")
            let storedFormat = try fst.step() ? fst.string(0) : nil
            fst.reset()
            if storedFormat != format {
                try db.exec("DELETE FROM resolved; DELETE FROM snapshot; DELETE FROM folders;")
                try db.prepare("INSERT OR REPLACE INTO meta(key, value) VALUES('json_format', ?)").bind(1, format).run()
            }
            if stored != version || hasDocs == 0 {
                if let stored, stored != version { notes.append("index: parser or schema changed (\(stored) → \(version)); rebuilding") }
                try db.exec("DELETE FROM files; DELETE FROM words; DELETE FROM resolved; DELETE FROM snapshot; DELETE FROM folders; DELETE FROM dead;")
                try db.prepare("INSERT OR REPLACE INTO meta(key, value) VALUES('version', ?)").bind(1, version).run()
                // A new docs file: what the old one holds belongs to rows just deleted.
                try db.prepare("INSERT OR REPLACE INTO meta(key, value) VALUES('docs', ?)").bind(1, Self.newGeneration()).run()
                staleDocs = true
            }
        }
        if staleDocs { removeStaleDocs() }
    }

    /// A random generation name (16 hex digits) for a docs file.
    static func newGeneration() -> String { String(format: "%016llx", UInt64.random(in: 0...UInt64.max)) }

    /// Removes the docs files beside the index that are not of the current generation (an earlier
    /// version's, or one a compaction replaced). A reader still on an old snapshot then finds its
    /// records missing and parses those articles' files again.
    func removeStaleDocs() {
        let current = (try? db.prepare("SELECT value FROM meta WHERE key = 'docs'")).flatMap { st in (try? st.step()) == true ? st.string(0) : nil }
        let dir = (path as NSString).deletingLastPathComponent
        let prefix = (path as NSString).lastPathComponent + "-docs-"
        for name in (try? FileManager.default.contentsOfDirectory(atPath: dir)) ?? [] where name.hasPrefix(prefix) {
            if let current, name == prefix + current { continue }
            unlink(dir + "/" + name)
        }
    }

    /// The settings of a new file (page size) and of every connection (WAL).
    static func setUp(_ db: Database) throws {
        // 8 KiB pages (a new file only): a body fits in fewer pages.
        try db.exec("PRAGMA page_size=8192")
        try retrying { try db.exec("PRAGMA journal_mode=WAL") }
    }

    /// Runs `body` again while the database is busy (another process held the write lock longer
    /// than the busy timeout).
    static func retrying<T>(_ body: () throws -> T) throws -> T {
        var tries = 0
        while true {
            do { return try body() } catch let e as SQLiteError where e.isBusy && tries < 100 {
                tries += 1
                usleep(useconds_t(20_000 + Int.random(in: 0..<30_000)))
            }
        }
    }

    /// `body` in a `BEGIN IMMEDIATE` transaction (the write lock taken first, retried while busy),
    /// rolled back if it throws.
    func immediate<T>(_ body: () throws -> T) throws -> T {
        try Self.retrying { try db.exec("BEGIN IMMEDIATE") }
        do {
            let r = try body()
            try Self.retrying { try db.exec("COMMIT") }
            return r
        } catch {
            try? db.exec("ROLLBACK")
            throw error
        }
    }

    /// Runs `body` in one read transaction (unless one is open already): what it reads comes from one
    /// commit. `body` must not write. Other threads' statements on this connection fall inside it too.
    public func reading<T>(_ body: () throws -> T) rethrows -> T {
        lock.lock()
        let began = sqlite3_get_autocommit(db.handle) != 0 && (try? db.exec("BEGIN")) != nil
        lock.unlock()
        defer {
            if began {
                lock.lock()
                _ = try? db.exec("COMMIT")
                lock.unlock()
            }
        }
        return try body()
    }

    /// As `reading`, for a command that reads thousands of rows and exits. Each statement outside a
    /// transaction takes and drops the shared lock (two fcntl and a stat): at 100,000 articles
    /// `list --search` made 20,000 fcntl calls for 9,900 rows. The page cache is small meanwhile:
    /// rows read once are not worth keeping, and every new slot of a large cache is fresh memory the
    /// kernel must fault in and zero. (A memory-mapped file was slower still: a page fault per page
    /// touched and a long munmap at exit.)
    public func readingAtOnce<T>(_ body: () throws -> T) rethrows -> T {
        lock.lock()
        let cache = (try? db.scalarInt("PRAGMA cache_size")) ?? -32000
        _ = try? db.exec("PRAGMA cache_size=-2000")
        lock.unlock()
        defer {
            lock.lock()
            _ = try? db.exec("PRAGMA cache_size=\(cache)")
            lock.unlock()
        }
        return try reading(body)
    }

    /// Opens the index, or deletes a damaged one and starts afresh; nil (with a note) when the
    /// index cannot be used at all (read-only disk, locked by another process).
    public static func openOrRebuild(path: String) -> (IndexStore?, [String]) {
        do {
            let s = try IndexStore(path: path)
            return (s, s.notes)
        } catch let e as SQLiteError where e.isCorrupt {
            removeFiles(path)
            if let s = try? IndexStore(path: path) { return (s, ["index: \(path) was damaged (\(e.message)); rebuilt"] + s.notes) }
            return (nil, ["index: \(path) is damaged and could not be rebuilt; running without it"])
        } catch {
            return (nil, ["index: cannot use \(path) (\(error)); running without it"])
        }
    }

    public static func removeFiles(_ path: String) {
        for suffix in ["", "-wal", "-shm", "-journal", "-list"] { try? FileManager.default.removeItem(atPath: path + suffix) }
        let dir = (path as NSString).deletingLastPathComponent, prefix = (path as NSString).lastPathComponent + "-docs-"
        for name in (try? FileManager.default.contentsOfDirectory(atPath: dir)) ?? [] where name.hasPrefix(prefix) { unlink(dir + "/" + name) }
    }

    // MARK: - Sync

    /// Brings the index up to date with `root` and returns the corpus (meetings without their
    /// bodies; `paragraphs(for:)` reads those on demand).
    public func load(root: String, progress: (@Sendable (Int, Int) -> Void)? = nil) throws -> Corpus {
        try sync(root: root, progress: progress, decodeCached: true)!
    }

    /// Whether every file found is as stored and the resolved timeline is complete: one light pass
    /// over the sync index, nothing decoded (the `decodeCached: false` fast path of `sync`).
    func isCurrent(_ found: [FileWalker.Found], _ onDisk: [[UInt8]: (size: Int, mtime: Int)], stats: inout SyncStats) throws -> Bool {
        let quick = try db.prepare("SELECT path, size, mtime, status FROM files")
        var rows = 0, loaded = 0, same = true
        while try quick.step() {
            guard let d = onDisk[quick.blob(0) ?? []], d.size == quick.int(1), d.mtime == quick.int(2) else { same = false; break }
            rows += 1
            if quick.string(3) == FileReport.Status.loaded.rawValue { loaded += 1 }
        }
        quick.reset()
        guard same, rows == found.count, loaded > 0, (try db.scalarInt("SELECT count(*) FROM resolved")) == loaded else { return false }
        maxRowid = try db.scalarInt("SELECT max(rowid) FROM files") ?? 0
        stats.reused = rows
        stats.skipped = rows - loaded
        return true
    }

    /// Brings the index up to date with `root`. When nothing changed since the last run and
    /// `decodeCached` is false, returns nil without decoding anything: the resolved timeline in the
    /// index is current, and `timeline(keep:)` and `find(_:)` answer from it. Otherwise returns the
    /// corpus as `load` does. `progress(done, total)` is called after each commit of a build.
    public func sync(root: String, progress: (@Sendable (Int, Int) -> Void)? = nil, decodeCached: Bool) throws -> Corpus? {
        lock.lock(); defer { lock.unlock() }
        let timing = ProcessInfo.processInfo.environment["TTDN_TIMING"] != nil
        var t0 = Date()
        var cpu0 = Self.processCPU()
        func phase(_ name: String) {
            if timing {
                // And the CPU time of all threads meanwhile: how much of the two cores the phase used.
                let cpu = Self.processCPU()
                defer { cpu0 = cpu }
                // With the peak memory so far: which phase sets the process's high-water mark.
                let status = (try? String(contentsOfFile: "/proc/self/status", encoding: .utf8)) ?? ""
                let peak = status.split(separator: "\n").first { $0.hasPrefix("VmHWM:") }.map { $0.dropFirst(6).trimmingCharacters(in: .whitespaces) } ?? "?"
                FileHandle.standardError.write(Data(String(format: "%@ %.1f ms, CPU %.1f ms (peak %@)\n", name, Date().timeIntervalSince(t0) * 1000, (cpu - cpu0) * 1000, peak).utf8))
            }
            t0 = Date()
        }
        phase("start")
        var stamps = FileWalker.Stamps()
        let walkStarted = Date()
        let walk = try FileWalker.textFiles(under: root, stamps: &stamps)
        phase("walk")
        var stats = SyncStats(files: walk.found.count)

        var onDisk: [[UInt8]: (size: Int, mtime: Int)] = [:]
        onDisk.reserveCapacity(walk.found.count)
        for f in walk.found { onDisk[f.path] = (f.size, f.mtime) }

        // Asked not to decode: done if every file is as stored.
        if !decodeCached, try isCurrent(walk.found, onDisk, stats: &stats) {
            recordFolders(root: root, stamps, walked: walkStarted)
            lastSync = stats
            phase("checked")
            return nil
        }
        stats = SyncStats(files: walk.found.count)

        // One scan of the sync index: what is unchanged, and what is to be replaced or removed.
        var known: [[UInt8]: Int] = [:]
        var unchanged: [[UInt8]: (rowid: Int, report: FileReport)] = [:]
        var loadedRows = 0
        let read = try db.prepare("SELECT rowid, path, size, mtime, status, messages FROM files")
        while try read.step() {
            let p = read.blob(1) ?? []
            known[p] = read.int(0)
            guard let d = onDisk[p], d.size == read.int(2), d.mtime == read.int(3) else { continue }
            let status = FileReport.Status(rawValue: read.string(4) ?? "") ?? .skipped
            unchanged[p] = (read.int(0), FileReport(file: String(decoding: p, as: UTF8.self), status: status,
                                                     messages: (read.string(5) ?? "").split(separator: "\n").map(String.init)))
            if status == .loaded { loadedRows += 1 } else { stats.skipped += 1 }
            stats.reused += 1
        }
        read.reset()
        let fresh = walk.found.indices.filter { unchanged[walk.found[$0].path] == nil }
        let gone = known.filter { onDisk[$0.key] == nil }
        maxRowid = try db.scalarInt("SELECT max(rowid) FROM files") ?? 0

        // Meetings and reports in the walk's order (the order `Corpus.load` resolves in).
        var slots = [Meeting?](repeating: nil, count: walk.found.count)
        var reportSlots = [FileReport?](repeating: nil, count: walk.found.count)
        var slotOf: [Int: Int] = [:]
        slotOf.reserveCapacity(unchanged.count)
        for (i, f) in walk.found.enumerated() {
            if let u = unchanged[f.path] { reportSlots[i] = u.report; slotOf[u.rowid] = i }
        }
        phase("scan")

        // Nothing changed since the last run: the resolved timeline is in the index already.
        if fresh.isEmpty && gone.isEmpty, (try db.scalarInt("SELECT count(*) FROM resolved")) == loadedRows, loadedRows > 0 {
            recordFolders(root: root, stamps, walked: walkStarted)
            if !decodeCached {
                phase("checked")
                lastSync = stats
                return nil
            }
            var meetings: [Meeting] = []
            meetings.reserveCapacity(loadedRows)
            let st = try db.prepare("SELECT r.rowid, coalesce(r.head, f.head) FROM resolved r JOIN files f ON f.rowid = r.rowid ORDER BY r.ord")
            while try st.step() {
                guard var m = st.blob(1).flatMap(MeetingCodec.decodeHead) else { continue }
                m.storeKey = st.int(0)
                meetings.append(m)
            }
            st.reset()
            phase("resolved from cache")
            if meetings.count == loadedRows {
                lastSync = stats
                return Corpus(root: root, meetings: meetings, reports: walk.problems + reportSlots.compactMap { $0 })
            }
        }

        // The parsed heads of unchanged files: what resolution starts from.
        parsedHash.removeAll(keepingCapacity: true)
        let heads = try db.prepare("SELECT rowid, head FROM files WHERE status = 'loaded'")
        while try heads.step() {
            let rowid = heads.int(0)
            guard let i = slotOf[rowid], let bytes = heads.blob(1), var m = MeetingCodec.decodeHead(bytes) else { continue }
            m.storeKey = rowid
            slots[i] = m
            parsedHash[rowid] = Self.hash(bytes)
        }
        heads.reset()
        phase("decode parsed heads")

        if !fresh.isEmpty {
            try build(fresh, of: walk.found, into: &slots, reports: &reportSlots, stats: &stats, progress: progress, timing: timing)
            phase("parse+write")
        }
        // The timeline is resolved on another thread while this one tidies the index (merges the
        // search segments, forgets files that are gone, compacts the docs): the two share nothing,
        // and at 100,000 articles each takes about half a second.
        final class Resolving: @unchecked Sendable {
            var corpus: Corpus
            init(_ corpus: Corpus) { self.corpus = corpus }
        }
        let resolving = Resolving(Corpus(root: root, meetings: slots.compactMap { $0 }, reports: walk.problems + reportSlots.compactMap { $0 }))
        slots = []
        let resolved = DispatchGroup()
        DispatchQueue.global().async(group: resolved) { resolving.corpus.resolve() }
        do {
            if !fresh.isEmpty {
                try mergeSegments()
                phase("merge search segments")
            }
            // Forget files that are gone.
            if !gone.isEmpty {
                try immediate {
                    if fresh.isEmpty { try db.exec("DELETE FROM resolved; DELETE FROM snapshot; DELETE FROM folders;") }
                    let del = try db.prepare("DELETE FROM files WHERE rowid = ?")
                    let bury = try db.prepare("INSERT OR IGNORE INTO dead(rowid) VALUES(?)")
                    for (_, rowid) in gone {
                        del.bind(1, rowid); try del.run()
                        bury.bind(1, rowid); try bury.run()
                    }
                }
                stats.removed = gone.count
            }
            if !fresh.isEmpty || !gone.isEmpty {
                // Space of replaced and removed articles given back (a failure only leaves it for later).
                try? compactDocs()
                phase("compact docs")
            }
            lastSync = stats
            maxRowid = try db.scalarInt("SELECT max(rowid) FROM files") ?? 0
            phase("remove")
        } catch {
            resolved.wait()
            throw error
        }
        resolved.wait()
        let c = resolving.corpus
        phase("resolve")
        // Keep the resolved timeline for the next start (it depends on the whole corpus).
        if (try? saveResolved(c.meetings)) != nil { recordFolders(root: root, stamps, walked: walkStarted) }
        phase("save resolved")
        return c
    }

    /// CPU time, in seconds, of the whole process (every thread, user and system) or of the calling
    /// thread (phase timings on a shared machine).
    static func processCPU() -> Double { cpuSeconds(CLOCK_PROCESS_CPUTIME_ID) }
    static func threadCPU() -> Double { cpuSeconds(CLOCK_THREAD_CPUTIME_ID) }
    private static func cpuSeconds(_ clock: clockid_t) -> Double {
        var t = timespec()
        clock_gettime(clock, &t)
        return Double(t.tv_sec) + Double(t.tv_nsec) / 1e9
    }

    /// `HashSet64.hashLong` of a head: tells whether resolution changed it.
    static func hash(_ bytes: [UInt8]) -> UInt64 { bytes.withUnsafeBytes { HashSet64.hashLong($0) } }

    /// The resolved timeline, in order, replacing the stored one in one transaction: the compact
    /// columns of every meeting, and its head where resolution changed the parsed head (NULL where
    /// `files.head` holds it already). The one place that writes `resolved`.
    ///
    /// The rows go in by row key (the table's B-tree order: at 100,000 articles, inserting them in
    /// timeline order touched pages at random and took 1.2 s), while another thread builds the
    /// snapshot blobs and a third writes the list file.
    func saveResolved(_ meetings: [Meeting]) throws {
        let kept = meetings.filter { $0.storeKey >= 0 }
        final class Side: @unchecked Sendable {
            var blobs: [(name: String, data: [UInt8])] = []
            var generation: String?
        }
        let side = Side(), group = DispatchGroup(), listPath = ListFile.path(forIndex: path)
        try immediate {
            try db.exec("DELETE FROM resolved; DELETE FROM snapshot; DELETE FROM folders;")
            // Started inside the transaction: the list file is renamed into place before its
            // generation is committed (see `ListFile.write`), never while another writer holds the lock.
            DispatchQueue.global().async(group: group) { side.blobs = Self.snapshotBlobs(Timeline(kept), meetings: kept) }
            DispatchQueue.global().async(group: group) {
                // The objects `list --format json` prints, in the file beside the index; its generation
                // is committed with the timeline, so a reader takes it only when the two agree. When it
                // cannot be written the list renders from the heads.
                side.generation = try? ListFile.write(to: listPath, count: kept.count, object: { (kept[$0].id, Self.listJSON(kept[$0])) })
            }
            defer { group.wait() }   // on a throw too: the threads read `kept`
            let ins = try db.prepare("INSERT INTO resolved(rowid, ord, id, file, year, province, kind, meeting, head) VALUES(?, ?, ?, ?, ?, ?, ?, ?, ?)")
            for i in kept.indices.sorted(by: { kept[$0].storeKey < kept[$1].storeKey }) {
                let m = kept[i]
                ins.bind(1, m.storeKey).bind(2, i).bind(3, m.id).bind(4, m.file).bind(5, m.date?.year ?? 0)
                if let p = m.province { ins.bind(6, p) } else { sqlite3_bind_null(ins.handle, 6) }
                ins.bind(7, m.kind.rawValue).bind(8, m.isMeeting ? 1 : 0)
                let head = MeetingCodec.encodeHead(m)
                ins.bind(9, parsedHash[m.storeKey] == Self.hash(head) ? nil : head)
                try ins.run()
            }
            group.wait()
            // The list records beside the rows, in the same transaction: a start reads these blobs.
            try storeSnapshot(side.blobs)
            if let generation = side.generation {
                try db.prepare("INSERT OR REPLACE INTO snapshot(name, data) VALUES('list', ?)").bind(1, Array(generation.utf8)).run()
            }
        }
    }

    /// One file's result, read, parsed and encoded on a worker thread.
    struct Parsed: @unchecked Sendable {
        var slot: Int
        var size: Int, mtime: Int
        var report: FileReport
        var meeting: Meeting?   // without body or search text
        var head: [UInt8]? = nil
        /// The article's `DocRecord` and its checksum, and its search tokens.
        var doc: [UInt8]? = nil, docSum = 0
        var tokens = WordIndex.Tokens()
    }

    /// Reads (after a stat) and parses one file, and encodes what the writer stores.
    static func readAndParse(_ f: FileWalker.Found, slot: Int) -> Parsed {
        let (data, size, mtime) = FileWalker.readStat(f.path, limit: Corpus.maxFileBytes)
        // Unknown when it could not be opened: the walk's stat, so an unchanged failure is not retried.
        let sz = size >= 0 ? size : f.size, mt = mtime >= 0 ? mtime : f.mtime
        switch data {
        case .failure(let why):
            return Parsed(slot: slot, size: sz, mtime: mt, report: FileReport(file: f.display, status: .skipped, messages: [why.description]), meeting: nil)
        case .success(let d):
            let (m, report) = Corpus.parse(data: d, relative: f.relative, display: f.display)
            var p = Parsed(slot: slot, size: sz, mtime: mt, report: report, meeting: nil)
            if var m {
                let marked = MarkedWords.bytes(of: [m.title] + m.paragraphs.map(\.text) + [m.byline ?? ""] + m.siteLinks)
                p.tokens = WordIndex.tokens(folded: m.searchText, marked: marked)
                let doc = DocRecord.encode(m)
                p.doc = doc
                p.docSum = DocFile.checksum(doc)
                m.searchText = []
                m.searchTextRebuilt = -1
                p.head = MeetingCodec.encodeHead(m)
                m.paragraphs = []      // bodies stay on disk: memory holds what the list shows
                p.meeting = m
            }
            return p
        }
    }

    /// The pipeline: the files at `fresh` (indexes into `found`) read and parsed on worker threads,
    /// written here as they come, committed every ~200 ms.
    func build(_ fresh: [Int], of found: [FileWalker.Found], into slots: inout [Meeting?], reports: inout [FileReport?],
               stats: inout SyncStats, progress: (@Sendable (Int, Int) -> Void)?, timing: Bool) throws {
        let queue = BoundedQueue<Parsed>(capacity: 128)
        let workers = max(1, min(ProcessInfo.processInfo.activeProcessorCount, fresh.count))
        let next = Counter()
        let group = DispatchGroup()
        for _ in 0..<workers {
            group.enter()
            Thread.detachNewThread {
                defer { group.leave() }
                while !queue.isCancelled {
                    let k = next.next()
                    guard k < fresh.count else { break }
                    let slot = fresh[k]
                    queue.push(Self.readAndParse(found[slot], slot: slot))
                }
            }
        }
        defer {
            queue.cancel()
            group.wait()
        }

        let existing = try db.prepare("SELECT rowid, size, mtime FROM files WHERE path = ?")
        let del = try db.prepare("DELETE FROM files WHERE rowid = ?")
        let bury = try db.prepare("INSERT OR IGNORE INTO dead(rowid) VALUES(?)")
        let ins = try db.prepare("INSERT INTO files(path, id, size, mtime, status, messages, head, doc_at, doc_len, doc_sum) VALUES(?,?,?,?,?,?,?,?,?,?)")
        let insSegment = try db.prepare("INSERT INTO words(rows, dictionary, postings) VALUES(?, ?, ?)")
        let getHead = try db.prepare("SELECT head FROM files WHERE rowid = ?")
        // What the current transaction appends: doc records (written at `docBase` before its commit)
        // and the search segment of its rows.
        var docFile: DocFile?
        var docBase = 0
        var pendingDocs: [UInt8] = []
        var segment = WordIndex.Builder()

        func write(_ r: Parsed) throws {
            let f = found[r.slot]
            // Another process (or an earlier run) may have written this very version already.
            existing.bind(1, f.path)
            var reuse: Int?
            if try existing.step() {
                let (rowid, size, mtime) = (existing.int(0), existing.int(1), existing.int(2))
                existing.reset()
                if size == r.size && mtime == r.mtime { reuse = rowid } else {
                    del.bind(1, rowid); try del.run()
                    bury.bind(1, rowid); try bury.run()
                }
            } else {
                existing.reset()
            }
            reports[r.slot] = r.report
            if let rowid = reuse {
                guard var m = r.meeting else { stats.skipped += 1; return }
                m.storeKey = rowid
                getHead.bind(1, rowid)
                if try getHead.step(), let h = getHead.blob(0) { parsedHash[rowid] = Self.hash(h) }
                getHead.reset()
                slots[r.slot] = m
                return
            }
            ins.bind(1, f.path).bind(2, r.meeting?.id ?? f.relative).bind(3, r.size).bind(4, r.mtime)
               .bind(5, r.report.status.rawValue).bind(6, r.report.messages.joined(separator: "\n")).bind(7, r.head)
            if r.meeting != nil, let doc = r.doc {
                ins.bind(8, docBase + pendingDocs.count).bind(9, doc.count).bind(10, r.docSum)
                pendingDocs.append(contentsOf: doc)
            }
            try ins.run()
            guard var m = r.meeting, let head = r.head else { stats.skipped += 1; return }
            let rowid = Int(sqlite3_last_insert_rowid(db.handle))
            segment.add(key: rowid, r.tokens)
            m.storeKey = rowid
            parsedHash[rowid] = Self.hash(head)
            slots[r.slot] = m
        }

        var done = 0, first = true
        // Parsed files in batches (a few dozen: one wake-up of this thread each).
        var batch: [Parsed] = [], inBatch = 0, taken = 0
        func nextParsed() -> Parsed? {
            if inBatch == batch.count {
                guard taken < fresh.count else { return nil }
                batch = queue.pop(atLeast: min(32, fresh.count - taken))
                inBatch = 0
                taken += batch.count
                if batch.isEmpty { return nil }
            }
            inBatch += 1
            return batch[inBatch - 1]
        }
        // A transaction a second: readers (WAL) never wait for it, another writer waits at most that long,
        // and each commit writes one search segment (merged when the build ends).
        let commitEvery = 1.0
        var writing = 0.0, committing = 0.0, commits = 0
        while done < fresh.count {
            guard var r = nextParsed() else { break }
            let start = Date()
            // One short transaction: what arrives within a second (at most 20,000 files).
            try Self.retrying { try db.exec("BEGIN IMMEDIATE") }
            var n = 0
            do {
                // The docs file and its end as they are under the write lock: no one else appends now.
                guard let docs = currentDocFile() else { throw SQLiteError(code: SQLITE_CANTOPEN, message: "cannot open the docs file beside \(path)") }
                docFile = docs
                docBase = docs.size()
                pendingDocs.removeAll(keepingCapacity: true)
                // The cached timeline no longer holds once anything is written (even if this run is killed).
                if first { try db.exec("DELETE FROM resolved; DELETE FROM snapshot; DELETE FROM folders;"); first = false }
                while true {
                    // Thread CPU clocks are system calls: read only when timing is asked for.
                    let w = timing ? Self.threadCPU() : 0
                    try write(r)
                    if timing { writing += Self.threadCPU() - w }
                    n += 1
                    if done + n >= fresh.count || n >= 20000 || Date().timeIntervalSince(start) > commitEvery { break }
                    guard let more = nextParsed() else { break }
                    r = more
                }
                let c = timing ? Self.threadCPU() : 0
                // The records first, then the rows that point at them.
                if !pendingDocs.isEmpty, docFile?.write(pendingDocs, at: docBase) != true {
                    throw SQLiteError(code: SQLITE_IOERR, message: "cannot write the docs file beside \(path)")
                }
                if !segment.isEmpty {
                    let rows = segment.rows
                    let (dictionary, postings) = segment.encode()
                    insSegment.bind(1, rows).bind(2, dictionary).bind(3, postings)
                    try insSegment.run()
                }
                try Self.retrying { try db.exec("COMMIT") }
                if timing { committing += Self.threadCPU() - c }
            } catch {
                try? db.exec("ROLLBACK")
                throw error
            }
            done += n
            stats.parsed += n
            commits += 1
            progress?(done, fresh.count)
        }
        if timing { FileHandle.standardError.write(Data(String(format: "  (writer thread CPU: inserts %.1f ms, %d commits %.1f ms)\n", writing * 1000, commits, committing * 1000).utf8)) }
    }

    // MARK: - Is the index current? (folder stamps)

    /// How recent a folder's stamp may be, relative to the walk that read it, and still be trusted.
    /// File times come from a coarse clock (a few ms), so an entry added in the same tick as the
    /// folder's stat leaves the stamp as it was (git's "racy clean" case): such stamps are not
    /// recorded, and the next command makes the full check again.
    public var racyMargin: TimeInterval = 2

    /// Whether the index answers for `root` without the full check (a walk and a stat of every file,
    /// ~0.4 s at 100,000 files): true when the last full check (`sync`) found the index in step with
    /// the folder, recorded every folder's stamp (device, inode, mtime, ctime), and every folder still
    /// has it. Adding, removing or renaming a file — which is also how editors, cp and rsync save —
    /// changes its folder's stamp, so such a change is never served stale; a file rewritten in place
    /// keeps it, and is picked up by the next full check (`sync`: the browser, `--sync`, or any
    /// command once a folder changed). False whenever unsure: nothing recorded, another root,
    /// a folder gone or changed, symbolic-linked files, stamps too close to their walk.
    public func isCurrent(root: String) -> Bool {
        lock.lock(); defer { lock.unlock() }
        guard let st = try? db.prepare("SELECT value FROM meta WHERE key = 'folders_root'"), (try? st.step()) == true,
              st.string(0) == root,
              let folders = try? db.prepare("SELECT path, device, inode, mtime, ctime FROM folders") else { return false }
        var n = 0
        while (try? folders.step()) == true {
            let stored = FileWalker.Folder(path: folders.blob(0) ?? [], device: folders.int(1), inode: folders.int(2),
                                           mtime: folders.int(3), ctime: folders.int(4))
            guard FileWalker.Folder.current(stored.path) == stored else { return false }
            n += 1
        }
        guard n > 0 else { return false }
        maxRowid = (try? db.scalarInt("SELECT max(rowid) FROM files")) ?? 0
        return true
    }

    /// Records the folders' stamps from the walk of a full check that left the index in step with the
    /// folder (called by `sync`, under its lock); anything written to the index clears them first.
    func recordFolders(root: String, _ stamps: FileWalker.Stamps, walked: Date) {
        let limit = Int((walked.timeIntervalSince1970 - racyMargin) * 1_000_000_000)
        let trusted = stamps.linkedFiles == 0 && !stamps.folders.isEmpty
            && stamps.folders.allSatisfy { max($0.mtime, $0.ctime) < limit }
        do {
            try db.exec("BEGIN IMMEDIATE; DELETE FROM folders;")
            if trusted {
                let ins = try db.prepare("INSERT OR REPLACE INTO folders(path, device, inode, mtime, ctime) VALUES(?, ?, ?, ?, ?)")
                for f in stamps.folders {
                    ins.bind(1, f.path).bind(2, f.device).bind(3, f.inode).bind(4, f.mtime).bind(5, f.ctime)
                    try ins.run()
                }
                try db.prepare("INSERT OR REPLACE INTO meta(key, value) VALUES('folders_root', ?)").bind(1, root).run()
            }
            try db.exec("COMMIT")
        } catch {
            try? db.exec("ROLLBACK")
        }
    }

    // MARK: - Pre-rendered JSON

    /// A record's object in `list --format json` (`Export.json`'s indent), without the keys the
    /// command line adds; `IndexQuery.writeJSON` splices those in.
    static func listJSON(_ m: Meeting) -> [UInt8] {
        var bytes: [UInt8] = []
        Export.appendJSONObject(m, withParagraphs: false, indent: "  ", to: &bytes)
        return bytes
    }

    /// A fingerprint of how `Export.jsonObject` writes a probe record with every field set, stored
    /// with the timeline: a change to the exporter drops the stored objects (see `init`).
    static let jsonFormatStamp: String = {
        var m = Meeting(id: "000_probe", file: "a/b \"c\".txt", title: "Hội nghị\tthông tin đối ngoại \u{1}")
        m.date = MeetingDate(year: 2020, month: 3, day: 4)
        m.dateBasis = DateBasis.allCases.first
        m.published = "04/03/2020"
        m.province = "Lạng Sơn"
        m.provinceBasis = ProvinceBasis.allCases.first
        m.venue = "Hà Nội"
        m.kind = MeetingKind.allCases.first!
        m.isMeeting = true
        m.chair = "Hoàng Văn A"
        m.people = [Person(name: "Hoàng Văn A", titles: ["Phó Trưởng ban"], role: PersonRole.allCases.first!)]
        m.byline = "B"
        m.excerpt = "x\ny"
        m.related = ["001"]
        m.diagnostics = ["d"]
        m.evidence = ["e"]
        var h: UInt64 = 0xcbf29ce484222325
        for b in listJSON(m) + Array(Export.json([m], extra: { _ in [("read", "true")] }).utf8) { h = (h ^ UInt64(b)) &* 0x100000001b3 }
        return String(h, radix: 16)
    }()

    // MARK: - Queries on the resolved timeline (after `sync` returned nil)

    /// Every meeting of the resolved timeline, in timeline order, as a light record built from the
    /// compact columns (id, year, province, kind, isMeeting, storeKey; nothing else), and the
    /// full heads of those `keep` accepts (decoded only for them). Nil when the timeline is empty or
    /// cannot be read.
    /// A light record from a row of `SELECT rowid, id, NULL, year, province, kind, meeting FROM resolved`:
    /// id, year, province, kind, is-meeting and store key (kinds read once per distinct text).
    static func lightRecord(_ st: Statement, kinds: inout [String: MeetingKind]) -> Meeting {
        var m = Meeting(id: st.string(1) ?? "", file: "", title: "")
        m.storeKey = st.int(0)
        let y = st.int(3)
        if y > 0 { m.date = MeetingDate(year: y) }
        m.province = st.string(4)
        let k = st.string(5) ?? ""
        if let kk = kinds[k] { m.kind = kk } else {
            let kk = MeetingKind(rawValue: k) ?? .other
            kinds[k] = kk
            m.kind = kk
        }
        m.isMeeting = st.int(6) == 1
        return m
    }

    public func timeline(keep: (Meeting) -> Bool) -> (all: [Meeting], kept: [Meeting])? {
        lock.lock(); defer { lock.unlock() }
        // The columns come from a covering index in timeline order (no sort, no head read); heads
        // are then read by key for the rows kept.
        guard let st = try? db.prepare("SELECT rowid, id, NULL, year, province, kind, meeting FROM resolved ORDER BY ord"),
              let headOf = try? db.prepare("SELECT coalesce(r.head, f.head) FROM resolved r JOIN files f ON f.rowid = r.rowid WHERE r.rowid = ?") else { return nil }
        var all: [Meeting] = [], kept: [Meeting] = []
        var kinds: [String: MeetingKind] = [:]
        while (try? st.step()) == true {
            let m = Self.lightRecord(st, kinds: &kinds)
            all.append(m)
            if keep(m) {
                headOf.reset()
                headOf.bind(1, m.storeKey)
                guard (try? headOf.step()) == true, var full = headOf.blob(0).flatMap(MeetingCodec.decodeHead) else { return nil }
                full.storeKey = m.storeKey
                kept.append(full)
            }
        }
        return all.isEmpty ? nil : (all, kept)
    }

    /// The id and `list --format json` object of one record of the timeline (see `listJSON`),
    /// rendered from its stored head: for rows the list file (`ListFile`) cannot give. False when
    /// the record is not in the timeline.
    @discardableResult
    public func json(key: Int, _ body: (String, UnsafeRawBufferPointer) -> Void) -> Bool {
        lock.lock(); defer { lock.unlock() }
        if headStatement == nil { headStatement = try? db.prepare("SELECT coalesce(r.head, f.head) FROM resolved r JOIN files f ON f.rowid = r.rowid WHERE r.rowid = ?") }
        guard let st = headStatement else { return false }
        defer { st.reset() }
        guard (try? st.bind(1, key).step()) == true, let m = st.blob(0).flatMap(MeetingCodec.decodeHead) else { return false }
        var bytes = Self.listJSON(m)
        bytes.withUnsafeMutableBytes { body(m.id, UnsafeRawBufferPointer($0)) }
        return true
    }
    private var headStatement: Statement?

    /// The list file of the stored timeline, when it is the one its generation names.
    func listFile(count: Int) -> ListFile? {
        lock.lock(); defer { lock.unlock() }
        guard let st = try? db.prepare("SELECT data FROM snapshot WHERE name = 'list'"), (try? st.step()) == true,
              let generation = st.blob(0) else { return nil }
        return ListFile(path: ListFile.path(forIndex: path), generation: String(decoding: generation, as: UTF8.self), count: count)
    }


    public enum Found {
        /// The meeting (head, with its store key) and whether its file is as indexed.
        case one(Meeting, current: Bool)
        case none
    }

    /// The meeting `show` asks for, from the resolved timeline: the first in timeline order whose id
    /// or file is `key` (or whose file ends in "/key"), else the only one whose id starts with `key`.
    /// `.none` when there is no such meeting or several share the prefix; the caller then syncs and
    /// looks again in memory. Its file is stat'ed to tell whether the record is still current.
    public func find(_ key: String) -> Found {
        lock.lock(); defer { lock.unlock() }
        var rowid: Int?
        var head: [UInt8]?
        // Every file name ends in .txt (any case), or says it is not valid UTF-8: any other key can only
        // be an id, found through the id index; a file name reads the whole table (slow at 100,000).
        let lower = key.lowercased()
        let maybeFile = lower.hasSuffix(".txt") || lower.hasSuffix(")")
        // `resolved.head` is NULL where resolution left the parsed head (in `files`) as it was.
        let head0 = "coalesce(head, (SELECT head FROM files f WHERE f.rowid = r.rowid))"
        if let st = try? db.prepare(maybeFile ? """
            SELECT rowid, \(head0) FROM resolved r WHERE id = ?1 OR file = ?1
                OR (length(file) > length(?1) AND substr(file, -length(?1) - 1) = '/' || ?1) ORDER BY ord LIMIT 1
            """ : "SELECT rowid, \(head0) FROM resolved r WHERE id = ?1 ORDER BY ord LIMIT 1") {
            st.bind(1, key)
            if (try? st.step()) == true { rowid = st.int(0); head = st.blob(1) }
        }
        if rowid == nil, !key.isEmpty, let st = try? db.prepare("SELECT rowid, coalesce(head, (SELECT head FROM files f WHERE f.rowid = r.rowid)) FROM resolved r WHERE id >= ?1 AND id < ?2 ORDER BY ord LIMIT 2") {
            st.bind(1, key).bind(2, key + "\u{10FFFF}")
            var n = 0
            while (try? st.step()) == true {
                n += 1
                if n == 1 { rowid = st.int(0); head = st.blob(1) }
            }
            if n != 1 { return .none }
        }
        guard let rowid, var m = head.flatMap(MeetingCodec.decodeHead) else { return .none }
        m.storeKey = rowid
        var current = false
        if let st = try? db.prepare("SELECT path, size, mtime FROM files WHERE rowid = ? AND status = 'loaded'") {
            st.bind(1, rowid)
            if (try? st.step()) == true, let p = st.blob(0) {
                var sb = stat()
                let ok = (p + [0]).withUnsafeBufferPointer { b in
                    b.withMemoryRebound(to: CChar.self) { stat($0.baseAddress!, &sb) }
                } == 0
                current = ok && (sb.st_mode & S_IFMT) == S_IFREG && Int(sb.st_size) == st.int(1)
                    && Int(sb.st_mtim.tv_sec) * 1_000_000_000 + Int(sb.st_mtim.tv_nsec) == st.int(2)
            }
        }
        return .one(m, current: current)
    }

    // MARK: - MeetingStore

    public func paragraphs(for id: String) -> [Paragraph]? {
        lock.lock(); defer { lock.unlock() }
        guard let st = try? db.prepare("SELECT rowid FROM files WHERE id = ? AND status = 'loaded' LIMIT 1"),
              (try? st.bind(1, id).step()) == true else { return nil }
        return docRecord(key: st.int(0), searchText: false)?.paragraphs
    }

    // MARK: - Doc records

    /// The docs file of the generation `meta.docs` names now (a compaction, here or in another
    /// process, may have moved the records to a new one), opened once per generation. Under `lock`.
    func currentDocFile() -> DocFile? {
        guard let st = try? db.prepare("SELECT value FROM meta WHERE key = 'docs'"), (try? st.step()) == true,
              let generation = st.string(0) else { return nil }
        if let d = docs, d.generation == generation { return d.file }
        guard let f = DocFile(path: DocFile.path(forIndex: path, generation: generation)) else { return nil }
        docs = (generation, f)
        return f
    }

    /// The doc record of row `key`: from the docs file, or — when the record cannot be read there
    /// (a crash cut the file, a compaction moved it) — from the article's file parsed again, if that
    /// file is still the version the row holds. Under `lock`.
    func docRecord(key: Int, searchText: Bool) -> DocRecord? {
        guard let st = try? db.prepare("SELECT doc_at, doc_len, doc_sum, path, size, mtime, head FROM files WHERE rowid = ? AND status = 'loaded'"),
              (try? st.bind(1, key).step()) == true else { return nil }
        if sqlite3_column_type(st.handle, 0) != SQLITE_NULL, let file = currentDocFile(),
           let bytes = file.read(at: st.int(0), count: st.int(1), sum: st.int(2)),
           let rec = DocRecord.decode(bytes, searchText: searchText) { return rec }
        guard let p = st.blob(3) else { return nil }
        let (data, size, mtime) = FileWalker.readStat(p, limit: Corpus.maxFileBytes)
        guard case .success(let d) = data, size == st.int(4), mtime == st.int(5),
              let head = st.blob(6).flatMap(MeetingCodec.decodeHead),
              let m = Corpus.parse(data: d, relative: head.id + ".txt", display: head.file).0 else { return nil }
        return DocRecord(title: m.title, byline: m.byline, siteLinks: m.siteLinks, paragraphs: m.paragraphs, searchText: m.searchText)
    }

    // MARK: - Search

    /// The dictionaries of the search segments now in the index, in key order (read once each).
    /// Under `lock`.
    func searchSegments() throws -> [WordIndex.Segment] {
        var ids: [Int] = []
        let st = try db.prepare("SELECT segment FROM words ORDER BY segment")
        while try st.step() { ids.append(st.int(0)) }
        segments = segments.filter { ids.contains($0.key) }
        let read = try db.prepare("SELECT dictionary FROM words WHERE segment = ?")
        var out: [WordIndex.Segment] = []
        for id in ids {
            if let s = segments[id] { out.append(s); continue }
            read.reset()
            guard try read.bind(1, id).step(), let d = read.blob(0), let s = WordIndex.Segment(id: id, dictionary: d) else {
                throw SQLiteError(code: SQLITE_CORRUPT, message: "search segment \(id) is damaged")
            }
            segments[id] = s
            out.append(s)
        }
        return out
    }

    /// Sets `bits[key]` for every key of the postings of `terms` in `segment` (read from its blob).
    func markPostings(_ segment: WordIndex.Segment, terms: Range<Int>, into bits: inout [Bool]) throws {
        guard !terms.isEmpty else { return }
        let from = segment.postings(terms.lowerBound).lowerBound, to = segment.postings(terms.upperBound - 1).upperBound
        guard to > from else { return }
        var blob: OpaquePointer?
        try db.check(sqlite3_blob_open(db.handle, "main", "words", "postings", Int64(segment.id), 0, &blob))
        defer { sqlite3_blob_close(blob) }
        var buffer = [UInt8](repeating: 0, count: to - from)
        try buffer.withUnsafeMutableBytes { b in try db.check(sqlite3_blob_read(blob, b.baseAddress, Int32(b.count), Int32(from))) }
        buffer.withUnsafeBytes { b in
            for k in terms {
                let r = segment.postings(k)
                WordIndex.forEachKey(UnsafeRawBufferPointer(rebasing: b[(r.lowerBound - from)..<(r.upperBound - from)])) { key in
                    if key >= 0 && key < bits.count { bits[key] = true }
                }
            }
        }
    }

    /// Meetings matching a search, by store key: each term's tokens looked up in the search
    /// segments (`WordIndex.plan`), the candidates of all terms intersected, and — when a term is more
    /// than its tokens tell (a phrase, punctuation inside) — each candidate checked on its doc record
    /// as `SearchQuery.matches` checks a meeting in memory. The answer is the in-memory one.
    public func matchingKeys(_ q: SearchQuery) -> SearchHits? {
        guard !q.isEmpty else { return nil }
        lock.lock(); defer { lock.unlock() }
        // Another connection (a background sync) may have added rows since this one last looked.
        let top = max(maxRowid, (try? db.scalarInt("SELECT max(rowid) FROM files")) ?? 0)
        do {
            let segs = try searchSegments()
            var candidates: [Bool]?
            var check = false
            for t in q.terms {
                let plan = WordIndex.plan(t)
                if !plan.exact { check = true }
                for l in plan.lookups {
                    var bits = [Bool](repeating: false, count: top + 1)
                    for s in segs {
                        let terms = l.prefix ? s.terms(prefix: l.key) : s.term(equalTo: l.key).map { $0..<($0 + 1) } ?? 0..<0
                        try markPostings(s, terms: terms, into: &bits)
                    }
                    if var c = candidates {
                        for i in c.indices where c[i] && !bits[i] { c[i] = false }
                        candidates = c
                    } else {
                        candidates = bits
                    }
                }
            }
            // A term with no word in it (only punctuation) looks nothing up: every article is a candidate.
            var bits = candidates ?? [Bool](repeating: false, count: top + 1)
            if candidates == nil {
                let all = try db.prepare("SELECT rowid FROM files WHERE status = 'loaded'")
                while try all.step() { let k = all.int(0); if k < bits.count { bits[k] = true } }
            }
            let d = try db.prepare("SELECT rowid FROM dead")
            while try d.step() { let k = d.int(0); if k >= 0 && k < bits.count { bits[k] = false } }
            var n = 0
            for k in bits.indices where bits[k] {
                if check {
                    guard let rec = docRecord(key: k, searchText: true), q.matchesFolded(rec.searchText),
                          !q.marked || q.matchesMarked(title: rec.title, paragraphs: rec.paragraphs, byline: rec.byline, siteLinks: rec.siteLinks)
                    else { bits[k] = false; continue }
                }
                n += 1
            }
            return SearchHits(bits: bits, count: n)
        } catch { return nil }
    }

    /// Ids of matching meetings (for tests and tools; the browser uses the bitmap).
    public func matches(_ q: SearchQuery) -> Set<String>? {
        guard let hits = matchingKeys(q) else { return nil }
        lock.lock(); defer { lock.unlock() }
        var ids = Set<String>()
        guard let st = try? db.prepare("SELECT rowid, id FROM files WHERE status = 'loaded'") else { return nil }
        while (try? st.step()) == true { if hits.contains(st.int(0)) { ids.insert(st.string(1) ?? "") } }
        return ids
    }

    /// The search segments merged into one when a build left more than `limit` (a first build
    /// writes one a second): each term's postings are concatenated, as later segments hold later keys,
    /// and the keys of `dead` rows are left out — `dead` is emptied, as no segment holds them any more.
    /// One transaction; another process's segments written meanwhile wait for the next merge.
    func mergeSegments(limit: Int = 4) throws {
        let count = try db.scalarInt("SELECT count(*) FROM words") ?? 0
        guard count > limit else { return }
        try immediate {
            var ids: [Int] = [], dictionaries: [WordIndex.Segment] = [], postings: [[UInt8]] = []
            var rows = 0
            let st = try db.prepare("SELECT segment, rows, dictionary, postings FROM words ORDER BY segment")
            while try st.step() {
                guard let d = st.blob(2), let seg = WordIndex.Segment(id: st.int(0), dictionary: d), let p = st.blob(3),
                      p.count == seg.postingsSize else { throw SQLiteError(code: SQLITE_CORRUPT, message: "search segment \(st.int(0)) is damaged") }
                ids.append(st.int(0)); rows += st.int(1)
                dictionaries.append(seg); postings.append(p)
            }
            st.reset()
            guard ids.count > 1 else { return }
            var dead = Set<Int>()
            let d = try db.prepare("SELECT rowid FROM dead")
            while try d.step() { dead.insert(d.int(0)) }
            d.reset()
            let merged = WordIndex.merge(dictionaries, postings: postings, dead: dead)
            try db.exec("DELETE FROM words; DELETE FROM dead;")
            try db.prepare("INSERT INTO words(rows, dictionary, postings) VALUES(?, ?, ?)").bind(1, rows - dead.count).bind(2, merged.dictionary).bind(3, merged.postings).run()
        }
        segments.removeAll()
    }

    /// The docs file rewritten when most of it is records of replaced or removed articles (more than
    /// half, and over `slack` bytes): the live records are copied, in row order, to a docs file of a
    /// new generation, the rows pointed at them and `meta.docs` switched in one transaction, and the
    /// old file removed. A reader on an older snapshot then finds its records gone and parses those
    /// articles' files again (`docRecord`).
    func compactDocs(slack: Int = 8 << 20) throws {
        guard let file = currentDocFile() else { return }
        let live = try db.scalarInt("SELECT coalesce(sum(doc_len), 0) FROM files WHERE doc_at IS NOT NULL") ?? 0
        let size = file.size()
        guard size - live > max(live, slack) else { return }
        let generation = Self.newGeneration()
        let target = DocFile.path(forIndex: path, generation: generation)
        guard let out = DocFile(path: target) else { return }
        do {
            try immediate {
                // Under the write lock: no one appends to the old file meanwhile.
                guard let current = currentDocFile() else { return }
                let st = try db.prepare("SELECT rowid, doc_at, doc_len, doc_sum FROM files WHERE doc_at IS NOT NULL ORDER BY doc_at")
                let move = try db.prepare("UPDATE files SET doc_at = ? WHERE rowid = ?")
                let lose = try db.prepare("UPDATE files SET doc_at = NULL, doc_len = NULL, doc_sum = NULL WHERE rowid = ?")
                var at = 0, buffer: [UInt8] = []
                func flush() throws {
                    guard !buffer.isEmpty else { return }
                    guard out.write(buffer, at: at - buffer.count) else { throw SQLiteError(code: SQLITE_IOERR, message: "cannot write \(target)") }
                    buffer.removeAll(keepingCapacity: true)
                }
                while try st.step() {
                    guard let bytes = current.read(at: st.int(1), count: st.int(2), sum: st.int(3)) else {
                        // Unreadable already: the row reads its article's file again, as before.
                        lose.bind(1, st.int(0)); try lose.run()
                        continue
                    }
                    move.bind(1, at).bind(2, st.int(0)); try move.run()
                    buffer += bytes
                    at += bytes.count
                    if buffer.count >= 1 << 20 { try flush() }
                }
                try flush()
                guard out.sync() else { throw SQLiteError(code: SQLITE_IOERR, message: "cannot sync \(target)") }
                try db.prepare("INSERT OR REPLACE INTO meta(key, value) VALUES('docs', ?)").bind(1, generation).run()
            }
        } catch {
            unlink(target)
            throw error
        }
        removeStaleDocs()
    }
}


/// The command line's questions answered from the index's resolved timeline (after `sync` said
/// nothing changed): the same rows, in the same order, as filtering the corpus in memory.
public enum IndexQuery {
    /// Every meeting of the corpus (light records: id, year, province, kind, isMeeting) and the
    /// meetings `filter` keeps — full heads when `heads` is true or the filter names a person or
    /// chair (decoded only for rows that pass the other filters), else light records. A search is
    /// answered by the word index first. Nil when the index cannot answer; the caller then loads the corpus.
    public static func answer(_ store: IndexStore, filter: MeetingFilter, heads: Bool) -> (all: [Meeting], rows: [Meeting])? {
        var f = filter
        if !f.search.isEmpty {
            guard let hits = store.matchingKeys(f.search) else { return nil }
            f.searchHits = hits
        }
        var cheap = f
        cheap.person = nil
        cheap.chair = nil
        let full = heads || f.person != nil || f.chair != nil
        guard let t = store.timeline(keep: { full && cheap.matches($0) }) else { return nil }
        return (t.all, full ? t.kept.filter { f.matches($0) } : t.all.filter { cheap.matches($0) })
    }

    /// `stats` from groups counted on the stored timeline: how many records and meetings the
    /// corpus has, and the groups `filter` keeps (what `StatsReport.render(groups:…)` takes). Nil when
    /// the index cannot answer, or the filter names a person or chair (heads are needed: `answer`).
    public static func stats(_ store: IndexStore, filter: MeetingFilter) -> (count: Int, meetings: Int, groups: [(record: Meeting, count: Int)])? {
        // The search's hits and the timeline from one commit.
        store.reading { groups(store, filter: filter) }
    }

    static func groups(_ store: IndexStore, filter: MeetingFilter) -> (count: Int, meetings: Int, groups: [(record: Meeting, count: Int)])? {
        guard filter.person == nil, filter.chair == nil else { return nil }
        var hits: SearchHits?
        if !filter.search.isEmpty {
            guard let h = store.matchingKeys(filter.search) else { return nil }
            hits = h
        }
        // Counted on the stored timeline's columns with small-number keys (province code, year, kind,
        // is-meeting): no row read from SQLite, no province name hashed per row, no title read.
        guard let source = IndexSource.open(store, text: false) else { return nil }
        let t = source.timeline
        var packed: [Int: Int] = [:]
        for i in 0..<t.count where hits.map({ $0.contains(t.keys[i]) }) ?? true {
            let key = ((t.provinceCode(i, on: .atTheTime) << 20 | (t.year(i) ?? 0)) << 4 | MeetingKind.allCases.firstIndex(of: t.kind(i))!) << 1
                | (t.isMeeting(i) ? 1 : 0)
            packed[key, default: 0] += 1
        }
        var f = filter
        f.search = SearchQuery("")   // answered by `hits`
        let groups = packed.map { key, n -> (record: Meeting, count: Int) in
            let g = StatsReport.GroupKey(province: t.provinceName(code: key >> 25, on: .atTheTime), year: key >> 5 & 0xFFFFF,
                                         kind: MeetingKind.allCases[key >> 1 & 0xF], isMeeting: key & 1 == 1)
            return (g.record, n)
        }
        return (t.count, t.meetingCount, groups.filter { f.matches($0.record) })
    }

    /// The rows `list --format json` prints: how many records the corpus has, and the store keys of
    /// those the filter keeps in timeline order, with their timeline rows and the list file when the
    /// stored objects can be copied from it.
    public struct JSONRows {
        public let total: Int
        public let keys: [Int]
        let rows: [Int]
        let list: ListFile?
        /// Whether the objects come from the list file (else they are rendered from heads).
        public var fromListFile: Bool { list != nil }
    }

    /// `list --format json`'s rows (the rows `answer` gives); `writeJSON` prints them. Nil when the
    /// index cannot answer.
    public static func json(_ store: IndexStore, filter: MeetingFilter) -> JSONRows? {
        // The timeline and the list file's generation from one commit.
        store.reading { rows(store, filter: filter) }
    }

    static func rows(_ store: IndexStore, filter: MeetingFilter) -> JSONRows? {
        // The browser's query service picks the rows (stored timeline without its text, word index); a person
        // or chair filter then reads the heads of the rows that pass the rest, a batch at a time.
        guard let source = IndexSource.open(store, text: false) else { return nil }
        let t = source.timeline
        var search: RowSet?
        if !filter.search.isEmpty {
            guard let s = source.search(filter.search) else { return nil }
            search = s
        }
        var rows = t.select(t.compile(filter, search: search))
        if filter.person != nil || filter.chair != nil {
            var who = MeetingFilter()
            who.person = filter.person
            who.chair = filter.chair
            var kept: [Int] = []
            for start in stride(from: 0, to: rows.count, by: 4096) {
                let batch = Array(rows[start..<min(rows.count, start + 4096)])
                let heads = store.records(keys: batch.map { t.keys[$0] }, throughPeople: true)
                guard heads.count == batch.count else { return nil }   // a head that cannot be read: load instead
                kept += zip(batch, heads).filter { who.matches($0.1) }.map(\.0)
            }
            rows = kept
        }
        return JSONRows(total: t.count, keys: rows.map { t.keys[$0] }, rows: rows, list: store.listFile(count: t.count))
    }

    /// Streams the bytes `Export.json(rows, extra:)` writes to `sink`, in pieces of about 1 MB, for the
    /// records `keep` keeps (given each id): each object is `Export.jsonObject(m, withParagraphs: false,
    /// indent: "  ")`, which ends in "\n  }"; the extra keys go before that brace, where `jsonObject`
    /// would have put them. The objects are copied from the list file, else rendered from heads.
    public static func writeJSON(_ store: IndexStore, _ answer: JSONRows, keep: (String) -> Bool = { _ in true },
                                 extra: (String) -> [(String, String)], to sink: (UnsafeRawBufferPointer) -> Void) {
        var out: [UInt8] = []
        out.reserveCapacity(1 << 20 + 8192)
        func flush(_ force: Bool) {
            guard force || out.count >= 1 << 20 else { return }
            out.withUnsafeBytes { sink($0) }
            out.removeAll(keepingCapacity: true)
        }
        out += "[".utf8
        let close = Array("\n  }".utf8)
        var first = true
        func write(id: String, obj: UnsafeRawBufferPointer) {
            guard keep(id) else { return }
            out += (first ? "\n  " : ",\n  ").utf8
            first = false
            let more = extra(id)
            if more.isEmpty || obj.count < close.count || !obj[(obj.count - close.count)...].elementsEqual(close) {
                out.append(contentsOf: obj)
            } else {
                out.append(contentsOf: obj[..<(obj.count - close.count)])
                for (k, v) in more { out.append(contentsOf: ",\n    \"\(k)\": \(v)".utf8) }
                out.append(contentsOf: close)
            }
            flush(false)
        }
        let copied = answer.list?.read(rows: answer.rows) { write(id: $0, obj: $1) } ?? 0
        for key in answer.keys[copied...] { store.json(key: key) { write(id: $0, obj: $1) } }
        out += "\n]\n".utf8
        flush(true)
    }

    /// As `writeJSON(_:_:keep:extra:to:)`, into one array (for tests).
    public static func writeJSON(_ store: IndexStore, _ answer: JSONRows, keep: (String) -> Bool = { _ in true },
                                 extra: (String) -> [(String, String)]) -> [UInt8] {
        var all: [UInt8] = []
        writeJSON(store, answer, keep: keep, extra: extra) { all.append(contentsOf: $0) }
        return all
    }
}

/// A bounded queue between the parsing threads and the writer: `push` waits while it is full.
final class BoundedQueue<T>: @unchecked Sendable {
    private var items: [T] = []
    private let capacity: Int
    private let cond = NSCondition()
    private var cancelled = false
    /// How many items the waiting consumer waits for (`Int.max`: none waits). A producer wakes it
    /// only when its batch is ready: a wake-up per item was a context switch per file.
    private var wanted = Int.max
    init(capacity: Int) { self.capacity = capacity }

    var isCancelled: Bool { cond.lock(); defer { cond.unlock() }; return cancelled }

    func push(_ x: T) {
        cond.lock(); defer { cond.unlock() }
        while items.count >= capacity && !cancelled { cond.wait() }
        if cancelled { return }
        items.append(x)
        if items.count >= wanted { cond.broadcast() }
    }

    /// Every item queued once there are at least `n` (at most the capacity), waiting for them;
    /// empty once cancelled.
    func pop(atLeast n: Int) -> [T] {
        cond.lock(); defer { cond.unlock() }
        wanted = max(1, min(n, capacity))
        while items.count < wanted && !cancelled { cond.wait() }
        wanted = Int.max
        if cancelled { return [] }
        let batch = items
        items.removeAll(keepingCapacity: true)
        cond.broadcast()   // room for the producers
        return batch
    }

    func cancel() { cond.lock(); cancelled = true; items.removeAll(); cond.broadcast(); cond.unlock() }
}

final class Counter: @unchecked Sendable {
    private var n = 0
    private let lock = NSLock()
    func next() -> Int { lock.lock(); defer { lock.unlock() }; let v = n; n += 1; return v }
}
