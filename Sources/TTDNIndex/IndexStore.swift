import CSQLite
import Foundation
import TTDNCore

/// The persistent index of one corpus folder: every file's size, mtime and
/// parsed meeting (head and body stored apart), and an FTS5 table over text
/// we folded ourselves (FTS5's own folding leaves đ alone). On start only
/// files added, changed or removed since the last run are parsed again; a
/// new parser version rebuilds. Batches are committed as they finish, so a
/// build killed halfway resumes where it stopped.
public final class IndexStore: MeetingStore, @unchecked Sendable {
    public static let schemaVersion = 3
    public let path: String
    let db: Database
    let lock = NSLock()
    public private(set) var notes: [String] = []
    /// Largest row key handed out, for sizing search bitmaps.
    public private(set) var maxRowid = 0

    public struct SyncStats: Sendable, Equatable {
        public var files = 0, parsed = 0, reused = 0, removed = 0, skipped = 0
    }
    public private(set) var lastSync = SyncStats()

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
        try db.exec("PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL; PRAGMA temp_store=MEMORY;")
        // Bodies live in their own table: start-up scans `files`, and a scan reads whole rows.
        let old = try db.scalarInt("SELECT count(*) FROM sqlite_master WHERE name = 'files' AND sql LIKE '%body BLOB%'") ?? 0
        if old > 0 { try db.exec("DROP TABLE files; DELETE FROM meta WHERE key = 'version';") }
        try db.exec("""
            CREATE TABLE IF NOT EXISTS meta(key TEXT PRIMARY KEY, value TEXT);
            CREATE TABLE IF NOT EXISTS files(rowid INTEGER PRIMARY KEY, path BLOB UNIQUE NOT NULL, id TEXT, size INTEGER,
                mtime INTEGER, status TEXT, messages TEXT, head BLOB);
            CREATE TABLE IF NOT EXISTS bodies(rowid INTEGER PRIMARY KEY, body BLOB);
            CREATE INDEX IF NOT EXISTS files_id ON files(id);
            """)
        // Each folder's stamp at the last full check (see `isCurrent`); emptied whenever the timeline is.
        try db.exec("CREATE TABLE IF NOT EXISTS folders(path BLOB PRIMARY KEY, device INTEGER, inode INTEGER, mtime INTEGER, ctime INTEGER)")
        // What a sync compares, apart from the heads: scanning this index reads a few hundred bytes a
        // file where scanning the table reads every head.
        try db.exec("CREATE INDEX IF NOT EXISTS files_sync ON files(path, size, mtime, status, messages)")
        // The resolved timeline carries compact columns (id, file, year, province, kind, meeting) so the
        // command line can count and filter without decoding heads; the head comes last, so reading the
        // columns never reads it. An older table without them is dropped: the next sync refills it
        // from the stored heads (a resolve, not a parse).
        // `json` is the record's object as `list --format json` writes it, without the marks (see
        // `Self.listJSON`): the list then streams bytes instead of decoding heads and rendering. It
        // comes before the head, so reading it never walks the head's overflow pages.
        let columns = try db.scalarInt("SELECT count(*) FROM sqlite_master WHERE name = 'resolved' AND sql LIKE '%meeting INTEGER%' AND sql LIKE '%json BLOB%'") ?? 0
        if columns == 0 { try db.exec("DROP TABLE IF EXISTS resolved; DELETE FROM folders;") }
        try db.exec("""
            CREATE TABLE IF NOT EXISTS resolved(rowid INTEGER PRIMARY KEY, ord INTEGER, id TEXT, file TEXT, year INTEGER,
                province TEXT, kind TEXT, meeting INTEGER, json BLOB, head BLOB);
            CREATE INDEX IF NOT EXISTS resolved_id ON resolved(id);
            CREATE INDEX IF NOT EXISTS resolved_columns ON resolved(ord, id, year, province, kind, meeting);
            """)
        // The stored JSON is only as good as the exporter that wrote it: when `Export.jsonObject` writes
        // a probe record differently, the timeline is dropped and the next sync refills it from the
        // stored heads (a resolve, not a parse).
        let format = Self.jsonFormatStamp
        let fst = try db.prepare("SELECT value FROM meta WHERE key = 'json_format'")
        let storedFormat = try fst.step() ? fst.string(0) : nil
        fst.reset()
        if storedFormat != format {
            try db.exec("DELETE FROM resolved; DELETE FROM folders;")
            try db.prepare("INSERT OR REPLACE INTO meta(key, value) VALUES('json_format', ?)").bind(1, format).run()
        }
        // Two columns: text we folded (queries without marks) and lower-cased text with tone placement
        // made canonical (queries with marks must match them). Prefix indexes keep 1–3 letter prefixes
        // fast while typing.
        let hasFTS = try db.scalarInt("SELECT count(*) FROM sqlite_master WHERE name = 'fts' AND sql LIKE '%exact%'") ?? 0
        if hasFTS == 0 {
            try db.exec("""
                DROP TABLE IF EXISTS fts;
                CREATE VIRTUAL TABLE fts USING fts5(folded, exact, tokenize='unicode61 remove_diacritics 0', prefix='1 2 3');
                DELETE FROM meta WHERE key = 'version';
                """)
        }
        let version = "\(Self.schemaVersion).\(ArticleParser.version)"
        let st = try db.prepare("SELECT value FROM meta WHERE key = 'version'")
        let stored = try st.step() ? st.string(0) : nil
        st.reset()   // a pending statement would block the DROP TABLE below
        if stored != version {
            if stored != nil { notes.append("index: parser or schema changed (\(stored!) → \(version)); rebuilding") }
            // Dropping the FTS table is far cheaper than deleting its rows one by one (which reads them all back).
            try db.exec("""
                BEGIN; DELETE FROM files; DELETE FROM bodies; DELETE FROM resolved; DELETE FROM folders; DROP TABLE IF EXISTS fts;
                CREATE VIRTUAL TABLE fts USING fts5(folded, exact, tokenize='unicode61 remove_diacritics 0', prefix='1 2 3');
                COMMIT;
                """)
            try db.prepare("INSERT OR REPLACE INTO meta(key, value) VALUES('version', ?)").bind(1, version).run()
        }
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
        for suffix in ["", "-wal", "-shm", "-journal"] { try? FileManager.default.removeItem(atPath: path + suffix) }
    }

    // MARK: - Sync

    /// Brings the index up to date with `root` and returns the corpus (meetings without their
    /// bodies; `paragraphs(for:)` reads those on demand).
    public func load(root: String, progress: (@Sendable (Int, Int) -> Void)? = nil) throws -> Corpus {
        try sync(root: root, progress: progress, decodeCached: true)!
    }

    /// Brings the index up to date with `root`. When nothing changed since the last run and
    /// `decodeCached` is false, returns nil without decoding anything: the resolved timeline in the
    /// index is current, and `timeline(keep:)` and `find(_:)` answer from it. Otherwise returns the
    /// corpus as `load` does.
    public func sync(root: String, progress: (@Sendable (Int, Int) -> Void)? = nil, decodeCached: Bool) throws -> Corpus? {
        lock.lock(); defer { lock.unlock() }
        let timing = ProcessInfo.processInfo.environment["TTDN_TIMING"] != nil
        var t0 = Date()
        func phase(_ name: String) {
            if timing { FileHandle.standardError.write(Data(String(format: "%@ %.1f ms\n", name, Date().timeIntervalSince(t0) * 1000).utf8)) }
            t0 = Date()
        }
        var stamps = FileWalker.Stamps()
        let walkStarted = Date()
        let walk = try FileWalker.textFiles(under: root, stamps: &stamps)
        phase("walk")
        var stats = SyncStats(files: walk.found.count)

        var onDisk: [[UInt8]: (size: Int, mtime: Int)] = [:]
        onDisk.reserveCapacity(walk.found.count)
        for f in walk.found { onDisk[f.path] = (f.size, f.mtime) }

        // Asked not to decode: one light pass over the sync index, and done if every file is as stored.
        if !decodeCached {
            let quick = try db.prepare("SELECT path, size, mtime, status FROM files")
            var rows = 0, loaded = 0, same = true
            while try quick.step() {
                guard let d = onDisk[quick.blob(0) ?? []], d.size == quick.int(1), d.mtime == quick.int(2) else { same = false; break }
                rows += 1
                if quick.string(3) == FileReport.Status.loaded.rawValue { loaded += 1 }
            }
            quick.reset()
            if same, rows == walk.found.count, loaded > 0, (try db.scalarInt("SELECT count(*) FROM resolved")) == loaded {
                maxRowid = try db.scalarInt("SELECT max(rowid) FROM files") ?? 0
                stats.reused = rows
                stats.skipped = rows - loaded
                lastSync = stats
                recordFolders(root: root, stamps, walked: walkStarted)
                phase("checked")
                return nil
            }
        }

        // One scan: what is unchanged is decoded now, the rest is remembered to be replaced or removed.
        var known: [[UInt8]: (rowid: Int, size: Int, mtime: Int)] = [:]
        var unchanged = Set<[UInt8]>()
        var meetings: [Meeting] = []
        var reports: [FileReport] = walk.problems
        meetings.reserveCapacity(walk.found.count)
        var loadedRows = 0
        let read = try db.prepare("SELECT rowid, path, size, mtime, status, messages FROM files")
        while try read.step() {
            let p = read.blob(1) ?? []
            let k = (rowid: read.int(0), size: read.int(2), mtime: read.int(3))
            known[p] = k
            guard let d = onDisk[p], d.size == k.size, d.mtime == k.mtime else { continue }
            unchanged.insert(p)
            let status = FileReport.Status(rawValue: read.string(4) ?? "") ?? .skipped
            reports.append(FileReport(file: String(decoding: p, as: UTF8.self), status: status,
                                      messages: (read.string(5) ?? "").split(separator: "\n").map(String.init)))
            if status == .loaded { loadedRows += 1 } else { stats.skipped += 1 }
            stats.reused += 1
        }
        let fresh = walk.found.filter { !unchanged.contains($0.path) }
        let gone = known.filter { onDisk[$0.key] == nil }
        maxRowid = try db.scalarInt("SELECT max(rowid) FROM files") ?? 0

        // Nothing changed since the last run: the resolved timeline is in the index already.
        if fresh.isEmpty && gone.isEmpty, (try db.scalarInt("SELECT count(*) FROM resolved")) == loadedRows, loadedRows > 0 {
            recordFolders(root: root, stamps, walked: walkStarted)
            if !decodeCached {
                phase("checked")
                lastSync = stats
                return nil
            }
            let st = try db.prepare("SELECT rowid, head FROM resolved ORDER BY ord")
            while try st.step() {
                guard var m = st.blob(1).flatMap(MeetingCodec.decodeHead) else { continue }
                m.storeKey = st.int(0)
                meetings.append(m)
            }
            phase("resolved from cache")
            if meetings.count == loadedRows {
                lastSync = stats
                return Corpus(root: root, meetings: meetings, reports: reports)
            }
            meetings.removeAll()
        }
        let heads = try db.prepare("SELECT rowid, path, head FROM files WHERE status = 'loaded'")
        while try heads.step() {
            guard unchanged.contains(heads.blob(1) ?? []), var m = heads.blob(2).flatMap(MeetingCodec.decodeHead) else { continue }
            m.storeKey = heads.int(0)
            meetings.append(m)
        }
        phase("scan+decode")

        // The cached timeline no longer holds once anything is written (even if this run is killed).
        if !fresh.isEmpty || !gone.isEmpty { try db.exec("DELETE FROM resolved; DELETE FROM folders;") }
        // Parse what is new or changed, in batches committed one by one.
        let batch = 500   // small enough that an interrupted first build keeps most of its work
        var done = 0
        for start in stride(from: 0, to: fresh.count, by: batch) {
            let chunk = Array(fresh[start..<min(fresh.count, start + batch)])
            let results = Corpus.readAndParse(chunk)
            try db.exec("BEGIN IMMEDIATE")
            do {
                let del = try db.prepare("DELETE FROM files WHERE rowid = ?")
                let delBody = try db.prepare("DELETE FROM bodies WHERE rowid = ?")
                let delFTS = try db.prepare("DELETE FROM fts WHERE rowid = ?")
                let ins = try db.prepare("INSERT INTO files(path, id, size, mtime, status, messages, head) VALUES(?,?,?,?,?,?,?)")
                let insBody = try db.prepare("INSERT INTO bodies(rowid, body) VALUES(?, ?)")
                let insFTS = try db.prepare("INSERT INTO fts(rowid, folded, exact) VALUES(?, ?, ?)")
                for (i, f) in chunk.enumerated() {
                    let (m, report) = results[i]
                    if let old = known[f.path] {
                        del.bind(1, old.rowid); try del.run()
                        delBody.bind(1, old.rowid); try delBody.run()
                        delFTS.bind(1, old.rowid); try delFTS.run()
                    }
                    var stored = m
                    stored?.searchText = []
                    ins.bind(1, f.path).bind(2, m?.id ?? f.relative).bind(3, f.size).bind(4, f.mtime)
                       .bind(5, report.status.rawValue).bind(6, report.messages.joined(separator: "\n"))
                       .bind(7, stored.map(MeetingCodec.encodeHead))
                    try ins.run()
                    if let m {
                        let rowid = Int(sqlite3_last_insert_rowid(db.handle))
                        insBody.bind(1, rowid).bind(2, MeetingCodec.encodeBody(m.paragraphs))
                        try insBody.run()
                        insFTS.bind(1, rowid)
                        sqlite3_bind_text(insFTS.handle, 2, String(decoding: m.searchText, as: UTF8.self), -1, csqlite_transient())
                        insFTS.bind(3, ToneStyle.canonical(([m.title] + m.paragraphs.map(\.text) + [m.byline ?? ""] + m.siteLinks).joined(separator: "\n")))
                        try insFTS.run()
                        var kept = m
                        kept.storeKey = rowid
                        kept.paragraphs = []      // bodies stay on disk: memory holds what the list shows
                        kept.searchText = []
                        meetings.append(kept)
                    } else {
                        stats.skipped += 1
                    }
                    reports.append(report)
                }
                try db.exec("COMMIT")
            } catch {
                try? db.exec("ROLLBACK")
                throw error
            }
            stats.parsed += chunk.count
            done += chunk.count
            progress?(done, fresh.count)
        }

        // Forget files that are gone.
        if !gone.isEmpty {
            try db.exec("BEGIN IMMEDIATE")
            let del = try db.prepare("DELETE FROM files WHERE rowid = ?")
            let delBody = try db.prepare("DELETE FROM bodies WHERE rowid = ?")
            let delFTS = try db.prepare("DELETE FROM fts WHERE rowid = ?")
            for (_, v) in gone {
                del.bind(1, v.rowid); try del.run()
                delBody.bind(1, v.rowid); try delBody.run()
                delFTS.bind(1, v.rowid); try delFTS.run()
            }
            try db.exec("COMMIT")
            stats.removed = gone.count
        }
        lastSync = stats
        maxRowid = try db.scalarInt("SELECT max(rowid) FROM files") ?? 0
        // Resolving depends on the order it is given (related reports, ties in the timeline): give it the
        // walk's order, as `Corpus.load` (--no-cache) does, not unchanged files first and new ones after.
        meetings.sort { $0.file.utf8.lexicographicallyPrecedes($1.file.utf8) }
        var corpus = Corpus(root: root, meetings: meetings, reports: reports)
        phase("write")
        corpus.resolve()
        phase("resolve")
        // Keep the resolved timeline for the next start (it depends on the whole corpus).
        try db.exec("BEGIN IMMEDIATE")
        do {
            try db.exec("DELETE FROM resolved")
            let ins = try db.prepare("INSERT INTO resolved(rowid, ord, id, file, year, province, kind, meeting, json, head) VALUES(?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")
            for (i, m) in corpus.meetings.enumerated() where m.storeKey >= 0 {
                ins.bind(1, m.storeKey).bind(2, i).bind(3, m.id).bind(4, m.file).bind(5, m.date?.year ?? 0)
                if let p = m.province { ins.bind(6, p) } else { sqlite3_bind_null(ins.handle, 6) }
                ins.bind(7, m.kind.rawValue).bind(8, m.isMeeting ? 1 : 0).bind(9, Array(Self.listJSON(m).utf8)).bind(10, MeetingCodec.encodeHead(m))
                try ins.run()
            }
            try db.exec("COMMIT")
            recordFolders(root: root, stamps, walked: walkStarted)
        } catch {
            try? db.exec("ROLLBACK")
        }
        phase("save resolved")
        return corpus
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
    static func listJSON(_ m: Meeting) -> String { Export.jsonObject(m, withParagraphs: false, indent: "  ") }

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
        for b in (listJSON(m) + Export.json([m], extra: { _ in [("read", "true")] })).utf8 { h = (h ^ UInt64(b)) &* 0x100000001b3 }
        return String(h, radix: 16)
    }()

    // MARK: - Queries on the resolved timeline (after `sync` returned nil)

    /// Every meeting of the resolved timeline, in timeline order, as a light record built from the
    /// compact columns (id, year, province, kind, isMeeting, storeKey; nothing else), and the
    /// full heads of those `keep` accepts (decoded only for them). Nil when the timeline is empty or
    /// cannot be read.
    public func timeline(keep: (Meeting) -> Bool) -> (all: [Meeting], kept: [Meeting])? {
        lock.lock(); defer { lock.unlock() }
        // The columns come from a covering index in timeline order (no sort, no head read); heads
        // are then read by key for the rows kept.
        guard let st = try? db.prepare("SELECT rowid, id, NULL, year, province, kind, meeting FROM resolved ORDER BY ord"),
              let headOf = try? db.prepare("SELECT head FROM resolved WHERE rowid = ?") else { return nil }
        var all: [Meeting] = [], kept: [Meeting] = []
        var kinds: [String: MeetingKind] = [:]
        while (try? st.step()) == true {
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

    /// As `timeline(keep:)`, for `list --format json`: how many records the timeline holds, and the id
    /// and store key of each that `keep` accepts and then `check` (given the full head, decoded only
    /// when `check` is set: a person or chair filter) accepts too, in timeline order; rows not in
    /// `hits` (a search's answer) are skipped before any record is built. `json(key:_:)` then gives
    /// each stored object. Nil when the timeline is empty or cannot be read.
    public func timelineJSON(keep: (Meeting) -> Bool, check: ((Meeting) -> Bool)? = nil, hits: SearchHits? = nil) -> (count: Int, rows: [(id: String, key: Int)])? {
        lock.lock(); defer { lock.unlock() }
        guard let st = try? db.prepare("SELECT rowid, id, NULL, year, province, kind, meeting FROM resolved ORDER BY ord"),
              let headOf = try? db.prepare("SELECT head FROM resolved WHERE rowid = ?")
        else { return nil }
        var count = 0
        var rows: [(id: String, key: Int)] = []
        var kinds: [String: MeetingKind] = [:]
        while (try? st.step()) == true {
            count += 1
            if let hits, !hits.contains(st.int(0)) { continue }
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
            guard keep(m) else { continue }
            if let check {
                headOf.reset()
                headOf.bind(1, m.storeKey)
                guard (try? headOf.step()) == true, var head = headOf.blob(0).flatMap(MeetingCodec.decodeHead) else { return nil }
                head.storeKey = m.storeKey
                if !check(head) { continue }
            }
            rows.append((m.id, m.storeKey))
        }
        return count == 0 ? nil : (count, rows)
    }

    /// The stored JSON object of one record of the timeline (see `listJSON`), handed to `body` without
    /// a copy; when it is missing, the object is rendered from the stored head (the same bytes).
    /// False when the record is not in the timeline.
    @discardableResult
    public func json(key: Int, _ body: (UnsafeRawBufferPointer) -> Void) -> Bool {
        lock.lock(); defer { lock.unlock() }
        if jsonStatement == nil { jsonStatement = try? db.prepare("SELECT json, head FROM resolved WHERE rowid = ?") }
        guard let st = jsonStatement else { return false }
        defer { st.reset() }
        st.bind(1, key)
        guard (try? st.step()) == true else { return false }
        if let p = sqlite3_column_blob(st.handle, 0), sqlite3_column_bytes(st.handle, 0) > 0 {
            body(UnsafeRawBufferPointer(start: p, count: Int(sqlite3_column_bytes(st.handle, 0))))
            return true
        }
        guard let m = st.blob(1).flatMap(MeetingCodec.decodeHead) else { return false }
        var bytes = Array(Self.listJSON(m).utf8)
        bytes.withUnsafeMutableBytes { body(UnsafeRawBufferPointer($0)) }
        return true
    }
    private var jsonStatement: Statement?

    /// What `stats` counts, without a record per meeting: how many records the timeline holds, how
    /// many of them are meetings, and the records grouped by province, year, kind and isMeeting —
    /// only those in `hits` when given. One pass over the covering index; nil when the timeline is
    /// empty or cannot be read.
    public func timelineGroups(hits: SearchHits? = nil) -> (count: Int, meetings: Int, groups: [StatsReport.GroupKey: Int])? {
        lock.lock(); defer { lock.unlock() }
        guard let st = try? db.prepare("SELECT rowid, year, province, kind, meeting FROM resolved INDEXED BY resolved_columns") else { return nil }
        var count = 0, meetings = 0
        var groups: [StatsReport.GroupKey: Int] = [:]
        var kinds: [String: MeetingKind] = [:]
        while (try? st.step()) == true {
            count += 1
            let isMeeting = st.int(4) == 1
            if isMeeting { meetings += 1 }
            if let hits, !hits.contains(st.int(0)) { continue }
            let k = st.string(3) ?? ""
            let kind: MeetingKind
            if let kk = kinds[k] { kind = kk } else {
                kind = MeetingKind(rawValue: k) ?? .other
                kinds[k] = kind
            }
            groups[StatsReport.GroupKey(province: st.string(2), year: st.int(1), kind: kind, isMeeting: isMeeting), default: 0] += 1
        }
        return count == 0 ? nil : (count, meetings, groups)
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
        if let st = try? db.prepare(maybeFile ? """
            SELECT rowid, head FROM resolved WHERE id = ?1 OR file = ?1
                OR (length(file) > length(?1) AND substr(file, -length(?1) - 1) = '/' || ?1) ORDER BY ord LIMIT 1
            """ : "SELECT rowid, head FROM resolved WHERE id = ?1 ORDER BY ord LIMIT 1") {
            st.bind(1, key)
            if (try? st.step()) == true { rowid = st.int(0); head = st.blob(1) }
        }
        if rowid == nil, !key.isEmpty, let st = try? db.prepare("SELECT rowid, head FROM resolved WHERE id >= ?1 AND id < ?2 ORDER BY ord LIMIT 2") {
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
        guard let st = try? db.prepare("SELECT b.body FROM files f JOIN bodies b ON b.rowid = f.rowid WHERE f.id = ? AND f.status = 'loaded' LIMIT 1") else { return nil }
        st.bind(1, id)
        guard (try? st.step()) == true, let b = st.blob(0) else { return nil }
        return MeetingCodec.decodeBody(b)
    }

    /// Meetings matching a search, through FTS5 on folded text; a query with
    /// marks is then checked against the original text.
    public func matchingKeys(_ q: SearchQuery) -> SearchHits? {
        guard !q.isEmpty else { return nil }
        lock.lock(); defer { lock.unlock() }
        var bits = [Bool](repeating: false, count: maxRowid + 1)
        // Every term must match (FTS5 AND): a word as a prefix, a quoted phrase as whole words.
        var parts: [String] = []
        for t in q.terms {
            let tokens = t.marked ? Self.tokens(ToneStyle.canonical(t.text)) : Self.tokens(String(decoding: t.folded, as: UTF8.self))
            guard !tokens.isEmpty else { continue }
            parts.append((t.marked ? "exact" : "folded") + " : \"" + tokens.joined(separator: " ") + "\"" + (t.phrase ? "" : "*"))
        }
        guard !parts.isEmpty else { return SearchHits(bits: bits, count: 0) }
        let query = parts.joined(separator: " AND ")
        var n = 0
        do {
            let st = try db.prepare("SELECT rowid FROM fts WHERE fts MATCH ?")
            st.bind(1, query)
            while try st.step() {
                let r = st.int(0)
                if r >= 0 && r < bits.count { bits[r] = true; n += 1 }
            }
        } catch { return nil }
        return SearchHits(bits: bits, count: n)
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

    /// FTS5 tokens as unicode61 cuts them: runs of letters, marks and digits.
    static func tokens(_ text: String) -> [String] {
        var out: [String] = []
        var cur = String.UnicodeScalarView()
        for u in text.unicodeScalars {
            let p = u.properties
            if p.isAlphabetic || p.numericType != nil || p.generalCategory == .nonspacingMark { cur.append(u) } else if !cur.isEmpty {
                out.append(String(cur)); cur = String.UnicodeScalarView()
            }
        }
        if !cur.isEmpty { out.append(String(cur)) }
        return out
    }
}



/// The command line's questions answered from the index's resolved timeline (after `sync` said
/// nothing changed): the same rows, in the same order, as filtering the corpus in memory.
public enum IndexQuery {
    /// Every meeting of the corpus (light records: id, year, province, kind, isMeeting) and the
    /// meetings `filter` keeps — full heads when `heads` is true or the filter names a person or
    /// chair (decoded only for rows that pass the other filters), else light records. A search is
    /// answered by FTS5 first. Nil when the index cannot answer; the caller then loads the corpus.
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

    /// `stats` from groups the index counts (`timelineGroups`): how many records and meetings the
    /// corpus has, and the groups `filter` keeps (what `StatsReport.render(groups:…)` takes). Nil when
    /// the index cannot answer, or the filter names a person or chair (heads are needed: `answer`).
    public static func stats(_ store: IndexStore, filter: MeetingFilter) -> (count: Int, meetings: Int, groups: [(record: Meeting, count: Int)])? {
        guard filter.person == nil, filter.chair == nil else { return nil }
        var hits: SearchHits?
        if !filter.search.isEmpty {
            guard let h = store.matchingKeys(filter.search) else { return nil }
            hits = h
        }
        guard let t = store.timelineGroups(hits: hits) else { return nil }
        var f = filter
        f.search = SearchQuery("")   // answered by `hits`
        return (t.count, t.meetings, t.groups.map { ($0.key.record, $0.value) }.filter { f.matches($0.record) })
    }

    /// `list --format json` from the objects stored at build time: how many records the corpus has,
    /// and the ids and store keys of those `filter` keeps, in timeline order (the rows `answer` gives);
    /// `writeJSON` prints them. Nil when the index cannot answer.
    public static func json(_ store: IndexStore, filter: MeetingFilter) -> (total: Int, rows: [(id: String, key: Int)])? {
        var f = filter
        if !f.search.isEmpty {
            guard let hits = store.matchingKeys(f.search) else { return nil }
            f.searchHits = hits
        }
        var cheap = f
        cheap.person = nil
        cheap.chair = nil
        let full = f
        guard let t = store.timelineJSON(keep: { cheap.matches($0) }, check: f.person != nil || f.chair != nil ? { full.matches($0) } : nil,
                                         hits: f.searchHits)
        else { return nil }
        return (t.count, t.rows)
    }

    /// Streams the bytes `Export.json(rows, extra:)` writes to `sink`, in pieces of about 1 MB, from the
    /// stored objects: each is `Export.jsonObject(m, withParagraphs: false, indent: "  ")`, which ends
    /// in "\n  }"; the extra keys go before that brace, where `jsonObject` would have put them.
    public static func writeJSON(_ store: IndexStore, _ rows: [(id: String, key: Int)], extra: (String) -> [(String, String)],
                                 to sink: (UnsafeRawBufferPointer) -> Void) {
        var out: [UInt8] = []
        out.reserveCapacity(1 << 20 + 8192)
        func flush(_ force: Bool) {
            guard force || out.count >= 1 << 20 else { return }
            out.withUnsafeBytes { sink($0) }
            out.removeAll(keepingCapacity: true)
        }
        out += "[\n".utf8
        let close = Array("\n  }".utf8)
        for (i, r) in rows.enumerated() {
            out += "  ".utf8
            let more = extra(r.id)
            store.json(key: r.key) { obj in
                if more.isEmpty || obj.count < close.count || !obj[(obj.count - close.count)...].elementsEqual(close) {
                    out.append(contentsOf: obj)
                } else {
                    out.append(contentsOf: obj[..<(obj.count - close.count)])
                    for (k, v) in more { out.append(contentsOf: ",\n    \"\(k)\": \(v)".utf8) }
                    out.append(contentsOf: close)
                }
            }
            out += (i + 1 < rows.count ? ",\n" : "\n").utf8
            flush(false)
        }
        out += "]\n".utf8
        flush(true)
    }

    /// As `writeJSON(_:_:extra:to:)`, into one array (for tests).
    public static func writeJSON(_ store: IndexStore, _ rows: [(id: String, key: Int)], extra: (String) -> [(String, String)]) -> [UInt8] {
        var all: [UInt8] = []
        writeJSON(store, rows, extra: extra) { all.append(contentsOf: $0) }
        return all
    }
}
