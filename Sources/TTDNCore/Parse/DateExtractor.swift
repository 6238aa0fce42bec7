import Foundation

/// Compiles a pattern once; patterns are literals, so failure is a programming error.
func regex(_ pattern: String, _ options: NSRegularExpression.Options = [.caseInsensitive]) -> NSRegularExpression {
    // swiftlint:disable:next force_try
    try! NSRegularExpression(pattern: pattern, options: options)
}

extension NSTextCheckingResult {
    func int(_ group: Int, in s: NSString) -> Int? {
        let r = range(at: group)
        guard r.location != NSNotFound else { return nil }
        return Int(s.substring(with: r))
    }
    func string(_ group: Int, in s: NSString) -> String? {
        let r = range(at: group)
        guard r.location != NSNotFound else { return nil }
        return s.substring(with: r)
    }
}

/// A line that states only a date and maybe a time: a publish line
/// ("21:24, 08/07/2019", "Cập nhật: 08-07-2015 | 19:33:02", "Đăng ngày 06/06/2019")
/// or a page header ("Thứ ba,  16/08/2022").
public struct DateLine: Sendable, Equatable {
    public var date: MeetingDate
    public var hour: Int?
    public var minute: Int?
    public var hasWeekday: Bool

    nonisolated(unsafe) static let fullDate = regex(#"(?<!\d)(\d{1,2})\s*[/.\-]\s*(\d{1,2})\s*[/.\-]\s*(\d{4})(?!\d)"#)
    nonisolated(unsafe) static let wordDate = regex(#"ngày\s+(\d{1,2})\s+tháng\s+(\d{1,2})\s+năm\s+(\d{4})"#)
    nonisolated(unsafe) static let time = regex(#"(?<!\d)(\d{1,2})\s*[:hH]\s*(\d{2})(?:\s*:\s*\d{2})?(?!\d)"#)
    nonisolated(unsafe) static let filler = regex(#"thứ\s+(?:hai|ba|tư|năm|sáu|bảy|[2-7])|chủ\s+nhật|cập\s+nhật(?:\s+lúc)?|đăng\s+(?:ngày|lúc)|ngày\s+đăng|ngày\s+cập\s+nhật|xuất\s+bản|ngày|lúc|gmt\s*\+\s*7|utc\s*\+\s*7|\bam\b|\bpm\b|\bsa\b|\bch\b|[\s,|:()\-–—/.]"#)
    nonisolated(unsafe) static let weekday = regex(#"thứ\s+(?:hai|ba|tư|năm|sáu|bảy|[2-7])|chủ\s+nhật"#)

    public static func parse(_ line: String) -> DateLine? {
        guard line.count <= 80 else { return nil }
        let ns = line as NSString
        let whole = NSRange(location: 0, length: ns.length)
        var date: MeetingDate?
        var rest = line
        if let m = fullDate.firstMatch(in: line, range: whole),
           let d = m.int(1, in: ns), let mo = m.int(2, in: ns), let y = m.int(3, in: ns),
           MeetingDate.isValid(day: d, month: mo, year: y) {
            date = MeetingDate(year: y, month: mo, day: d)
            rest = ns.replacingCharacters(in: m.range, with: " ")
        } else if let m = wordDate.firstMatch(in: line, range: whole),
                  let d = m.int(1, in: ns), let mo = m.int(2, in: ns), let y = m.int(3, in: ns),
                  MeetingDate.isValid(day: d, month: mo, year: y) {
            date = MeetingDate(year: y, month: mo, day: d)
            rest = ns.replacingCharacters(in: m.range, with: " ")
        }
        guard let found = date else { return nil }
        var result = DateLine(date: found, hour: nil, minute: nil, hasWeekday: false)
        let rns = rest as NSString
        if let t = time.firstMatch(in: rest, range: NSRange(location: 0, length: rns.length)),
           let h = t.int(1, in: rns), let mi = t.int(2, in: rns), h < 24, mi < 60 {
            result.hour = h
            result.minute = mi
            rest = rns.replacingCharacters(in: t.range, with: " ")
        }
        result.hasWeekday = weekday.firstMatch(in: line, range: whole) != nil
        let leftover = filler.stringByReplacingMatches(in: rest, range: NSRange(location: 0, length: (rest as NSString).length), withTemplate: "")
        return leftover.isEmpty ? result : nil
    }

    /// ISO form of what the line states: 2019-07-08T21:24 or 2019-07-08.
    public var iso: String {
        guard let h = hour, let m = minute else { return date.description }
        return date.description + String(format: "T%02d:%02d", h, m)
    }

    /// A publish time glued to the end of a headline on a one-line page.
    static func trailing(in text: String) -> (head: String, dateLine: String)? {
        let ns = text as NSString
        guard let m = regex(#"\s(\d{1,2}:\d{2},?\s+\d{1,2}/\d{1,2}/\d{4}|\d{1,2}/\d{1,2}/\d{4}(?:\s*-?\s*\d{1,2}:\d{2})?)\s*$"#)
            .firstMatch(in: text, range: NSRange(location: 0, length: ns.length)) else { return nil }
        return (ns.substring(to: m.range.location), ns.substring(with: m.range(at: 1)))
    }
}

/// Finds the meeting's date in the lead, and resolves a missing year from
/// the publish line or from the period the meeting reports on.
public enum DateExtractor {
    public struct Result: Sendable {
        public var date: MeetingDate?
        public var basis: DateBasis?
        public var published: String?
        public var diagnostics: [String] = []
        public var evidence: [String] = []
        /// The paragraph that states the event's date: where organiser, kind and chair are read first.
        public var eventText: String?
    }

    struct Candidate { var offset: Int; var day: Int; var month: Int; var year: Int?; var text: String; var relative: Int? }

    /// "Trong 2 ngày (15-16/6)", "Từ ngày 15 đến ngày 17/6/2021", "Ngày 15 và 16/6": the first day.
    nonisolated(unsafe) static let range = regex(#"(?:trong\s+(?:\d+|hai|ba|bốn|năm|02|03)\s+ngày\s*[(,]?\s*(?:từ\s+)?(?:ngày\s+)?|từ\s+ngày\s+|(?:sáng|chiều|các|hai|ba)?\s*ngày\s+|\()(\d{1,2})\s*(?:-|–|đến|và)\s*(?:ngày\s+)?(\d{1,2})\s*[/.\-]\s*(\d{1,2})(?:\s*[/.\-]\s*(\d{4}))?(?!\d)"#)
    /// "Ngày 8 tháng 7 năm 2019".
    nonisolated(unsafe) static let words = regex(#"ngày\s+(\d{1,2})\s+tháng\s+(\d{1,2})(?:\s*(?:năm|,)\s*(\d{4}))?"#)
    /// A numeric day/month after a cue word ("Ngày", "Sáng nay (", "Chiều thứ Hai (") —
    /// without a cue, "9/11 huyện" would read as a date.
    nonisolated(unsafe) static let cued = regex(#"(?:^|[\s,(“"])((?:sáng|chiều|tối|trưa|đêm|hôm|ngày|vào)(?:\s+(?:nay|qua|mai|ngày|hôm\s+nay|hôm\s+qua))?(?:\s*,?\s*(?:thứ\s+(?:hai|ba|tư|năm|sáu|bảy|[2-7])|chủ\s+nhật))?|thứ\s+(?:hai|ba|tư|năm|sáu|bảy|[2-7])|chủ\s+nhật)\s*,?\s*(?:ngày\s+)?\(?\s*(\d{1,2})\s*[/.\-]\s*(\d{1,2})(?:\s*[/.\-]\s*(\d{4}|\d{2}))?(?![\d.,]\d)"#)
    /// "Sáng nay, …", "Hôm qua, …" without a stated date: relative to the publish line.
    nonisolated(unsafe) static let relative = regex(#"^(?:(?:sáng|chiều|tối|trưa)\s+)?(nay|hôm\s+nay|qua|hôm\s+qua)\b"#)

    static func legacyExtract(layout: ArticleLayout) -> Result {
        var res = Result()
        let dateLines = layout.dateLines.compactMap { l in DateLine.parse(l.text).map { ($0, l.beforeTitle) } }

        // 1. The stated date: lead first, then the first sentences of the next paragraphs.
        var cand: Candidate?
        var sources = [layout.lead]
        sources += layout.paragraphs.filter { $0.role == .body && $0.text != layout.lead }.prefix(2).map { String($0.text.prefix(160)) }
        for src in sources where !src.isEmpty {
            if let c = firstCandidate(in: String(src.prefix(320))) { cand = c; break }
        }
        if cand == nil, let c = relativeCandidate(layout.lead) { cand = c }

        // 2. The period the meeting reports on ("6 tháng đầu năm 2018", "năm 2019").
        let periodText = layout.title + " . " + firstSentence(layout.lead)
        let periods = Period.find(in: periodText)

        var date: MeetingDate?
        if var c = cand {
            if let rel = c.relative {
                // Relative day: needs a publish line that stands after the headline.
                if let dl = dateLines.first(where: { !$0.1 }) ?? dateLines.first {
                    let d = MeetingDate.fromOrdinal(dl.0.date.ordinal - rel)
                    c.day = d.day!; c.month = d.month!; c.year = d.year
                    date = d
                    res.basis = .publishLine
                } else {
                    res.diagnostics.append("date: the lead says “\(c.text)” but no publish line gives the day")
                }
            } else if let y = c.year {
                date = MeetingDate(year: y, month: c.month, day: c.day)
                res.basis = .stated
            } else if let y = yearFromDateLines(day: c.day, month: c.month, dateLines.map(\.0)) {
                date = MeetingDate(year: y, month: c.month, day: c.day)
                res.basis = .publishLine
            } else if let y = Period.meetingYear(month: c.month, periods: periods) {
                date = MeetingDate(year: y, month: c.month, day: c.day)
                res.basis = .reportedPeriod
                if let dl = dateLines.first {
                    res.diagnostics.append("date: \(c.day)/\(c.month) has no year; the page date \(dl.0.date) does not fit it, so the year \(y) comes from the reported period")
                }
            } else {
                res.diagnostics.append("date: “\(c.text)” states day and month but nothing gives the year")
            }
            if let d = date, !MeetingDate.isValid(day: d.day!, month: d.month!, year: d.year) { date = nil; res.basis = nil }
        } else {
            res.diagnostics.append("date: the lead states no date")
        }
        res.date = date

        // 3. The publish line: the one after the headline, else a header that fits the content.
        if let (dl, before) = dateLines.first(where: { !$0.1 }) ?? dateLines.first {
            if let d = date, before, dl.hour == nil, dl.date.ordinal - d.ordinal > 30 || dl.date.ordinal < d.ordinal - 1 {
                res.diagnostics.append("published: the page header \(dl.date) contradicts the content; ignored")
            } else {
                res.published = dl.iso
            }
        }
        return res
    }

    static func firstCandidate(in text: String) -> Candidate? {
        let ns = text as NSString
        let whole = NSRange(location: 0, length: ns.length)
        var best: Candidate?
        func offer(_ c: Candidate) {
            guard MeetingDate.isValid(day: c.day, month: c.month, year: c.year) else { return }
            if let c2 = c.year, c2 < 1945 || c2 > 2100 { return }
            if best == nil || c.offset < best!.offset { best = c }
        }
        for m in range.matches(in: text, range: whole) {
            guard let d = m.int(1, in: ns), let d2 = m.int(2, in: ns), let mo = m.int(3, in: ns), d2 > d else { continue }
            offer(Candidate(offset: m.range.location, day: d, month: mo, year: m.int(4, in: ns), text: ns.substring(with: m.range), relative: nil))
        }
        for m in words.matches(in: text, range: whole) {
            guard let d = m.int(1, in: ns), let mo = m.int(2, in: ns) else { continue }
            offer(Candidate(offset: m.range.location, day: d, month: mo, year: m.int(3, in: ns), text: ns.substring(with: m.range), relative: nil))
        }
        for m in cued.matches(in: text, range: whole) {
            guard let d = m.int(2, in: ns), let mo = m.int(3, in: ns) else { continue }
            var y = m.int(4, in: ns)
            if let yy = y, yy < 100 { y = 2000 + yy }
            let cue = (m.string(1, in: ns) ?? "").lowercased()
            // "ngày 30/4" in a sentence about a holiday is still a date; a bare
            // count never reaches here because a cue word is required.
            offer(Candidate(offset: m.range(at: 1).location, day: d, month: mo, year: y,
                            text: ns.substring(with: NSRange(location: m.range(at: 1).location, length: NSMaxRange(m.range) - m.range(at: 1).location)), relative: nil))
            _ = cue
        }
        return best
    }

    static func relativeCandidate(_ lead: String) -> Candidate? {
        let ns = lead as NSString
        guard let m = relative.firstMatch(in: lead, range: NSRange(location: 0, length: min(ns.length, 40))) else { return nil }
        let word = (m.string(1, in: ns) ?? "").lowercased()
        return Candidate(offset: 0, day: 1, month: 1, year: nil, text: ns.substring(with: m.range), relative: word.hasSuffix("qua") ? 1 : 0)
    }

    /// A publish line 0–10 days after the meeting fixes its year (Dec/Jan wrap included).
    static func yearFromDateLines(day: Int, month: Int, _ lines: [DateLine]) -> Int? {
        for dl in lines {
            for y in [dl.date.year, dl.date.year - 1] where MeetingDate.isValid(day: day, month: month, year: y) {
                let gap = dl.date.ordinal - MeetingDate(year: y, month: month, day: day).ordinal
                if gap >= 0 && gap <= 10 { return y }
            }
        }
        return nil
    }

    /// Offset (in Characters) of the first date expression, for run-on pages.
    public static func firstDateCue(in text: String) -> Int? {
        guard let c = firstCandidate(in: text) else { return nil }
        let ns = text as NSString
        var loc = c.offset
        // Step back over a cue word the candidate's offset may exclude.
        while loc > 0, let u = UnicodeScalar(ns.character(at: loc - 1)), !CharacterSet.whitespaces.contains(u) { loc -= 1 }
        return (ns.substring(to: loc) as String).count
    }

    static func firstSentence(_ s: String) -> String {
        if let r = s.range(of: ". ") { return String(s[..<r.lowerBound]) }
        return String(s.prefix(400))
    }
}

/// A reported or planned period: "6 tháng đầu năm 2018", "quý IV năm 2018", "năm 2019".
struct Period {
    var endMonth: Int
    var year: Int
    var planned: Bool

    nonisolated(unsafe) static let patterns: [(NSRegularExpression, (NSTextCheckingResult, NSString) -> (Int, Int)?)] = [
        (regex(#"(?:6|sáu)\s+tháng\s+đầu\s+năm\s*(?:năm\s+)?(\d{4})"#), { m, s in m.int(1, in: s).map { (6, $0) } }),
        (regex(#"(?:6|sáu)\s+tháng\s+cuối\s+năm\s+(\d{4})"#), { m, s in m.int(1, in: s).map { (12, $0) } }),
        (regex(#"(?:9|chín)\s+tháng(?:\s+đầu\s+năm)?\s+(?:năm\s+)?(\d{4})"#), { m, s in m.int(1, in: s).map { (9, $0) } }),
        (regex(#"quý\s+(IV|III|II|I|[1-4])\s*(?:năm|/|-)\s*(\d{4})"#), { m, s in
            guard let q = m.string(1, in: s), let y = m.int(2, in: s) else { return nil }
            let n = ["I": 1, "II": 2, "III": 3, "IV": 4][q.uppercased()] ?? Int(q) ?? 1
            return (n * 3, y) }),
        (regex(#"tháng\s+(\d{1,2})\s*(?:năm|/)\s*(\d{4})"#), { m, s in
            guard let mo = m.int(1, in: s), let y = m.int(2, in: s), (1...12).contains(mo) else { return nil }
            return (mo, y) }),
        (regex(#"năm\s+(\d{4})(?!\s*[-–]\s*\d)"#), { m, s in m.int(1, in: s).map { (12, $0) } }),
    ]
    nonisolated(unsafe) static let plannedCue = regex(#"(?:triển\s+khai|nhiệm\s+vụ|phương\s+hướng|kế\s+hoạch|định\s+hướng|chương\s+trình)[^.;]{0,30}$"#)

    static func find(in text: String) -> [Period] {
        let ns = text as NSString
        var taken: [NSRange] = []
        var out: [(Int, Period)] = []
        for (re, read) in patterns {
            for m in re.matches(in: text, range: NSRange(location: 0, length: ns.length)) {
                if taken.contains(where: { NSIntersectionRange($0, m.range).length > 0 }) { continue }
                guard let (e, y) = read(m, ns), y >= 1990, y <= 2100 else { continue }
                taken.append(m.range)
                let before = ns.substring(to: m.range.location)
                let tail = String(before.suffix(60))
                let planned = plannedCue.firstMatch(in: tail, range: NSRange(location: 0, length: (tail as NSString).length)) != nil
                out.append((m.range.location, Period(endMonth: e, year: y, planned: planned)))
            }
        }
        return out.sorted { $0.0 < $1.0 }.map(\.1)
    }

    /// The year of a meeting held in `month` that reports on these periods:
    /// "tổng kết năm 2019" held in February is in 2020; in December, 2019.
    static func meetingYear(month: Int, periods: [Period]) -> Int? {
        if let p = periods.first(where: { !$0.planned }) {
            return month >= p.endMonth - 1 ? p.year : p.year + 1
        }
        if let p = periods.first {
            return p.endMonth == 12 && month >= 10 && p.year > 0 ? p.year - 1 : p.year
        }
        return nil
    }
}
