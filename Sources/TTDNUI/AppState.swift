import TTDNCore

public enum Focus: Sendable, Equatable { case list, detail }

public enum Mode: Sendable, Equatable { case browse, search, picker, help, people, table, export }

/// Which panes a wide screen shows (`v` cycles): both, the list alone, the detail alone.
public enum PaneMode: String, Sendable, CaseIterable { case split, list, detail }

/// Work the shell does for `reduce` (which does no I/O) and reports back as an action.
public enum Effect: Sendable, Equatable {
    /// Write these meetings to `path` in `format`; the shell answers with `.effectDone(message)`.
    case export(path: String, format: ExportFormat, ids: [String])
}

/// The People view's rows and cursor (computed when it opens).
public struct PeopleView: Sendable, Equatable {
    public var all: [PersonSummary]
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
    public let meetings: [Meeting]
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
    public let totalMeetings: Int
    /// Display width the list's title column would like (longest shown title, capped).
    public private(set) var titleWant = 0
    public private(set) var visible: [Int] = []
    public private(set) var rows: [TimelineRow] = []
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
    public var read: Set<String> = []
    public var starred: Set<String> = []
    /// Set by the shell while a first index build runs ("indexing 4,000/100,000").
    public var progress: String?
    /// The user's key bindings (config `bind KEY COMMAND`): key → command name.
    public var bindings: [Key: String] = [:]
    /// The detail shows notes, file path and related reports (the `i` key).
    public var showInfo = false
    /// Width from which list and detail show side by side (config `set split`).
    public var splitFrom = ScreenLayout.wideFrom
    /// Article bodies and full-text search for meetings that came from an index.
    public let store: (any MeetingStore)?
    /// The index's answer for the current search (nil: search in memory).
    private var searchHits: SearchHits?
    private var searchHitsQuery = SearchQuery("")
    /// Meetings per year under the filters other than year (the strip), computed with `visible`.
    public private(set) var yearCounts: [Int: Int] = [:]
    let idIndex: [String: Int]

    public init(meetings: [Meeting], corpusName: String, size: Size, filter: MeetingFilter = MeetingFilter(),
                store: (any MeetingStore)? = nil, read: Set<String> = [], starred: Set<String> = []) {
        self.meetings = meetings
        self.store = store
        self.read = read
        self.starred = starred
        self.corpusName = corpusName
        self.size = size
        var idx: [String: Int] = [:]
        for (i, m) in meetings.enumerated() { idx[m.id] = i }
        idIndex = idx
        totalMeetings = meetings.reduce(0) { $0 + ($1.isMeeting ? 1 : 0) }
        self.filter = filter
        refilter()
    }

    public var layout: ScreenLayout { ScreenLayout(size: size, detailOpen: detailOpen, pane: paneMode, listWant: listWant, wideFrom: splitFrom) }

    /// Whether the list shows a province column (not when one province is chosen).
    public var showsProvince: Bool { filter.provinces.count != 1 }

    /// Columns the list would like at a wide size: markers, date, province, kind, the longest title.
    public var listWant: Int { 3 + 11 + (showsProvince ? 15 : 0) + 14 + titleWant }

    public var selectedIndex: Int? { selectedID.flatMap { idIndex[$0] } }
    public var selected: Meeting? { selectedIndex.map { meetings[$0] } }

    public func meeting(id: String) -> Meeting? { idIndex[id].map { meetings[$0] } }

    /// Position of the selection among visible meetings.
    public var selectedPosition: Int? {
        guard let i = selectedIndex else { return nil }
        return visible.firstIndex(of: i)
    }

    public var selectedRow: Int? {
        guard let i = selectedIndex else { return nil }
        return rows.firstIndex(of: .meeting(i))
    }

    /// The filter as matching uses it: with the index's answer to the search.
    public var effectiveFilter: MeetingFilter {
        var f = filter
        f.searchHits = searchHitsQuery == filter.search ? searchHits : nil
        return f
    }

    mutating func refilter() {
        if let store, searchHitsQuery != filter.search {
            searchHits = store.matchingKeys(filter.search)
            searchHitsQuery = filter.search
        }
        let filter = effectiveFilter
        // One pass: the visible list and, ignoring the year filter, the strip's counts per year.
        var counts: [Int: Int] = [:]
        var vis: [Int] = []
        vis.reserveCapacity(meetings.count)
        for i in meetings.indices {
            let m = meetings[i]
            switch readFilter {
            case .all: break
            case .unread: if read.contains(m.id) { continue }
            case .starred: if !starred.contains(m.id) { continue }
            }
            guard filter.matches(m, ignoring: .year) else { continue }
            if let y = m.year, m.isMeeting { counts[y, default: 0] += 1 }
            if filter.years.isEmpty || filter.years.contains(m.year ?? MeetingFilter.unknownYear) { vis.append(i) }
        }
        yearCounts = counts
        // Meeting reports in date order (or newest first), then the other reports apart.
        var meetingRows = vis.filter { meetings[$0].isMeeting }
        let others = vis.filter { !meetings[$0].isMeeting }
        // Newest first keeps undated meetings last, as oldest first does.
        if newestFirst { meetingRows = meetingRows.filter { meetings[$0].date != nil }.reversed() + meetingRows.filter { meetings[$0].date == nil } }
        visibleMeetings = meetingRows.count
        visible = meetingRows + others
        var want = 0
        for i in visible.prefix(5000) { want = max(want, meetings[i].title.unicodeScalars.count) }
        titleWant = min(want, 110)
        var r: [TimelineRow] = []
        var currentYear: Int?? = .none
        var perYear: [Int?: Int] = [:]
        for i in meetingRows { perYear[meetings[i].year, default: 0] += 1 }
        for i in meetingRows {
            let y = meetings[i].year
            if currentYear == .none || currentYear! != y {
                r.append(.year(y, count: perYear[y] ?? 0))
                currentYear = .some(y)
            }
            r.append(.meeting(i))
        }
        if !others.isEmpty {
            r.append(.notMeetings(count: others.count))
            for i in others { r.append(.meeting(i)) }
        }
        rows = r
        if selectedPosition == nil { selectedID = visible.first.map { meetings[$0].id }; anchor = ReadingAnchor() }
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

    // MARK: Detail

    public var detailWidth: Int { layout.detail.w }

    public func detailLines() -> [DetailLine] {
        guard var m = selected, detailWidth > 0 else { return [] }
        if m.paragraphs.isEmpty, let body = store?.paragraphs(for: m.id) { m.paragraphs = body }
        let q = mode == .search ? SearchQuery(searchDraft) : filter.search
        return DetailLayout.lines(for: m, width: detailWidth, query: q, full: showInfo) { id in meeting(id: id)?.title }
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
        let f = effectiveFilter
        let all = Stats.counts(meetings.filter { m in
            switch readFilter {
            case .all: return true
            case .unread: return !read.contains(m.id)
            case .starred: return starred.contains(m.id)
            }
        }, facet: p.facet, filter: f)
        let q = SearchQuery(p.query)
        let items = q.isEmpty ? all : all.filter { !q.hits(in: VietFold.fold($0.label)).isEmpty || VietFold.foldedString($0.label).contains(VietFold.foldedString(p.query)) }
        return [FacetCount(value: "*", label: "(any)", count: all.reduce(0) { $0 + $1.count })] + items
    }
}
