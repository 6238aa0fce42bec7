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

    @inline(never)   // kept out of its callers so that profiles show its cost
    public static func parse(_ line: String) -> DateLine? {
        guard !line.hasMoreCharacters(than: 80) else { return nil }
        // Both date forms need an ASCII digit (else `Int` fails); most lines have none. A numeric
        // date has two separators, a date in words says "tháng" (in any case: its "th" is t/T then h/H).
        var line = line
        return line.withUTF8 { b in
            var digit = false, separators = 0, th = false, prevT = false
            for c in b {
                if c &- 0x30 < 10 { digit = true }
                else if c == 0x2F || c == 0x2E || c == 0x2D { separators += 1 }
                if prevT && c | 0x20 == 0x68 { th = true }
                prevT = c | 0x20 == 0x74
            }
            guard digit, separators >= 2 || th else { return nil }
            return DateScan.dateLine(b)
        }
    }

    /// ISO form of what the line states: 2019-07-08T21:24 or 2019-07-08.
    public var iso: String {
        guard let h = hour, let m = minute else { return date.description }
        return date.description + String(format: "T%02d:%02d", h, m)
    }

    nonisolated(unsafe) static let trailingStamp = regex(#"\s(\d{1,2}:\d{2},?\s+\d{1,2}/\d{1,2}/\d{4}|\d{1,2}/\d{1,2}/\d{4}(?:\s*-?\s*\d{1,2}:\d{2})?)\s*$"#)

    /// A publish time glued to the end of a headline on a one-line page.
    static func trailing(in text: String) -> (head: String, dateLine: String)? {
        let ns = text as NSString
        guard let m = trailingStamp.firstMatch(in: text, range: NSRange(location: 0, length: ns.length)) else { return nil }
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

    /// The earliest cued date in `text` (the old first-match reading): only used to find where a
    /// run-on page's lead begins (`firstDateCue`); meeting dates come from `extract` (DateEvidence).
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
            // A bare count ("9/11 huyện") never reaches here: a cue word is required.
            offer(Candidate(offset: m.range(at: 1).location, day: d, month: mo, year: y,
                            text: ns.substring(with: NSRange(location: m.range(at: 1).location, length: NSMaxRange(m.range) - m.range(at: 1).location)), relative: nil))
        }
        return best
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
        if let r = s.fastRange(of: ". ") { return String(s[..<r.lowerBound]) }
        return s.prefixCharacters(400)
    }
}
