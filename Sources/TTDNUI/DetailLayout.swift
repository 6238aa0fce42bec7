import TTDNCore

/// The detail pane's text for one meeting at one width: metadata, then the
/// article word-wrapped, captions and sub-headings set apart, search hits
/// marked. Each line remembers which block and character it starts at, so
/// the reading position survives a resize.
public struct DetailLine: Sendable, Equatable {
    public var segments: [(text: String, style: Style)]
    public var block: Int
    public var start: Int
    public var hasHit: Bool
    /// Character positions (in the block) of search hits that begin on this line: one per hit, whatever the width.
    public var hitStarts: [Int] = []

    public static func == (a: DetailLine, b: DetailLine) -> Bool {
        a.block == b.block && a.start == b.start && a.hasHit == b.hasHit
            && a.segments.map(\.text) == b.segments.map(\.text) && a.segments.map(\.style) == b.segments.map(\.style)
    }
}

public enum DetailLayout {
    public static func lines(for m: Meeting, width: Int, query: SearchQuery, titleOf: (String) -> String?) -> [DetailLine] {
        guard width > 0 else { return [] }
        var out: [DetailLine] = []
        var block = 0
        func field(_ label: String, _ value: String) {
            let labelW = 10
            let wrapped = DisplayWidth.wrap(value, width: max(1, width - labelW))
            for (i, l) in wrapped.enumerated() {
                out.append(DetailLine(segments: [(DisplayWidth.fit(i == 0 ? label : "", labelW), .dim), (l.text, .normal)],
                                      block: block, start: l.start, hasHit: false))
            }
            block += 1
        }
        func blank() { out.append(DetailLine(segments: [], block: block, start: 0, hasHit: false)); block += 1 }

        appendHighlighted(m.title, style: .bold, indent: 0, width: width, query: query, block: &block, into: &out)
        blank()
        let date = m.date.map { d -> String in
            let shown = d.day != nil ? String(format2(d.day!)) + "/" + format2(d.month!) + "/" + String(d.year)
                : d.month != nil ? format2(d.month!) + "/" + String(d.year) : String(d.year)
            return shown + (m.dateBasis.map { $0 == .stated ? "" : " (\($0.rawValue))" } ?? "")
        } ?? "unknown"
        field("Date", date)
        field("Province", (m.province ?? "unknown") + (m.provinceBasis.map { $0 == .headline || $0 == .text ? "" : " (\($0.rawValue))" } ?? ""))
        field("Kind", m.kind.rawValue + (m.isMeeting ? "" : " — not a meeting report"))
        field("Chair", m.chair ?? "—")
        for (i, p) in m.people.enumerated() {
            field(i == 0 ? "People" : "", p.name + " (" + p.role.rawValue + ")" + (p.titles.isEmpty ? "" : ", " + p.titles.joined(separator: ", ")))
        }
        if let b = m.byline { field("Byline", b) }
        if let p = m.published { field("Published", p) }
        field("File", m.file)
        for r in m.related { field("Related", titleOf(r).map { "\($0) [\(r)]" } ?? r) }
        for d in m.diagnostics where !d.hasPrefix("file:") { field("Note", d) }   // file-level facts belong to `ttdn check`
        out.append(DetailLine(segments: [(String(repeating: "─", count: width), .border)], block: block, start: 0, hasHit: false))
        block += 1
        for p in m.paragraphs {
            switch p.role {
            case .caption: appendHighlighted("▣ " + p.text, style: .caption, indent: 0, width: width, query: query, block: &block, into: &out)
            case .subheading: appendHighlighted(p.text, style: .subheading, indent: 0, width: width, query: query, block: &block, into: &out)
            case .body: appendHighlighted(p.text, style: .normal, indent: 0, width: width, query: query, block: &block, into: &out)
            }
            blank()
        }
        if !m.siteLinks.isEmpty {
            out.append(DetailLine(segments: [("On the page", .dim)], block: block, start: 0, hasHit: false))
            block += 1
            for l in m.siteLinks { appendHighlighted("· " + l, style: .dim, indent: 0, width: width, query: query, block: &block, into: &out) }
        }
        return out
    }

    /// Search hits in the meeting's text (title, paragraphs, links): independent of any width.
    public static func hitCount(_ m: Meeting, _ query: SearchQuery) -> Int {
        guard !query.isEmpty else { return 0 }
        return ([m.title] + m.paragraphs.map(\.text) + m.siteLinks).reduce(0) { $0 + hitCharacterRanges($1, query).count }
    }

    static func format2(_ n: Int) -> String { n < 10 ? "0\(n)" : String(n) }

    /// Wraps `s` and splits each line into runs, marking the characters that a search hit covers.
    static func appendHighlighted(_ s: String, style: Style, indent: Int, width: Int, query: SearchQuery,
                                  block: inout Int, into out: inout [DetailLine]) {
        let hitChars = query.isEmpty ? [] : hitCharacterRanges(s, query)
        for l in DisplayWidth.wrap(s, width: max(1, width - indent)) {
            var segs: [(String, Style)] = []
            var cur = ""
            var curStyle = style
            var any = false
            for (k, ch) in l.text.enumerated() {
                let pos = l.start + k
                let isHit = hitChars.contains { $0.contains(pos) }
                let st: Style = isHit ? .hit : style
                if isHit { any = true }
                if st != curStyle && !cur.isEmpty { segs.append((cur, curStyle)); cur = "" }
                curStyle = st
                cur.append(ch)
            }
            if !cur.isEmpty { segs.append((cur, curStyle)) }
            let end = l.start + l.text.count
            let starts = hitChars.map(\.lowerBound).filter { $0 >= l.start && $0 < end }
            out.append(DetailLine(segments: segs, block: block, start: l.start, hasHit: any, hitStarts: starts))
        }
        block += 1
    }

    /// Character ranges in `s` covered by hits of `query` (found on folded bytes, mapped back).
    public static func hitCharacterRanges(_ s: String, _ query: SearchQuery) -> [Range<Int>] {
        let (folded, origin) = VietFold.foldWithMap(s)
        let ranges = query.hitRanges(in: folded)
        guard !ranges.isEmpty else { return [] }
        // UTF-8 offset → Character index.
        var charAtByte: [Int: Int] = [:]
        var byte = 0
        for (i, ch) in s.enumerated() {
            charAtByte[byte] = i
            byte += ch.utf8.count
        }
        charAtByte[byte] = s.count
        func charIndex(atOrBefore b: Int) -> Int {
            var bb = b
            while bb > 0, charAtByte[bb] == nil { bb -= 1 }
            return charAtByte[bb] ?? 0
        }
        return ranges.map { r in
            let first = charIndex(atOrBefore: origin[r.lowerBound])
            let lastByte = origin[min(origin.count - 1, r.upperBound - 1)]
            let last = charIndex(atOrBefore: lastByte)
            return first..<(last + 1)
        }
    }
}
