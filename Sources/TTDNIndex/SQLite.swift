import CSQLite
import Foundation

/// A thin, checked wrapper over the SQLite C API: just what the index needs.
public struct SQLiteError: Error, CustomStringConvertible {
    public let code: Int32
    public let message: String
    public var description: String { "SQLite error \(code): \(message)" }
    /// The file is not a database, or is damaged.
    public var isCorrupt: Bool { code == SQLITE_CORRUPT || code == SQLITE_NOTADB || code == SQLITE_FORMAT }
    public var isBusy: Bool { code == SQLITE_BUSY || code == SQLITE_LOCKED }
}

final class Database {
    let handle: OpaquePointer

    init(path: String, readOnly: Bool = false) throws {
        var db: OpaquePointer?
        let flags = readOnly ? SQLITE_OPEN_READONLY : (SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE)
        let rc = sqlite3_open_v2(path, &db, flags | SQLITE_OPEN_NOMUTEX, nil)
        guard rc == SQLITE_OK, let db else {
            let msg = db.map { String(cString: sqlite3_errmsg($0)) } ?? "cannot open"
            if let db { sqlite3_close(db) }
            throw SQLiteError(code: rc, message: msg)
        }
        handle = db
        sqlite3_busy_timeout(db, 1500)
    }

    deinit { sqlite3_close_v2(handle) }

    func check(_ rc: Int32) throws {
        if rc != SQLITE_OK && rc != SQLITE_ROW && rc != SQLITE_DONE {
            throw SQLiteError(code: rc, message: String(cString: sqlite3_errmsg(handle)))
        }
    }

    func exec(_ sql: String) throws {
        var err: UnsafeMutablePointer<CChar>?
        let rc = sqlite3_exec(handle, sql, nil, nil, &err)
        if rc != SQLITE_OK {
            let msg = err.map { String(cString: $0) } ?? "error"
            sqlite3_free(err)
            throw SQLiteError(code: rc, message: msg)
        }
    }

    func prepare(_ sql: String) throws -> Statement { try Statement(self, sql) }

    func scalarInt(_ sql: String) throws -> Int? {
        let st = try prepare(sql)
        return try st.step() ? st.int(0) : nil
    }
}

final class Statement {
    let db: Database
    let handle: OpaquePointer

    init(_ db: Database, _ sql: String) throws {
        self.db = db
        var st: OpaquePointer?
        try db.check(sqlite3_prepare_v2(db.handle, sql, -1, &st, nil))
        handle = st!
    }
    deinit { sqlite3_finalize(handle) }

    @discardableResult
    func bind(_ i: Int32, _ v: String) -> Statement { sqlite3_bind_text(handle, i, v, -1, csqlite_transient()); return self }
    @discardableResult
    func bind(_ i: Int32, _ v: Int) -> Statement { sqlite3_bind_int64(handle, i, Int64(v)); return self }
    @discardableResult
    func bind(_ i: Int32, _ v: [UInt8]?) -> Statement {
        guard let v else { sqlite3_bind_null(handle, i); return self }
        v.withUnsafeBytes { sqlite3_bind_blob(handle, i, $0.baseAddress, Int32($0.count), csqlite_transient()) }
        return self
    }

    /// True when a row is ready; false when done.
    func step() throws -> Bool {
        let rc = sqlite3_step(handle)
        if rc == SQLITE_ROW { return true }
        if rc == SQLITE_DONE { return false }
        throw SQLiteError(code: rc, message: String(cString: sqlite3_errmsg(db.handle)))
    }

    func run() throws {
        _ = try step()
        sqlite3_reset(handle)
        sqlite3_clear_bindings(handle)
    }

    func reset() { sqlite3_reset(handle); sqlite3_clear_bindings(handle) }

    func int(_ col: Int32) -> Int { Int(sqlite3_column_int64(handle, col)) }
    func string(_ col: Int32) -> String? {
        guard let p = sqlite3_column_text(handle, col) else { return nil }
        return String(cString: p)
    }
    func blob(_ col: Int32) -> [UInt8]? {
        guard let p = sqlite3_column_blob(handle, col) else { return sqlite3_column_type(handle, col) == SQLITE_NULL ? nil : [] }
        let n = Int(sqlite3_column_bytes(handle, col))
        return Array(UnsafeRawBufferPointer(start: p, count: n))
    }
}
