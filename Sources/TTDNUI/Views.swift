import TTDNCore

// The People view (P) and the province × year table (T): full-screen overlays
// over the shown meetings. Pure drawing, like the rest of `render`.

func fullRect(_ s: AppState) -> Rect {
    let l = s.layout
    return Rect(x: 0, y: l.header.h, w: s.size.width, h: max(0, s.size.height - l.header.h - 1))
}

func drawPeople(_ g: inout Grid, _ s: AppState) {
    guard let pv = s.people else { return }
    let r = fullRect(s)
    let shown = pv.shown
    box(&g, r, title: "People in \(s.visibleMeetings) meetings — " + (pv.loading ? "counting…" : "\(shown.count)"))
    guard r.w >= 8, r.h >= 4 else { return }
    if pv.loading {
        g.put("reading the records of \(s.visible.count) meetings…", x: r.x + 2, y: r.y + 2, maxWidth: r.w - 4, style: .dim)
        return
    }
    let inner = r.w - 4
    g.put("› " + pv.query + "▏", x: r.x + 2, y: r.y + 1, maxWidth: inner, style: .overlay)
    let nameW = min(28, max(10, inner / 3))
    let head = DisplayWidth.fit("NAME", nameW) + " MEET CHAIR " + (inner > nameW + 24 ? "YEARS      TITLES" : "")
    g.put(head, x: r.x + 2, y: r.y + 2, maxWidth: inner, style: .dim)
    let listH = max(0, r.h - 4)
    let first = max(0, min(pv.cursor - listH / 2, shown.count - listH))
    for k in 0..<listH {
        let i = first + k
        guard i < shown.count else { break }
        let p = shown[i]
        let style: Style = i == pv.cursor ? .overlaySelected : .overlay
        let years = p.firstYear.map { f in p.lastYear.map { $0 == f ? String(f) : "\(f)–\($0)" } ?? String(f) } ?? ""
        var line = DisplayWidth.fit(Sanitize.line(p.name), nameW) + " " + pad(p.attended, 4) + " " + pad(p.chaired, 5) + " "
        if inner > nameW + 24 { line += DisplayWidth.fit(years, 10) + " " + Sanitize.line(p.titlesLine) }
        g.fill(x: r.x + 2, y: r.y + 3 + k, w: inner, style: style)
        g.put(DisplayWidth.fit(line, inner), x: r.x + 2, y: r.y + 3 + k, maxWidth: inner, style: style)
    }
    if shown.isEmpty { g.put("nobody matches", x: r.x + 2, y: r.y + 3, maxWidth: inner, style: .dim) }
    let footer = fitting(["type to narrow · ↑↓ move · Enter show their meetings · Esc close", "Enter filter · Esc close", "Esc"], inner)
    g.put(footer, x: r.x + 2, y: r.y + r.h - 1, maxWidth: inner, style: .overlay)
}

func pad(_ n: Int, _ w: Int) -> String {
    let t = String(n)
    return String(repeating: " ", count: max(0, w - t.count)) + t
}

func drawTable(_ g: inout Grid, _ s: AppState) {
    guard let t = s.table else { return }
    let r = fullRect(s)
    box(&g, r, title: "Meetings by province and year — \(s.visibleMeetings)")
    guard r.w >= 12, r.h >= 4 else { return }
    let inner = r.w - 4
    let nameW = min(22, max(8, inner / 4))
    let cellW = 6
    let fitCols = max(1, (inner - nameW - cellW) / cellW)
    // Columns: a window of years that keeps the cursor's year visible, then the total.
    let yc = t.years.count
    let firstCol = t.col >= yc ? max(0, yc - fitCols) : max(0, min(t.col - fitCols / 2, yc - fitCols))
    let cols = Array(firstCol..<min(yc, firstCol + fitCols))
    var x = r.x + 2 + nameW
    g.put(DisplayWidth.fit("PROVINCE", nameW), x: r.x + 2, y: r.y + 1, maxWidth: nameW, style: .dim)
    for c in cols {
        let label = t.years[c] == 0 ? "?" : String(t.years[c])
        x += g.put(DisplayWidth.fit(String(repeating: " ", count: max(0, cellW - 1 - label.count)) + label, cellW), x: x, y: r.y + 1, maxWidth: cellW, style: c == t.col ? .key : .dim)
    }
    g.put(" TOTAL", x: x, y: r.y + 1, maxWidth: r.x + r.w - 2 - x, style: t.col == yc ? .key : .dim)
    let listH = max(0, r.h - 3)
    let first = max(0, min(t.row - listH / 2, t.provinces.count - listH))
    for k in 0..<listH {
        let i = first + k
        guard i < t.provinces.count else { break }
        let y = r.y + 2 + k
        let rowStyle: Style = i == t.row ? .bold : .overlay
        g.put(DisplayWidth.fit(t.provinces[i].isEmpty ? "(unknown)" : t.provinces[i], nameW), x: r.x + 2, y: y, maxWidth: nameW, style: rowStyle)
        var cx = r.x + 2 + nameW
        for c in cols {
            let n = t.counts[i][c]
            let cell = DisplayWidth.fit(pad(n == 0 ? -1 : n, cellW - 1).replacingOccurrences(of: "-1", with: " ·"), cellW)
            cx += g.put(cell, x: cx, y: y, maxWidth: cellW, style: i == t.row && c == t.col ? .overlaySelected : rowStyle)
        }
        g.put(pad(t.rowTotals[i], cellW - 1), x: cx, y: y, maxWidth: r.x + r.w - 2 - cx, style: i == t.row && t.col == yc ? .overlaySelected : rowStyle)
    }
    if t.provinces.isEmpty { g.put("no meetings shown", x: r.x + 2, y: r.y + 2, maxWidth: inner, style: .dim) }
    let footer = fitting(["arrows move · Enter filter to the cell (TOTAL: the province) · Esc close", "Enter filter · Esc close", "Esc"], inner)
    g.put(footer, x: r.x + 2, y: r.y + r.h - 1, maxWidth: inner, style: .overlay)
}
