import Foundation

/// One article's text → one `Meeting` (before corpus-level resolution, which
/// may add an inferred province, related reports and a date from them).
public enum ArticleParser {
    /// Bumped whenever parsing output changes, so that cached indexes rebuild.
    public static let version = 6

    public static func parse(text: String, id: String, file: String) -> Meeting {
        let layout = ArticleLayout.parse(text)
        // Each paragraph stripped of its marks once: the province scan reads these, and the search
        // text is their lower case.
        let stripped = layout.paragraphs.map { VietFold.stripMarks($0.text) }
        var m = Meeting(id: id, file: file, title: layout.title)
        if m.title.isEmpty {
            m.title = (file as NSString).lastPathComponent
            m.diagnostics.append("title: no headline found")
        }
        m.paragraphs = layout.paragraphs
        m.byline = layout.byline
        m.siteLinks = layout.siteLinks
        m.excerpt = layout.lead
        if layout.lead.isEmpty { m.diagnostics.append("lead: no paragraph reads as prose") }

        let dates = DateExtractor.extract(layout: layout, text: text)
        m.date = dates.date
        m.dateBasis = dates.basis
        m.published = dates.published
        m.diagnostics += dates.diagnostics
        m.evidence += dates.evidence

        let (kind, isMeeting) = KindClassifier.classify(title: layout.title, lead: layout.lead, eventText: dates.eventText)
        m.kind = kind
        m.isMeeting = isMeeting
        if kind == .other { m.diagnostics.append(isMeeting ? "kind: an event, but not one of the known meeting kinds" : "kind: the lead reports no meeting") }

        let province = ProvinceExtractor.decide(layout: layout, eventText: dates.eventText, strippedParagraphs: stripped)
        // As named on the meeting's date: Thừa Thiên Huế is "Huế" from 2025.
        m.province = province.province.map { Provinces.nameAt($0, date: m.date) }
        m.provinceBasis = province.basis
        if let note = province.note { m.diagnostics.append(note) }
        if let ev = province.evidence { m.evidence.append(ev) }

        m.venue = dates.eventText.flatMap { venue(in: DateExtractor.firstSentence($0)) }
        m.people = PeopleExtractor.extract(from: layout.paragraphs.map(\.text))
        let head = [dates.eventText, layout.lead].compactMap { $0 } + layout.paragraphs.filter { $0.role == .body }.prefix(8).map(\.text)
        if let c = ChairFinder.find(in: head) {
            m.chair = c.name
            m.evidence.append("chair: \(c.name) — “…\(c.quote)”")
        } else if m.kind == .workingSession, let h = m.people.first(where: { $0.role == .host }),
                  let e = dates.eventText, e.fastContains(h.name), VietFold.foldedString(e).fastContains("co buoi lam viec") {
            // The provincial leader who "đã có buổi làm việc với Đoàn …" presides over the session.
            m.chair = h.name
            m.evidence.append("chair: \(h.name) — hosts the working session named in the event's sentence")
        }
        if m.chair == nil && m.isMeeting { m.diagnostics.append("chair: the text does not say who presided") }
        m.searchText = searchText(title: m.title, strippedParagraphs: stripped, byline: m.byline, siteLinks: m.siteLinks)
        m.searchTextRebuilt = m.searchText.count
        for u in layout.aboveHeadline { m.searchText += VietFold.fold(u); m.searchText.append(0x0A) }
        m.yearsInText = yearsMentioned(in: [m.title] + m.paragraphs.map(\.text))
        return m
    }


    nonisolated(unsafe) static let yearPattern = regex(#"năm\s+((?:19|20)\d\d)(?!\d)"#)

    static func yearsMentioned(in texts: [String]) -> [Int] {
        var years = Set<Int>()
        for text in texts where text.fastContains("năm") {
            var text = text
            text.withUTF8 { yearsAfterNam(in: $0, into: &years) }
        }
        return years.sorted()
    }

    /// `yearPattern` on bytes: "năm" in any case (n/N, ă/Ă, m/M), white space, then 19xx or 20xx
    /// in ASCII digits (what `Int` reads) with no digit of any script after it.
    static func yearsAfterNam(in b: UnsafeBufferPointer<UInt8>, into years: inout Set<Int>) {
        let n = b.count
        var i = 0
        while i + 4 <= n {
            guard b[i] | 0x20 == 0x6E, b[i + 1] == 0xC4, b[i + 2] == 0x83 || b[i + 2] == 0x82, b[i + 3] | 0x20 == 0x6D else { i += 1; continue }
            i += 4
            var j = i
            while let s = DateExtractor.scalar(at: j, in: b), Scalars.isRegexSpace(s) { j += UTF8.width(s) }
            guard j > i, j + 4 <= n, (b[j] == 0x31 && b[j + 1] == 0x39) || (b[j] == 0x32 && b[j + 1] == 0x30),
                  DateExtractor.isASCIIDigit(b[j + 2]), DateExtractor.isASCIIDigit(b[j + 3]) else { continue }
            if let after = DateExtractor.scalar(at: j + 4, in: b), DateExtractor.isRegexDigit(after) { continue }
            years.insert(Int(b[j] - 0x30) * 1000 + Int(b[j + 1] - 0x30) * 100 + Int(b[j + 2] - 0x30) * 10 + Int(b[j + 3] - 0x30))
            i = j + 4
        }
    }

    nonisolated(unsafe) static let venuePattern = regex(#"(?<![\p{L}])tại\s+([^,.;:“”"()]{3,70}(?:\s*\([^)]{2,30}\))?(?:,\s*(?:tỉnh|thành phố|TP\.?|huyện|quận|thị xã|xã|phường)\s+[^,.;]{2,30})?)"#)

    /// Where the event's sentence says it was held: "tại Trụ sở UBND tỉnh", "tại thành phố Cao Lãnh (Đồng Tháp)".
    static func venue(in sentence: String) -> String? {
        // The pattern needs "tại" in some case: its "ạ" is U+1EA1 or U+1EA0 (nothing else folds to
        // them), between a t and an i. Most event sentences name no place; the regular expression
        // (the sentence bridged to UTF-16 first) was 2.5 % of an index build.
        guard mayNameVenue(sentence) else { return nil }
        let ns = sentence as NSString
        guard let m = venuePattern.firstMatch(in: sentence, range: NSRange(location: 0, length: ns.length)),
              var v = m.string(1, in: ns)?.trimmingSpaces(), v.count >= 3 else { return nil }
        // The place ends where the clause's verb begins: "tại tỉnh Sóc Trăng đã diễn ra …".
        for stop in [" với sự", " đã ", " diễn ra", " tổ chức", " có ", " do ", " khai mạc", " chủ trì"] {
            if let r = v.range(of: stop) { v = String(v[..<r.lowerBound]).trimmingSpaces() }
        }
        guard v.count >= 3 else { return nil }
        // "tại buổi làm việc", "tại hội nghị": the occasion, not a place.
        let low = v.fastLowercased()
        if ["buổi", "hội nghị", "hội thảo", "đây", "chỗ", "lễ", "đại hội", "tọa đàm", "cuộc"].contains(where: { low.hasPrefix($0) }) { return nil }
        return v
    }

    /// Whether `sentence` holds "tại" in any case, on bytes: t or T, ạ or Ạ (E1 BA A1 / A0), i or I.
    static func mayNameVenue(_ sentence: String) -> Bool {
        var s = sentence
        return s.withUTF8 { b in
            var i = 1
            while i + 3 < b.count {
                if b[i] == 0xE1, b[i + 1] == 0xBA, b[i + 2] | 1 == 0xA1, b[i - 1] | 0x20 == 0x74, b[i + 3] | 0x20 == 0x69 { return true }
                i += 1
            }
            return false
        }
    }

    /// The folded title, paragraphs, byline and site links, a line each: what search reads.
    public static func searchText(of m: Meeting) -> [UInt8] {
        var out = VietFold.fold(m.title)
        out.append(0x0A)
        for p in m.paragraphs {
            out += VietFold.fold(p.text)
            out.append(0x0A)
        }
        if let b = m.byline { out += VietFold.fold(b); out.append(0x0A) }
        for l in m.siteLinks { out += VietFold.fold(l); out.append(0x0A) }
        return out
    }

    /// `searchText(of:)` from the paragraphs already stripped of their marks (`VietFold.stripMarks`).
    static func searchText(title: String, strippedParagraphs: [[UInt8]], byline: String?, siteLinks: [String]) -> [UInt8] {
        var out = VietFold.fold(title)
        out.reserveCapacity(strippedParagraphs.reduce(out.count + 256) { $0 + $1.count + 1 })
        out.append(0x0A)
        for p in strippedParagraphs {
            VietFold.appendLowered(p, to: &out)
            out.append(0x0A)
        }
        if let b = byline { out += VietFold.fold(b); out.append(0x0A) }
        for l in siteLinks { out += VietFold.fold(l); out.append(0x0A) }
        return out
    }
}
