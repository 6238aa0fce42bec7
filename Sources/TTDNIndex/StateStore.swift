import CSQLite
import Foundation

/// Read and starred meetings, per corpus folder, in a small SQLite database:
/// $XDG_STATE_HOME/ttdn/marks.sqlite (else ~/.local/state/ttdn/marks.sqlite). Kept apart from the
/// index, so that losing the cache never loses them.
///
/// One row per mark — (corpus, kind, id) — so marking one meeting writes one row whatever the number
/// of marks (a B-tree leaf and a WAL frame or two), where the JSON file it replaces was rewritten
/// whole on each change. Each change is its own transaction, durable when the call returns
/// (WAL, synchronous=FULL: the commit is fsynced). Several processes may mark at once: writers take
/// the database lock in turn (BEGIN IMMEDIATE, waiting up to 5 s), and a mark is a row inserted or
/// deleted, never a read-modify-write of the whole set, so nothing is lost.
///
/// Thread safety: every method may be called from any thread; calls on one `StateStore` are
/// serialised by a lock, and separate `StateStore`s (or processes) on one file by SQLite.
///
/// The JSON state file of earlier versions (state.json, beside the database) is merged in on open
/// and kept as state.json.migrated; `export()` and `merge(_:)` still read and write that format.
public final class StateStore: @unchecked Sendable {
    public struct Marks: Equatable, Sendable {
        public var read: Set<String> = []
        public var starred: Set<String> = []
        public init(read: Set<String> = [], starred: Set<String> = []) { self.read = read; self.starred = starred }
    }

    /// What a mark says about a meeting.
    public enum Kind: Int, Sendable, CaseIterable {
        case read = 0, starred = 1
    }

    /// The database.
    public let path: String
    /// The JSON state file of earlier versions, merged in when found.
    public let legacyPath: String
    let db: Database
    private let lock = NSLock()
    /// Corpus keys → their row in `corpora` (rows are never deleted, so this never goes stale).
    private var corpusRows: [String: Int] = [:]

    /// $XDG_STATE_HOME/ttdn/marks.sqlite, else ~/.local/state/ttdn/marks.sqlite.
    public static func defaultPath(environment: [String: String] = ProcessInfo.processInfo.environment) -> String {
        let base = environment["XDG_STATE_HOME"].flatMap { $0.isEmpty ? nil : $0 }
            ?? ((environment["HOME"] ?? NSHomeDirectory()) + "/.local/state")
        return base + "/ttdn/marks.sqlite"
    }

    /// Opens (or creates) the marks database at `path`, and merges in a state.json found beside it.
    /// A path ending in ".json" names the old state file: the database is then marks.sqlite beside it.
    /// Throws `StateError.damaged` when the database or the old file was damaged: it is set aside
    /// (renamed) and the next open starts afresh.
    public init(path: String) throws {
        let dir = (path as NSString).deletingLastPathComponent
        if path.hasSuffix(".json") {
            legacyPath = path
            self.path = (dir.isEmpty ? "" : dir + "/") + "marks.sqlite"
        } else {
            self.path = path
            legacyPath = (dir.isEmpty ? "" : dir + "/") + "state.json"
        }
        try FileManager.default.createDirectory(atPath: dir.isEmpty ? "." : dir, withIntermediateDirectories: true)
        do {
            db = try Self.open(self.path)
        } catch let e as SQLiteError where e.isCorrupt {
            let aside = self.path + ".damaged-\(Int(Date().timeIntervalSince1970))"
            try? FileManager.default.moveItem(atPath: self.path, toPath: aside)
            for suffix in ["-wal", "-shm"] { try? FileManager.default.removeItem(atPath: self.path + suffix) }
            throw StateError.damaged(aside)
        }
        try migrate()
    }

    static func open(_ path: String) throws -> Database {
        let db = try Database(path: path)
        sqlite3_busy_timeout(db.handle, 5000)
        // journal_mode=WAL needs the write lock once, when the file is new; wait for it like any writer.
        try db.exec("PRAGMA journal_mode=WAL; PRAGMA synchronous=FULL;")
        try db.exec("""
            CREATE TABLE IF NOT EXISTS corpora(rowid INTEGER PRIMARY KEY, key TEXT UNIQUE NOT NULL);
            CREATE TABLE IF NOT EXISTS marks(corpus INTEGER NOT NULL, kind INTEGER NOT NULL, id TEXT NOT NULL,
                PRIMARY KEY(corpus, kind, id)) WITHOUT ROWID;
            """)
        // A damaged file may open and only fail when read.
        _ = try db.scalarInt("SELECT count(*) FROM corpora")
        return db
    }

    public enum StateError: Error, CustomStringConvertible {
        case damaged(String)
        case invalidImport(String)
        public var description: String {
            switch self {
            case .damaged(let p): return "the read/starred marks file was damaged; it was kept as \(p) and a new one started"
            case .invalidImport(let why): return "cannot import state: \(why)"
            }
        }
    }

    public static func key(_ root: String) -> String { URL(fileURLWithPath: root).standardizedFileURL.resolvingSymlinksInPath().path }

    // MARK: - Marks

    /// Marks (or unmarks, when `on` is false) one meeting of the corpus at `root`: one row written.
    public func setMark(root: String, id: String, kind: Kind, on: Bool) throws {
        try setMarks(root: root, ids: [id], kind: kind, on: on)
    }

    /// Marks or unmarks many meetings in one transaction ("mark all read"); returns how many rows
    /// changed (marks that were already as asked are left alone).
    @discardableResult
    public func setMarks(root: String, ids: some Sequence<String>, kind: Kind, on: Bool) throws -> Int {
        lock.lock(); defer { lock.unlock() }
        return try transaction {
            let corpus = try corpusRow(Self.key(root))
            let st = try db.prepare(on ? "INSERT OR IGNORE INTO marks(corpus, kind, id) VALUES(?, ?, ?)"
                                       : "DELETE FROM marks WHERE corpus = ? AND kind = ? AND id = ?")
            var changed = 0
            for id in ids {
                st.bind(1, corpus).bind(2, kind.rawValue).bind(3, id)
                try st.run()
                changed += Int(sqlite3_changes(db.handle))
            }
            return changed
        }
    }

    /// Whether one meeting carries a mark (one index lookup).
    public func isMarked(root: String, id: String, kind: Kind) -> Bool {
        lock.lock(); defer { lock.unlock() }
        guard let st = try? db.prepare("""
            SELECT 1 FROM marks WHERE corpus = (SELECT rowid FROM corpora WHERE key = ?) AND kind = ? AND id = ?
            """) else { return false }
        st.bind(1, Self.key(root)).bind(2, kind.rawValue).bind(3, id)
        return (try? st.step()) == true
    }

    /// Every mark of the corpus at `root` (empty when there are none or the database cannot be read).
    public func marks(for root: String) -> Marks {
        lock.lock(); defer { lock.unlock() }
        return (try? readMarks(key: Self.key(root))) ?? Marks()
    }

    /// Replaces the corpus's marks with `marks`, writing only the difference (for callers that keep
    /// whole sets; `setMark` is the O(1) way).
    public func set(_ marks: Marks, for root: String) throws {
        lock.lock(); defer { lock.unlock() }
        let key = Self.key(root)
        try transaction {
            let corpus = try corpusRow(key)
            let now = try readMarks(key: key)
            let ins = try db.prepare("INSERT OR IGNORE INTO marks(corpus, kind, id) VALUES(?, ?, ?)")
            let del = try db.prepare("DELETE FROM marks WHERE corpus = ? AND kind = ? AND id = ?")
            for (kind, want, have) in [(Kind.read, marks.read, now.read), (.starred, marks.starred, now.starred)] {
                for id in want.subtracting(have) { ins.bind(1, corpus).bind(2, kind.rawValue).bind(3, id); try ins.run() }
                for id in have.subtracting(want) { del.bind(1, corpus).bind(2, kind.rawValue).bind(3, id); try del.run() }
            }
        }
    }

    // MARK: - Export and import (the JSON format of earlier versions)

    /// The whole state as JSON, to move to another machine.
    public func export() throws -> Data {
        lock.lock(); defer { lock.unlock() }
        return try Self.encode(all())
    }

    /// Merges exported state: read and starred marks are unions. Returns how many marks were added.
    @discardableResult
    public func merge(_ data: Data) throws -> Int {
        guard let other = try? Self.decode(data) else { throw StateError.invalidImport("not a ttdn state file") }
        lock.lock(); defer { lock.unlock() }
        return try transaction { try insert(other) }
    }

    // MARK: - Inside

    /// Rows this connection has inserted or deleted so far (for tests: the work one mark does).
    var rowsWritten: Int {
        lock.lock(); defer { lock.unlock() }
        return Int(sqlite3_total_changes(db.handle))
    }

    /// Copies the WAL into the database and empties it (for tests: what one mark appends is then the WAL's size).
    func checkpoint() throws {
        lock.lock(); defer { lock.unlock() }
        try db.exec("PRAGMA wal_checkpoint(TRUNCATE)")
    }

    /// Runs `body` in a write transaction (BEGIN IMMEDIATE: the lock is taken first, so two writers
    /// wait for each other rather than fail halfway), committed when it returns, rolled back if it throws.
    private func transaction<T>(_ body: () throws -> T) throws -> T {
        try db.exec("BEGIN IMMEDIATE")
        do {
            let r = try body()
            try db.exec("COMMIT")
            return r
        } catch {
            try? db.exec("ROLLBACK")
            corpusRows = [:]   // rows this transaction inserted are gone
            throw error
        }
    }

    private func corpusRow(_ key: String) throws -> Int {
        if let r = corpusRows[key] { return r }
        try db.prepare("INSERT OR IGNORE INTO corpora(key) VALUES(?)").bind(1, key).run()
        let st = try db.prepare("SELECT rowid FROM corpora WHERE key = ?")
        st.bind(1, key)
        guard try st.step() else { throw SQLiteError(code: SQLITE_ERROR, message: "corpus row missing") }
        let r = st.int(0)
        corpusRows[key] = r
        return r
    }

    private func readMarks(key: String) throws -> Marks {
        let st = try db.prepare("SELECT kind, id FROM marks WHERE corpus = (SELECT rowid FROM corpora WHERE key = ?)")
        st.bind(1, key)
        var m = Marks()
        while try st.step() {
            let id = st.string(1) ?? ""
            if st.int(0) == Kind.read.rawValue { m.read.insert(id) } else { m.starred.insert(id) }
        }
        return m
    }

    private func all() throws -> [String: Marks] {
        var out: [String: Marks] = [:]
        let cs = try db.prepare("SELECT key FROM corpora")
        while try cs.step() { out[cs.string(0) ?? ""] = Marks() }
        let st = try db.prepare("SELECT c.key, m.kind, m.id FROM marks m JOIN corpora c ON c.rowid = m.corpus")
        while try st.step() {
            let key = st.string(0) ?? "", id = st.string(2) ?? ""
            if st.int(1) == Kind.read.rawValue { out[key, default: Marks()].read.insert(id) } else { out[key, default: Marks()].starred.insert(id) }
        }
        return out
    }

    /// Adds every mark of `other` (inside a transaction); returns how many were new.
    private func insert(_ other: [String: Marks]) throws -> Int {
        let ins = try db.prepare("INSERT OR IGNORE INTO marks(corpus, kind, id) VALUES(?, ?, ?)")
        var added = 0
        for (key, m) in other.sorted(by: { $0.key < $1.key }) {
            let corpus = try corpusRow(key)
            for (kind, ids) in [(Kind.read, m.read), (.starred, m.starred)] {
                for id in ids.sorted() {
                    ins.bind(1, corpus).bind(2, kind.rawValue).bind(3, id)
                    try ins.run()
                    added += Int(sqlite3_changes(db.handle))
                }
            }
        }
        return added
    }

    /// Merges the JSON state file of earlier versions, then keeps it as state.json.migrated (a
    /// union, so two processes doing it at once, or an old version writing the file again later, add
    /// nothing twice). A damaged file is set aside as before and reported once.
    private func migrate() throws {
        guard FileManager.default.fileExists(atPath: legacyPath) else { return }
        lock.lock(); defer { lock.unlock() }
        let merged: Bool = try transaction {
            // Read under the write lock: another process may have just migrated it.
            guard let data = FileManager.default.contents(atPath: legacyPath) else { return false }
            guard let doc = try? Self.decode(data) else {
                let aside = legacyPath + ".damaged-\(Int(Date().timeIntervalSince1970))"
                try? FileManager.default.moveItem(atPath: legacyPath, toPath: aside)
                throw StateError.damaged(aside)
            }
            _ = try insert(doc)
            return true
        }
        // Set aside after the commit: a crash in between leaves the file to be merged again on the
        // next open, before anything else (a union: nothing is counted twice).
        guard merged else { return }
        let backup = legacyPath + ".migrated"
        if FileManager.default.fileExists(atPath: backup) {
            try? FileManager.default.moveItem(atPath: backup, toPath: backup + "-\(Int(Date().timeIntervalSince1970))")
        }
        _ = rename(legacyPath, backup)
    }

    static func encode(_ c: [String: Marks]) throws -> Data {
        var obj: [String: Any] = [:]
        for (k, m) in c { obj[k] = ["read": m.read.sorted(), "starred": m.starred.sorted()] }
        return try JSONSerialization.data(withJSONObject: ["version": 1, "corpora": obj], options: [.prettyPrinted, .sortedKeys])
    }

    static func decode(_ d: Data) throws -> [String: Marks] {
        guard let top = try JSONSerialization.jsonObject(with: d) as? [String: Any],
              top["version"] as? Int == 1, let cs = top["corpora"] as? [String: Any] else { throw StateError.invalidImport("bad format") }
        var out: [String: Marks] = [:]
        for (k, v) in cs {
            guard let o = v as? [String: Any] else { continue }
            out[k] = Marks(read: Set(o["read"] as? [String] ?? []), starred: Set(o["starred"] as? [String] ?? []))
        }
        return out
    }
}
