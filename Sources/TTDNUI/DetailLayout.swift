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
    /// `full`: every fact with its basis, people with all their titles, byline,
    /// file, related reports and notes (the `i` key). Otherwise a compact block —
    /// one line per fact, people as name and short role — so the article keeps
    /// the room: at 100×30 the split view shows at least 15 lines of it.
    public static func lines(for m: Meeting, width: Int, query: SearchQuery, full: Bool = false, titleOf: (String) -> String?) -> [DetailLine] {
        guard width > 0 else { return [] }
        var out: [DetailLine] = []
        var block = 0
        let labelW = 10
        func field(_ label: String, _ value: String) {
            let wrapped = DisplayWidth.wrap(value, width: max(1, width - labelW))
            for (i, l) in wrapped.enumerated() {
                out.append(DetailLine(segments: [(DisplayWidth.fit(i == 0 ? label : "", labelW), .dim), (l.text, .normal)],
                                      block: block, start: l.start, hasHit: false))
            }
            block += 1
        }
        /// One line, cut with an ellipsis where it does not fit.
        func fact(_ label: String, _ value: String) {
            let room = max(1, width - labelW)
            let v = DisplayWidth.of(value) <= room ? value : DisplayWidth.fit(value, room)
            out.append(DetailLine(segments: [(DisplayWidth.fit(label, labelW), .dim), (v, .normal)], block: block, start: 0, hasHit: false))
            block += 1
        }
        func blank() { out.append(DetailLine(segments: [], block: block, start: 0, hasHit: false)); block += 1 }
        func rule(_ hint: String) {
            let text = hint.isEmpty ? "" : " " + hint + " "
            // The rule always opens with "──", even when the hint must be cut to fit.
            let lead = width > 8 ? 2 : min(2, max(0, width - DisplayWidth.of(text)))
            var segs: [(String, Style)] = [(String(repeating: "─", count: lead), .border)]
            if !text.isEmpty, width > 6 {
                let t = DisplayWidth.of(text) <= width - lead ? text : DisplayWidth.fit(text, width - lead)
                segs.append((t, .info))
                segs.append((String(repeating: "─", count: max(0, width - lead - DisplayWidth.of(t))), .border))
            } else {
                segs = [(String(repeating: "─", count: width), .border)]
            }
            out.append(DetailLine(segments: segs, block: block, start: 0, hasHit: false))
            block += 1
        }

        appendHighlighted(m.title, style: .bold, indent: 0, width: width, query: query, block: &block, into: &out)
        let notes = m.diagnostics.filter { !$0.hasPrefix("file:") }   // file-level facts belong to `ttdn check`
        func dateText(_ d: MeetingDate) -> String {
            d.day != nil ? format2(d.day!) + "/" + format2(d.month!) + "/" + String(d.year)
                : d.month != nil ? format2(d.month!) + "/" + String(d.year) : String(d.year)
        }
        if full {
            blank()
            let date = m.date.map { d -> String in
                dateText(d) + (m.dateBasis.map { $0 == .stated ? "" : " (\($0.rawValue))" } ?? "")
            } ?? "unknown"
            field("Date", date)
            field("Province", (m.province ?? "unknown") + (m.provinceBasis.map { $0 == .headline || $0 == .text ? "" : " (\($0.rawValue))" } ?? ""))
            if let p25 = m.province2025, p25 != m.province { field("Map 2025", p25) }
            if let v = m.venue { field("Venue", v) }
            field("Kind", m.kind.rawValue + (m.isMeeting ? "" : " — not a meeting report"))
            field("Chair", m.chair ?? "—")
            for (i, p) in m.people.enumerated() {
                field(i == 0 ? "People" : "", p.name + " (" + p.role.rawValue + ")" + (p.titles.isEmpty ? "" : ", " + p.titles.joined(separator: ", ")))
            }
            if let b = m.byline { field("Byline", b) }
            if let p = m.published { field("Published", p) }
            field("File", m.file)
            for r in m.related { field("Related", titleOf(r).map { "\($0) [\(r)]" } ?? r) }
            // How each fact was read: "date: 25/10 from the lead; year 2022 from the title".
            for e in m.evidence { field("Evidence", e) }
            for d in notes { field("Note", d) }
            rule("i: fewer details")
        } else {
            let date = m.date.map { d -> String in
                switch m.dateBasis {
                case .publishLine?, .reportedPeriod?, .inferred?: return dateText(d) + " (year inferred)"
                case .relatedReport?: return dateText(d) + " (from a related report)"
                default: return dateText(d)
                }
            } ?? "unknown"
            fact("Date", date)
            let inferred = m.provinceBasis == .corpus ? " (inferred)" : m.provinceBasis == .siteDateline ? " (site dateline)" : ""
            fact("Province", (m.province ?? "unknown") + inferred)
            fact("Kind", m.kind.rawValue + (m.isMeeting ? "" : " — not a meeting report"))
            // People, name and short role; the chair is marked among them (or listed first).
            var people = m.people.map { p -> String in
                let role = m.chair == p.name ? "chair" : p.role.rawValue
                return p.name + " — " + ([role] + p.titles.prefix(1)).joined(separator: ", ")
            }
            if let c = m.chair, !m.people.contains(where: { $0.name == c }) { people.insert(c + " — chair", at: 0) }
            let maxPeople = 3
            if people.count > maxPeople { people = Array(people.prefix(maxPeople - 1)) + ["and \(people.count - maxPeople + 1) more (i)"] }
            for (i, p) in people.enumerated() { fact(i == 0 ? "People" : "", p) }
            var folded: [String] = []
            if m.byline != nil { folded.append("byline") }
            folded.append("file")
            if !m.related.isEmpty { folded.append(m.related.count == 1 ? "related report" : "\(m.related.count) related") }
            if !m.evidence.isEmpty { folded.append("evidence") }
            if !notes.isEmpty { folded.append(notes.count == 1 ? "1 note" : "\(notes.count) notes") }
            rule("i: " + folded.joined(separator: ", "))
        }
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
