import CSQLite
import Foundation
import TTDNCore

/// The query service over an index (`MeetingSource`): the list records come from the timeline
/// stored with the resolved rows (one blob, no record decoded); search is the index's word segments
/// (`WordIndex`); a record and its body are decoded only when asked for — the meeting on screen, `show`, an export.
public final class IndexSource: MeetingSource, @unchecked Sendable {
    public let store: IndexStore
    public let timeline: Timeline

    public init(store: IndexStore, timeline: Timeline) {
        self.store = store
        self.timeline = timeline
    }

    /// The source for what the index holds now (its resolved timeline), nil when it holds none.
    /// Without `text`, the timeline has no ids or titles (`Timeline.hasText`): enough to filter,
    /// search and count, for a command that prints what the index stored per row.
    public static func open(_ store: IndexStore, text: Bool = true) -> IndexSource? {
        store.storedTimeline(text: text).map { IndexSource(store: store, timeline: $0) }
    }

    public func search(_ query: SearchQuery) -> RowSet? {
        guard let hits = store.matchingKeys(query) else { return nil }
        var rows = RowSet(capacity: timeline.count)
        for (i, k) in timeline.keys.enumerated() where hits.contains(k) { rows.insert(i) }
        return rows
    }

    public func people(person: NameQuery?, chair: NameQuery?) -> RowSet {
        // Names live in the records: decode them all, in one pass, off the UI thread.
        let all = store.resolvedHeads(throughPeople: true)
        var rowOfKey: [Int: Int] = [:]
        rowOfKey.reserveCapacity(timeline.count)
        for (i, k) in timeline.keys.enumerated() { rowOfKey[k] = i }
        return MemorySource.people(all.lazy.compactMap { m in rowOfKey[m.storeKey].map { ($0, m) } },
                                   count: timeline.count, person: person, chair: chair)
    }

    public func meeting(row: Int) -> Meeting? {
        guard row >= 0, row < timeline.count else { return nil }
        return store.record(key: timeline.keys[row], body: true)
    }

    public func heads(rows: [Int]) -> [Meeting] {
        store.records(keys: rows.compactMap { r in r >= 0 && r < timeline.count ? timeline.keys[r] : nil })
    }

    /// The whole corpus in the order the browser shows it unfiltered is read from the index (counted
    /// when the timeline was saved: 100,000 records take seconds to read); anything else is counted.
    public func peopleSummary(rows: [Int]) -> [PersonSummary] {
        if rows.count == timeline.count, rows == canonicalOrder(), let stored = store.storedPeople() { return stored }
        return summarizeInBatches(rows: rows)
    }

    /// Meetings in timeline order, then the reports that are not meetings.
    func canonicalOrder() -> [Int] {
        let t = timeline
        return (0..<t.count).filter { t.isMeeting($0) } + (0..<t.count).filter { !t.isMeeting($0) }
    }

    public func peopleRecords(rows: [Int]) -> [Meeting] {
        store.records(keys: rows.compactMap { r in r >= 0 && r < timeline.count ? timeline.keys[r] : nil }, throughPeople: true)
    }
}

extension IndexStore {
    /// The stored list records of the resolved timeline; built from the resolved heads (and stored)
    /// when an older index has none. Nil when the index has no resolved timeline.
    public func storedTimeline(text: Bool = true) -> Timeline? {
        lock.lock(); defer { lock.unlock() }
        // The two parts and the row count from one commit: read apart, another process's resolve in
        // between could give one timeline's keys another's titles.
        let began = sqlite3_get_autocommit(db.handle) != 0 && (try? db.exec("BEGIN")) != nil
        var committed = false
        func commit() { if began && !committed { _ = try? db.exec("COMMIT"); committed = true } }
        defer { commit() }
        func part(_ name: String) -> [UInt8]? {
            guard let st = try? db.prepare("SELECT data FROM snapshot WHERE name = ?"), (try? st.bind(1, name).step()) == true else { return nil }
            return st.blob(0)
        }
        let textPart = text ? part("timeline.text") : nil
        if let columns = part("timeline"), !text || textPart != nil, let t = Timeline(columns: columns, text: textPart) {
            let rows = (try? db.scalarInt("SELECT count(*) FROM resolved")) ?? -1
            if rows == t.count { return t }
        }
        var meetings: [Meeting] = []
        guard let st = try? db.prepare("SELECT r.rowid, coalesce(r.head, f.head) FROM resolved r JOIN files f ON f.rowid = r.rowid ORDER BY r.ord") else { return nil }
        while (try? st.step()) == true {
            guard var m = st.blob(1).flatMap(MeetingCodec.decodeHead) else { continue }
            m.storeKey = st.int(0)
            meetings.append(m)
        }
        guard !meetings.isEmpty else { return nil }
        let t = Timeline(meetings)
        // Kept for the next start, in a write transaction of its own (not inside a caller's read).
        commit()
        if began { _ = try? immediate { try saveSnapshot(t, meetings: meetings) } }
        return t
    }

    /// Keeps the list records of the resolved timeline beside it (called with the resolved rows).
    func saveSnapshot(_ t: Timeline, meetings: [Meeting]) throws {
        try storeSnapshot(Self.snapshotBlobs(t, meetings: meetings))
    }

    /// The snapshot rows of a timeline: its columns, its text, and the People view of the whole
    /// corpus as the browser opens it unfiltered (meetings, then the reports that are not meetings),
    /// counted here, where every record is in memory already. Pure: built off the writing thread.
    static func snapshotBlobs(_ t: Timeline, meetings: [Meeting]) -> [(name: String, data: [UInt8])] {
        let shown = meetings.filter(\.isMeeting) + meetings.filter { !$0.isMeeting }
        return [("timeline", t.encodedColumns()), ("timeline.text", t.encodedText()),
                ("people", PeopleCodec.encode(PeopleIndex.summarize(shown)))]
    }

    func storeSnapshot(_ blobs: [(name: String, data: [UInt8])]) throws {
        try db.exec("CREATE TABLE IF NOT EXISTS snapshot(name TEXT PRIMARY KEY, data BLOB)")
        let ins = try db.prepare("INSERT OR REPLACE INTO snapshot(name, data) VALUES(?, ?)")
        for b in blobs { try ins.bind(1, b.name).bind(2, b.data).run() }
    }

    /// The stored People view of the whole corpus (see `saveSnapshot`).
    public func storedPeople() -> [PersonSummary]? {
        lock.lock(); defer { lock.unlock() }
        guard let st = try? db.prepare("SELECT data FROM snapshot WHERE name = 'people'"), (try? st.step()) == true,
              let data = st.blob(0) else { return nil }
        return PeopleCodec.decode(data)
    }

    /// Every resolved record (heads, no bodies), in timeline order.
    public func resolvedHeads(throughPeople: Bool = false) -> [Meeting] {
        lock.lock(); defer { lock.unlock() }
        var out: [Meeting] = []
        guard let st = try? db.prepare("SELECT r.rowid, coalesce(r.head, f.head) FROM resolved r JOIN files f ON f.rowid = r.rowid ORDER BY r.ord") else { return [] }
        while (try? st.step()) == true {
            guard var m = st.blob(1).flatMap({ MeetingCodec.decodeHead($0, throughPeople: throughPeople) }) else { continue }
            m.storeKey = st.int(0)
            out.append(m)
        }
        return out
    }

    /// One resolved record by its row key, with its body when asked.
    public func record(key: Int, body: Bool) -> Meeting? {
        lock.lock(); defer { lock.unlock() }
        // The resolved record; while a first build runs there is none yet, and the parsed one stands in.
        var head: [UInt8]?
        // `resolved.head` is NULL where resolution left the parsed head (in `files`) as it was.
        for sql in ["SELECT coalesce(r.head, f.head) FROM resolved r JOIN files f ON f.rowid = r.rowid WHERE r.rowid = ?",
                    "SELECT head FROM files WHERE rowid = ? AND status = 'loaded'"] where head == nil {
            guard let st = try? db.prepare(sql) else { return nil }
            st.bind(1, key)
            if (try? st.step()) == true { head = st.blob(0) }
        }
        guard var m = head.flatMap(MeetingCodec.decodeHead) else { return nil }
        m.storeKey = key
        if body, let rec = docRecord(key: key, searchText: false) { m.paragraphs = rec.paragraphs }
        return m
    }

    /// Resolved records (heads, no bodies) by row key, in the order given: one statement for all.
    public func records(keys: [Int], throughPeople: Bool = false) -> [Meeting] {
        lock.lock(); defer { lock.unlock() }
        guard let st = try? db.prepare("SELECT coalesce(r.head, f.head) FROM resolved r JOIN files f ON f.rowid = r.rowid WHERE r.rowid = ?") else { return [] }
        var out: [Meeting] = []
        out.reserveCapacity(keys.count)
        for k in keys {
            st.reset()
            st.bind(1, k)
            guard (try? st.step()) == true, var m = st.blob(0).flatMap({ MeetingCodec.decodeHead($0, throughPeople: throughPeople) }) else { continue }
            m.storeKey = k
            out.append(m)
        }
        return out
    }

    /// Records parsed since row key `after` (a build in progress), with their keys; for showing
    /// meetings as a first build indexes them.
    public func parsedHeads(after: Int) -> [Meeting] {
        lock.lock(); defer { lock.unlock() }
        var out: [Meeting] = []
        guard let st = try? db.prepare("SELECT rowid, head FROM files WHERE rowid > ? AND status = 'loaded' ORDER BY rowid") else { return [] }
        st.bind(1, after)
        while (try? st.step()) == true {
            guard var m = st.blob(1).flatMap(MeetingCodec.decodeHead) else { continue }
            m.storeKey = st.int(0)
            out.append(m)
        }
        return out
    }
}

/// The People view's rows in the index: names, counts, years and dated titles.
enum PeopleCodec {
    static func encode(_ people: [PersonSummary]) -> [UInt8] {
        var w = MeetingCodec.Writer()
        w.int(people.count)
        for p in people {
            w.str(p.name); w.int(p.attended); w.int(p.chaired); w.int(p.firstYear ?? 0); w.int(p.lastYear ?? 0)
            w.int(p.titles.count)
            for t in p.titles { w.int(t.year ?? 0); w.str(t.title) }
        }
        return w.bytes
    }

    static func decode(_ bytes: [UInt8]) -> [PersonSummary]? {
        var r = MeetingCodec.Reader(bytes)
        let n = r.int()
        guard n >= 0, n < 10_000_000 else { return nil }
        var out: [PersonSummary] = []
        out.reserveCapacity(n)
        for _ in 0..<n {
            guard let name = r.str() else { return nil }
            let attended = r.int(), chaired = r.int(), first = r.int(), last = r.int()
            let k = r.int()
            guard !r.failed, k >= 0, k < 100_000 else { return nil }
            var titles: [PersonSummary.Dated] = []
            for _ in 0..<k {
                let y = r.int()
                guard let t = r.str() else { return nil }
                titles.append(.init(year: y == 0 ? nil : y, title: t))
            }
            out.append(PersonSummary(name: name, attended: attended, chaired: chaired, titles: titles,
                                     firstYear: first == 0 ? nil : first, lastYear: last == 0 ? nil : last))
        }
        return r.failed ? nil : out
    }
}
