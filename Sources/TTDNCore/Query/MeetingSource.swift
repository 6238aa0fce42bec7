/// The one query service the browser and the command line ask: the list records (`timeline`,
/// in memory, columnar) and the questions that need more than a list record — full-text search,
/// people, a meeting's full record and body. The browser calls these only from its effect
/// runner, off the UI thread; `reduce` and `render` read the timeline alone.
public protocol MeetingSource: AnyObject, Sendable {
    var timeline: Timeline { get }
    /// Rows whose text matches `query` (nil: the source cannot answer).
    func search(_ query: SearchQuery) -> RowSet?
    /// Rows naming `person` (as a participant or the chair), or chaired by `chair`.
    func people(person: NameQuery?, chair: NameQuery?) -> RowSet
    /// The full record of a row, with its body.
    func meeting(row: Int) -> Meeting?
    /// The records (heads, no body) of these rows, in the order given.
    func heads(rows: [Int]) -> [Meeting]
    /// The same with at least date, chair and people filled (what the People view counts).
    func peopleRecords(rows: [Int]) -> [Meeting]
    /// The People view of these rows (`PeopleIndex.summarize` of their records).
    func peopleSummary(rows: [Int]) -> [PersonSummary]
}

extension MeetingSource {
    /// The People view of these rows (`PeopleIndex.summarize` of their records), read in batches of
    /// `batch` records, oldest first, so memory holds one batch and the counts, not every record.
    public func peopleSummary(rows: [Int]) -> [PersonSummary] { summarizeInBatches(rows: rows) }

    public func summarizeInBatches(rows: [Int], batch: Int = 4096) -> [PersonSummary] {
        let t = timeline
        // The order `summarize` sorts its meetings in (a stable sort on the same key, same input order).
        let ordered = rows.sorted { (t.date($0)?.ordinal ?? Int.max) < (t.date($1)?.ordinal ?? Int.max) }
        var acc = PeopleIndex.Accumulator()
        var start = 0
        while start < ordered.count {
            let slice = Array(ordered[start..<min(ordered.count, start + batch)])
            for m in peopleRecords(rows: slice) { acc.add(m) }
            start += batch
        }
        return acc.finish()
    }
}

extension MeetingSource {
    /// The rows `filter` keeps, in timeline order, asking the source for search and people first.
    public func rows(_ filter: MeetingFilter) -> [Int] {
        let t = timeline
        var searchRows: RowSet?
        if !filter.search.isEmpty { searchRows = search(filter.search) ?? RowSet(capacity: 0) }
        var peopleRows: RowSet?
        if filter.person != nil || filter.chair != nil { peopleRows = people(person: filter.person, chair: filter.chair) }
        return t.select(t.compile(filter, search: searchRows, people: peopleRows))
    }
}

/// A corpus held in memory (the seeds, `--no-cache`, tests): every answer from the meetings.
public final class MemorySource: MeetingSource {
    public let timeline: Timeline
    public let meetings: [Meeting]

    public init(_ meetings: [Meeting]) {
        self.meetings = meetings
        timeline = Timeline(meetings)
    }

    public func search(_ query: SearchQuery) -> RowSet? {
        var s = RowSet(capacity: meetings.count)
        for (i, m) in meetings.enumerated() where query.matches(m) { s.insert(i) }
        return s
    }

    public func people(person: NameQuery?, chair: NameQuery?) -> RowSet {
        MemorySource.people(meetings.enumerated().lazy.map { ($0.offset, $0.element) }, count: meetings.count, person: person, chair: chair)
    }

    /// The person/chair part of `MeetingFilter.matches`, over (row, record) pairs.
    public static func people<S: Sequence>(_ rows: S, count: Int, person: NameQuery?, chair: NameQuery?) -> RowSet where S.Element == (Int, Meeting) {
        var f = MeetingFilter()
        f.person = person
        f.chair = chair
        var s = RowSet(capacity: count)
        for (i, m) in rows where f.matches(m) { s.insert(i) }
        return s
    }

    public func meeting(row: Int) -> Meeting? { row >= 0 && row < meetings.count ? meetings[row] : nil }
    public func heads(rows: [Int]) -> [Meeting] { rows.compactMap { meeting(row: $0) } }
    public func peopleRecords(rows: [Int]) -> [Meeting] { heads(rows: rows) }
}
