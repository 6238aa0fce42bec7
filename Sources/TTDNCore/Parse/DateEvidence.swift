import Foundation

/// The meeting's date as candidates and evidence, not first match.
///
/// 1. Every day–month expression in the head of the page (title, lead, first
///    paragraphs, captions) is a candidate, classified by the words around it:
///    an event cue ("Sáng 25/10", "Ngày 8.7", "Từ ngày 1 - 3/11") raises it; a
///    document reference ("Kế hoạch số 190/KH-UBND ngày 18/4/2019"), a deadline
///    ("trước ngày 30/6") or a founding date ("thành lập 3/2/1930") sinks it.
/// 2. When the winner states no year, each source of a year votes: a publish or
///    metadata stamp 0–45 days after the day (the strongest), the year in the
///    title or the event's name, the period reviewed ("tổng kết năm 2019" held in
///    January → 2020), the period planned, an anniversary ("80 năm Quốc khánh"),
///    a term ("nhiệm kỳ 2025-2030") and the one year the body mentions.
/// 3. A year is kept only when its votes clearly lead; otherwise the date is left
///    out with a diagnostic — a wrong date is worse than none. The evidence used
///    is kept in `Result.evidence` for `ttdn show` and the detail pane.
///
/// Everything is matched on folded text (lower case, no marks, đ→d), so the
/// patterns are plain ASCII and old/new tone placement or NFD cannot hide a cue.
extension NSString {
    /// Up to `n` UTF-16 units before `loc`, without copying everything before it (the
    /// copy made `substring(to:)` quadratic over a long paragraph with many numbers).
    func tail(before loc: Int, _ n: Int) -> String {
        let start = Swift.max(0, loc - n)
        return substring(with: NSRange(location: start, length: loc - start))
    }
}

extension DateExtractor {
    enum Zone: Int { case title, lead, body, caption
        var label: String { ["the title", "the lead", "the text", "a caption"][rawValue] }
    }

    struct DayCandidate {
        var day: Int, month: Int, year: Int?
        var zone: Zone, paragraph: Int, offset: Int
        var score: Int
        var quote: String
        var yearMalformed = false
        /// The paragraph (or title) the candidate stands in: the event's sentence for other extractors.
        var source: String = ""
        /// Where the quote stands in the folded text (characters), to cut it from the original.
        var quoteRange: Range<Int>? = nil
    }

    /// Day–month(–year) with one separator kind: 25/10, 8.7, 18-9, 8/7/2019, 21/3/15.
    nonisolated(unsafe) static let dayMonth = regex(#"(?<![\d/.,\-])(\d{1,2})\s?([/.\-])\s?(\d{1,2})(?:\2(\d{2,4}))?(?![\d])(?!\s?[/.\-,]\d)"#, [])
    nonisolated(unsafe) static let dayRange = regex(#"(?<![\d/.,\-])(\d{1,2})\s*[-–]\s*(\d{1,2})([/.])(\d{1,2})(?:\3(\d{4}))?(?!\d)"#, [])
    /// ngay 8 thang 7 (nam 2019).
    nonisolated(unsafe) static let dayMonthWords = regex(#"ngay\s+(?:mung\s+)?(\d{1,2})\s+thang\s+(\d{1,2})(?:\s*(?:nam|,)\s*(\d{4}))?"#, [])
    /// A cue right before the day: time of day, "ngày", "hôm qua", a weekday, "từ ngày", "(".
    nonisolated(unsafe) static let eventCue = regex(#"(?:^|[\s(,:\-–])(?:sang|chieu|toi|trua|dem|ngay|hom|vao|nay|qua|mai|thu\s+(?:hai|ba|tu|nam|sau|bay|[2-7])|chu\s+nhat|tu|trong\s+\S+\s+ngay)\s*(?:ngay)?\s*[(,]?\s*(?:(?<![\d/.\-])\d{1,2}\s*(?:-|–|den|va|,)\s*(?:ngay\s*)?)?$"#, [])
    /// The cue opens a sentence (or the lead after a site code).
    nonisolated(unsafe) static let sentenceStart = regex(#"(?:^|[.!?]\s+|^\S{0,12}\s*[-–]\s*|\)\s*[-–]?\s*)(?:vao\s+)?(?:sang|chieu|toi|trua|dem|ngay|hom|tu\s+ngay|trong)\b[^.]{0,30}$"#, [])
    /// A range's first day: "1 - 3/11", "15 và 16/6", "từ ngày 15 đến ngày 17/6".
    nonisolated(unsafe) static let rangeStart = regex(#"(?<![\d/.\-])(\d{1,2})\s*(?:-|–|den|va|,)\s*(?:ngay\s*)?$"#, [])
    nonisolated(unsafe) static let documentCue = regex(#"(?:\bso\s*:?\s*\d|\d+/[a-z]{1,4}[\-–]|ky\s+ngay|ban\s+hanh|quyet\s+dinh|ke\s+hoach|cong\s+van|chi\s+thi|nghi\s+quyet|thong\s+bao|huong\s+dan|thong\s+tu|ket\s+luan|nghi\s+dinh|van\s+ban|ngay\s+ky)[^.;,]{0,40}$"#, [])
    nonisolated(unsafe) static let deadlineCue = regex(#"(?:truoc|den\s+het|han\s+chot|cham\s+nhat|ket\s+thuc\s+vao|tu\s+\d{1,2}/\d{1,2}/\d{4}\s+den)\s*(?:ngay)?\s*$"#, [])
    nonisolated(unsafe) static let foundingCue = regex(#"(?:thanh\s+lap|ky\s+niem|sinh\s+ngay|ngay\s+sinh|giai\s+phong|quoc\s+khanh|truyen\s+thong|chien\s+thang|thiet\s+lap)[^.;]{0,45}$"#, [])
    nonisolated(unsafe) static let relativeLead = regex(#"^(?:\S{0,12}\s*[-–]\s*)?(?:(?:sang|chieu|toi|trua)\s+|hom\s+)(nay|qua)\b"#, [])

    // MARK: Candidates

    static func dayCandidates(layout: ArticleLayout) -> [DayCandidate] {
        // Dates are looked for in the head of each paragraph; the whole paragraph is kept as the source.
        var zones: [(Zone, Int, String)] = [(.title, 0, layout.title), (.lead, 0, layout.lead)]
        var bodyIndex = 0
        for p in layout.paragraphs where p.text != layout.lead {
            if p.role == .caption { zones.append((.caption, 0, p.text)); continue }
            bodyIndex += 1
            if bodyIndex > 4 { continue }
            zones.append((.body, bodyIndex, p.text))
        }
        var out: [DayCandidate] = []
        for (zone, idx, text) in zones where !text.isEmpty {
            let head = text.prefixCharacters(zone == .lead ? 700 : zone == .caption ? 300 : 400)
            // Every day–month form is read from ASCII digits: a zone without one holds no candidate.
            // Folding makes no digit (it maps letters to ASCII letters and keeps other bytes), so the
            // unfolded head tells.
            guard head.utf8.contains(where: { $0 >= 0x30 && $0 <= 0x39 }) else { continue }
            let f = VietFold.foldedString(head)
            // Folding keeps one character per character here (the layout already collapsed spaces), so
            // a quote can be cut from the page's own words; otherwise it stays folded.
            let found = candidates(inFolded: f, zone: zone, paragraph: idx)
            if found.isEmpty { continue }
            // Simple text has one scalar per Character on both sides (folding keeps it simple), so
            // scalars stand in for Characters without grapheme breaking.
            let simple = SimpleText.isSimple(head)
            let original: [Character] = simple ? [] : Array(head)
            let originalScalars: [Unicode.Scalar] = simple ? Array(head.unicodeScalars) : []
            let originalCount = simple ? originalScalars.count : original.count
            let aligned = originalCount == (simple ? f.unicodeScalars.count : f.count)
            out += found.map { c0 in
                var c = c0
                c.source = text
                if aligned, let r = c.quoteRange, r.upperBound <= originalCount {
                    let quote = simple ? String(String.UnicodeScalarView(originalScalars[r])) : String(original[r])
                    c.quote = quote.trimmingSpaces()
                }
                return c
            }
        }
        return out
    }

    static func candidates(inFolded f: String, zone: Zone, paragraph: Int) -> [DayCandidate] {
        let ns = f as NSString
        let whole = NSRange(location: 0, length: ns.length)
        var out: [DayCandidate] = []
        func consider(_ range: NSRange, day d0: Int, month: Int, yearText: String?) {
            let left = ns.tail(before: range.location, 70)
            let lns = left as NSString
            let lr = NSRange(location: 0, length: lns.length)
            var day = d0
            if let r = rangeStart.firstMatch(in: left, range: lr), let first = r.int(1, in: lns), first < d0 { day = first }
            var year: Int?
            var malformed = false
            if let yt = yearText {
                if yt.count == 4, let y = Int(yt) { year = y }
                else if yt.count == 2, let y = Int(yt) { year = 2000 + y }
                else { malformed = true }
            }
            guard MeetingDate.isValid(day: day, month: month, year: year) else { return }
            if let y = year, y < 1900 || y > 2100 { return }
            let cued = eventCue.firstMatch(in: left, range: lr) != nil
            // "Thứ bảy, 07/12/2024 10:12" glued to the lead is the publish stamp, not the event.
            if year != nil, clock.firstMatch(in: String(ns.substring(from: NSMaxRange(range)).prefix(8)), range: NSRange(location: 0, length: min(8, ns.length - NSMaxRange(range)))) != nil { return }
            // "9/11 huyện" is a count, and a bare 02/03/2023 is a stamp or a document's date.
            if !cued { return }
            var score: Int
            switch zone {
            case .lead: score = 12
            case .title: score = 8
            case .body: score = max(3, 10 - 2 * paragraph)
            case .caption: score = 4
            }
            if range.location < 90 { score += 3 }
            if cued { score += 5 }
            if sentenceStart.firstMatch(in: left, range: lr) != nil { score += 4 }
            if documentCue.firstMatch(in: left, range: lr) != nil { score -= 25 }
            if deadlineCue.firstMatch(in: left, range: lr) != nil { score -= 15 }
            if foundingCue.firstMatch(in: left, range: lr) != nil { score -= 15 }
            let after = ns.substring(from: NSMaxRange(range)).prefix(12)
            // Further down the page, "(từ) ngày 14-15/4 vừa qua" recalls an earlier event.
            if zone != .lead && zone != .title && ns.substring(from: NSMaxRange(range)).prefix(14).fastContains("vua qua") { score -= 8 }
            if after.hasPrefix(" -") || after.hasPrefix(" –") || after.hasPrefix("-") || after.hasPrefix("–"),
               after.dropFirst().contains(where: \.isNumber), year != nil { score -= 10 }   // "(3/2/1930 - 3/2/2024)": a span
            let quoteStart = max(0, range.location - min(18, left.count))
            let quote = ns.substring(with: NSRange(location: quoteStart, length: NSMaxRange(range) - quoteStart))
            out.append(DayCandidate(day: day, month: month, year: year, zone: zone, paragraph: paragraph,
                                    offset: range.location, score: score, quote: quote.trimmingSpaces(), yearMalformed: malformed,
                                    quoteRange: quoteStart..<NSMaxRange(range)))
        }
        for m in dayMonth.matches(in: f, range: whole) {
            guard let d = m.int(1, in: ns), let mo = m.int(3, in: ns) else { continue }
            consider(m.range, day: d, month: mo, yearText: m.string(4, in: ns))
        }
        // Each pattern below needs a literal the text may lack: "-" or "–" for a range, "thang" for words.
        for m in f.utf8.contains(0x2D) || f.fastContains("–") ? dayRange.matches(in: f, range: whole) : [] {
            // "(15-16/6)", "27 - 28.8": a range's first day, cued like a single day.
            guard let d = m.int(1, in: ns), let d2 = m.int(2, in: ns), let mo = m.int(4, in: ns), d2 > d else { continue }
            consider(NSRange(location: m.range.location, length: m.range(at: 1).length), day: d, month: mo, yearText: m.string(5, in: ns))
        }
        for m in f.fastContains("thang") ? dayMonthWords.matches(in: f, range: whole) : [] {
            guard let d = m.int(1, in: ns), let mo = m.int(2, in: ns) else { continue }
            // The cue is part of the match ("ngay 8 thang 7"): look left of "ngay" as if it were a number.
            let r = NSRange(location: m.range.location + 5, length: m.range.length - 5)
            consider(r, day: d, month: mo, yearText: m.string(3, in: ns))
        }
        return out
    }

    // MARK: Year evidence

    struct YearVote {
        var year: Int; var weight: Int; var why: String; var period: Int? = nil
        /// What kind of evidence this is, for `Meeting.dateBasis`.
        var basis: DateBasis = .inferred
    }

    /// A publish or metadata stamp: " date 2025-09-19", "19/11/2025 10:02", "Cập nhật: 24/03/2009 05:04:28".
    struct Stamp { var date: MeetingDate; var header: Bool; var text: String; var time: String? = nil
        var iso: String { time.map { date.description + "T" + $0 } ?? date.description } }

    nonisolated(unsafe) static let isoStamp = regex(#"(?:^|\s)(?:date|ngay)\s*:?\s*(\d{4})-(\d{1,2})(?:-(\d{1,2}))?(?![\d])|(\d{4})-(\d{2})-(\d{2})(?:t|\s+)\d{1,2}:\d{2}"#, [])
    /// "19 Tháng 11, 2025", "19 tháng 11 năm 2025 10:30" on a line of its own.
    nonisolated(unsafe) static let monthWordStamp = regex(#"(?<!\d)(\d{1,2})\s+thang\s+(\d{1,2})\s*,?\s*(?:nam\s+)?(\d{4})(?!\d)"#, [])
    nonisolated(unsafe) static let fullStamp = regex(#"(?<![\d/.\-])(\d{1,2})\s*[/.\-]\s*(\d{1,2})\s*[/.\-]\s*(\d{4}|\d{2})(?![\d/.\-]\d)"#, [])
    nonisolated(unsafe) static let weekday = regex(#"\bthu\s+(?:hai|ba|tu|nam|sau|bay|[2-7])\b|\bchu\s+nhat\b"#, [])
    nonisolated(unsafe) static let clock = regex(#"(?<!\d)\d{1,2}\s*[:h]\s*\d{2}(?!\d)"#, [])
    nonisolated(unsafe) static let stampCue = regex(#"cap\s+nhat|dang\s+ngay|ngay\s+dang|xuat\s+ban|gmt|utc|^\s*thu\s+\S+\s*,|^\s*chu\s+nhat|\|"#, [])

    static func stamps(text: String, title: String) -> [Stamp] {
        var out: [Stamp] = []
        let titleKey = VietFold.foldedString(title)
        var seenTitle = titleKey.isEmpty
        let titleHead = titleKey.prefixCharacters(40)
        // "\n" is always a Character of its own: splitting the bytes gives the same lines, without grapheme breaking.
        let lines = text.lines(omittingEmpty: true).prefix(400)
        // On a page of many lines a long line is a paragraph of prose, whose stamps (if any) stand at its
        // ends; a page of few lines is run-on, and its stamp may be anywhere.
        let trimLong = lines.count >= 8
        for raw in lines {
            // Past the headline a line is folded only to look for stamps, and every stamp pattern needs
            // an ASCII digit (folding makes none: it maps letters to ASCII letters and keeps other bytes).
            if seenTitle && !raw.utf8.contains(where: { $0 >= 0x30 && $0 <= 0x39 }) { continue }
            let piece = trimLong && raw.utf8.count > 900 ? raw.prefixCharacters(240) + " … " + String(raw.suffix(200))
                : raw.hasMoreCharacters(than: 700) ? raw.prefixCharacters(400) + " … " + String(raw.suffix(250)) : String(raw)
            let f = VietFold.foldedString(piece)
            // The headline's line (or, when hard-wrapped, its first piece) ends the page header.
            if !seenTitle {
                let trimmed = f.trimmingSpaces()
                if f.hasMoreCharacters(than: 7) && f.fastContains(titleHead) || trimmed.hasMoreCharacters(than: 3) && titleKey.hasPrefix(trimmed) { seenTitle = true }
            }
            // Every stamp form has a digit, a separator and a digit ("19/11", "2025-11") or says "thang":
            // most lines of prose have neither, and the patterns below are the costly part.
            guard mayHoldStamp(f) else { continue }
            let ns = f as NSString
            let whole = NSRange(location: 0, length: ns.length)
            // Both ISO forms have a "-" between year and month.
            for m in f.utf8.contains(0x2D) ? isoStamp.matches(in: f, range: whole) : [] {
                let g = m.range(at: 1).location != NSNotFound ? 1 : 4
                guard let y = m.int(g, in: ns), let mo = m.int(g + 1, in: ns), (1...12).contains(mo), y >= 1990, y <= 2100 else { continue }
                let d = m.int(g + 2, in: ns)
                if let d, !MeetingDate.isValid(day: d, month: mo, year: y) { continue }
                out.append(Stamp(date: MeetingDate(year: y, month: mo, day: d), header: false, text: ns.substring(with: m.range).trimmingSpaces()))
            }
            if f.wordCount <= 10, f.fastContains("thang"),
               let m = dayMonthWords.firstMatch(in: f, range: whole) ?? monthWordStamp.firstMatch(in: f, range: whole),
               let y = m.int(3, in: ns),
               let d = m.int(1, in: ns), let mo = m.int(2, in: ns), MeetingDate.isValid(day: d, month: mo, year: y) {
                // "Ngày 29 tháng 11 năm 2019" alone on a line under the headline.
                out.append(Stamp(date: MeetingDate(year: y, month: mo, day: d), header: !seenTitle, text: ns.substring(with: m.range)))
            }
            // A full stamp has two separators ("19/11/2025").
            for m in f.utf8.lazy.filter({ $0 == 0x2F || $0 == 0x2E || $0 == 0x2D }).prefix(2).count == 2 ? fullStamp.matches(in: f, range: whole) : [] {
                guard let d = m.int(1, in: ns), let mo = m.int(2, in: ns), var y = m.int(3, in: ns) else { continue }
                if y < 100 { y += 2000 }
                guard y >= 1990, y <= 2100, MeetingDate.isValid(day: d, month: mo, year: y) else { continue }
                // A stamp stands with a clock time or a publish cue next to it, or alone on a short line.
                let lo = max(0, m.range.location - 40), hi = min(ns.length, NSMaxRange(m.range) + 40)
                let near = ns.substring(with: NSRange(location: lo, length: hi - lo))
                let nr = NSRange(location: 0, length: (near as NSString).length)
                let short = f.wordCount <= 12
                let hasClock = clock.firstMatch(in: near, range: nr) != nil
                let hasCue = stampCue.firstMatch(in: near, range: nr) != nil
                guard hasClock || hasCue || short else { continue }
                let docLeft = ns.tail(before: m.range.location, 60)
                if documentCue.firstMatch(in: docLeft, range: NSRange(location: 0, length: (docLeft as NSString).length)) != nil && !hasClock { continue }
                var time: String?
                if let c = clock.firstMatch(in: near, range: nr) {
                    let digits = (near as NSString).substring(with: c.range).split(whereSeparator: { !$0.isNumber }).compactMap { Int($0) }
                    if digits.count == 2, digits[0] < 24, digits[1] < 60 { time = twoDigits(digits[0]) + ":" + twoDigits(digits[1]) }
                }
                // Above the headline, a stamp with a weekday is the site's banner of today's date; a bare
                // "19/08/2015 08:26 GMT+7" or "18:50 | 27/12/2022" is the article's own publish line.
                let banner = !seenTitle && (weekday.firstMatch(in: f, range: whole) != nil || time == nil && !hasCue)
                out.append(Stamp(date: MeetingDate(year: y, month: mo, day: d), header: banner, text: ns.substring(with: m.range), time: time))
            }
        }
        return out
    }

    /// "%02d" for 0–99.
    static func twoDigits(_ n: Int) -> String { n < 10 ? "0" + String(n) : String(n) }

    static func mayHoldStamp(_ f: String) -> Bool {
        var prev2: UInt8 = 0, prev: UInt8 = 0
        for b in f.utf8 where b != 32 {   // "19 / 11 / 2025" too
            if b >= 48 && b <= 57, prev == 47 || prev == 46 || prev == 45, prev2 >= 48 && prev2 <= 57 { return true }
            prev2 = prev; prev = b
        }
        return f.fastContains("thang")
    }

    /// Does a stamp fall 0–45 days after day/month in some year? (−1 for time zones.)
    static func fit(_ s: Stamp, day: Int, month: Int) -> Int? {
        if s.date.day == nil, let sm = s.date.month {
            if sm == month { return s.date.year }
            if sm == month + 1 { return s.date.year }
            if sm == 1 && month == 12 { return s.date.year - 1 }
            return nil
        }
        for y in [s.date.year, s.date.year - 1] where MeetingDate.isValid(day: day, month: month, year: y) {
            let gap = s.date.ordinal - MeetingDate(year: y, month: month, day: day).ordinal
            if gap >= -1 && gap <= 45 { return y }
        }
        return nil
    }

    nonisolated(unsafe) static let yearRef = regex(#"(?:(nam|quy\s+[ivx1-4]+\s*(?:nam|[/\-])?|thang\s+\d{1,2}\s*(?:nam|/)|nhiem\s+ky|giai\s+doan|khoa|dot|lan\s+thu\s+\S+\s*(?:nam)?)\s*)?(?<![\d/.\-])((?:19|20)\d\d)(?!\d)(\s*[-–]\s*(?:19|20)\d\d)?"#, [])
    nonisolated(unsafe) static let reviewCue = regex(#"(?:tong\s+ket|so\s+ket|giao\s+ban|ket\s+qua|danh\s+gia|nhin\s+lai|bao\s+cao)[^.;]{0,70}$"#, [])
    nonisolated(unsafe) static let planCue = regex(#"(?:nhiem\s+vu|phuong\s+huong|ke\s+hoach|trien\s+khai|dinh\s+huong|chuong\s+trinh)[^.;]{0,40}$"#, [])
    nonisolated(unsafe) static let halfYear = regex(#"(?:6|sau)\s+thang\s+(dau|cuoi)\s+nam\s*$|(?:9|chin)\s+thang\s+(?:dau\s+)?nam\s*$|quy\s+([ivx]+|[1-4])\s*(?:nam|[/\-])?\s*$|(cuoi)\s+nam\s*$"#, [])

    /// Votes from the years written in one zone of the head.
    static func yearVotes(inFolded f: String, zone: String, month: Int, weight: Int) -> [YearVote] {
        let ns = f as NSString
        var out: [YearVote] = []
        // `yearRef` needs a literal "19" or "20": most titles and leads state no year.
        guard f.fastContains("19") || f.fastContains("20") else { return [] }
        for m in yearRef.matches(in: f, range: NSRange(location: 0, length: ns.length)) {
            guard let y = m.int(2, in: ns), y >= 1990, y <= 2100 else { continue }
            let lead = (m.string(1, in: ns) ?? "").trimmingSpaces()
            let left = String((ns.tail(before: m.range.location, 90) + (lead.hasPrefix("nam") ? "nam " : "")).suffix(90))
            let lr = NSRange(location: 0, length: (left as NSString).length)
            let span = m.range(at: 3).location != NSNotFound
            if lead.hasPrefix("nhiem ky") || lead == "khoa" {
                // A congress opens its term: "Đại hội … nhiệm kỳ 2022-2027" meets in 2022.
                // Early in a year a congress may still be closing the previous term's year: no vote then.
                let congress = f.fastContains("dai hoi") || f.fastContains("ra mat")
                if congress && month <= 2 { continue }
                out.append(YearVote(year: y, weight: congress ? weight : max(1, weight / 3), why: "term \(y)– in \(zone)"))
                continue
            }
            if span || lead.hasPrefix("giai doan") {
                // A review of a span is held as it ends ("sơ kết … giai đoạn 2009-2019", "(năm 2023 - 2024)").
                let endText = span ? (ns.substring(with: m.range(at: 3)) as String).filter(\.isNumber) : ""
                let wide = ns.tail(before: m.range.location, 220)
                if span, let end = Int(endText), end > y, end - y <= 15,
                   reviewCue.firstMatch(in: wide.replacingOccurrences(of: ".", with: ","), range: NSRange(location: 0, length: (wide as NSString).length)) != nil
                   || wide.fastContains("so ket") || wide.fastContains("tong ket") {
                    out.append(YearVote(year: end, weight: max(2, weight - 1), why: "review of \(y)–\(end) in \(zone)", basis: .reportedPeriod))
                }
                continue
            }
            if lead.isEmpty && zone != "the title" { continue }   // a bare number in prose may be anything
            // The period's last month: a year, a half year, a quarter, a month.
            var endMonth = 12
            if let h = halfYear.firstMatch(in: left, range: lr) {
                if h.range(at: 1).location != NSNotFound { endMonth = (left as NSString).substring(with: h.range(at: 1)) == "dau" ? 6 : 12 }
                else if h.range(at: 3).location != NSNotFound { endMonth = 12 }
                else if let q = h.string(2, in: left as NSString) { endMonth = 3 * (["i": 1, "ii": 2, "iii": 3, "iv": 4][q] ?? Int(q) ?? 4) }
                else { endMonth = 9 }
            } else if lead.hasPrefix("thang"), let mo = Int(lead.filter(\.isNumber)), (1...12).contains(mo) { endMonth = mo }
            else if lead.hasPrefix("quy") {
                let q = lead.dropFirst(3).trimmingSpaces().prefix { $0.isLetter || $0.isNumber }
                endMonth = 3 * (["i": 1, "ii": 2, "iii": 3, "iv": 4][String(q)] ?? Int(q) ?? 4)
            }
            if reviewCue.firstMatch(in: left, range: lr) != nil && planCue.firstMatch(in: String(left.suffix(25)), range: NSRange(location: 0, length: (String(left.suffix(25)) as NSString).length)) == nil {
                // A review is held as its period ends or soon after: "tổng kết năm 2019" in January → 2020.
                // Held mid-year, a review of the whole year is of this one ("sơ kết … năm 2023" in July).
                let held = month >= endMonth - 1 ? y : (month <= 4 && endMonth >= 9 ? y + 1 : y)
                out.append(YearVote(year: held, weight: weight, why: "review of \(endMonth == 12 ? "" : "the period to \(endMonth)/")\(y) in \(zone), held in month \(month)", period: y, basis: .reportedPeriod))
            } else if left.hasSuffix("den ") || left.hasSuffix("toi ") || left.hasSuffix("den nam ") || left.hasSuffix("toi nam ") {
                continue   // "định hướng đến năm 2030": a horizon, not the meeting's year
            } else if planCue.firstMatch(in: left, range: lr) != nil && !left.fastContains("cuoi nam") && !left.hasSuffix("quy iv ") {
                // Tasks for 2020 are set late in 2019 or early in 2020.
                let held = month >= 10 && endMonth == 12 ? y - 1 : y
                out.append(YearVote(year: held, weight: weight, why: "plan for \(y) in \(zone), held in month \(month)", period: y, basis: .reportedPeriod))
            } else {
                out.append(YearVote(year: y, weight: weight, why: "year \(y) in \(zone)", basis: .stated))
            }
        }
        return out
    }

    /// National anniversaries: "kỷ niệm 80 năm Quốc khánh" → 1945 + 80.
    /// (words, year, month): an anniversary is celebrated around its month, so a
    /// meeting months away is likely preparing the next one and votes weakly.
    static let anniversaries: [(String, Int, Int)] = [
        ("quoc khanh", 1945, 9), ("cach mang thang tam", 1945, 8), ("cach mang thang 8", 1945, 8), ("giai phong mien nam", 1975, 4),
        ("thong nhat dat nuoc", 1975, 4), ("thanh lap dang", 1930, 2), ("chien thang dien bien phu", 1954, 5),
        ("thuong binh liet si", 1947, 7), ("ngay sinh chu tich ho chi minh", 1890, 5), ("ngay sinh bac ho", 1890, 5),
        ("quan doi nhan dan", 1944, 12), ("nganh ngoai giao", 1945, 8), ("bo doi bien phong", 1959, 3),
        ("quan he ngoai giao viet nam - lao", 1962, 9), ("quan he ngoai giao viet nam - campuchia", 1967, 6),
        ("quan he ngoai giao viet nam - trung quoc", 1950, 1),
    ]
    /// Diplomatic relations, for "kỷ niệm 60 năm (Ngày thiết lập) quan hệ ngoại giao (hai nước) Việt Nam - X".
    static let relations: [(String, Int, Int)] = [
        ("trung quoc", 1950, 1), ("lien bang nga", 1950, 1), ("lien xo", 1950, 1), ("lao", 1962, 9), ("campuchia", 1967, 6),
        ("cuba", 1960, 12), ("nhat ban", 1973, 9), ("han quoc", 1992, 12), ("hoa ky", 1995, 7), ("phap", 1973, 4),
        ("an do", 1972, 1), ("thai lan", 1976, 8), ("duc", 1975, 9), ("anh", 1973, 9), ("singapore", 1973, 8),
    ]
    nonisolated(unsafe) static let anniversary = regex(#"(\d{1,3})\s+nam\s+(?:ngay\s+)?([a-z ,\-–]{4,80})"#, [])
    nonisolated(unsafe) static let parenSpan = regex(#"\(\s*(?:\d{1,2}\s*[/.\-]\s*\d{1,2}\s*[/.\-]\s*)?((?:19|20)\d\d)\s*[-–]\s*(?:\d{1,2}\s*[/.\-]\s*\d{1,2}\s*[/.\-]\s*)?((?:19|20)\d\d)\s*\)"#, [])

    static func anniversaryVotes(inFolded f: String, zone: String, day: Int, month: Int) -> [YearVote] {
        let ns = f as NSString
        var out: [YearVote] = []
        for m in mayHoldCountOfYears(f) ? anniversary.matches(in: f, range: NSRange(location: 0, length: ns.length)) : [] {
            guard let n = m.int(1, in: ns), n >= 5, let what = m.string(2, in: ns) else { continue }
            // "hướng tới kỷ niệm 90 năm …" looks ahead to next year's anniversary.
            let left = ns.tail(before: m.range.location, 30)
            if ["huong toi", "tien toi", "chuan bi"].contains(where: { left.fastContains($0) }) { continue }
            var known = anniversaries.first(where: { what.hasPrefix($0.0) || what.fastContains(" " + $0.0) })
            if known == nil, what.fastContains("quan he ngoai giao") {
                let words = " " + what.map { $0.isLetter ? $0 : " " } .reduce(into: "") { $0.append($1) } + " "
                known = relations.first { words.fastContains(" " + $0.0 + " ") }.map { ("quan he ngoai giao", $0.1, $0.2) }
            }
            if let (_, base, at) = known {
                // Months around the anniversary, across the turn of the year too (22/12 and January).
                let near = [0, 1, 2, 11].contains((month - at + 12) % 12)
                out.append(YearVote(year: base + n, weight: near ? 4 : 1, why: "\(n)th anniversary of \(base) in \(zone)"))
            }
        }
        // `parenSpan` opens with a literal "(".
        for m in f.utf8.contains(0x28) ? parenSpan.matches(in: f, range: NSRange(location: 0, length: ns.length)) : [] {
            guard let a = m.int(1, in: ns), let b = m.int(2, in: ns), b > a, (b - a) % 5 == 0 else { continue }
            // "(28/8/1945 - 28/8/2022)" around a meeting on 27/8: the anniversary is the meeting's.
            let whole = ns.substring(with: m.range)
            let nums = whole.split(whereSeparator: { !$0.isNumber }).compactMap { Int($0) }
            let onTheDay = nums.count == 6 && nums[4] == month && abs(nums[3] - day) <= 3
            out.append(YearVote(year: b, weight: onTheDay ? 6 : 2, why: "anniversary span \(a)–\(b) in \(zone)"))
        }
        return out
    }

    nonisolated(unsafe) static let monthYear = regex(#"thang\s+(\d{1,2})\s*(?:/|nam)\s*((?:19|20)\d\d)(?!\d)"#, [])

    /// The event's own month with a year ("trong tháng 11/2019"), or another full date close to
    /// the event's day ("Đại hội … vào ngày 28/3/2015" three days after a press conference on 25/3).
    static func nearbyVotes(inFolded f: String, day: Int, month: Int) -> [YearVote] {
        let ns = f as NSString
        var out: [YearVote] = []
        var seen = Set<Int>()
        // `monthYear` says a literal "thang".
        for m in f.fastContains("thang") ? monthYear.matches(in: f, range: NSRange(location: 0, length: ns.length)) : [] {
            guard let mo = m.int(1, in: ns), let y = m.int(2, in: ns), mo == month, seen.insert(y).inserted else { continue }
            out.append(YearVote(year: y, weight: 3, why: "month \(mo)/\(y) in the text"))
        }
        for m in mayHoldDayMonthYear(f) ? dayMonth.matches(in: f, range: NSRange(location: 0, length: ns.length)) : [] {
            guard let d = m.int(1, in: ns), let mo = m.int(3, in: ns), let yt = m.string(4, in: ns), yt.count == 4, let y = Int(yt),
                  MeetingDate.isValid(day: d, month: mo, year: y), MeetingDate.isValid(day: day, month: month, year: y) else { continue }
            let left = ns.tail(before: m.range.location, 70)
            if documentCue.firstMatch(in: left, range: NSRange(location: 0, length: (left as NSString).length)) != nil { continue }
            let gap = abs(MeetingDate(year: y, month: mo, day: d).ordinal - MeetingDate(year: y, month: month, day: day).ordinal)
            if gap > 0 && gap <= 20 && seen.insert(y).inserted {
                out.append(YearVote(year: y, weight: 3, why: "\(d)/\(mo)/\(y) nearby in the text"))
            }
        }
        return out
    }

    /// Can `anniversary` give a count here? Its count is ASCII digits (else `Int` fails) and a run of
    /// white space stands between them and "nam": a byte scan for "<digit><white space>nam", where white
    /// space is any of ICU's `\s` (ASCII white space, or bytes of a multi-byte scalar).
    static func mayHoldCountOfYears(_ f: String) -> Bool {
        var f = f
        return f.withUTF8 { b in
            var i = 1
            while i + 3 <= b.count {
                if b[i] == 0x6E && b[i + 1] == 0x61 && b[i + 2] == 0x6D {   // "nam"
                    var j = i - 1
                    while j >= 0, b[j] == 0x20 || (b[j] >= 0x09 && b[j] <= 0x0D) || b[j] >= 0x80 { j -= 1 }
                    if j < i - 1, j >= 0, b[j] >= 0x30 && b[j] <= 0x39 { return true }
                }
                i += 1
            }
            return false
        }
    }

    /// Can `dayMonth` give a dated day here (it needs a four-digit year, so both separators)? Its
    /// month and year are ASCII digits (else `Int` fails) with the same separator before and after
    /// the month: a byte scan for "S … d S d" where S is one of / . - and at most 6 bytes part the two.
    static func mayHoldDayMonthYear(_ f: String) -> Bool {
        var f = f
        return f.withUTF8 { b in
            let n = b.count
            var j = 2
            while j + 1 < n {
                let sep = b[j]
                if (sep == 0x2F || sep == 0x2E || sep == 0x2D), b[j - 1] >= 0x30 && b[j - 1] <= 0x39, b[j + 1] >= 0x30 && b[j + 1] <= 0x39 {
                    for i in max(0, j - 6)...(j - 2) where b[i] == sep { return true }
                }
                j += 1
            }
            return false
        }
    }

    nonisolated(unsafe) static let anyYear = regex(#"(?<!\d)((?:19|20)\d\d)(?!\d)"#, [])

    /// The one recent year the body mentions, if it mentions only one.
    static func bodyYearVote(_ text: String) -> YearVote? {
        var years = Set<Int>(), dated = Set<Int>()
        let f = VietFold.fold(text)
        f.withUnsafeBufferPointer { b in
            // `anyYear` on bytes: 19xx or 20xx in ASCII digits, no digit (any script, as ICU's \d) on either side.
            let n = b.count
            var i = 0
            while i + 4 <= n {
                defer { i += 1 }
                guard (b[i] == 0x31 && b[i + 1] == 0x39) || (b[i] == 0x32 && b[i + 1] == 0x30),
                      isASCIIDigit(b[i + 2]), isASCIIDigit(b[i + 3]) else { continue }
                if let before = scalar(endingBefore: i, in: b), isRegexDigit(before.scalar) { continue }
                if let after = scalar(at: i + 4, in: b), isRegexDigit(after) { continue }
                let y = Int(b[i] - 0x30) * 1000 + Int(b[i + 1] - 0x30) * 100 + Int(b[i + 2] - 0x30) * 10 + Int(b[i + 3] - 0x30)
                guard y >= 2000 else { continue }
                // A year inside a date ("tháng 11/2017", "10.1.2017") dates something else: it may only disqualify.
                if endsWithDateSeparator(before: i, in: b) { dated.insert(y) } else { years.insert(y) }
            }
        }
        guard years.count == 1, let y = years.first, dated.isSubset(of: years) else { return nil }
        return YearVote(year: y, weight: 3, why: "the only year the page mentions (\(y))")
    }

    @inline(__always) static func isASCIIDigit(_ c: UInt8) -> Bool { c >= 0x30 && c <= 0x39 }
    /// ICU's `\d`: general category Nd.
    @inline(__always) static func isRegexDigit(_ s: Unicode.Scalar) -> Bool {
        s.value < 0x80 ? (s.value >= 0x30 && s.value <= 0x39) : s.properties.generalCategory == .decimalNumber
    }

    /// The scalar that starts at byte `i`, if any.
    static func scalar(at i: Int, in b: UnsafeBufferPointer<UInt8>) -> Unicode.Scalar? {
        guard i < b.count else { return nil }
        var it = b[i...].makeIterator()
        var decoder = UTF8()
        if case .scalarValue(let s) = decoder.decode(&it) { return s }
        return nil
    }

    /// The scalar that ends just before byte `i`, with where it starts.
    static func scalar(endingBefore i: Int, in b: UnsafeBufferPointer<UInt8>) -> (scalar: Unicode.Scalar, start: Int)? {
        guard i > 0 else { return nil }
        var start = i - 1
        while start > 0 && b[start] & 0xC0 == 0x80 && i - start < 4 { start -= 1 }
        guard let s = scalar(at: start, in: b) else { return nil }
        return (s, start)
    }

    /// `\d[/.\-]\s*$` in the 12 UTF-16 units before byte `i` (what `tail(before:, 12)` kept),
    /// with `$` also before a final U+0085.
    static func endsWithDateSeparator(before i: Int, in b: UnsafeBufferPointer<UInt8>) -> Bool {
        var units = 0
        var at = i
        func previous() -> Unicode.Scalar? {
            guard let (s, start) = scalar(endingBefore: at, in: b) else { return nil }
            units += s.value >= 0x10000 ? 2 : 1
            guard units <= 12 else { return nil }
            at = start
            return s
        }
        var s = previous()
        if s == "\u{85}" { s = previous() }
        while let c = s, Scalars.isRegexSpace(c) { s = previous() }
        guard let sep = s, sep == "/" || sep == "." || sep == "-" else { return false }
        guard let digit = previous() else { return false }
        return isRegexDigit(digit)
    }

    // MARK: Decision

    public static func extract(layout: ArticleLayout, text: String) -> Result {
        var res = Result()
        let allStamps = stamps(text: text, title: layout.title)
        // The publish stamp: the first after the headline; a page header only if it fits the event (below).
        if let s = allStamps.first(where: { !$0.header }) { res.published = s.iso }

        let cands = dayCandidates(layout: layout).sorted { ($0.score, -$0.zone.rawValue, -$0.offset) > ($1.score, -$1.zone.rawValue, -$1.offset) }
        if let b = cands.first, b.score > 0 { res.eventText = b.source }
        guard var best = cands.first, best.score > 0 else {
            // "Sáng nay", "Hôm qua": relative to a publish stamp after the headline.
            let lead = VietFold.foldedString(layout.lead.prefixCharacters(60))
            if let m = relativeLead.firstMatch(in: lead, range: NSRange(location: 0, length: (lead as NSString).length)),
               let s = allStamps.first(where: { !$0.header && $0.date.day != nil }) {
                // "Sáng nay", "Hôm qua" — never a bare "Qua 5 năm …", which opens many undated reviews.
                let word = m.string(1, in: lead as NSString) ?? ""
                let back = word == "qua" ? 1 : 0
                res.date = MeetingDate.fromOrdinal(s.date.ordinal - back)
                res.basis = .publishLine
                res.evidence.append("date: “\(word)” in the lead, counted from the publish stamp \(s.text)")
            } else {
                res.diagnostics.append("date: the head of the page states no date of the event")
            }
            return res
        }
        if best.yearMalformed {
            res.diagnostics.append("date: “\(best.quote)” has a malformed year")
            return res
        }
        let dm = "\(best.day)/\(best.month)"
        if let y = best.year {
            res.date = MeetingDate(year: y, month: best.month, day: best.day)
            res.basis = .stated
            res.evidence.append("date: \(dm)/\(y) stated in \(best.zone.label) (“\(best.quote)”)")
            return res
        }

        var votes: [YearVote] = []
        var stampYears = Set<Int>()
        // Publish stamps first: a banner that fits the same year must not take its place at a lower weight.
        for s in allStamps.filter({ !$0.header }) + allStamps.filter(\.header) {
            guard let y = fit(s, day: best.day, month: best.month) else { continue }
            if stampYears.insert(y).inserted {
                votes.append(YearVote(year: y, weight: s.header ? 2 : 10, why: "\(s.header ? "page header" : "publish stamp") \(s.text)", basis: .publishLine))
            }
        }
        let titleF = VietFold.foldedString(layout.title)
        votes += yearVotes(inFolded: titleF, zone: "the title", month: best.month, weight: 6)
        let leadF = VietFold.foldedString(firstSentence(layout.lead))
        votes += yearVotes(inFolded: leadF, zone: "the lead", month: best.month, weight: 5)
        if let e = res.eventText, e != layout.title, firstSentence(e) != firstSentence(layout.lead) {
            votes += yearVotes(inFolded: VietFold.foldedString(firstSentence(e)), zone: "the event's sentence", month: best.month, weight: 5)
        }
        let headF = VietFold.foldedString((layout.paragraphs.filter { $0.role != .caption }.prefix(6).map(\.text) + [res.eventText ?? ""]).joined(separator: " . "))
        votes += nearbyVotes(inFolded: headF, day: best.day, month: best.month)
        votes += anniversaryVotes(inFolded: titleF + " . " + headF, zone: "the text", day: best.day, month: best.month)
        // The page's one year is no extra evidence when it is the period a review or plan already read.
        if let v = bodyYearVote(text), !votes.contains(where: { $0.period == v.year }) { votes.append(v) }

        var tally: [Int: Int] = [:]
        for v in votes { tally[v.year, default: 0] += v.weight }
        let ranked = tally.sorted { ($0.value, $0.key) > ($1.value, $1.key) }
        // A day found below the lead needs more than the page's one year to be dated.
        let needed = best.zone == .lead || best.zone == .title ? 3 : 4
        guard let top = ranked.first, top.value >= needed else {
            res.diagnostics.append("date: \(dm) in \(best.zone.label) (“\(best.quote)”) but nothing gives the year")
            return res
        }
        if ranked.count > 1, ranked[1].value * 2 > top.value {
            let why = votes.map { "\($0.year): \($0.why)" }.joined(separator: "; ")
            res.diagnostics.append("date: \(dm) in \(best.zone.label), but the year is disputed (\(why))")
            return res
        }
        best.year = top.key
        guard MeetingDate.isValid(day: best.day, month: best.month, year: top.key) else { return res }
        if res.published == nil, let h = allStamps.first(where: { $0.header && fit($0, day: best.day, month: best.month) == top.key }) {
            res.published = h.iso
        }
        res.date = MeetingDate(year: top.key, month: best.month, day: best.day)
        let used = votes.filter { $0.year == top.key }.sorted { $0.weight > $1.weight }
        res.basis = used.first?.basis ?? .inferred
        res.evidence.append("date: \(dm) from \(best.zone.label) (“\(best.quote)”); year \(top.key) from " + used.map(\.why).joined(separator: ", "))
        if let runner = cands.dropFirst().first(where: { ($0.day, $0.month) != (best.day, best.month) }) {
            res.evidence.append("date: runner-up \(runner.day)/\(runner.month) in \(runner.zone.label) (“\(runner.quote)”)")
        }
        return res
    }
}
