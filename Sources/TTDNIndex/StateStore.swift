import Foundation

/// Read and starred meetings, per corpus folder, in
/// $XDG_STATE_HOME/ttdn/state.json (else ~/.local/state/ttdn/state.json).
/// Kept apart from the index, so that losing the cache never loses them.
/// Written atomically (temporary file, then rename).
public final class StateStore: @unchecked Sendable {
    public struct Marks: Equatable, Sendable {
        public var read: Set<String> = []
        public var starred: Set<String> = []
        public init(read: Set<String> = [], starred: Set<String> = []) { self.read = read; self.starred = starred }
    }

    public let path: String
    private var corpora: [String: Marks] = [:]

    public static func defaultPath(environment: [String: String] = ProcessInfo.processInfo.environment) -> String {
        let base = environment["XDG_STATE_HOME"].flatMap { $0.isEmpty ? nil : $0 }
            ?? ((environment["HOME"] ?? NSHomeDirectory()) + "/.local/state")
        return base + "/ttdn/state.json"
    }

    /// Loads the state file; a missing one is empty, a damaged one is set aside (renamed) and reported.
    public init(path: String) throws {
        self.path = path
        guard FileManager.default.fileExists(atPath: path) else { return }
        let data = try Data(contentsOf: URL(fileURLWithPath: path))
        guard let doc = try? Self.decode(data) else {
            let aside = path + ".damaged-\(Int(Date().timeIntervalSince1970))"
            try? FileManager.default.moveItem(atPath: path, toPath: aside)
            throw StateError.damaged(aside)
        }
        corpora = doc
    }

    public enum StateError: Error, CustomStringConvertible {
        case damaged(String)
        case invalidImport(String)
        public var description: String {
            switch self {
            case .damaged(let p): return "the state file was not valid JSON; it was kept as \(p) and a new one started"
            case .invalidImport(let why): return "cannot import state: \(why)"
            }
        }
    }

    public static func key(_ root: String) -> String { URL(fileURLWithPath: root).standardizedFileURL.resolvingSymlinksInPath().path }

    public func marks(for root: String) -> Marks { corpora[Self.key(root)] ?? Marks() }

    public func set(_ marks: Marks, for root: String) throws {
        corpora[Self.key(root)] = marks
        try save()
    }

    public func save() throws {
        try FileManager.default.createDirectory(atPath: (path as NSString).deletingLastPathComponent, withIntermediateDirectories: true)
        let data = try Self.encode(corpora)
        let tmp = path + ".tmp-\(getpid())"
        try data.write(to: URL(fileURLWithPath: tmp))
        guard rename(tmp, path) == 0 else { throw CocoaError(.fileWriteUnknown) }
    }

    /// The whole state as JSON, to move to another machine.
    public func export() throws -> Data { try Self.encode(corpora) }

    /// Merges exported state: read and starred marks are unions. Returns how many marks were added.
    @discardableResult
    public func merge(_ data: Data) throws -> Int {
        guard let other = try? Self.decode(data) else { throw StateError.invalidImport("not a ttdn state file") }
        var added = 0
        for (k, m) in other {
            var mine = corpora[k] ?? Marks()
            let before = mine.read.count + mine.starred.count
            mine.read.formUnion(m.read)
            mine.starred.formUnion(m.starred)
            added += mine.read.count + mine.starred.count - before
            corpora[k] = mine
        }
        try save()
        return added
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
