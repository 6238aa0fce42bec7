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
        var yearMalformed = false
        /// The paragraph (or title) the candidate stands in: the event's sentence for other extractors.
        var source: String = ""
        /// Where the quote stands in the folded head (UTF-16 units), to cut it from the original.
        var quoteRange: Range<Int>
        /// The UTF-8 length of the head of `source` the candidate was read in, and the head's folded
        /// bytes: the quote is cut from them only for the candidates a result names.
        var headLength = 0
        var folded: [UInt8] = []

        /// The words that state the date: from the page's own words when folding kept one character per
        /// character, else from the folded text.
        var quote: String {
            var text = source
            let r = quoteRange
            let fromPage: String? = text.withUTF8 { all in
                let head = DateScan.Bytes(rebasing: all[0..<headLength])
                // Simple text has one scalar per Character on both sides (folding keeps it simple), so
                // scalars stand in for Characters without grapheme breaking.
                if SimpleText.isSimple(head, limit: .max) {
                    let count = DateScan.scalarCount(head, 0..<head.count)
                    let foldedCount = folded.reduce(0) { $1 & 0xC0 != 0x80 ? $0 + 1 : $0 }
                    guard count == foldedCount, r.upperBound <= count else { return nil }
                    let lo = DateScan.byteOffset(ofScalar: r.lowerBound, in: head), hi = DateScan.byteOffset(ofScalar: r.upperBound, in: head)
                    return DateScan.string(head, lo..<hi).trimmingSpaces()
                }
                let characters = Array(String(decoding: head, as: UTF8.self))
                guard characters.count == String(decoding: folded, as: UTF8.self).count, r.upperBound <= characters.count else { return nil }
                return String(characters[r]).trimmingSpaces()
            }
            if let q = fromPage { return q }
            let f = String(decoding: folded, as: UTF8.self) as NSString
            return f.substring(with: NSRange(location: r.lowerBound, length: r.count)).trimmingSpaces()
        }
    }

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
            let limit = zone == .lead ? 700 : zone == .caption ? 300 : 400
            var text = text
            let found: [DayCandidate] = text.withUTF8 { all in
                // The head: the first `limit` Characters, cut on bytes when they are scalars.
                let cut = all.count <= limit ? all.count
                    : SimpleText.isSimple(all, limit: limit) ? DateScan.byteOffset(ofScalar: limit, in: all)
                    : String(decoding: all, as: UTF8.self).prefixCharacters(limit).utf8.count
                let head = DateScan.Bytes(rebasing: all[0..<cut])
                // Every day–month form is read from ASCII digits: a zone without one holds no candidate.
                // Folding makes no digit (it maps letters to ASCII letters and keeps other bytes), so the
                // unfolded head tells.
                guard head.contains(where: { $0 &- 0x30 < 10 }) else { return [] }
                var f: [UInt8] = []
                VietFold.fold(head, into: &f, map: nil)
                return candidates(inFolded: f, zone: zone, paragraph: idx).map { c0 in
                    var c = c0
                    c.headLength = cut
                    c.folded = f
                    return c
                }
            }
            for var c in found { c.source = text; out.append(c) }
        }
        return out
    }

    static func candidates(inFolded f: [UInt8], zone: Zone, paragraph: Int) -> [DayCandidate] {
        f.withUnsafeBufferPointer { b in
            var out: [DayCandidate] = []
            var units = DateScan.UTF16Offsets()
            /// A day–month read at bytes `start..<end` of the folded head.
            func consider(_ start: Int, _ end: Int, day d0: Int, month: Int, year yearDigits: Range<Int>?) {
                // The checks run cheapest and most selective first; a candidate is kept when all pass,
                // as before. Everything left of the day is read in the 70 UTF-16 units before it.
                DateScan.withTail(b, before: start, units: 70) { left in
                    // "9/11 huyện" is a count, and a bare 02/03/2023 is a stamp or a document's date.
                    guard DateScan.endsWithEventCue(left) else { return }
                    var day = d0
                    if let r = DateScan.rangeStart(left), let first = DateScan.value(left, r), first < d0 { day = first }
                    var year: Int?
                    var malformed = false
                    if let yt = yearDigits {
                        let n = DateScan.scalarCount(b, yt)
                        if n == 4, let y = DateScan.value(b, yt) { year = y }
                        else if n == 2, let y = DateScan.value(b, yt) { year = 2000 + y }
                        else { malformed = true }
                    }
                    guard MeetingDate.isValid(day: day, month: month, year: year) else { return }
                    if let y = year, y < 1900 || y > 2100 { return }
                    // "Thứ bảy, 07/12/2024 10:12" glued to the lead is the publish stamp, not the event.
                    // (The old reading looked for a clock in the 8 UTF-16 units after the date.)
                    if year != nil {
                        let (hi, splits) = DateScan.end(ofUnits: 8, after: end, in: b)
                        if DateScan.withWindow(b, end, hi, splitAfter: splits, { DateScan.firstClock($0) }) != nil { return }
                    }
                    let location = units.at(start, in: b)
                    var score: Int
                    switch zone {
                    case .lead: score = 12
                    case .title: score = 8
                    case .body: score = max(3, 10 - 2 * paragraph)
                    case .caption: score = 4
                    }
                    if location < 90 { score += 3 }
                    score += 5   // cued
                    if DateScan.endsWithSentenceStart(left) { score += 4 }
                    if DateScan.endsWithDocumentCue(left) { score -= 25 }
                    if DateScan.endsWithDeadlineCue(left) { score -= 15 }
                    if DateScan.endsWithFoundingCue(left) { score -= 15 }
                    // Further down the page, "(từ) ngày 14-15/4 vừa qua" recalls an earlier event. (The
                    // 14 Characters after the day are read only when the bytes after it say "vua qua".)
                    if zone != .lead && zone != .title && DateScan.find(b, "vua qua", from: end) != nil
                        && DateScan.string(b, end..<b.count).prefix(14).fastContains("vua qua") { score -= 8 }
                    // "(3/2/1930 - 3/2/2024)": a span. The 12 Characters after the day are read only when a
                    // dash (after a space or not) follows in the bytes.
                    if year != nil, DateScan.has(b, end, " -") || DateScan.has(b, end, " –") || DateScan.has(b, end, "-") || DateScan.has(b, end, "–") {
                        let after = DateScan.string(b, end..<b.count).prefix(12)
                        if after.hasPrefix(" -") || after.hasPrefix(" –") || after.hasPrefix("-") || after.hasPrefix("–"),
                           after.dropFirst().contains(where: \.isNumber) { score -= 10 }
                    }
                    // The quote starts up to 18 Characters (counted as such, though subtracted from a
                    // UTF-16 offset) left of the day.
                    let leftCharacters = SimpleText.isSimple(left, limit: .max) ? DateScan.scalarCount(left, 0..<left.count)
                        : String(decoding: left, as: UTF8.self).count
                    let endUnit = location + DateScan.utf16Count(b, start, end)
                    let quoteStart = max(0, location - min(18, leftCharacters))
                    out.append(DayCandidate(day: day, month: month, year: year, zone: zone, paragraph: paragraph,
                                            offset: location, score: score, yearMalformed: malformed,
                                            quoteRange: quoteStart..<endUnit))
                }
            }
            DateScan.dayMonthMatches(b) { m in
                guard let d = DateScan.value(b, m.day), let mo = DateScan.value(b, m.month) else { return }
                consider(m.range.lowerBound, m.range.upperBound, day: d, month: mo, year: m.year)
            }
            // Each pattern below needs a literal the text may lack: "-" or "–" for a range, "thang" for words.
            if b.contains(0x2D) || DateScan.find(b, "–", from: 0) != nil {
                DateScan.dayRangeMatches(b) { m in
                    // "(15-16/6)", "27 - 28.8": a range's first day, cued like a single day (and read as
                    // ending after its own digits).
                    guard let d = DateScan.value(b, m.first), let d2 = DateScan.value(b, m.second),
                          let mo = DateScan.value(b, m.month), d2 > d else { return }
                    consider(m.range.lowerBound, m.first.upperBound, day: d, month: mo, year: m.year)
                }
            }
            if DateScan.find(b, "thang", from: 0) != nil {
                DateScan.dayMonthWordsMatches(b) { m in
                    guard let d = DateScan.value(b, m.day), let mo = DateScan.value(b, m.month) else { return }
                    // The cue is part of the match ("ngay 8 thang 7"): look left of it as if it were a
                    // number, from 5 UTF-16 units in ("ngay" and the first white space, one unit).
                    let s = m.range.lowerBound + 4
                    consider(s + DateScan.width(b[s]), m.range.upperBound, day: d, month: mo, year: m.year)
                }
            }
            return out
        }
    }

    // MARK: Year evidence

    struct YearVote {
        var year: Int; var weight: Int; var why: String; var period: Int? = nil
        /// What kind of evidence this is, for `Meeting.dateBasis`.
        var basis: DateBasis = .inferred
    }

    /// A publish or metadata stamp: " date 2025-09-19", "19/11/2025 10:02", "Cập nhật: 24/03/2009 05:04:28".
    struct Stamp { var date: MeetingDate; var header: Bool; var text: String; var time: String? = nil
        var iso: String { time.map { isoDate(date) + "T" + $0 } ?? isoDate(date) } }

    /// `MeetingDate.description` ("%04d-%02d-%02d" at its precision) without `String(format:)`.
    static func isoDate(_ d: MeetingDate) -> String {
        guard d.year >= 0 && d.year <= 9999 else { return d.description }
        var s = String(d.year)
        if s.utf8.count < 4 { s = String(repeating: "0", count: 4 - s.utf8.count) + s }
        if let m = d.month {
            guard m >= 0 && m <= 99 else { return d.description }
            s += "-" + twoDigits(m)
        }
        if let day = d.day {
            guard day >= 0 && day <= 99 else { return d.description }
            s += "-" + twoDigits(day)
        }
        return s
    }

    static func stamps(text: String, title: String) -> [Stamp] {
        var out: [Stamp] = []
        let titleKey = VietFold.foldedString(title)
        var seenTitle = titleKey.isEmpty
        let titleHead = titleKey.prefixCharacters(40)
        var text = text
        text.withUTF8 { all in
            // The first 400 non-empty lines ("\n" is always a Character of its own, so splitting the
            // bytes gives the lines, without grapheme breaking).
            let lines = DateScan.lines(all, limit: 400)
            // On a page of many lines a long line is a paragraph of prose, whose stamps (if any) stand at its
            // ends; a page of few lines is run-on, and its stamp may be anywhere.
            let trimLong = lines.count >= 8
            var f: [UInt8] = []
            f.reserveCapacity(1024)
            for r in lines {
                let raw = DateScan.Bytes(rebasing: all[r])
                // Past the headline a line is folded only to look for stamps, and every stamp pattern needs
                // an ASCII digit (folding makes none: it maps letters to ASCII letters and keeps other bytes).
                if seenTitle && !raw.contains(where: { $0 &- 0x30 < 10 }) { continue }
                f.removeAll(keepingCapacity: true)
                foldPiece(of: raw, trimLong: trimLong, into: &f)
                // The headline's line (or, when hard-wrapped, its first piece) ends the page header.
                if !seenTitle {
                    let folded = String(decoding: f, as: UTF8.self)
                    let trimmed = folded.trimmingSpaces()
                    if folded.hasMoreCharacters(than: 7) && folded.fastContains(titleHead) || trimmed.hasMoreCharacters(than: 3) && titleKey.hasPrefix(trimmed) { seenTitle = true }
                }
                // Every stamp form has a digit, a separator and a digit ("19/11", "2025-11") or says "thang":
                // most lines of prose have neither.
                guard mayHoldStamp(f) else { continue }
                f.withUnsafeBufferPointer { b in stamps(inLine: b, seenTitle: seenTitle, into: &out) }
            }
        }
        return out
    }

    /// Folds what `stamps` reads of a line: all of it, or of a long line its first and last Characters
    /// around " … " (240 and 200 past 900 bytes on a page of many lines, else 400 and 250 past 700
    /// Characters). Folding the parts one after another into `out` folds their concatenation.
    static func foldPiece(of raw: DateScan.Bytes, trimLong: Bool, into out: inout [UInt8]) {
        let long = trimLong && raw.count > 900
        guard long || raw.count > 700 else { VietFold.fold(raw, into: &out, map: nil); return }
        let (head, tail) = long ? (240, 200) : (400, 250)
        // Where Characters are scalars (simple text; a CR in a line stands alone), the cuts are made on
        // bytes; otherwise by the Characters of the line itself.
        guard DateScan.isSimpleLine(raw) else {
            let line = String(decoding: raw, as: UTF8.self)
            if long { out = VietFold.fold(line.prefixCharacters(240) + " … " + String(line.suffix(200))) }
            else if line.hasMoreCharacters(than: 700) { out = VietFold.fold(line.prefixCharacters(400) + " … " + String(line.suffix(250))) }
            else { VietFold.fold(raw, into: &out, map: nil) }
            return
        }
        let scalars = DateScan.scalarCount(raw, 0..<raw.count)
        guard long || scalars > 700 else { VietFold.fold(raw, into: &out, map: nil); return }
        let headEnd = DateScan.byteOffset(ofScalar: head, in: raw)
        let tailStart = DateScan.byteOffset(ofScalar: max(0, scalars - tail), in: raw)
        VietFold.fold(DateScan.Bytes(rebasing: raw[0..<headEnd]), into: &out, map: nil)
        var gap = " … "
        gap.withUTF8 { VietFold.fold($0, into: &out, map: nil) }
        VietFold.fold(DateScan.Bytes(rebasing: raw[tailStart...]), into: &out, map: nil)
    }

    /// The stamps of one folded line.
    static func stamps(inLine b: DateScan.Bytes, seenTitle: Bool, into out: inout [Stamp]) {
        let words = DateScan.wordCount(b)
        // Both ISO forms have a "-" between year and month.
        if b.contains(0x2D) {
            DateScan.isoStampMatches(b) { m in
                guard let y = DateScan.value(b, m.year), let mo = DateScan.value(b, m.month), (1...12).contains(mo), y >= 1990, y <= 2100 else { return }
                let d = m.day.flatMap { DateScan.value(b, $0) }
                if let d, !MeetingDate.isValid(day: d, month: mo, year: y) { return }
                out.append(Stamp(date: MeetingDate(year: y, month: mo, day: d), header: false, text: DateScan.string(b, m.range).trimmingSpaces()))
            }
        }
        if words <= 10, DateScan.find(b, "thang", from: 0) != nil {
            var first: DateScan.WordDate?
            DateScan.dayMonthWordsMatches(b, first: true) { first = $0 }
            if let m = first ?? DateScan.firstMonthWordStamp(b), let yr = m.year, let y = DateScan.value(b, yr),
               let d = DateScan.value(b, m.day), let mo = DateScan.value(b, m.month), MeetingDate.isValid(day: d, month: mo, year: y) {
                // "Ngày 29 tháng 11 năm 2019" alone on a line under the headline.
                out.append(Stamp(date: MeetingDate(year: y, month: mo, day: d), header: !seenTitle, text: DateScan.string(b, m.range)))
            }
        }
        // A full stamp has two separators ("19/11/2025").
        guard b.lazy.filter({ $0 == 0x2F || $0 == 0x2E || $0 == 0x2D }).prefix(2).count == 2 else { return }
        DateScan.fullStampMatches(b) { m in
            guard let d = DateScan.value(b, m.day), let mo = DateScan.value(b, m.month), var y = DateScan.value(b, m.year) else { return }
            if y < 100 { y += 2000 }
            guard y >= 1990, y <= 2100, MeetingDate.isValid(day: d, month: mo, year: y) else { return }
            // A stamp stands with a clock time or a publish cue next to it (in the 40 UTF-16 units on
            // either side), or alone on a short line.
            let (lo, splitsBefore) = DateScan.start(ofUnits: 40, before: m.range.lowerBound, in: b)
            let (hi, splitsAfter) = DateScan.end(ofUnits: 40, after: m.range.upperBound, in: b)
            let (clock, hasCue): ((Range<Int>, hour: Int?, minute: Int?)?, Bool) = DateScan.withWindow(b, lo, hi, splitBefore: splitsBefore, splitAfter: splitsAfter) { near in
                let c = DateScan.firstClock(near).map { ($0.range, DateScan.value(near, $0.hour), DateScan.value(near, $0.minute)) }
                return (c, DateScan.hasStampCue(near))
            }
            let hasClock = clock != nil
            guard hasClock || hasCue || words <= 12 else { return }
            if !hasClock && DateScan.withTail(b, before: m.range.lowerBound, units: 60, { DateScan.endsWithDocumentCue($0) }) { return }
            var time: String?
            // The clock's two runs of digits, when both read as numbers.
            if let c = clock, let h = c.hour, let mi = c.minute, h < 24, mi < 60 { time = twoDigits(h) + ":" + twoDigits(mi) }
            // Above the headline, a stamp with a weekday is the site's banner of today's date; a bare
            // "19/08/2015 08:26 GMT+7" or "18:50 | 27/12/2022" is the article's own publish line.
            let banner = !seenTitle && (DateScan.hasWeekday(b) || time == nil && !hasCue)
            out.append(Stamp(date: MeetingDate(year: y, month: mo, day: d), header: banner, text: DateScan.string(b, m.range), time: time))
        }
    }

    /// "%02d" for 0–99.
    static func twoDigits(_ n: Int) -> String { n < 10 ? "0" + String(n) : String(n) }

    static func mayHoldStamp(_ f: [UInt8]) -> Bool {
        var prev2: UInt8 = 0, prev: UInt8 = 0
        for b in f where b != 32 {   // "19 / 11 / 2025" too
            if b >= 48 && b <= 57, prev == 47 || prev == 46 || prev == 45, prev2 >= 48 && prev2 <= 57 { return true }
            prev2 = prev; prev = b
        }
        return f.containsBytes(Array("thang".utf8))
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

    /// Votes from the years written in one zone of the head (folded).
    static func yearVotes(inFolded f: [UInt8], zone: String, month: Int, weight: Int) -> [YearVote] {
        var out: [YearVote] = []
        // `yearRef` needs a literal "19" or "20": most titles and leads state no year.
        guard f.containsBytes([0x31, 0x39]) || f.containsBytes([0x32, 0x30]) else { return [] }
        f.withUnsafeBufferPointer { b in
            DateScan.yearRefMatches(b) { m in
                guard let y = DateScan.value(b, m.year), y >= 1990, y <= 2100 else { return }
                let lead = m.lead.map { DateScan.string(b, $0) }?.trimmingSpaces() ?? ""
                let tail90 = DateScan.withTail(b, before: m.range.lowerBound, units: 90) { String(decoding: $0, as: UTF8.self) }
                let left = String((tail90 + (lead.hasPrefix("nam") ? "nam " : "")).suffix(90))
                let span = m.span != nil
                if lead.hasPrefix("nhiem ky") || lead == "khoa" {
                    // A congress opens its term: "Đại hội … nhiệm kỳ 2022-2027" meets in 2022.
                    // Early in a year a congress may still be closing the previous term's year: no vote then.
                    let congress = DateScan.find(b, "dai hoi", from: 0) != nil || DateScan.find(b, "ra mat", from: 0) != nil
                    if congress && month <= 2 { return }
                    out.append(YearVote(year: y, weight: congress ? weight : max(1, weight / 3), why: "term \(y)– in \(zone)"))
                    return
                }
                if span || lead.hasPrefix("giai doan") {
                    // A review of a span is held as it ends ("sơ kết … giai đoạn 2009-2019", "(năm 2023 - 2024)").
                    let endText = m.span.map { DateScan.string(b, $0).filter(\.isNumber) } ?? ""
                    if span, let end = Int(endText), end > y, end - y <= 15,
                       DateScan.withTail(b, before: m.range.lowerBound, units: 220, { wide in
                           reviewCueWithDotsAsCommas(wide) || DateScan.find(wide, "so ket", from: 0) != nil || DateScan.find(wide, "tong ket", from: 0) != nil
                       }) {
                        out.append(YearVote(year: end, weight: max(2, weight - 1), why: "review of \(y)–\(end) in \(zone)", basis: .reportedPeriod))
                    }
                    return
                }
                if lead.isEmpty && zone != "the title" { return }   // a bare number in prose may be anything
                var leftBytes = left
                leftBytes.withUTF8 { l in
                    // The period's last month: a year, a half year, a quarter, a month.
                    var endMonth = 12
                    if let h = DateScan.halfYear(l) {
                        switch h {
                        case .half(let first): endMonth = first ? 6 : 12
                        case .yearEnd: endMonth = 12
                        case .quarter(let q): endMonth = 3 * (["i": 1, "ii": 2, "iii": 3, "iv": 4][q] ?? Int(q) ?? 4)
                        case .nine: endMonth = 9
                        }
                    } else if lead.hasPrefix("thang"), let mo = Int(lead.filter(\.isNumber)), (1...12).contains(mo) { endMonth = mo }
                    else if lead.hasPrefix("quy") {
                        let q = lead.dropFirst(3).trimmingSpaces().prefix { $0.isLetter || $0.isNumber }
                        endMonth = 3 * (["i": 1, "ii": 2, "iii": 3, "iv": 4][String(q)] ?? Int(q) ?? 4)
                    }
                    if DateScan.endsWithReviewCue(l) && !endsWithPlanCue(String(left.suffix(25))) {
                        // A review is held as its period ends or soon after: "tổng kết năm 2019" in January → 2020.
                        // Held mid-year, a review of the whole year is of this one ("sơ kết … năm 2023" in July).
                        let held = month >= endMonth - 1 ? y : (month <= 4 && endMonth >= 9 ? y + 1 : y)
                        out.append(YearVote(year: held, weight: weight, why: "review of \(endMonth == 12 ? "" : "the period to \(endMonth)/")\(y) in \(zone), held in month \(month)", period: y, basis: .reportedPeriod))
                    } else if left.hasSuffix("den ") || left.hasSuffix("toi ") || left.hasSuffix("den nam ") || left.hasSuffix("toi nam ") {
                        return   // "định hướng đến năm 2030": a horizon, not the meeting's year
                    } else if DateScan.endsWithPlanCue(l) && !left.fastContains("cuoi nam") && !left.hasSuffix("quy iv ") {
                        // Tasks for 2020 are set late in 2019 or early in 2020.
                        let held = month >= 10 && endMonth == 12 ? y - 1 : y
                        out.append(YearVote(year: held, weight: weight, why: "plan for \(y) in \(zone), held in month \(month)", period: y, basis: .reportedPeriod))
                    } else {
                        out.append(YearVote(year: y, weight: weight, why: "year \(y) in \(zone)", basis: .stated))
                    }
                }
            }
        }
        return out
    }

    static func endsWithPlanCue(_ s: String) -> Bool {
        var s = s
        return s.withUTF8 { DateScan.endsWithPlanCue($0) }
    }

    /// `reviewCue` on the text with every "." replaced by "," (`replacingOccurrences(of: ".", with: ",")`).
    /// That replacement skips a "." that is part of a larger Character (a combining mark after it, a
    /// prepended one before it): when any "." has a non-ASCII byte next to it, the replacement itself is made.
    static func reviewCueWithDotsAsCommas(_ w: DateScan.Bytes) -> Bool {
        var i = 0
        while i < w.count {
            if w[i] == 0x2E && (i + 1 < w.count && w[i + 1] >= 0x80 || i > 0 && w[i - 1] >= 0x80) {
                var replaced = String(decoding: w, as: UTF8.self).replacingOccurrences(of: ".", with: ",")
                return replaced.withUTF8 { DateScan.endsWithReviewCue($0) }
            }
            i += 1
        }
        return DateScan.endsWithReviewCue(w, dotsAsCommas: true)
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
    static func anniversaryVotes(inFolded f: [UInt8], zone: String, day: Int, month: Int) -> [YearVote] {
        var out: [YearVote] = []
        f.withUnsafeBufferPointer { b in
            if mayHoldCountOfYears(b) {
                DateScan.anniversaryMatches(b) { m in
                    guard let n = DateScan.value(b, m.count), n >= 5 else { return }
                    let what = DateScan.string(b, m.what)
                    // "hướng tới kỷ niệm 90 năm …" looks ahead to next year's anniversary. (The 30 UTF-16
                    // units before the match, searched for ASCII words: a split pair there cannot hold one.)
                    let (lo, _) = DateScan.start(ofUnits: 30, before: m.range.lowerBound, in: b)
                    let left = DateScan.Bytes(rebasing: b[lo..<m.range.lowerBound])
                    if DateScan.find(left, "huong toi", from: 0) != nil || DateScan.find(left, "tien toi", from: 0) != nil
                        || DateScan.find(left, "chuan bi", from: 0) != nil { return }
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
            }
            // `parenSpan` opens with a literal "(".
            DateScan.parenSpanMatches(b) { m in
                guard let a = DateScan.value(b, m.from), let bYear = DateScan.value(b, m.to), bYear > a, (bYear - a) % 5 == 0 else { return }
                // "(28/8/1945 - 28/8/2022)" around a meeting on 27/8: the anniversary is the meeting's.
                let whole = DateScan.string(b, m.range)
                let nums = whole.split(whereSeparator: { !$0.isNumber }).compactMap { Int($0) }
                let onTheDay = nums.count == 6 && nums[4] == month && abs(nums[3] - day) <= 3
                out.append(YearVote(year: bYear, weight: onTheDay ? 6 : 2, why: "anniversary span \(a)–\(bYear) in \(zone)"))
            }
        }
        return out
    }

    /// The event's own month with a year ("trong tháng 11/2019"), or another full date close to
    /// the event's day ("Đại hội … vào ngày 28/3/2015" three days after a press conference on 25/3).
    static func nearbyVotes(inFolded f: [UInt8], day: Int, month: Int) -> [YearVote] {
        var out: [YearVote] = []
        var seen = Set<Int>()
        f.withUnsafeBufferPointer { b in
            // `monthYear` says a literal "thang".
            if DateScan.find(b, "thang", from: 0) != nil {
                DateScan.monthYearMatches(b) { _, m, yr in
                    guard let mo = DateScan.value(b, m), let y = DateScan.value(b, yr), mo == month, seen.insert(y).inserted else { return }
                    out.append(YearVote(year: y, weight: 3, why: "month \(mo)/\(y) in the text"))
                }
            }
            guard mayHoldDayMonthYear(b) else { return }
            DateScan.dayMonthMatches(b) { m in
                guard let d = DateScan.value(b, m.day), let mo = DateScan.value(b, m.month), let yt = m.year,
                      DateScan.scalarCount(b, yt) == 4, let y = DateScan.value(b, yt),
                      MeetingDate.isValid(day: d, month: mo, year: y), MeetingDate.isValid(day: day, month: month, year: y) else { return }
                if DateScan.withTail(b, before: m.range.lowerBound, units: 70, { DateScan.endsWithDocumentCue($0) }) { return }
                let gap = abs(MeetingDate(year: y, month: mo, day: d).ordinal - MeetingDate(year: y, month: month, day: day).ordinal)
                if gap > 0 && gap <= 20 && seen.insert(y).inserted {
                    out.append(YearVote(year: y, weight: 3, why: "\(d)/\(mo)/\(y) nearby in the text"))
                }
            }
        }
        return out
    }

    /// Can `anniversary` give a count here? Its count is ASCII digits (else `Int` fails) and a run of
    /// white space stands between them and "nam": a byte scan for "<digit><white space>nam", where white
    /// space is any of ICU's `\s` (ASCII white space, or bytes of a multi-byte scalar).
    static func mayHoldCountOfYears(_ b: DateScan.Bytes) -> Bool {
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

    /// Can `dayMonth` give a dated day here (it needs a four-digit year, so both separators)? Its
    /// month and year are ASCII digits (else `Int` fails) with the same separator before and after
    /// the month: a byte scan for "S … d S d" where S is one of / . - and at most 6 bytes part the two.
    static func mayHoldDayMonthYear(_ b: DateScan.Bytes) -> Bool {
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

    /// The one recent year the body mentions, if it mentions only one.
    static func bodyYearVote(_ text: String) -> YearVote? {
        var years = Set<Int>(), dated = Set<Int>()
        let f = VietFold.fold(text)
        f.withUnsafeBufferPointer { b in
            // `(?<!\d)((?:19|20)\d\d)(?!\d)` on bytes: 19xx or 20xx in ASCII digits, no digit (any script, as ICU's \d) on either side.
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
    @inline(__always) static func isRegexDigit(_ s: Unicode.Scalar) -> Bool { DateScan.isDigit(s) }

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
            let lead = VietFold.fold(layout.lead.prefixCharacters(60))
            if let word = lead.withUnsafeBufferPointer({ DateScan.relativeLead($0) }),
               let s = allStamps.first(where: { !$0.header && $0.date.day != nil }) {
                // "Sáng nay", "Hôm qua" — never a bare "Qua 5 năm …", which opens many undated reviews.
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
        let titleF = VietFold.fold(layout.title)
        votes += yearVotes(inFolded: titleF, zone: "the title", month: best.month, weight: 6)
        let leadF = VietFold.fold(firstSentence(layout.lead))
        votes += yearVotes(inFolded: leadF, zone: "the lead", month: best.month, weight: 5)
        if let e = res.eventText, e != layout.title, firstSentence(e) != firstSentence(layout.lead) {
            votes += yearVotes(inFolded: VietFold.fold(firstSentence(e)), zone: "the event's sentence", month: best.month, weight: 5)
        }
        let headF = VietFold.fold((layout.paragraphs.filter { $0.role != .caption }.prefix(6).map(\.text) + [res.eventText ?? ""]).joined(separator: " . "))
        votes += nearbyVotes(inFolded: headF, day: best.day, month: best.month)
        votes += anniversaryVotes(inFolded: titleF + Array(" . ".utf8) + headF, zone: "the text", day: best.day, month: best.month)
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
