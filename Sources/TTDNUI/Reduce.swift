import TTDNCore

/// Everything a user (or the shell) can do. Keys become actions through the
/// command table; the terminal's resize and mouse events become actions too.
public enum Action: Sendable, Equatable {
    case move(Int), page(Int), halfPage(Int), top, bottom
    case open, back, toggleFocus
    case scrollDetail(Int), pageDetail(Int)
    case startSearch, input(String), deleteBackward, clearInput, commit, cancel
    case nextHit, prevHit
    case openPicker(Facet), pickerMove(Int), pickerToggle
    case clearFilters, toggleHelp, quit, redraw, resize(Size)
    case click(x: Int, y: Int), wheel(x: Int, y: Int, delta: Int)
    case toggleStar, cycleReadFilter
    case scrollHelp(Int)
    case setProgress(String?)
    case toggleInfo
}

/// The pure state transition: no I/O, no terminal. Side effects the shell
/// performs (saving read state) are read back from the state it returns.
public func reduce(_ state0: AppState, _ action: Action) -> AppState {
    var s = state0
    if action != .redraw { s.message = nil }
    switch action {
    case .move(let n): moveSelection(&s, by: n)
    case .page(let n): moveSelection(&s, by: n * max(1, s.listHeight - 1))
    case .halfPage(let n):
        if s.focus == .detail { s.scrollDetail(by: n * max(1, s.layout.detail.h / 2)) } else { moveSelection(&s, by: n * max(1, s.listHeight / 2)) }
    case .top: if s.focus == .detail { s.anchor = ReadingAnchor() } else { select(&s, position: 0) }
    case .bottom:
        if s.focus == .detail { s.scrollDetail(by: Int.max / 4) } else { select(&s, position: s.visible.count - 1) }
    case .open:
        guard s.selected != nil else { break }
        if !s.layout.wide { s.detailOpen = true }
        s.focus = .detail
        markRead(&s)
    case .back:
        if s.focus == .detail { s.focus = .list; s.detailOpen = false } else if !s.filter.search.isEmpty {
            s.filter.search = SearchQuery("")
        }
    case .toggleFocus:
        if s.focus == .list { return reduce(s, .open) }
        s.focus = .list
        s.detailOpen = false
    case .scrollDetail(let n): s.scrollDetail(by: n)
    case .pageDetail(let n): s.scrollDetail(by: n * max(1, s.layout.detail.h - 2))
    case .startSearch:
        s.mode = .search
        s.searchBefore = s.filter.search
        s.searchDraft = s.filter.search.text
    case .input(let text):
        switch s.mode {
        case .search:
            s.searchDraft += text
            s.filter.search = SearchQuery(s.searchDraft)
        case .picker:
            s.picker?.query += text
            let count = s.pickerItems().count
            s.picker?.cursor = count > 1 ? 1 : 0
        default: break
        }
    case .deleteBackward:
        switch s.mode {
        case .search:
            if !s.searchDraft.isEmpty { s.searchDraft.removeLast() }
            s.filter.search = SearchQuery(s.searchDraft)
        case .picker:
            if s.picker?.query.isEmpty == false { s.picker?.query.removeLast() }
            s.picker?.cursor = 0
        default: break
        }
    case .clearInput:
        if s.mode == .search { s.searchDraft = ""; s.filter.search = SearchQuery("") }
        if s.mode == .picker { s.picker?.query = ""; s.picker?.cursor = 0 }
    case .commit:
        switch s.mode {
        case .search:
            s.mode = .browse
            s.anchor = ReadingAnchor()
            if !s.filter.search.isEmpty { s.message = "\(s.visible.count) meetings match “\(s.filter.search.text)”" }
        case .picker: applyPicker(&s)
        case .help: s.mode = .browse
        case .browse: break
        }
    case .cancel:
        switch s.mode {
        case .search:
            s.mode = .browse
            s.filter.search = s.searchBefore
        case .picker, .help:
            s.mode = .browse
            s.picker = nil
        case .browse: return reduce(s, .back)
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
        s.filter = MeetingFilter()
        s.readFilter = .all
        s.message = "filters cleared"
    case .toggleHelp:
        s.mode = s.mode == .help ? .browse : .help
        s.helpTop = 0
    case .scrollHelp(let n): s.helpTop = max(0, min(s.helpTop + n, Commands.table.count + Commands.entryHelp.count))
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
        if s.starred.contains(id) { s.starred.remove(id); s.message = "unstarred" } else { s.starred.insert(id); s.message = "starred" }
        if s.readFilter == .starred { s.readFilter = .starred }
    case .cycleReadFilter:
        let all = ReadFilter.allCases
        s.readFilter = all[(all.firstIndex(of: s.readFilter)! + 1) % all.count]
        s.message = "showing \(s.readFilter.rawValue)"
    case .setProgress(let p): s.progress = p
    case .toggleInfo:
        s.showInfo.toggle()
        s.anchor = ReadingAnchor()   // the metadata block changes size: start from the top of it
    }
    return s
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
    let id = s.meetings[s.visible[p]].id
    if id != s.selectedID { s.selectedID = id; s.anchor = ReadingAnchor() }
    s.keepSelectionVisible()
    if s.layout.wide && s.focus == .detail { markRead(&s) }
}

private func markRead(_ s: inout AppState) {
    if let id = s.selectedID { s.read.insert(id) }
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
        if case .meeting(let i) = s.rows[row], let pos = s.visible.firstIndex(of: i) {
            s.focus = .list
            select(&s, position: pos)
        }
    } else if l.detail.contains(x, y) {
        s.focus = .detail
        markRead(&s)
    }
}
