import Foundation
import TTDNCore

public enum Focus: Sendable, Equatable { case list, detail }

public enum Mode: Sendable, Equatable { case browse, search, picker, help, people, table, export }

/// Which panes a wide screen shows (`v` cycles): both, the list alone, the detail alone.
public enum PaneMode: String, Sendable, CaseIterable { case split, list, detail }

/// Work `reduce` asks for and does not do (it does no I/O): the shell runs it off the UI thread
/// (`perform`, or its own code for files and marks) and answers with an action. Answers to a
/// search or a people query carry the generation they were asked with; a stale one is dropped.
public enum Effect: Sendable, Equatable {
    /// Rows matching the search → `.searchAnswered`.
    case search(SearchQuery, generation: Int)
    /// Rows naming a person or chaired by one → `.peopleAnswered`.
    case findPeople(person: NameQuery?, chair: NameQuery?, generation: Int)
    /// The selected meeting's full record and body → `.detailLoaded`.
    case loadDetail(row: Int, id: String)
    /// The People view's rows for these timeline rows → `.peopleSummarized`.
    case summarizePeople(rows: [Int], generation: Int)
    /// Write these rows to `path` in `format` → `.effectDone(message)`.
    case export(path: String, format: ExportFormat, rows: [Int])
    /// Save read or starred marks (the shell's mark store) → nothing, or `.effectDone` on failure.
    case saveMarks(ids: [String], kind: MarkKind, on: Bool)
    /// Look for files added, changed or removed, and index them → `.sourceReplaced` / `.setProgress`.
    case rescan
}

public enum MarkKind: String, Sendable, Equatable { case read, starred }

/// A source handed to `reduce` in an action: equal when it is the same object.
public struct SourceBox: Sendable, Equatable {
    public let source: any MeetingSource
    public init(_ source: any MeetingSource) { self.source = source }
    public static func == (a: SourceBox, b: SourceBox) -> Bool { a.source === b.source }
}

/// Remembers one computed value for one key (the wrapped detail for a width, query and record):
/// moving or scrolling then re-wraps nothing. A cache, not state: same inputs, same output.
final class Memo<Key: Equatable, Value>: @unchecked Sendable {
    private let lock = NSLock()
    private var entry: (Key, Value)?
    func value(for key: Key, _ make: () -> Value) -> Value {
        lock.lock(); defer { lock.unlock() }
        if let e = entry, e.0 == key { return e.1 }
        let v = make()
        entry = (key, v)
        return v
    }
}

/// The People view's rows and cursor (computed when it opens).
public struct PeopleView: Sendable, Equatable {
    public var all: [PersonSummary]
    /// Still counting (the records are read off the UI thread); `generation` matches the answer.
    public var loading = false
    public var generation = 0
    public var query = ""
    public var cursor = 0
    public var shown: [PersonSummary] {
        let q = NameQuery(query)
        return q.isEmpty ? all : all.filter { q.matchesPrefix($0.name) }
    }
}

/// The province × year table (computed when it opens): counts of the shown meetings.
public struct YearTable: Sendable, Equatable {
    public var provinces: [String]
    public var years: [Int]
    public var counts: [[Int]]
    public var rowTotals: [Int]
    public var row = 0
    /// Column under the cursor; `years.count` is the total column.
    public var col = 0
    public var top = 0
}

/// What the list shows besides the filters: everything, unread, or starred.
public enum ReadFilter: String, Sendable, CaseIterable { case all, unread, starred }

public struct Picker: Sendable, Equatable {
    public var facet: Facet
    public var query: String = ""
    public var cursor: Int = 0
    public var chosen: Set<String>
}

/// A row of the timeline: a year heading or a meeting (index into `meetings`).
public enum TimelineRow: Sendable, Equatable {
    case year(Int?, count: Int)
    case meeting(Int)
    /// The heading over reports that are not meeting reports (shown apart, not counted as meetings).
    case notMeetings(count: Int)
}

/// Where the reader is in the detail pane: the block and character that the
/// top line starts with. Independent of width, so a resize keeps it.
public struct ReadingAnchor: Sendable, Equatable {
    public var block: Int = 0
    public var start: Int = 0
}

/// The whole application state. `reduce` is the only thing that changes it.
public struct AppState: Sendable {
    /// The query service: the list records (read here, in memory) and what `perform` asks it.
    public private(set) var source: any MeetingSource
    public var timeline: Timeline { source.timeline }
    public var corpusName: String
    public var filter = MeetingFilter() { didSet { refilter() } }
    public var readFilter: ReadFilter = .all { didSet { refilter() } }
    /// Newest meetings first (`o`), as in mutt.
    public var newestFirst = false { didSet { refilter() } }
    public var paneMode: PaneMode = .split
    /// Which search hit of the open article `n`/`N` last went to (nil: none yet).
    public var hitCursor: Int?
    /// Searches kept with Enter, oldest first; ↑/↓ in the search line recall them.
    public var searchHistory: [String] = []
    public var historyPos: Int?
    public var exportDraft = ""
    public var people: PeopleView?
    public var table: YearTable?
    /// Effects for the shell to run after this step (drained by the shell).
    public var effects: [Effect] = []
    /// Meeting reports among `visible` (the rest are not meetings, listed apart) and in the corpus.
    public private(set) var visibleMeetings = 0
    public var totalMeetings: Int { timeline.meetingCount }
    /// Display width the list's title column would like (longest shown title, capped).
    public private(set) var titleWant = 0
    /// Timeline rows shown, in display order (meetings, then the reports that are not meetings).
    public private(set) var visible: [Int] = []
    public private(set) var rows: [TimelineRow] = []
    /// For each timeline row, its position in `visible` (−1: hidden); for each position, its list row.
    private var positionOfRow: [Int32] = []
    private var listRowOfPosition: [Int32] = []
    public var selectedID: String?
    public var listTop = 0
    public var focus: Focus = .list
    public var detailOpen = false
    public var anchor = ReadingAnchor()
    public var mode: Mode = .browse
    public var searchDraft = ""
    public var searchBefore = SearchQuery("")
    public var picker: Picker?
    public var helpTop = 0
    public var size: Size
    public var shouldQuit = false
    public var redrawCount = 0
    public var message: String?
    public private(set) var read: Set<String> = []
    public private(set) var starred: Set<String> = []
    /// The marks as rows of the current timeline (what the list and the read filter test).
    public private(set) var readRows = RowSet(capacity: 0)
    public private(set) var starredRows = RowSet(capacity: 0)
    /// Set by the shell while an index build runs ("indexing 4,000/100,000").
    public var progress: String?
    /// The user's key bindings (config `bind KEY COMMAND`): key → command name.
    public var bindings: [Key: String] = [:]
    /// The detail shows notes, file path and related reports (the `i` key).
    public var showInfo = false
    /// Width from which list and detail show side by side (config `set split`).
    public var splitFrom = ScreenLayout.wideFrom
    /// The source's last answer to a search, and the search asked and not yet answered.
    private var searchAnswer: (query: SearchQuery, rows: RowSet?)?
    private var searchAsked: SearchQuery?
    public private(set) var searchGeneration = 0
    /// The same for the person/chair filter.
    private var peopleAnswer: (person: NameQuery?, chair: NameQuery?, rows: RowSet)?
    private var peopleAsked: (person: NameQuery?, chair: NameQuery?)?
    public private(set) var peopleGeneration = 0
    /// The People view's last request (its answer must carry the same number).
    var peopleViewGeneration = 0
    /// Say how many meetings match once the search kept with Enter is answered.
    var announceSearch = false
    /// The selected meeting's full record, once the source has answered for it.
    public private(set) var detail: Meeting?
    private var detailAsked: String?
    /// Meetings per year under the filters other than year (the strip), computed with `visible`.
    public private(set) var yearCounts: [Int: Int] = [:]
    let linesMemo = Memo<DetailKey, [DetailLine]>()
    /// What `visible` and `rows` were computed from.
    private var listInputs: ListInputs?
    /// The list before the current one, and what it was computed from.
    private var previousList: (ListInputs, ListResult)?
    /// Everything `refilter` computes, as one value (kept for `previousList`).
    struct ListResult: Sendable {
        var visible: [Int], rows: [TimelineRow], positionOfRow: [Int32], listRowOfPosition: [Int32]
        var yearCounts: [Int: Int], visibleMeetings: Int, titleWant: Int
    }
    var currentList: ListResult {
        ListResult(visible: visible, rows: rows, positionOfRow: positionOfRow, listRowOfPosition: listRowOfPosition,
                   yearCounts: yearCounts, visibleMeetings: visibleMeetings, titleWant: titleWant)
    }
    mutating func restore(_ l: ListResult) {
        visible = l.visible; rows = l.rows; positionOfRow = l.positionOfRow; listRowOfPosition = l.listRowOfPosition
        yearCounts = l.yearCounts; visibleMeetings = l.visibleMeetings; titleWant = l.titleWant
    }
    struct ListInputs: Equatable, Sendable {
        var timeline: ObjectIdentifier
        var compiled: Timeline.Compiled
        var newestFirst: Bool
    }

    /// A browser on `source`. Nothing is asked of the source here: the first `reduce` step (or
    /// `settled`, for a source in memory) sends the effects for the search, people and detail.
    public init(source: any MeetingSource, corpusName: String, size: Size, filter: MeetingFilter = MeetingFilter(),
                read: Set<String> = [], starred: Set<String> = []) {
        self.source = source
        self.corpusName = corpusName
        self.size = size
        self.read = read
        self.starred = starred
        readRows = source.timeline.rows(ofIDs: read)
        starredRows = source.timeline.rows(ofIDs: starred)
        self.filter = filter
        refilter()
        requestDetail()
    }

    /// A browser on meetings held in memory, with every effect on the source already answered.
    public init(meetings: [Meeting], corpusName: String, size: Size, filter: MeetingFilter = MeetingFilter(),
                read: Set<String> = [], starred: Set<String> = []) {
        self.init(source: MemorySource(meetings), corpusName: corpusName, size: size, filter: filter, read: read, starred: starred)
        self = settled()
    }

    /// This state with every effect on the source performed and answered, one after another,
    /// as the shell would (tests, and sources in memory). Effects for the shell alone (files,
    /// marks, rescans) are left in `effects`.
    public func settled() -> AppState {
        var s = self
        s.requestDetail()
        var kept: [Effect] = []
        var guardCount = 0
        while !s.effects.isEmpty, guardCount < 100 {
            guardCount += 1
            let e = s.effects.removeFirst()
            if let answer = perform(e, source: s.source) { s = reduce(s, answer) } else { kept.append(e) }
        }
        s.effects = kept + s.effects
        return s
    }

    public var layout: ScreenLayout { ScreenLayout(size: size, detailOpen: detailOpen, pane: paneMode, listWant: listWant, wideFrom: splitFrom) }

    /// Whether the list shows a province column (not when one province is chosen).
    public var showsProvince: Bool { filter.provinces.count != 1 }

    /// Columns the list would like at a wide size: markers, date, province, kind, the longest title.
    public var listWant: Int { 3 + 11 + (showsProvince ? 15 : 0) + 14 + titleWant }

    /// The selected meeting's timeline row.
    public var selectedIndex: Int? { selectedID.flatMap { timeline.row(ofID: $0) } }
    /// The selected meeting's full record (nil until the source has answered).
    public var selected: Meeting? { detail.flatMap { $0.id == selectedID ? $0 : nil } }

    /// Position of the selection among visible meetings.
    public var selectedPosition: Int? {
        guard let i = selectedIndex, i < positionOfRow.count, positionOfRow[i] >= 0 else { return nil }
        return Int(positionOfRow[i])
    }

    public var selectedRow: Int? { selectedPosition.map { Int(listRowOfPosition[$0]) } }

    /// Position of a timeline row among the visible ones.
    public func position(ofRow i: Int) -> Int? { i >= 0 && i < positionOfRow.count && positionOfRow[i] >= 0 ? Int(positionOfRow[i]) : nil }

    /// Whether a search or a person filter waits for the source's answer.
    public var searching: Bool {
        if !filter.search.isEmpty && searchAnswer?.query != filter.search { return true }
        if filter.person != nil || filter.chair != nil {
            return !(peopleAnswer.map { $0.person == filter.person && $0.chair == filter.chair } ?? false)
        }
        return false
    }

    /// The filter compiled against the timeline, with the source's answers and the read filter.
    public func compiledFilter() -> Timeline.Compiled {
        // While a new search is on its way, the last answer stands (the list does not blink empty).
        let search = filter.search.isEmpty ? nil : searchAnswer.flatMap { $0.rows } ?? (searchAnswer == nil ? nil : RowSet(capacity: 0))
        let people = filter.person == nil && filter.chair == nil ? nil : peopleAnswer?.rows
        return timeline.compile(filter, search: search, people: people,
                                keep: readFilter == .starred ? starredRows : nil, drop: readFilter == .unread ? readRows : nil)
    }

    /// Asks the source for what the filter needs and it has not answered; recomputes the list.
    mutating func refilter() {
        if !filter.search.isEmpty, searchAnswer?.query != filter.search, searchAsked != filter.search {
            searchGeneration += 1
            searchAsked = filter.search
            effects.append(.search(filter.search, generation: searchGeneration))
        }
        if filter.search.isEmpty { searchAsked = nil }
        if filter.person != nil || filter.chair != nil {
            let answered = peopleAnswer.map { $0.person == filter.person && $0.chair == filter.chair } ?? false
            let asked = peopleAsked.map { $0.person == filter.person && $0.chair == filter.chair } ?? false
            if !answered && !asked {
                peopleGeneration += 1
                peopleAsked = (filter.person, filter.chair)
                effects.append(.findPeople(person: filter.person, chair: filter.chair, generation: peopleGeneration))
            }
        } else {
            peopleAsked = nil
        }
        let t = timeline
        let c = compiledFilter()
        // Typing a search changes the filter long before its answer changes the list: nothing to redo.
        let inputs = ListInputs(timeline: ObjectIdentifier(t), compiled: c, newestFirst: newestFirst)
        if inputs == listInputs { keepSelectionVisible(); return }
        // Esc after a search, or a filter toggled back, returns to the list before: kept, not redone.
        if let (before, list) = previousList, before == inputs {
            let current = listInputs.map { ($0, currentList) }
            restore(list)
            previousList = current
            listInputs = inputs
            if selectedPosition == nil { selectedID = visible.first.map { t.id($0) }; anchor = ReadingAnchor() }
            keepSelectionVisible()
            return
        }
        if let old = listInputs { previousList = (old, currentList) }
        listInputs = inputs
        // One pass: the visible rows and, ignoring the year filter, the strip's counts per year.
        var counts: [Int: Int] = [:]
        var meetingRows: [Int] = [], others: [Int] = []
        for i in 0..<t.count where t.matches(i, c, ignoring: .year) {
            let y = t.year(i)
            if let y, t.isMeeting(i) { counts[y, default: 0] += 1 }
            if filter.years.isEmpty || filter.years.contains(y ?? MeetingFilter.unknownYear) {
                if t.isMeeting(i) { meetingRows.append(i) } else { others.append(i) }
            }
        }
        yearCounts = counts
        // Newest first keeps undated meetings last, as oldest first does.
        if newestFirst { meetingRows = meetingRows.filter { t.isDated($0) }.reversed() + meetingRows.filter { !t.isDated($0) } }
        visibleMeetings = meetingRows.count
        visible = meetingRows + others
        var want = 0
        for i in visible.prefix(5000) { want = max(want, t.titleLength(i)) }
        titleWant = min(want, 110)
        var r: [TimelineRow] = []
        r.reserveCapacity(visible.count + 64)
        var positions = [Int32](repeating: -1, count: t.count)
        var listRows: [Int32] = []
        listRows.reserveCapacity(visible.count)
        var perYear: [Int: Int] = [:]
        for i in meetingRows { perYear[t.year(i) ?? -1, default: 0] += 1 }
        var currentYear: Int?? = .none
        for i in meetingRows {
            let y = t.year(i)
            if currentYear == .none || currentYear! != y {
                r.append(.year(y, count: perYear[y ?? -1] ?? 0))
                currentYear = .some(y)
            }
            positions[i] = Int32(listRows.count)
            listRows.append(Int32(r.count))
            r.append(.meeting(i))
        }
        if !others.isEmpty {
            r.append(.notMeetings(count: others.count))
            for i in others {
                positions[i] = Int32(listRows.count)
                listRows.append(Int32(r.count))
                r.append(.meeting(i))
            }
        }
        rows = r
        positionOfRow = positions
        listRowOfPosition = listRows
        if selectedPosition == nil { selectedID = visible.first.map { t.id($0) }; anchor = ReadingAnchor() }
        keepSelectionVisible()
    }

    var listHeight: Int { max(1, layout.list.h) }

    mutating func keepSelectionVisible() {
        guard let row = selectedRow else { listTop = 0; return }
        let h = listHeight
        // Show the year heading just above the first meeting of a year.
        var want = row
        if row > 0 {
            switch rows[row - 1] {
            case .year, .notMeetings: want = row - 1
            case .meeting: break
            }
        }
        if want < listTop { listTop = want }
        if row >= listTop + h { listTop = row - h + 1 }
        listTop = max(0, min(listTop, max(0, rows.count - h)))
    }

    // MARK: Answers from the source (reduce calls these)

    mutating func answerSearch(generation: Int, query: SearchQuery, rows: RowSet?) {
        guard generation == searchGeneration else { return }   // a newer search was asked since
        searchAnswer = (query, rows)
        searchAsked = nil
        refilter()
        if announceSearch, query == filter.search {
            announceSearch = false
            message = "\(visibleMeetings) meetings match “\(query.text)”"
        }
    }

    mutating func answerPeople(generation: Int, rows: RowSet) {
        guard generation == peopleGeneration, let asked = peopleAsked else { return }
        peopleAnswer = (asked.person, asked.chair, rows)
        peopleAsked = nil
        refilter()
    }

    mutating func answerDetail(id: String, meeting: Meeting?) {
        guard id == selectedID else { return }
        detail = meeting
        detailAsked = nil
    }

    /// Asks for the selected meeting's record when the one held is another's.
    public mutating func requestDetail() {
        guard let id = selectedID else { detail = nil; return }
        if detail?.id == id || detailAsked == id { return }
        guard let row = timeline.row(ofID: id) else { return }
        detailAsked = id
        effects.append(.loadDetail(row: row, id: id))
    }

    /// A new source (the index after a sync): the marks, the answers and the selection carry over.
    mutating func replaceSource(_ new: any MeetingSource) {
        let old = timeline
        source = new
        // Lists of the old timeline are keyed by its identity, which a new object may reuse: forget them.
        previousList = nil
        listInputs = nil
        readRows = new.timeline.rows(ofIDs: read)
        starredRows = new.timeline.rows(ofIDs: starred)
        // The answers held carry over by id, so an active search does not flash the whole list
        // while the new source answers it again (a first build swaps sources every second).
        if let a = searchAnswer { searchAnswer = (a.query, a.rows.map { Self.carry($0, from: old, to: new.timeline) }) }
        if let a = peopleAnswer { peopleAnswer = (a.person, a.chair, Self.carry(a.rows, from: old, to: new.timeline)) }
        searchAsked = nil
        peopleAsked = nil
        if !filter.search.isEmpty {
            searchGeneration += 1
            searchAsked = filter.search
            effects.append(.search(filter.search, generation: searchGeneration))
        }
        if filter.person != nil || filter.chair != nil {
            peopleGeneration += 1
            peopleAsked = (filter.person, filter.chair)
            effects.append(.findPeople(person: filter.person, chair: filter.chair, generation: peopleGeneration))
        }
        detailAsked = nil
        if let d = detail, new.timeline.row(ofID: d.id) == nil { detail = nil }
        refilter()
        // The record may have changed: read it again (the one held shows until the answer).
        if let id = selectedID, let row = new.timeline.row(ofID: id) {
            detailAsked = id
            effects.append(.loadDetail(row: row, id: id))
        }
    }

    /// Rows of `old` in `set`, as rows of `new` (by id).
    static func carry(_ set: RowSet, from old: Timeline, to new: Timeline) -> RowSet {
        var out = RowSet(capacity: new.count)
        guard set.count > 0 else { return out }
        for i in 0..<old.count where set.contains(i) { if let r = new.row(ofID: old.id(i)) { out.insert(r) } }
        return out
    }

    // MARK: Marks

    mutating func setMark(_ kind: MarkKind, ids: [String], on: Bool) {
        guard !ids.isEmpty else { return }
        let t = timeline
        for id in ids {
            let row = t.row(ofID: id)
            switch (kind, on) {
            case (.read, true): read.insert(id); if let row { readRows.insert(row) }
            case (.read, false): read.remove(id); if let row { readRows.remove(row) }
            case (.starred, true): starred.insert(id); if let row { starredRows.insert(row) }
            case (.starred, false): starred.remove(id); if let row { starredRows.remove(row) }
            }
        }
        effects.append(.saveMarks(ids: ids, kind: kind, on: on))
    }

    /// Marks rows of the timeline (all shown read): ids only for the rows not marked yet.
    mutating func markRowsRead(_ rowsToMark: [Int]) -> Int {
        let t = timeline
        var ids: [String] = []
        for r in rowsToMark where !readRows.contains(r) {
            readRows.insert(r)
            let id = t.id(r)
            read.insert(id)
            ids.append(id)
        }
        if !ids.isEmpty { effects.append(.saveMarks(ids: ids, kind: .read, on: true)) }
        return rowsToMark.count
    }

    // MARK: Detail

    public var detailWidth: Int { layout.detail.w }

    struct DetailKey: Equatable {
        var id: String, width: Int, query: String, full: Bool, loaded: Bool
    }

    /// The selected meeting wrapped for the detail pane (cached per record, width and query).
    public func detailLines() -> [DetailLine] {
        guard let m = selected, detailWidth > 0 else { return [] }
        let q = mode == .search ? SearchQuery(searchDraft) : filter.search
        let key = DetailKey(id: m.id, width: detailWidth, query: q.text, full: showInfo, loaded: true)
        let t = timeline
        return linesMemo.value(for: key) {
            DetailLayout.lines(for: m, width: detailWidth, query: q, full: showInfo) { id in t.row(ofID: id).map { t.title($0) } }
        }
    }

    /// Index of the top line for the current anchor, clamped so the pane stays full.
    public func detailTop(_ lines: [DetailLine]) -> Int {
        var top = 0
        for (i, l) in lines.enumerated() {
            if (l.block, l.start) <= (anchor.block, anchor.start) { top = i } else { break }
        }
        return max(0, min(top, lines.count - max(1, layout.detail.h)))
    }

    mutating func scrollDetail(by n: Int) {
        let lines = detailLines()
        guard !lines.isEmpty else { return }
        let h = max(1, layout.detail.h)
        let top = max(0, min(detailTop(lines) + n, max(0, lines.count - h)))
        anchor = ReadingAnchor(block: lines[top].block, start: lines[top].start)
    }

    /// Goes to the next or previous search hit. Hits are counted in the text (a hit
    /// wrapped over two lines is one hit), so the count does not change with the width.
    mutating func jumpToHit(forward: Bool) {
        let lines = detailLines()
        let top = detailTop(lines)
        // (line index) of each hit's first character, in reading order.
        var hits: [Int] = []
        for (i, l) in lines.enumerated() { for _ in l.hitStarts { hits.append(i) } }
        guard !hits.isEmpty else { message = "no search hits in this article"; return }
        let k: Int
        if let c = hitCursor, c < hits.count {
            k = forward ? (c + 1) % hits.count : (c - 1 + hits.count) % hits.count
        } else {
            k = forward ? (hits.firstIndex { $0 >= top } ?? 0) : (hits.lastIndex { $0 < top } ?? hits.count - 1)
        }
        hitCursor = k
        let at = max(0, hits[k] - 2)
        anchor = ReadingAnchor(block: lines[at].block, start: lines[at].start)
        message = "hit \(k + 1)/\(hits.count)"
    }

    // MARK: Pickers

    public func pickerItems() -> [FacetCount] {
        guard let p = picker else { return [] }
        let all = timeline.facetCounts(p.facet, compiledFilter(), map: filter.map)
        let q = SearchQuery(p.query)
        let items = q.isEmpty ? all : all.filter { !q.hits(in: VietFold.fold($0.label)).isEmpty || VietFold.foldedString($0.label).contains(VietFold.foldedString(p.query)) }
        return [FacetCount(value: "*", label: "(any)", count: all.reduce(0) { $0 + $1.count })] + items
    }
}
