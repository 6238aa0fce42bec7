import TTDNCore

/// Draws the whole screen for `state` into a grid of `state.size`. Pure: the
/// same state always gives the same grid, which is what the snapshot tests
/// compare and what the shell copies to the terminal.
public func render(_ state: AppState) -> Grid {
    let size = state.size
    var g = Grid(width: size.width, height: size.height)
    let l = state.layout
    if l.tooSmall {
        let msg = size.width >= 19 ? ["Terminal too small", "\(size.width)×\(size.height), need 20×6", "q quits"]
                                   : ["too small", "\(size.width)×\(size.height)", "q quits"]
        for (i, line) in msg.enumerated() where i < size.height {
            let w = DisplayWidth.of(line)
            g.put(line, x: max(0, (size.width - w) / 2), y: max(0, size.height / 2 - 1) + i - (size.height < 3 ? 1 : 0), maxWidth: size.width, style: .warning)
        }
        return g
    }
    drawHeader(&g, state, l.header)
    if l.strip.h > 0 { drawStrip(&g, state, l.strip) }
    if l.list.w > 0 { drawList(&g, state, l.list) }
    if l.wide {
        for y in l.list.y..<(l.list.y + l.list.h) { g.put("│", x: l.list.w, y: y, style: .border) }
    }
    // Wrapping the article (and reading its body from the index) happens once per frame.
    let lines = l.detail.w > 0 ? state.detailLines() : []
    if l.detail.w > 0 { drawDetail(&g, state, l.detail, lines) }
    drawStatus(&g, state, l.status, lines)
    switch state.mode {
    case .help: drawHelp(&g, state)
    case .picker: drawPicker(&g, state)
    case .people: drawPeople(&g, state)
    case .table: drawTable(&g, state)
    default: break
    }
    return g
}

// MARK: - Header and year strip

func drawHeader(_ g: inout Grid, _ s: AppState, _ r: Rect) {
    g.fill(x: r.x, y: r.y, w: r.w, style: .header)
    g.put(headerText(s, width: r.w), x: r.x, y: r.y, maxWidth: r.w, style: .header)
}

/// The header: counts first, then the active search and filters (most important first),
/// the corpus name last; cut with "…" when it does not fit.
public func headerText(_ s: AppState, width: Int) -> String {
    let others = s.visible.count - s.visibleMeetings
    var count = "\(s.visibleMeetings)/\(s.totalMeetings) meetings"
    if others > 0 { count += " + \(others) not meetings" }
    var parts = ["ttdn", count]
    let f = s.filter
    if !f.search.isEmpty { parts.append("search: “\(f.search.text)”") }
    if let p = f.person { parts.append("person: \(p.text)") }
    if let c = f.chair { parts.append("chair: \(c.text)") }
    if !f.provinces.isEmpty { parts.append((f.map == .y2025 ? "province 2025: " : "province: ") + VietCollation.sorted(f.provinces).joined(separator: ", ")) }
    if !f.years.isEmpty { parts.append("year: " + f.years.sorted().map { $0 == 0 ? "undated" : String($0) }.joined(separator: ", ")) }
    if !f.kinds.isEmpty { parts.append("kind: " + f.kinds.sorted { Stats.kindOrder($0.rawValue) < Stats.kindOrder($1.rawValue) }.map(\.rawValue).joined(separator: ", ")) }
    if s.readFilter != .all { parts.append("only \(s.readFilter.rawValue)") }
    if f.map == .y2025 && f.provinces.isEmpty { parts.append("map 2025") }
    if s.newestFirst { parts.append("newest first") }
    if s.searching { parts.append("searching…") }
    if let p = s.progress { parts.append(p) }
    parts.append(s.corpusName)
    let text = " " + parts.joined(separator: " │ ")
    return DisplayWidth.of(text) <= width ? text : DisplayWidth.fit(text, width)
}

/// Meetings per year under the current filters (the year filter aside), as
/// block characters; chosen years (or the selection's year) are marked.
func drawStrip(_ g: inout Grid, _ s: AppState, _ r: Rect) {
    let counts = s.yearCounts
    guard let minY = counts.keys.min(), let maxY = counts.keys.max() else {
        g.put(" no dated meetings", x: r.x, y: r.y, maxWidth: r.w, style: .dim); return
    }
    let years = Array(minY...maxY)
    let peak = max(1, counts.values.max() ?? 1)
    let blocks = Array("▁▂▃▄▅▆▇█")
    let marked: Set<Int> = s.filter.years.isEmpty ? Set([s.selectedIndex.flatMap { s.timeline.year($0) }].compactMap { $0 }) : s.filter.years
    let full = years.count * 6 + 1 <= r.w
    let cellW = full ? 6 : 4
    let fits = max(1, (r.w - 1) / cellW)
    // The latest years, unless that would hide a marked year: then a window around it.
    var shown = Array(years.suffix(fits))
    if let focus = marked.max(), !shown.contains(focus), let at = years.firstIndex(of: focus) {
        let start = max(0, min(at - fits / 2, years.count - fits))
        shown = Array(years[start..<min(years.count, start + fits)])
    }
    var x = r.x + 1
    for y in shown {
        let c = counts[y] ?? 0
        let bar = c == 0 ? " " : String(blocks[min(7, (c * 7 + peak - 1) / peak)])
        let label = full ? String(y) : String(format02(y % 100))
        let style: Style = marked.contains(y) ? .yearSelected : .dim
        x += g.put(label + bar, x: x, y: r.y, maxWidth: r.x + r.w - x, style: style)
        x += g.put(" ", x: x, y: r.y, maxWidth: 1, style: .normal)
    }
}

func format02(_ n: Int) -> String { n < 10 ? "0\(n)" : String(n) }

// MARK: - Timeline

func dateCell(_ date: MeetingDate?) -> String {
    guard let d = date else { return "  undated " }
    if let day = d.day, let mo = d.month { return "\(format02(day))/\(format02(mo))/\(d.year)" }
    if let mo = d.month { return "   \(format02(mo))/\(d.year)" }
    return "      \(d.year)"
}

func drawList(_ g: inout Grid, _ s: AppState, _ r: Rect) {
    if s.visible.isEmpty {
        g.put(s.timeline.count == 0 ? (s.progress != nil ? " Indexing… meetings appear here as they are read." : " The corpus has no readable articles.") : " No meeting matches. c clears the filters.", x: r.x, y: r.y, maxWidth: r.w, style: .dim)
        return
    }
    let provW = !s.showsProvince ? 0 : r.w >= 70 ? 14 : r.w >= 50 ? 12 : 0
    let kindW = r.w >= 70 ? 13 : 0
    let selIndex = s.selectedIndex
    let t = s.timeline
    for row in 0..<r.h {
        let ri = s.listTop + row
        guard ri < s.rows.count else { break }
        let y = r.y + row
        switch s.rows[ri] {
        case .notMeetings(let count):
            let label = "── not meetings "
            let tail = " \(count)"
            let w = r.w - DisplayWidth.of(label) - DisplayWidth.of(tail)
            g.put(label + String(repeating: "─", count: max(0, w)) + tail, x: r.x, y: y, maxWidth: r.w, style: .year)
        case .year(let year, let count):
            let label = "── " + (year.map(String.init) ?? "undated") + " "
            let tail = " \(count)"
            let w = r.w - DisplayWidth.of(label) - DisplayWidth.of(tail)
            g.put(label + String(repeating: "─", count: max(0, w)) + tail, x: r.x, y: y, maxWidth: r.w, style: .year)
        case .meeting(let i):
            let isSel = i == selIndex
            let isRead = s.readRows.contains(i)
            let style: Style = isSel ? (s.focus == .list ? .selected : .selectedDim) : (isRead ? .dim : .normal)
            g.fill(x: r.x, y: y, w: r.w, style: style)
            var x = r.x
            // Unread dot, star, then a space before the date.
            x += g.put(isRead ? " " : "•", x: x, y: y, maxWidth: 1, style: style)
            x += g.put(s.starredRows.contains(i) ? "★" : " ", x: x, y: y, maxWidth: 1, style: style)
            x += g.put(" ", x: x, y: y, maxWidth: 1, style: style)
            x += g.put(DisplayWidth.fit(dateCell(t.date(i)), 10), x: x, y: y, maxWidth: r.x + r.w - x, style: style)
            x += g.put(" ", x: x, y: y, maxWidth: 1, style: style)
            if provW > 0 {
                x += g.put(DisplayWidth.fit(t.province(i, on: s.filter.map) ?? "?", provW), x: x, y: y, maxWidth: r.x + r.w - x, style: style)
                x += g.put(" ", x: x, y: y, maxWidth: 1, style: style)
            }
            if kindW > 0 {
                x += g.put(DisplayWidth.fit(t.kind(i).rawValue, kindW), x: x, y: y, maxWidth: r.x + r.w - x, style: style)
                x += g.put(" ", x: x, y: y, maxWidth: 1, style: style)
            }
            let rest = r.x + r.w - x
            if rest > 0 { g.put(DisplayWidth.fit(Sanitize.line(t.title(i)), rest), x: x, y: y, maxWidth: rest, style: style) }
        }
    }
}

// MARK: - Detail

func drawDetail(_ g: inout Grid, _ s: AppState, _ r: Rect, _ lines: [DetailLine]) {
    guard s.selected != nil else {
        g.put(s.selectedID == nil ? " Nothing selected." : " Reading…", x: r.x, y: r.y, maxWidth: r.w, style: .dim)
        return
    }
    let top = s.detailTop(lines)
    for row in 0..<r.h {
        let li = top + row
        guard li < lines.count else { break }
        var x = r.x
        for seg in lines[li].segments {
            x += g.put(seg.text, x: x, y: r.y + row, maxWidth: r.x + r.w - x, style: seg.style)
        }
    }
}

// MARK: - Status line

func drawStatus(_ g: inout Grid, _ s: AppState, _ r: Rect, _ lines: [DetailLine]) {
    g.fill(x: r.x, y: r.y, w: r.w, style: .status)
    switch s.mode {
    case .search:
        let text = " /" + s.searchDraft
        let used = g.put(text, x: r.x, y: r.y, maxWidth: r.w, style: .status)
        g.put("▏ \(s.visibleMeetings) matches  Enter keep  Esc drop  ↑ earlier", x: r.x + used, y: r.y, maxWidth: r.w - used, style: .status)
    case .export:
        let used = g.put(" export \(s.visible.count) to: " + s.exportDraft, x: r.x, y: r.y, maxWidth: r.w, style: .status)
        g.put("▏ Enter write  Esc cancel", x: r.x + used, y: r.y, maxWidth: r.w - used, style: .status)
    default:
        var left = s.message.map { " " + $0 } ?? ""
        if left.isEmpty {
            // Whole hints only, as many as fit; "? help" always comes first.
            let hints = s.layout.wide || s.focus == .list
                ? ["? help", "j/k move", "Enter open", "/ search", "p province", "y year", "t kind", "c clear", "q quit"]
                : ["? help", "j/k scroll", "Space page", "n/N hits", "Esc back", "q quit"]
            let room = r.w - 6
            for h in hints where DisplayWidth.of(left) + 2 + DisplayWidth.of(h) <= room { left += (left.isEmpty ? " " : "  ") + h }
        }
        var right = ""
        if let pos = s.selectedPosition, r.w >= 50 || s.focus == .list { right = " row \(pos + 1)/\(s.visible.count) " }
        if s.layout.detail.w > 0, !lines.isEmpty {
            let top = s.detailTop(lines)
            let end = min(lines.count, top + s.layout.detail.h)
            right += (right.isEmpty ? " " : "") + "\(end * 100 / max(1, lines.count))% "
        }
        if DisplayWidth.of(right) > r.w / 2 { right = "" }
        let rw = DisplayWidth.of(right)
        g.put(left, x: r.x, y: r.y, maxWidth: max(0, r.w - rw), style: .status)
        if rw <= r.w { g.put(right, x: r.x + r.w - rw, y: r.y, maxWidth: rw, style: .status) }
    }
}

// MARK: - Overlays

func box(_ g: inout Grid, _ r: Rect, title: String) {
    g.fill(x: r.x, y: r.y, w: r.w, h: r.h, style: .overlay)
    guard r.w >= 2, r.h >= 2 else { return }
    g.put("┌" + String(repeating: "─", count: r.w - 2) + "┐", x: r.x, y: r.y, maxWidth: r.w, style: .overlay)
    for y in (r.y + 1)..<(r.y + r.h - 1) {
        g.put("│", x: r.x, y: y, style: .overlay)
        g.put("│", x: r.x + r.w - 1, y: y, style: .overlay)
    }
    g.put("└" + String(repeating: "─", count: r.w - 2) + "┘", x: r.x, y: r.y + r.h - 1, maxWidth: r.w, style: .overlay)
    g.put(" " + title + " ", x: r.x + 2, y: r.y, maxWidth: r.w - 4, style: .overlay)
}

func overlayRect(_ size: Size, w: Int, h: Int) -> Rect {
    let bw = min(size.width, w), bh = min(size.height, h)
    return Rect(x: (size.width - bw) / 2, y: (size.height - bh) / 2, w: bw, h: bh)
}

/// The help screen's rows (key labels, text), from the command table with the user's
/// `bindings` in effect; a row with empty keys is a section heading.
public func helpRows(bindings: [Key: String] = [:]) -> [(key: String, help: String)] {
    var rows: [(key: String, help: String)] = []
    var byHelp: [String: Int] = [:]
    for c in Commands.table {
        // A command whose every key was bound to something else still shows (not as a heading).
        let bound = Commands.keys(for: c, bindings: bindings).map(\.label)
        let keys = bound.isEmpty ? ["—"] : bound
        if let i = byHelp[c.help] {
            let have = Set(rows[i].key.split(separator: " ").map(String.init))
            rows[i].key += keys.filter { !have.contains($0) }.map { " " + $0 }.joined()
            continue
        }
        byHelp[c.help] = rows.count
        rows.append((keys.joined(separator: " "), c.help))
    }
    rows.append(("", "While typing (search line, pickers, People, export name)"))
    rows += Commands.entryHelp.map { (key: $0.0, help: $0.1) }
    rows.append(("", "Also"))
    rows += Commands.otherHelp.map { (key: $0.0, help: $0.1) }
    return rows
}

/// The help rows wrapped at word boundaries for a screen of `size`, and the key column's width.
func helpLines(_ size: Size, bindings: [Key: String] = [:]) -> (lines: [(key: String, text: String, heading: Bool)], keyW: Int) {
    let r0 = overlayRect(size, w: 76, h: size.height)
    let keyW = min(16, max(6, r0.w / 4))
    let textW = max(4, r0.w - keyW - 5)
    var lines: [(key: String, text: String, heading: Bool)] = []
    for row in helpRows(bindings: bindings) {
        if row.key.isEmpty { lines.append(("", row.help, true)); continue }
        for (i, l) in DisplayWidth.wrap(row.help, width: textW).enumerated() { lines.append((i == 0 ? row.key : "", l.text, false)) }
    }
    return (lines, keyW)
}

/// The first help line to show: `helpTop`, clamped so the box stays full.
func helpTopClamped(_ s: AppState) -> Int {
    let n = helpLines(s.size, bindings: s.bindings).lines.count
    let r = overlayRect(s.size, w: 76, h: n + 4)
    return max(0, min(s.helpTop, n - max(0, r.h - 3)))
}

func drawHelp(_ g: inout Grid, _ s: AppState) {
    let (lines, keyW) = helpLines(s.size, bindings: s.bindings)
    let r = overlayRect(s.size, w: 76, h: lines.count + 4)
    let visibleRows = max(0, r.h - 3)
    let top = helpTopClamped(s)
    box(&g, r, title: visibleRows < lines.count ? "Keys — j/k scroll, q closes" : "Keys — q or Esc closes")
    for (i, row) in lines.enumerated().dropFirst(top) where i - top < visibleRows {
        let y = r.y + 2 + i - top
        if row.heading {
            g.put(row.text, x: r.x + 2, y: y, maxWidth: r.w - 4, style: .key)
            continue
        }
        g.put(DisplayWidth.fit(row.key, keyW), x: r.x + 2, y: y, maxWidth: r.w - 4, style: .key)
        g.put(row.text, x: r.x + 3 + keyW, y: y, maxWidth: max(0, r.w - keyW - 5), style: .overlay)
    }
}

/// The longest of `options` that fits in `width` columns (the last one otherwise).
func fitting(_ options: [String], _ width: Int) -> String {
    options.first { DisplayWidth.of($0) <= width } ?? options.last ?? ""
}

func drawPicker(_ g: inout Grid, _ s: AppState) {
    guard let p = s.picker else { return }
    let items = s.pickerItems()
    let r = overlayRect(s.size, w: 50, h: min(s.size.height, items.count + 5))
    let name = p.facet == .province ? (s.filter.map == .y2025 ? "Province (2025 map)" : "Province") : p.facet == .year ? "Year" : "Kind"
    box(&g, r, title: name)
    g.put("› " + p.query + "▏", x: r.x + 2, y: r.y + 1, maxWidth: r.w - 4, style: .overlay)
    let listH = max(0, r.h - 4)
    let first = max(0, min(p.cursor - listH / 2, items.count - listH))
    for k in 0..<listH {
        let i = first + k
        guard i < items.count else { break }
        let it = items[i]
        let mark = it.value == "*" ? (p.chosen.isEmpty ? "●" : "○") : (p.chosen.contains(it.value) ? "■" : "□")
        let count = String(it.count)
        let style: Style = i == p.cursor ? .overlaySelected : .overlay
        let inner = r.w - 4
        let label = DisplayWidth.fit(mark + " " + it.label, max(1, inner - count.count - 1))
        g.put(label + " " + count, x: r.x + 2, y: r.y + 2 + k, maxWidth: inner, style: style)
    }
    let footer = fitting(["Space select · Enter apply · Esc cancel", "Space sel · Enter · Esc", "Enter · Esc", ""], r.w - 4)
    g.put(footer, x: r.x + 2, y: r.y + r.h - 1, maxWidth: r.w - 4, style: .overlay)
}
