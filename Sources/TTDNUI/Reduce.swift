import TTDNCore

/// Everything a user (or the shell) can do. Keys become actions through the
/// command table; the terminal's resize and mouse events become actions too.
public enum Action: Sendable, Equatable {
    case move(Int), page(Int), halfPage(Int), top, bottom
    case open, back, toggleFocus
    case scrollDetail(Int), pageDetail(Int)
    case startSearch, input(String), deleteBackward, deleteWord, clearInput, commit, cancel, history(Int)
    case nextHit, prevHit, nextMeeting(Int), followRelated
    case toggleOrder, cyclePanes, toggleMap, toggleRead, markAllRead
    case openPeople, openTable, tableMove(rows: Int, cols: Int), startExport, effectDone(String)
    /// A key pressed in the help: close it, then do what the key does.
    indirect case closeHelpThen(Action)
    case openPicker(Facet), pickerMove(Int), pickerToggle
    case clearFilters, toggleHelp, quit, redraw, resize(Size)
    case click(x: Int, y: Int), wheel(x: Int, y: Int, delta: Int)
    case toggleStar, cycleReadFilter
    case scrollHelp(Int)
    case setProgress(String?)
    case toggleInfo
    /// Look again for files added, changed or removed (the shell syncs the index off the UI thread).
    case rescan
    // Answers to effects (see `Effect`), sent by the shell.
    case searchAnswered(generation: Int, query: SearchQuery, rows: RowSet?)
    case peopleAnswered(generation: Int, rows: RowSet)
    case detailLoaded(id: String, meeting: Meeting?)
    case peopleSummarized(generation: Int, [PersonSummary])
    case sourceReplaced(SourceBox)

    /// Answers from the shell, as opposed to what the user did: they keep the message and the hit cursor.
    var isAnswer: Bool {
        switch self {
        case .searchAnswered, .peopleAnswered, .detailLoaded, .peopleSummarized, .sourceReplaced, .setProgress, .effectDone: return true
        default: return false
        }
    }
}

/// The pure state transition: no I/O, no terminal. Side effects the shell
/// performs (saving read state) are read back from the state it returns;
/// others (writing an export) are `effects` the shell runs and answers.
public func reduce(_ state0: AppState, _ action: Action) -> AppState {
    var s = step(state0, action)
    // Whatever moved the selection, the detail asks for its record here, in one place.
    s.requestDetail()
    return s
}

private func step(_ state0: AppState, _ action: Action) -> AppState {
    var s = state0
    if action != .redraw && !action.isAnswer { s.message = nil }
    switch action {
    case .nextHit, .prevHit, .redraw, .resize: break
    default: if !action.isAnswer { s.hitCursor = nil }
    }
    switch action {
    case .closeHelpThen(let next):
        s.mode = .browse
        return step(s, next)
    case .move(let n): moveSelection(&s, by: n)
    case .page(let n):
        if s.focus == .detail { s.scrollDetail(by: n * max(1, s.layout.detail.h - 2)) } else { moveSelection(&s, by: n * max(1, s.listHeight - 1)) }
    case .halfPage(let n):
        if s.focus == .detail { s.scrollDetail(by: n * max(1, s.layout.detail.h / 2)) } else { moveSelection(&s, by: n * max(1, s.listHeight / 2)) }
    case .top: if s.focus == .detail { s.anchor = ReadingAnchor() } else { select(&s, position: 0) }
    case .bottom:
        if s.focus == .detail { s.scrollDetail(by: Int.max / 4) } else { select(&s, position: s.visible.count - 1) }
    case .open:
        guard s.selectedIndex != nil else { break }
        if !s.layout.wide { s.detailOpen = true }
        if s.paneMode == .list { s.paneMode = .split }
        s.focus = .detail
        markRead(&s)
    case .back:
        if s.focus == .detail {
            s.focus = .list; s.detailOpen = false
            if s.paneMode == .detail { s.paneMode = .split }
        } else if !s.filter.search.isEmpty {
            s.filter.search = SearchQuery("")
        } else if s.filter.person != nil || s.filter.chair != nil {
            s.filter.person = nil; s.filter.chair = nil
        }
    case .toggleFocus:
        if s.paneMode != .split && s.layout.wide { s.paneMode = .split }
        if s.focus == .list { return step(s, .open) }
        s.focus = .list
        s.detailOpen = false
    case .scrollDetail(let n): s.scrollDetail(by: n)
    case .pageDetail(let n): s.scrollDetail(by: n * max(1, s.layout.detail.h - 2))
    case .startSearch:
        s.mode = .search
        s.searchBefore = s.filter.search
        s.searchDraft = s.filter.search.text
        s.historyPos = nil
    case .input(let text):
        editLine(&s) { $0 += text }
    case .deleteBackward:
        editLine(&s) { if !$0.isEmpty { $0.removeLast() } }
    case .deleteWord:
        editLine(&s) { line in
            while line.last?.isWhitespace == true { line.removeLast() }
            while let c = line.last, !c.isWhitespace { line.removeLast() }
        }
    case .clearInput:
        editLine(&s) { $0 = "" }
    case .history(let d):
        guard s.mode == .search, !s.searchHistory.isEmpty else { break }
        let n = s.searchHistory.count
        let pos = max(0, min(n, (s.historyPos ?? n) + d))
        s.historyPos = pos
        s.searchDraft = pos == n ? "" : s.searchHistory[pos]
        s.filter.search = SearchQuery(s.searchDraft)
    case .commit:
        switch s.mode {
        case .search:
            s.mode = .browse
            s.anchor = ReadingAnchor()
            if !s.filter.search.isEmpty {
                let t = s.filter.search.text
                s.searchHistory.removeAll { $0 == t }
                s.searchHistory.append(t)
                if s.searchHistory.count > 100 { s.searchHistory.removeFirst() }
                if s.searching { s.announceSearch = true; s.message = "searching “\(t)”…" } else {
                    s.message = "\(s.visibleMeetings) meetings match “\(t)”"
                }
            }
        case .picker: applyPicker(&s)
        case .help: s.mode = .browse
        case .people:
            if let pv = s.people, pv.cursor < pv.shown.count {
                let name = pv.shown[pv.cursor].name
                s.filter.person = NameQuery(name)
                s.message = s.searching ? "finding the meetings that name \(name)…" : "\(s.visibleMeetings) meetings name \(name)"
            }
            s.people = nil
            s.mode = .browse
        case .table:
            if let t = s.table, t.row < t.provinces.count {
                let p = t.provinces[t.row]
                s.filter.provinces = p.isEmpty ? [] : [p]
                if t.col < t.years.count { s.filter.years = [t.years[t.col]] }
            }
            s.table = nil
            s.mode = .browse
        case .export: commitExport(&s)
        case .browse: break
        }
    case .cancel:
        switch s.mode {
        case .search:
            s.mode = .browse
            s.filter.search = s.searchBefore
        case .picker, .help, .people, .table, .export:
            s.mode = .browse
            s.picker = nil
            s.people = nil
            s.table = nil
        case .browse: return step(s, .back)
        }
    case .nextHit: s.jumpToHit(forward: true)
    case .prevHit: s.jumpToHit(forward: false)
    case .openPicker(let facet):
        let chosen: Set<String>
        switch facet {
        case .province: chosen = s.filter.provinces
        case .year: chosen = Set(s.filter.years.map(String.init))
        case .kind: chosen = Set(s.filter.kinds.map(\.rawValue))
        }
        s.picker = Picker(facet: facet, chosen: chosen)
        s.mode = .picker
    case .pickerMove(let n):
        if var pv = s.people {
            pv.cursor = max(0, min(pv.shown.count - 1, pv.cursor + n))
            s.people = pv
            break
        }
        guard var p = s.picker else { break }
        let count = s.pickerItems().count
        p.cursor = max(0, min(count - 1, p.cursor + n))
        s.picker = p
    case .pickerToggle:
        guard var p = s.picker else { break }
        let items = s.pickerItems()
        guard p.cursor < items.count else { break }
        let v = items[p.cursor].value
        if v == "*" { p.chosen = [] } else if p.chosen.contains(v) { p.chosen.remove(v) } else { p.chosen.insert(v) }
        s.picker = p
    case .clearFilters:
        let map = s.filter.map
        s.filter = MeetingFilter()
        s.filter.map = map
        s.readFilter = .all
        s.message = "filters cleared"
    case .toggleHelp:
        s.mode = s.mode == .help ? .browse : .help
        s.helpTop = 0
    case .scrollHelp(let n):
        s.helpTop = helpTopClamped(s)
        s.helpTop = max(0, s.helpTop + n)
        s.helpTop = helpTopClamped(s)
    case .quit: s.shouldQuit = true
    case .redraw: s.redrawCount += 1
    case .resize(let size):
        s.size = size
        // Narrow screens show one pane: the one with focus, so the reader keeps their place.
        s.detailOpen = !ScreenLayout(size: size, detailOpen: false, wideFrom: s.splitFrom).wide && s.focus == .detail
        s.keepSelectionVisible()
    case .click(let x, let y): click(&s, x: x, y: y)
    case .wheel(let x, let y, let delta):
        if s.layout.detail.contains(x, y) { s.scrollDetail(by: delta * 3) } else if s.layout.list.contains(x, y) {
            s.listTop = max(0, min(s.listTop + delta * 3, max(0, s.rows.count - s.listHeight)))
        }
    case .toggleStar:
        guard let id = s.selectedID else { break }
        let on = !s.starred.contains(id)
        s.setMark(.starred, ids: [id], on: on)
        s.message = on ? "starred" : "unstarred"
        if s.readFilter == .starred { s.readFilter = .starred }
    case .cycleReadFilter:
        let all = ReadFilter.allCases
        s.readFilter = all[(all.firstIndex(of: s.readFilter)! + 1) % all.count]
        s.message = "showing \(s.readFilter.rawValue)"
    case .setProgress(let p): s.progress = p
    case .nextMeeting(let n):
        guard !s.visible.isEmpty else { break }
        let pos = s.selectedPosition ?? 0
        let next = max(0, min(s.visible.count - 1, pos + n))
        if next == pos { s.message = n > 0 ? "last meeting" : "first meeting"; break }
        s.selectedID = s.timeline.id(s.visible[next])
        s.anchor = ReadingAnchor()
        s.keepSelectionVisible()
        if s.focus == .detail { markRead(&s) }
    case .followRelated: followRelated(&s)
    case .toggleOrder:
        s.newestFirst.toggle()
        s.message = s.newestFirst ? "newest first" : "oldest first"
        s.keepSelectionVisible()
    case .cyclePanes:
        guard s.layout.wide else { return step(s, .toggleFocus) }
        let all = PaneMode.allCases
        s.paneMode = all[(all.firstIndex(of: s.paneMode)! + 1) % all.count]
        if s.paneMode == .detail { s.focus = .detail; markRead(&s) }
        if s.paneMode == .list { s.focus = .list }
        s.message = s.paneMode == .split ? "list and detail" : s.paneMode == .list ? "list only" : "detail only"
        s.keepSelectionVisible()
    case .toggleMap:
        var f = s.filter
        let named = s.timeline.provinceNames
        if f.map == .atTheTime {
            f.map = .y2025
            f.provinces = Set(named.compactMap { p in f.provinces.contains(p) ? Provinces.province2025(of: p) : nil })
        } else {
            f.map = .atTheTime
            // Every name at the time that belongs to a chosen 2025 unit.
            f.provinces = Set(named.filter { p in Provinces.province2025(of: p).map { f.provinces.contains($0) } ?? false })
        }
        s.filter = f
        s.message = f.map == .y2025 ? "provinces: the 34 in force since 1 July 2025" : "provinces: as named at the time"
    case .toggleRead:
        guard let id = s.selectedID else { break }
        let on = !s.read.contains(id)
        s.setMark(.read, ids: [id], on: on)
        s.message = on ? "marked read" : "marked unread"
        if s.readFilter == .unread { s.readFilter = .unread }
    case .markAllRead:
        let n = s.markRowsRead(s.visible)
        s.message = "\(n) marked read"
        if s.readFilter == .unread { s.readFilter = .unread }
    case .openPeople:
        // Names are in the full records: counted off the UI thread, shown when they arrive.
        let generation = (s.people?.generation ?? s.peopleViewGeneration) + 1
        s.peopleViewGeneration = generation
        s.people = PeopleView(all: [], loading: true, generation: generation)
        s.effects.append(.summarizePeople(rows: s.visible, generation: generation))
        s.mode = .people
    case .openTable:
        s.table = makeTable(s)
        s.mode = .table
    case .tableMove(let dr, let dc):
        guard var t = s.table else { break }
        t.row = max(0, min(t.provinces.count - 1, t.row + dr))
        t.col = max(0, min(t.years.count, t.col + dc))
        s.table = t
    case .startExport:
        s.exportDraft = defaultExportName(s)
        s.mode = .export
    case .effectDone(let msg): s.message = msg
    case .rescan:
        s.effects.append(.rescan)
        s.message = "looking for files added, changed or removed…"
    case .searchAnswered(let generation, let query, let rows): s.answerSearch(generation: generation, query: query, rows: rows)
    case .peopleAnswered(let generation, let rows): s.answerPeople(generation: generation, rows: rows)
    case .detailLoaded(let id, let meeting): s.answerDetail(id: id, meeting: meeting)
    case .peopleSummarized(let generation, let all):
        guard var pv = s.people, pv.generation == generation else { break }
        pv.all = all
        pv.loading = false
        s.people = pv
    case .sourceReplaced(let box): s.replaceSource(box.source)
    case .toggleInfo:
        s.showInfo.toggle()
        s.anchor = ReadingAnchor()   // the metadata block changes size: start from the top of it
    }
    return s
}

/// Edits the line being typed: the search, a picker's or the People view's filter, the export file name.
private func editLine(_ s: inout AppState, _ edit: (inout String) -> Void) {
    switch s.mode {
    case .search:
        edit(&s.searchDraft)
        s.filter.search = SearchQuery(s.searchDraft)
    case .picker:
        guard var p = s.picker else { return }
        let before = p.query
        edit(&p.query)
        s.picker = p
        let count = s.pickerItems().count
        s.picker?.cursor = p.query.count > before.count && count > 1 ? 1 : 0
    case .people:
        guard var pv = s.people else { return }
        edit(&pv.query)
        pv.cursor = 0
        s.people = pv
    case .export: edit(&s.exportDraft)
    default: break
    }
}

/// Follows the first "Related" line on screen in the detail to that report.
private func followRelated(_ s: inout AppState) {
    guard let m = s.selected, !m.related.isEmpty else { s.message = "no related report in this meeting"; return }
    let lines = s.detailLines()
    let top = s.detailTop(lines)
    let onScreen = lines.indices.filter { $0 >= top && $0 < top + max(1, s.layout.detail.h) }
    // A Related line ends with the report's id in brackets (or is the bare id).
    let target = onScreen.lazy.compactMap { i -> String? in
        let text = lines[i].segments.map(\.text).joined()
        return m.related.first { text.contains("[\($0)]") || text.hasSuffix($0) }
    }.first
    guard let target else {
        // The compact detail folds Related lines away (issue 11's `i`).
        s.message = s.showInfo ? "no Related line on screen (scroll to it, then Enter)" : "related reports are folded: i shows them, Enter on one follows it"
        return
    }
    guard let i = s.timeline.row(ofID: target) else { s.message = "related report \(target) is not in this corpus"; return }
    if s.position(ofRow: i) == nil { s.message = "related report hidden by the filters (c clears them)"; return }
    s.selectedID = target
    s.anchor = ReadingAnchor()
    s.keepSelectionVisible()
    markRead(&s)
    s.message = "followed a related report"
}

/// The province × year table of the shown meetings.
func makeTable(_ s: AppState) -> YearTable {
    // Counted on small numbers (province code × year), named once at the end: 100,000 rows in a few ms.
    let t = s.timeline
    let map = s.filter.map
    var counts: [Int: [Int: Int]] = [:]
    var years = Set<Int>()
    var totals: [Int: Int] = [:]
    for i in s.visible where t.isMeeting(i) {
        let p = t.provinceCode(i, on: map)
        let y = t.year(i) ?? MeetingFilter.unknownYear
        counts[p, default: [:]][y, default: 0] += 1
        totals[p, default: 0] += 1
        years.insert(y)
    }
    let ys = years.sorted { ($0 == 0 ? 9999 : $0) < ($1 == 0 ? 9999 : $1) }
    let codeOf = Dictionary(uniqueKeysWithValues: totals.keys.map { (t.provinceName(code: $0, on: map) ?? "", $0) })
    let ps = VietCollation.sorted(Array(codeOf.keys)) { $0.isEmpty ? "\u{10FFFF}" : $0 }
    return YearTable(provinces: ps, years: ys, counts: ps.map { p in ys.map { counts[codeOf[p]!]?[$0] ?? 0 } },
                     rowTotals: ps.map { totals[codeOf[$0]!] ?? 0 }, col: ys.count)
}

/// A file name from the corpus and the filters: "ttdn-seeds-lang-son-2018.md".
func defaultExportName(_ s: AppState) -> String {
    var parts = ["ttdn", s.corpusName]
    if s.filter.provinces.count == 1 { parts.append(s.filter.provinces.first!) }
    if s.filter.years.count == 1, let y = s.filter.years.first { parts.append(y == 0 ? "undated" : String(y)) }
    if s.filter.kinds.count == 1 { parts.append(s.filter.kinds.first!.rawValue) }
    if let p = s.filter.person { parts.append(p.text) }
    if !s.filter.search.isEmpty { parts.append(s.filter.search.text) }
    let slug = parts.map { part -> String in
        var out = ""
        for ch in VietFold.foldedString(part) { out.append(ch.isLetter && ch.isASCII || ch.isNumber ? ch : "-") }
        return out.split(separator: "-").joined(separator: "-")
    }.filter { !$0.isEmpty }.joined(separator: "-")
    return String(slug.prefix(80)) + ".md"
}

private func commitExport(_ s: inout AppState) {
    let path = s.exportDraft.trimmingCharacters(in: .whitespaces)
    let ext = path.split(separator: ".").last.map { $0.lowercased() } ?? ""
    let format: ExportFormat
    switch ext {
    case "md", "markdown": format = .md
    case "csv": format = .csv
    case "json": format = .json
    default:
        s.message = "end the name with .md, .csv or .json"
        return
    }
    s.effects.append(.export(path: path, format: format, rows: s.visible))
    s.mode = .browse
    s.message = "writing \(s.visible.count) meetings to \(path)…"
}

private func moveSelection(_ s: inout AppState, by n: Int) {
    if s.focus == .detail { s.scrollDetail(by: n); return }
    guard !s.visible.isEmpty else { return }
    let pos = s.selectedPosition ?? 0
    select(&s, position: max(0, min(s.visible.count - 1, pos + n)))
}

private func select(_ s: inout AppState, position: Int) {
    guard !s.visible.isEmpty else { return }
    let p = max(0, min(s.visible.count - 1, position))
    let id = s.timeline.id(s.visible[p])
    if id != s.selectedID { s.selectedID = id; s.anchor = ReadingAnchor() }
    s.keepSelectionVisible()
    if s.layout.wide && s.focus == .detail { markRead(&s) }
}

private func markRead(_ s: inout AppState) {
    if let id = s.selectedID, !s.read.contains(id) { s.setMark(.read, ids: [id], on: true) }
}

private func applyPicker(_ s: inout AppState) {
    guard var p = s.picker else { return }
    let items = s.pickerItems()
    if p.chosen.isEmpty, p.cursor < items.count, items[p.cursor].value != "*" { p.chosen = [items[p.cursor].value] }
    switch p.facet {
    case .province: s.filter.provinces = p.chosen
    case .year: s.filter.years = Set(p.chosen.compactMap { Int($0) })
    case .kind: s.filter.kinds = Set(p.chosen.compactMap { MeetingKind(rawValue: $0) })
    }
    s.picker = nil
    s.mode = .browse
}

private func click(_ s: inout AppState, x: Int, y: Int) {
    let l = s.layout
    if l.list.contains(x, y) {
        let row = s.listTop + (y - l.list.y)
        guard row < s.rows.count else { return }
        if case .meeting(let i) = s.rows[row], let pos = s.position(ofRow: i) {
            s.focus = .list
            select(&s, position: pos)
        }
    } else if l.detail.contains(x, y) {
        s.focus = .detail
        markRead(&s)
    }
}
