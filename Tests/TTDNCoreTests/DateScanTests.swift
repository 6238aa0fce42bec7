import XCTest
import Foundation
@testable import TTDNCore

/// The date scanners (`DateScan`) and the functions rewritten on them, against the NSRegularExpression
/// code they replaced (`OldDates`, `OldDateLine` below): each scanner on its own, on hand-written
/// sentences and on strings a fixed-seed generator builds from the fragments that matter; then the
/// date functions whole, on generated pages.
final class DateScanTests: XCTestCase {
    typealias Bytes = UnsafeBufferPointer<UInt8>

    // MARK: Generator

    /// SplitMix64: the same strings on every run.
    struct SeededRandom {
        var state: UInt64
        mutating func next() -> UInt64 {
            state &+= 0x9E37_79B9_7F4A_7C15
            var z = state
            z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
            z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
            return z ^ (z >> 31)
        }
        mutating func below(_ n: Int) -> Int { Int(next() % UInt64(n)) }
        mutating func pick<T>(_ a: [T]) -> T { a[below(a.count)] }
    }

    /// Digits, separators, white space of every kind, marks, format characters, digits of other
    /// scripts, a character outside the BMP, quotes: what the scanners must read as ICU does.
    static let common: [String] = [
        "1", "2", "3", "5", "7", "9", "0", "12", "25", "31", "08", "15", "6", "4", "2019", "2024", "1945", "1975",
        "20", "19", "99", "123", "2025", "12345", "202",
        "/", ".", "-", "–", "—", ",", "(", ")", ":", ";", "|", "!", "?", "+", "_",
        " ", " ", " ", " ", " ", "  ", "\u{A0}", "\u{2003}", "\u{3000}", "\u{2028}", "\u{85}", "\t", "\u{1680}",
        "a", "x", "v", "i", "t", "h", "k", "n", "g", "y", "m", "s", "o", "iv", "ii", "iii",
        "ă", "đ", "ứ", "ư", "\u{301}", "\u{20D0}", "\u{AD}", "\u{200D}", "\u{2060}", "\u{600}",
        "٣", "١٢", "\u{FF11}", "𝟙", "😀", "“", "”", "…", "²", "\r",
    ]

    /// The words of the folded patterns.
    static let foldedWords: [String] = [
        "ngay", "thang", "nam", "sang", "chieu", "toi", "trua", "dem", "hom", "vao", "nay", "qua", "mai", "thu", "hai", "ba",
        "tu", "sau", "bay", "chu", "nhat", "chu nhat", "trong", "mung", "den", "va", "so", "ky", "ban", "hanh", "ban hanh",
        "quyet dinh", "ke hoach", "cong van", "chi thi", "nghi quyet", "thong bao", "huong dan", "thong tu", "ket luan",
        "nghi dinh", "van ban", "ngay ky", "ky ngay", "truoc", "den het", "han chot", "cham nhat", "ket thuc vao",
        "thanh lap", "ky niem", "sinh ngay", "ngay sinh", "giai phong", "quoc khanh", "truyen thong", "chien thang",
        "thiet lap", "vua qua", "cap nhat", "dang ngay", "ngay dang", "xuat ban", "gmt", "utc", "date", "quy", "nhiem ky",
        "giai doan", "khoa", "dot", "lan thu", "lan", "tong ket", "so ket", "giao ban", "ket qua", "danh gia", "nhin lai",
        "bao cao", "nhiem vu", "phuong huong", "trien khai", "dinh huong", "chuong trinh", "dau", "cuoi", "chin",
        "cuoi nam", "huong toi", "tien toi", "chuan bi", "quan he ngoai giao", "viet nam", "lao", "dai hoi", "ra mat",
        "kh", "ubnd", "abcde",
        // Whole expressions, so that matches are frequent.
        "sang 25/10", "ngay 8.7", "ngay 8/7/2019", "tu ngay 1 - 3/11", "(15-16/6)", "thu hai (8/7)", "chu nhat, 9/6",
        "trong 2 ngay (15-16/6)", "ngay 8 thang 7 nam 2019", "ngay mung 2 thang 9", "10:12", "08h30", "19 thang 11, 2025",
        "80 nam ngay quoc khanh", "5 nam", "2019-07-08t10:30", "date 2025-09-19", "19/11/2025 10:02",
        "cap nhat: 24/03/2009 05:04:28", "thang 11/2019", "nam 2019", "(1945 - 2025)", "ke hoach so 12/kh-ubnd ngay",
        "truoc ngay", "15 den ngay", "sang nay", "hom qua", "thanh lap 3/2/1930", "(3/2/1930 - 3/2/2024)", "14-15/4 vua qua",
    ]

    static func randomText(_ rng: inout SeededRandom, _ words: [String], parts: Int = 24) -> String {
        var s = ""
        for _ in 0..<(1 + rng.below(parts)) {
            s += rng.below(2) == 0 ? rng.pick(common) : rng.pick(words)
            if rng.below(3) == 0 { s += " " }
        }
        return s
    }

    /// Generated strings plus the hand-written ones; with `starts` or `ends`, half the strings begin or
    /// end with one of them (for patterns anchored there).
    static func samples(_ words: [String] = foldedWords, count: Int = 2500, seed: UInt64, extra: [String] = [],
                        starts: [String] = [], ends: [String] = []) -> [String] {
        var rng = SeededRandom(state: seed)
        return extra + (0..<count).map { _ in
            var s = randomText(&rng, words)
            if !starts.isEmpty && rng.below(2) == 0 { s = rng.pick(starts) + (rng.below(2) == 0 ? " " : "") + s }
            if !ends.isEmpty && rng.below(2) == 0 { s += rng.pick(ends) + rng.pick(["", " ", "  ", "\u{2028}", "x"]) }
            return s
        }
    }

    // MARK: Comparing

    /// A byte range of `s` as the NSRange (UTF-16) NSRegularExpression reports.
    static func utf16(_ r: Range<Int>?, in s: String) -> NSRange {
        guard let r else { return NSRange(location: NSNotFound, length: 0) }
        let u = s.utf8
        let lo = u.index(u.startIndex, offsetBy: r.lowerBound), hi = u.index(u.startIndex, offsetBy: r.upperBound)
        return NSRange(lo..<hi, in: s)
    }

    /// The ranges (the match, then `groups`) of every match, or of the first.
    static func regexMatches(_ re: NSRegularExpression, _ s: String, _ groups: [Int], first: Bool = false) -> [[NSRange]] {
        let whole = NSRange(location: 0, length: (s as NSString).length)
        let found = first ? [re.firstMatch(in: s, range: whole)].compactMap { $0 } : re.matches(in: s, range: whole)
        return found.map { m in [m.range] + groups.map { g in
            let r = m.range(at: g)
            return r.location == NSNotFound ? NSRange(location: NSNotFound, length: 0) : r
        } }
    }

    static func withBytes<R>(_ s: String, _ body: (Bytes) -> R) -> R {
        var s = s
        return s.withUTF8(body)
    }

    /// Compares a scanner's matches (byte ranges: the match, then the groups) with the pattern's on
    /// every sample, and counts the matches seen (a comparison that never meets a match proves nothing).
    func compare(_ name: String, _ re: NSRegularExpression, groups: [Int], first: Bool = false, _ samples: [String],
                 minimumMatches: Int = 20, file: StaticString = #filePath, line: UInt = #line,
                 scanner: (Bytes) -> [[Range<Int>?]]) {
        var matches = 0, failures = 0
        for s in samples {
            let want = Self.regexMatches(re, s, groups, first: first)
            let got = Self.withBytes(s) { scanner($0) }.map { $0.map { Self.utf16($0, in: s) } }
            matches += want.count
            if want != got {
                failures += 1
                if failures <= 5 { XCTFail("\(name) on \(s.debugDescription): pattern \(want), scanner \(got)", file: file, line: line) }
            }
        }
        XCTAssertGreaterThanOrEqual(matches, minimumMatches, "\(name): too few matches to compare", file: file, line: line)
    }

    /// Compares a scanner's yes/no with `firstMatch != nil`, counting both answers.
    func compareFound(_ name: String, _ re: NSRegularExpression, _ samples: [String], minimumEach: Int = 20,
                      file: StaticString = #filePath, line: UInt = #line, scanner: (Bytes) -> Bool) {
        var yes = 0, no = 0, failures = 0
        for s in samples {
            let want = re.firstMatch(in: s, range: NSRange(location: 0, length: (s as NSString).length)) != nil
            let got = Self.withBytes(s) { scanner($0) }
            if want { yes += 1 } else { no += 1 }
            if want != got {
                failures += 1
                if failures <= 5 { XCTFail("\(name) on \(s.debugDescription): pattern \(want), scanner \(got)", file: file, line: line) }
            }
        }
        XCTAssertGreaterThanOrEqual(yes, minimumEach, "\(name): too few matches", file: file, line: line)
        XCTAssertGreaterThanOrEqual(no, minimumEach, "\(name): too few misses", file: file, line: line)
    }

    // MARK: Day and month

    func testDayMonth() {
        let extra = ["Sáng 25/10, tại hội trường", "ngày 8.7.2019 và 9.7", "18-9-2020-1", "1/2/20193", "3 / 4", "12/13/14/15",
                     "25/10/2019/5", "25/10/2019, 5", "5/6,7", "(1/2)", "01/02/03", "٣/4", "4/٣", "1/2/٣٣٣٣"]
        compare("dayMonth", OldDates.dayMonth, groups: [1, 3, 4], Self.samples(seed: 1, extra: extra), minimumMatches: 300) { b in
            var out: [[Range<Int>?]] = []
            DateScan.dayMonthMatches(b) { out.append([$0.range, $0.day, $0.month, $0.year]) }
            return out
        }
    }

    func testDayRange() {
        let extra = ["(15-16/6)", "27 - 28.8", "từ 1 – 3/11/2021", "1-2/3/20245", "1-2/3.2024", "12-13/14", "1 -2/3/4567"]
        compare("dayRange", OldDates.dayRange, groups: [1, 2, 4, 5], Self.samples(seed: 2, extra: extra), minimumMatches: 100) { b in
            var out: [[Range<Int>?]] = []
            DateScan.dayRangeMatches(b) { out.append([$0.range, $0.first, $0.second, $0.month, $0.year]) }
            return out
        }
    }

    func testDayMonthWords() {
        let extra = ["ngay 8 thang 7 nam 2019", "ngay mung 2 thang 9", "ngay  12 thang 123", "xngay 1 thang 2, 20199", "ngay mung2 thang 3"]
        compare("dayMonthWords", OldDates.dayMonthWords, groups: [1, 2, 3], Self.samples(seed: 3, extra: extra), minimumMatches: 50) { b in
            var out: [[Range<Int>?]] = []
            DateScan.dayMonthWordsMatches(b) { out.append([$0.range, $0.day, $0.month, $0.year]) }
            return out
        }
        compare("dayMonthWords (first)", OldDates.dayMonthWords, groups: [1, 2, 3], first: true, Self.samples(seed: 33), minimumMatches: 50) { b in
            var out: [[Range<Int>?]] = []
            DateScan.dayMonthWordsMatches(b, first: true) { out.append([$0.range, $0.day, $0.month, $0.year]) }
            return out
        }
    }

    // MARK: Windows left of a day

    func testRangeStart() {
        let extra = ["tu 15 den ngay ", "15 va", "1 - ", "123 - ", "/5 -", "a12,", "12 den ngay\u{2028}"]
        let ends = ["15 den ngay", "1 - ", "2 va", "12,", "3 –", "123 - ", "/5 -", "12 den", "7 ngay"]
        compare("rangeStart", OldDates.rangeStart, groups: [1], first: true, Self.samples(seed: 4, extra: extra, ends: ends), minimumMatches: 300) { b in
            DateScan.rangeStart(b).map { [$0.lowerBound..<b.count, $0] }.map { [$0] } ?? []
        }
    }

    func testEventCue() {
        let extra = ["sang ", "(chieu thu hai, ngay ", "trong 2 ngay (", "thu 7 ", "chu nhat, 1 den ngay ", "xsang ", "–ngay (",
                     "trong hai ngay , ngay 15 - ", "vao ngay 2 va "]
        compareFound("eventCue", OldDates.eventCue, Self.samples(seed: 5, extra: extra)) { DateScan.endsWithEventCue($0) }
    }

    func testSentenceStart() {
        let extra = ["sang", "cach day. sang nay ", "(ttxvn) - ngay ", "abc - vao sang", "abcdefghijklm - sang", "x) – trong ",
                     "tu  ngay 5, ", "sang\u{AD}", "ngay."]
        compareFound("sentenceStart", OldDates.sentenceStart, Self.samples(seed: 6, extra: extra)) { DateScan.endsWithSentenceStart($0) }
    }

    func testDocumentCue() {
        let extra = ["ke hoach so 190/kh-ubnd ngay ", "so: 12 ngay", "xso 3", "12/abcde-", "1/ab–x", "ban hanh, ngay"]
        compareFound("documentCue", OldDates.documentCue, Self.samples(seed: 7, extra: extra)) { DateScan.endsWithDocumentCue($0) }
    }

    func testDeadlineCue() {
        let extra = ["truoc ngay ", "den het ngay", "tu 1/2/2020 den ", "tu 1/2/20201 den", "ket thuc vao  "]
        compareFound("deadlineCue", OldDates.deadlineCue, Self.samples(seed: 8, extra: extra)) { DateScan.endsWithDeadlineCue($0) }
    }

    func testFoundingCue() {
        compareFound("foundingCue", OldDates.foundingCue, Self.samples(seed: 9, extra: ["ky niem 80 nam ngay ", "thanh lap; "])) {
            DateScan.endsWithFoundingCue($0)
        }
    }

    func testClock() {
        let extra = ["10:12", "08h30", "1 : 2", "123:45", "12:345", "9h05 sang"]
        compare("clock", OldDates.clock, groups: [], first: true, Self.samples(seed: 10, extra: extra), minimumMatches: 50) { b in
            DateScan.firstClock(b).map { [[$0.range]] } ?? []
        }
    }

    // MARK: Stamps

    func testISOStamp() {
        // White space of every kind before the cue word (the scanner looks for a match only where one can start).
        let extra = [" date 2025-09-19", "ngay: 2019-7", "2019-07-08t10:30", "2019-07-08  9:05", "date 12345-1", "ngay2020-1-123",
                     "cap nhat\u{A0}ngay 2019-07-08", "xuat ban\u{2003}date: 2020-1-5", "so 12\u{3000}ngay 2024-12",
                     "\u{2028}ngay 2019-7-8", "dang\u{85}date2025-09-19", "a\u{1680}ngay : 2021-11-30x", "\u{A0}date 2019-07-08t10:30"]
        // Cue words and stamps next to each other, so that the first alternative matches often.
        let stampWords = Self.foldedWords + ["date", "ngay", "2019-07-08", "2025-9", "date 2024-02-29", "ngay 2019-7-8", ": 2020-01"]
        let samples = Self.samples(seed: 11, extra: extra) + Self.samples(stampWords, count: 1500, seed: 12)
        compare("isoStamp", OldDates.isoStamp, groups: [1, 2, 3, 4, 5, 6], samples, minimumMatches: 20) { b in
            var out: [[Range<Int>?]] = []
            DateScan.isoStampMatches(b) { m in
                // The first alternative fills groups 1–3, the second 4–6.
                out.append(m.timed ? [m.range, nil, nil, nil, m.year, m.month, m.day] : [m.range, m.year, m.month, m.day, nil, nil, nil])
            }
            return out
        }
    }

    func testMonthWordStamp() {
        let extra = ["19 thang 11, 2025", "19 thang 11 nam 2025 10:30", "1 thang 12019", "5 thang 6 20201", "12 thang 1 nam2019"]
        compare("monthWordStamp", OldDates.monthWordStamp, groups: [1, 2, 3], first: true, Self.samples(seed: 12, extra: extra), minimumMatches: 20) { b in
            DateScan.firstMonthWordStamp(b).map { [[$0.range, $0.day, $0.month, $0.year]] } ?? []
        }
    }

    func testFullStamp() {
        let extra = ["19/11/2025", "1 / 2 / 20", "1/2/20193", "1/2/201934", "01-02-03", "1.2.2019.5", "12/13/14/15"]
        compare("fullStamp", OldDates.fullStamp, groups: [1, 2, 3], Self.samples(seed: 13, extra: extra), minimumMatches: 100) { b in
            var out: [[Range<Int>?]] = []
            DateScan.fullStampMatches(b) { out.append([$0.range, $0.day, $0.month, $0.year]) }
            return out
        }
    }

    func testWeekday() {
        let extra = ["thu bay", "thu ba,", "xthu hai", "thu 8", "chu nhat", "thu  7x", "thu\u{AD}hai"]
        compareFound("weekday", OldDates.weekday, Self.samples(seed: 14, extra: extra)) { DateScan.hasWeekday($0) }
    }

    func testStampCue() {
        let extra = ["thu hai, 19", " thu ,x, ", "thu x", "chu nhat", "cap  nhat", "|", "abc gmt"]
        compareFound("stampCue", OldDates.stampCue, Self.samples(seed: 15, extra: extra)) { DateScan.hasStampCue($0) }
    }

    // MARK: Years

    func testYearRef() {
        let words = Self.foldedWords + ["nam", "nam", "quy", "thang", "nhiem ky", "giai doan", "lan thu", "2019", "2020", "2023", "2019-2020"]
        let extra = ["quy iv nam 2019", "quy 12019", "quy iv2019", "thang 11/2019", "thang 11/ 2019", "lan thu x2019", "lan thu hainam 2019",
                     "nhiem ky 2020-2025", "nam 2023 - 2024", "giai doan 2016–20201", "vietnam 2019", "khoa 2019", "dot 2019"]
        compare("yearRef", OldDates.yearRef, groups: [1, 2, 3], Self.samples(words, seed: 16, extra: extra), minimumMatches: 300) { b in
            var out: [[Range<Int>?]] = []
            DateScan.yearRefMatches(b) { out.append([$0.range, $0.lead, $0.year, $0.span]) }
            return out
        }
    }

    func testAnniversary() {
        let words = Self.foldedWords + ["nam", "ngay", "quoc khanh", "abc", "ab", " ", "80", "5"]
        let extra = ["80 nam quoc khanh", "5 nam ngay thanh lap dang", "1234 nam abcd", "5 nam \u{3000} abc", "5 nam  ngay.", "90 nam – abc"]
        compare("anniversary", OldDates.anniversary, groups: [1, 2], Self.samples(words, seed: 17, extra: extra), minimumMatches: 100) { b in
            var out: [[Range<Int>?]] = []
            DateScan.anniversaryMatches(b) { out.append([$0.range, $0.count, $0.what]) }
            return out
        }
    }

    func testParenSpan() {
        let words = ["(", ")", "1945", "2025", "1975", "2020", "28/8/", "3.2.", "-", "–", " ", "1", "12", "(1945 - 2025)", "(28/8/1945 - 28/8/2022)",
                     "(1945", "2025)", "(3/2/1930 – 2020 )"]
        let extra = ["(1945 - 2025)", "(28/8/1945 - 28/8/2022)", "( 3/2/1930–3/2/2020 )", "(19451-2025)", "(1/2/ 1945-2020)"]
        compare("parenSpan", OldDates.parenSpan, groups: [1, 2], Self.samples(words, seed: 18, extra: extra), minimumMatches: 100) { b in
            var out: [[Range<Int>?]] = []
            DateScan.parenSpanMatches(b) { out.append([$0.range, $0.from, $0.to]) }
            return out
        }
    }

    func testMonthYear() {
        let extra = ["thang 11/2019", "thang 3 nam 2020", "thang 123/2019", "thang 1 / 20191"]
        compare("monthYear", OldDates.monthYear, groups: [1, 2], Self.samples(seed: 19, extra: extra), minimumMatches: 30) { b in
            var out: [[Range<Int>?]] = []
            DateScan.monthYearMatches(b) { out.append([$0, $1, $2]) }
            return out
        }
    }

    func testReviewAndPlanCues() {
        let samples = Self.samples(seed: 20, extra: ["tong ket nam ", "so ket 6 thang; nam ", "ke hoach. nam "])
        compareFound("reviewCue", OldDates.reviewCue, samples) { DateScan.endsWithReviewCue($0) }
        compareFound("planCue", OldDates.planCue, samples) { DateScan.endsWithPlanCue($0) }
        // On the text with "." made ",": as the old code ran it on the wide window.
        var failures = 0
        for s in samples {
            let replaced = s.replacingOccurrences(of: ".", with: ",")
            let want = OldDates.reviewCue.firstMatch(in: replaced, range: NSRange(location: 0, length: (s as NSString).length)) != nil
            let got = Self.withBytes(s) { DateExtractor.reviewCueWithDotsAsCommas($0) }
            if want != got { failures += 1; if failures <= 5 { XCTFail("reviewCue with dots as commas on \(s.debugDescription): \(want) vs \(got)") } }
        }
    }

    func testHalfYear() {
        let words = ["6", "sau", "9", "chin", "thang", "dau", "cuoi", "nam", "quy", "iv", "ii", "1", "4", "/", "-", " ", " ", "x"]
        let extra = ["6 thang dau nam ", "sau thang cuoi nam", "9 thang dau nam", "chin thang nam ", "quy iv nam ", "quy 3/", "cuoi nam",
                     "quy ii quy iv nam", "xquy i"]
        var failures = 0, found = 0
        let ends = ["6 thang dau nam", "sau thang cuoi nam", "9 thang dau nam", "chin thang nam", "quy iv nam", "quy 3/", "cuoi nam",
                    "quy ii", "quy 2-", "quy x nam", "6 thang giua nam"]
        for s in Self.samples(words, seed: 21, extra: extra, ends: ends) {
            var want: DateScan.PeriodEnd?
            let ns = s as NSString
            if let h = OldDates.halfYear.firstMatch(in: s, range: NSRange(location: 0, length: ns.length)) {
                if h.range(at: 1).location != NSNotFound { want = .half(first: ns.substring(with: h.range(at: 1)) == "dau") }
                else if h.range(at: 3).location != NSNotFound { want = .yearEnd }
                else if let q = h.string(2, in: ns) { want = .quarter(q) }
                else { want = .nine }
            }
            let got = Self.withBytes(s) { DateScan.halfYear($0) }
            if want != nil { found += 1 }
            if want != got { failures += 1; if failures <= 5 { XCTFail("halfYear on \(s.debugDescription): \(String(describing: want)) vs \(String(describing: got))") } }
        }
        XCTAssertGreaterThan(found, 300)
    }

    func testRelativeLead() {
        let words = ["sang", "chieu", "toi", "trua", "hom", "nay", "qua", "quaz", "-", "–", " ", "ttxvn", "(ttxvn)", "abcdefghijklm"]
        var failures = 0, found = 0
        let starts = ["sang nay", "hom qua", "(ttxvn) - chieu nay", "abcdefghijklm - sang nay", "ab-sang nay", "toi  qua", "x–trua nay", "hom quaz"]
        for s in Self.samples(words, seed: 22, extra: ["sang nay", "(ttxvn) - hom qua,", "abcdefghijklm - sang nay", "ab-sang nay"], starts: starts) {
            let ns = s as NSString
            let want = OldDates.relativeLead.firstMatch(in: s, range: NSRange(location: 0, length: ns.length)).flatMap { $0.string(1, in: ns) }
            let got = Self.withBytes(s) { DateScan.relativeLead($0) }
            if want != nil { found += 1 }
            if want != got { failures += 1; if failures <= 5 { XCTFail("relativeLead on \(s.debugDescription): \(String(describing: want)) vs \(String(describing: got))") } }
        }
        XCTAssertGreaterThan(found, 300)
    }

    // MARK: UTF-16 windows

    /// `withTail` and `end(ofUnits:)` cut the same UTF-16 units as NSString, U+FFFD for a split pair included.
    func testWindows() {
        var rng = SeededRandom(state: 23)
        for _ in 0..<1500 {
            let s = Self.randomText(&rng, ["😀", "𝟙", "ab", "ứ"])
            let ns = s as NSString
            let scalars = Array(s.unicodeScalars)
            let at = rng.below(scalars.count + 1)
            let loc = String(String.UnicodeScalarView(scalars[..<at])).utf16.count
            let byte = String(String.UnicodeScalarView(scalars[..<at])).utf8.count
            let n = rng.below(12)
            let tail = Self.withBytes(s) { b in DateScan.withTail(b, before: byte, units: n) { String(decoding: $0, as: UTF8.self) } }
            XCTAssertEqual(tail, ns.tail(before: loc, n), "tail of \(s.debugDescription) before \(loc), \(n)")
            let head = Self.withBytes(s) { b -> String in
                let (hi, splits) = DateScan.end(ofUnits: n, after: byte, in: b)
                return DateScan.withWindow(b, byte, hi, splitAfter: splits) { String(decoding: $0, as: UTF8.self) }
            }
            XCTAssertEqual(head, ns.substring(with: NSRange(location: loc, length: min(n, ns.length - loc))), "units after \(loc) of \(s.debugDescription)")
        }
    }

    // MARK: Date lines (case-insensitive, the page's own words)

    static let lineWords: [String] = [
        "Thứ", "thứ", "THỨ", "Thứ Hai", "thứ hai", "hai", "Ba", "ba", "tư", "TƯ", "năm", "Năm", "sáu", "bảy", "BẢY", "bay",
        "Chủ nhật", "CHỦ NHẬT", "chủ", "nhật", "Cập nhật", "cập nhật lúc", "lúc", "LÚC", "Đăng ngày", "đăng lúc", "Ngày đăng",
        "ngày cập nhật", "Xuất bản", "ngày", "Ngày", "NGÀY", "ngàY", "tháng", "Tháng", "THÁNG", "GMT+7", "gmt + 7", "UTC+7",
        "AM", "PM", "SA", "CH", "am", "pm", "ch", "ſa", "\u{17F}áu", "\u{212A}", "Ngày 8 tháng 7 năm 2019", "ngày 12 tháng 10 năm 20201",
        "08/07/2019", "8-7-2019", "1.2.2020", "21:24", "19:33:02", "08h30", "8H05", "10 : 15", "|", "\u{130}", "ß",
        "Nga\u{300}y", "tha\u{301}ng",
        "08/07/2019 10:20", "Thứ Hai, 08/07/2019", "Cập nhật: 19-01-2022 | 08:33:02", "Ngày 29 tháng 11 năm 2019", "21:24, 08/07/2019",
    ]

    func testDateLinePatterns() {
        let samples = Self.samples(Self.lineWords, count: 3000, seed: 30,
                                   extra: ["Thứ ba,  16/08/2022", "Cập nhật: 08-07-2015 | 19:33:02", "Đăng ngày 06/06/2019", "21:24, 08/07/2019",
                                           "NGÀY 8 THÁNG 7 NĂM 2019", "ngày 1 tháng 2 năm 2019 ſa", "08/07/2019 AMx", "x08/07/2019"])
        compare("DateLine.fullDate", OldDateLine.fullDate, groups: [1, 2, 3], first: true, samples, minimumMatches: 300) { b in
            DateScan.firstLineDate(b).map { [[$0.range, $0.day, $0.month, $0.year]] } ?? []
        }
        compare("DateLine.wordDate", OldDateLine.wordDate, groups: [1, 2, 3], first: true, samples, minimumMatches: 30) { b in
            DateScan.firstLineWordDate(b).map { [[$0.range, $0.day, $0.month, $0.year]] } ?? []
        }
        compare("DateLine.time", OldDateLine.time, groups: [1, 2], first: true, samples, minimumMatches: 300) { b in
            DateScan.firstLineTime(b).map { [[$0.range, $0.hour, $0.minute]] } ?? []
        }
        compareFound("DateLine.weekday", OldDateLine.weekday, samples) { DateScan.lineHasWeekday($0) }
        // The filler leaves nothing of the text, or something.
        var failures = 0, empty = 0
        for s in samples + Self.samples(Self.lineWords.filter { !$0.contains(where: \.isNumber) }, count: 2000, seed: 31) {
            let want = OldDateLine.filler.stringByReplacingMatches(in: s, range: NSRange(location: 0, length: (s as NSString).length), withTemplate: "").isEmpty
            let got = Self.withBytes(s) { DateScan.isAllFiller($0) }
            if want { empty += 1 }
            if want != got { failures += 1; if failures <= 5 { XCTFail("filler on \(s.debugDescription): \(want) vs \(got)") } }
        }
        XCTAssertGreaterThan(empty, 100)
    }

    func testDateLineParse() {
        var rng = SeededRandom(state: 32)
        var lines = ["21:24, 08/07/2019", "Cập nhật: 08-07-2015 | 19:33:02", "Đăng ngày 06/06/2019", "Thứ ba,  16/08/2022",
                     "Thứ Bảy, 07/12/2024 10:12 GMT+7", "Ngày 29 tháng 11 năm 2019", "08/07/2019 AM", "31/02/2019", "12:60 01/01/2020"]
        // Free mixtures, and lines built as publish lines are: filler, a date, perhaps a time, filler,
        // sometimes with a stray fragment.
        let filler = ["Thứ Hai,", "thứ 7", "Chủ nhật", "Cập nhật:", "cập nhật lúc", "Đăng ngày", "đăng lúc", "Ngày đăng", "ngày cập nhật",
                      "Xuất bản", "ngày", "lúc", "GMT+7", "utc + 7", "AM", "pm", "SA", "CH", "|", "-", "(", ")", ",", "/", ".", "–", "—", ":"]
        let dates = ["08/07/2019", "8-7-2019", "1.2.2020", "31 / 12 / 2020", "ngày 8 tháng 7 năm 2019", "NGÀY 1 THÁNG 2 NĂM 2021", "30/02/2019", "1/13/2019"]
        let times = ["21:24", "19:33:02", "08h30", "8H05", "10 : 15", "25:10", "9:60"]
        for k in 0..<4000 {
            var s = ""
            if k % 2 == 0 {
                for _ in 0..<(1 + rng.below(8)) { s += rng.below(3) == 0 ? rng.pick(Self.common) : rng.pick(Self.lineWords); if rng.below(2) == 0 { s += " " } }
            } else {
                var parts = (0..<rng.below(3)).map { _ in rng.pick(filler) } + [rng.pick(dates)]
                if rng.below(2) == 0 { parts.append(rng.pick(times)) }
                parts += (0..<rng.below(3)).map { _ in rng.pick(filler) }
                if rng.below(3) == 0 { parts.insert(rng.pick(Self.common + Self.lineWords), at: rng.below(parts.count + 1)) }
                s = parts.joined(separator: rng.pick([" ", "  ", "", " \u{A0}"]))
            }
            lines.append(s)
        }
        var parsed = 0
        for line in lines {
            let want = OldDateLine.parse(line), got = DateLine.parse(line)
            if want != nil { parsed += 1 }
            XCTAssertEqual(want, got, line.debugDescription)
        }
        XCTAssertGreaterThan(parsed, 500)
    }

    /// The letters of the case-insensitive patterns match what ICU matches: for every scalar, the
    /// folding rule (the letter, a scalar whose lower-case mapping is the letter, ſ for s) and ICU.
    func testCaseFolding() {
        let words = DateScan.LineWords.self
        let letters = (words.weekdays + words.shortWords + [words.thu, words.chu, words.nhat, words.cap, words.luc, words.dang,
                                                             words.ngay, words.xuat, words.ban, words.gmt, words.utc, words.thang, words.nam]).flatMap { $0 }
        var unique: [DateScan.Letter] = []
        for l in letters where !unique.contains(where: { $0.lower == l.lower }) { unique.append(l) }
        // Every scalar against the rule written with the Unicode tables.
        var all: [Unicode.Scalar] = []
        for v in UInt32(0)...0x10FFFF { if let s = Unicode.Scalar(v) { all.append(s) } }
        for s in all {
            let lower = s.properties.lowercaseMapping.unicodeScalars
            for l in unique {
                let rule = s == l.lower || (lower.count == 1 && lower.first == l.lower) || (s == "\u{17F}" && l.lower == "s")
                if rule != DateScan.foldsTo(s, l) { XCTFail("U+\(String(s.value, radix: 16)) against \(l.lower): rule \(rule)") }
            }
        }
        // ICU: "q" then the letter (a string, as in the patterns), case-insensitively, over every scalar.
        var text = ""
        for s in all where s.value != 0x0A { text += "q"; text.unicodeScalars.append(s); text += "\u{1}" }
        let ns = text as NSString
        for l in unique {
            let re = regex("q" + String(l.lower), [.caseInsensitive])
            var matched = Set<UInt32>()
            for m in re.matches(in: text, range: NSRange(location: 0, length: ns.length)) {
                let after = ns.substring(with: NSRange(location: m.range.location + 1, length: m.range.length - 1))
                if let s = after.unicodeScalars.first { matched.insert(s.value) }
            }
            let ours = Set(all.filter { DateScan.foldsTo($0, l) }.map(\.value))
            XCTAssertEqual(matched, ours, "letter \(l.lower)")
        }
    }

    // MARK: The date functions whole

    /// Words of pages, with marks, in the forms the extractor meets.
    static let pageWords: [String] = [
        "Sáng", "Chiều", "Tối", "ngày", "Ngày", "tháng", "năm", "Thứ Hai", "thứ bảy", "Chủ nhật", "từ ngày", "đến", "và", "trong 2 ngày",
        "Kế hoạch số 190/KH-UBND", "trước ngày", "thành lập", "kỷ niệm 80 năm Quốc khánh", "tổng kết năm 2019", "sơ kết 6 tháng đầu năm",
        "quý IV năm 2021", "nhiệm kỳ 2020-2025", "Đại hội", "giai đoạn 2016-2020", "(1945 - 2025)", "(28/8/1945 - 28/8/2022)",
        "kế hoạch năm 2024", "định hướng đến năm 2030", "hôm qua", "sáng nay", "vừa qua", "Cập nhật:", "GMT+7", "|", "25/10", "8.7",
        "18-9", "8/7/2019", "21/3/15", "15-16/6", "27 - 28.8", "10:12", "08h30", "2019-07-08", "date 2025-09-19", "ngày 8 tháng 7",
        "năm 2023", "tháng 11/2019", "hội nghị", "Ban Chỉ đạo", "thông tin đối ngoại", "tỉnh", ".", ",", ". ", "(", ")", "“", "”",
        "Nga\u{300}y", "\u{1F600}", "\r", "ngày 29 tháng 11 năm 2019", "Thứ ba, 16/08/2022", "19 Tháng 11, 2025", "kỷ niệm 60 năm quan hệ ngoại giao Việt Nam - Lào",
    ]

    static func pageText(_ rng: inout SeededRandom, parts: Int) -> String {
        var s = ""
        for _ in 0..<(1 + rng.below(parts)) {
            s += rng.below(4) == 0 ? rng.pick(common) : rng.pick(pageWords)
            s += rng.below(4) == 0 ? "" : " "
        }
        return s
    }

    static func page(_ rng: inout SeededRandom) -> (layout: ArticleLayout, text: String) {
        var layout = ArticleLayout()
        layout.title = pageText(&rng, parts: 8)
        layout.lead = pageText(&rng, parts: 40)
        layout.paragraphs = [Paragraph(layout.lead, .body)]
        for _ in 0..<rng.below(7) { layout.paragraphs.append(Paragraph(pageText(&rng, parts: 40), rng.below(4) == 0 ? .caption : .body)) }
        var lines = (0..<rng.below(4)).map { _ in pageText(&rng, parts: 5) }
        lines += [layout.title] + (0..<rng.below(3)).map { _ in pageText(&rng, parts: 4) } + layout.paragraphs.map(\.text)
        if rng.below(3) == 0 { lines.append(String(repeating: pageText(&rng, parts: 30) + " ", count: 12)) }
        return (layout, lines.joined(separator: rng.below(5) == 0 ? "\r\n" : "\n"))
    }

    static func describe(_ votes: [DateExtractor.YearVote]) -> String { votes.map { "\($0.year) \($0.weight) \($0.why) \(String(describing: $0.period)) \($0.basis)" }.joined(separator: "; ") }
    static func describe(_ votes: [OldDates.YearVote]) -> String { votes.map { "\($0.year) \($0.weight) \($0.why) \(String(describing: $0.period)) \($0.basis)" }.joined(separator: "; ") }

    func testExtractWhole() {
        var rng = SeededRandom(state: 40)
        var dated = 0, inferred = 0
        for _ in 0..<700 {
            let (layout, text) = Self.page(&rng)
            let want = OldDates.extract(layout: layout, text: text), got = DateExtractor.extract(layout: layout, text: text)
            if want.date != nil { dated += 1 }
            if want.basis == .publishLine || want.basis == .reportedPeriod || want.basis == .inferred { inferred += 1 }
            XCTAssertEqual(want.date, got.date, text.debugDescription)
            XCTAssertEqual(want.basis, got.basis, text.debugDescription)
            XCTAssertEqual(want.published, got.published, text.debugDescription)
            XCTAssertEqual(want.diagnostics, got.diagnostics, text.debugDescription)
            XCTAssertEqual(want.evidence, got.evidence, text.debugDescription)
            XCTAssertEqual(want.eventText, got.eventText, text.debugDescription)
            // The parts on their own.
            let oldStamps = OldDates.stamps(text: text, title: layout.title).map { "\($0.date) \($0.header) \($0.text) \(String(describing: $0.time)) \($0.iso)" }
            let newStamps = DateExtractor.stamps(text: text, title: layout.title).map { "\($0.date) \($0.header) \($0.text) \(String(describing: $0.time)) \($0.iso)" }
            XCTAssertEqual(oldStamps, newStamps, text.debugDescription)
            let oldCands = OldDates.dayCandidates(layout: layout).map { "\($0.day)/\($0.month)/\(String(describing: $0.year)) \($0.zone.rawValue) \($0.paragraph) \($0.offset) \($0.score) \($0.quote) \($0.yearMalformed) \($0.source)" }
            let newCands = DateExtractor.dayCandidates(layout: layout).map { "\($0.day)/\($0.month)/\(String(describing: $0.year)) \($0.zone.rawValue) \($0.paragraph) \($0.offset) \($0.score) \($0.quote) \($0.yearMalformed) \($0.source)" }
            XCTAssertEqual(oldCands, newCands, text.debugDescription)
        }
        XCTAssertGreaterThan(dated, 100)
        XCTAssertGreaterThan(inferred, 30)
    }

    func testYearEvidence() {
        let words = Self.foldedWords + ["nam 2019", "nam 2020", "quy iv nam 2021", "nhiem ky 2020-2025", "(1945 - 2025)", "80 nam quoc khanh",
                                        "tong ket nam 2019", "ke hoach nam 2024", "den nam 2030", "thang 11/2019", "28/3/2015", "6 thang dau nam 2023",
                                        "(28/8/1945 - 28/8/2022)", "60 nam quan he ngoai giao viet nam - lao", ". ", "; "]
        var rng = SeededRandom(state: 41)
        var votes = 0
        for _ in 0..<2500 {
            let f = VietFold.foldedString(Self.randomText(&rng, words, parts: 30))
            let month = 1 + rng.below(12), day = 1 + rng.below(28), weight = 5 + rng.below(2)
            let zone = rng.pick(["the title", "the lead", "the text"])
            let oldYears = Self.describe(OldDates.yearVotes(inFolded: f, zone: zone, month: month, weight: weight))
            let newYears = Self.describe(DateExtractor.yearVotes(inFolded: Array(f.utf8), zone: zone, month: month, weight: weight))
            XCTAssertEqual(oldYears, newYears, "yearVotes \(f.debugDescription) month \(month)")
            let oldAnniversaries = Self.describe(OldDates.anniversaryVotes(inFolded: f, zone: zone, day: day, month: month))
            let newAnniversaries = Self.describe(DateExtractor.anniversaryVotes(inFolded: Array(f.utf8), zone: zone, day: day, month: month))
            XCTAssertEqual(oldAnniversaries, newAnniversaries, "anniversaryVotes \(f.debugDescription)")
            let oldNearby = Self.describe(OldDates.nearbyVotes(inFolded: f, day: day, month: month))
            let newNearby = Self.describe(DateExtractor.nearbyVotes(inFolded: Array(f.utf8), day: day, month: month))
            XCTAssertEqual(oldNearby, newNearby, "nearbyVotes \(f.debugDescription)")
            votes += (oldYears.isEmpty ? 0 : 1) + (oldAnniversaries.isEmpty ? 0 : 1) + (oldNearby.isEmpty ? 0 : 1)
        }
        XCTAssertGreaterThan(votes, 500)
    }

    func testCandidatesInFoldedText() {
        var rng = SeededRandom(state: 42)
        var found = 0
        for _ in 0..<3000 {
            let f = Self.randomText(&rng, Self.foldedWords, parts: 30)
            let zone = DateExtractor.Zone(rawValue: rng.below(4))!
            let paragraph = rng.below(5)
            let old = OldDates.candidates(inFolded: f, zone: OldDates.Zone(rawValue: zone.rawValue)!, paragraph: paragraph)
                .map { "\($0.day)/\($0.month)/\(String(describing: $0.year)) \($0.offset) \($0.score) \($0.yearMalformed) \(String(describing: $0.quoteRange))" }
            let new = DateExtractor.candidates(inFolded: Array(f.utf8), zone: zone, paragraph: paragraph)
                .map { "\($0.day)/\($0.month)/\(String(describing: $0.year)) \($0.offset) \($0.score) \($0.yearMalformed) \(String(describing: Optional($0.quoteRange)))" }
            found += old.count
            XCTAssertEqual(old, new, f.debugDescription)
        }
        XCTAssertGreaterThan(found, 300)
    }
}

// MARK: - Reference

// The date code as it was before the byte scanners (DateScan), kept as the reference the unit tests
// compare the scanners and the rewritten functions with: NSRegularExpression patterns on folded Strings.
// Only names were changed (the enclosing enum).

/// DateExtractor's evidence code (DateEvidence.swift) with its regular expressions.
enum OldDates {

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

    static func extract(layout: ArticleLayout, text: String) -> DateExtractor.Result {
        var res = DateExtractor.Result()
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
        let leadF = VietFold.foldedString(DateExtractor.firstSentence(layout.lead))
        votes += yearVotes(inFolded: leadF, zone: "the lead", month: best.month, weight: 5)
        if let e = res.eventText, e != layout.title, DateExtractor.firstSentence(e) != DateExtractor.firstSentence(layout.lead) {
            votes += yearVotes(inFolded: VietFold.foldedString(DateExtractor.firstSentence(e)), zone: "the event's sentence", month: best.month, weight: 5)
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

/// DateLine.parse with its regular expressions.
enum OldDateLine {
    nonisolated(unsafe) static let fullDate = regex(#"(?<!\d)(\d{1,2})\s*[/.\-]\s*(\d{1,2})\s*[/.\-]\s*(\d{4})(?!\d)"#)
    nonisolated(unsafe) static let wordDate = regex(#"ngày\s+(\d{1,2})\s+tháng\s+(\d{1,2})\s+năm\s+(\d{4})"#)
    nonisolated(unsafe) static let time = regex(#"(?<!\d)(\d{1,2})\s*[:hH]\s*(\d{2})(?:\s*:\s*\d{2})?(?!\d)"#)
    nonisolated(unsafe) static let filler = regex(#"thứ\s+(?:hai|ba|tư|năm|sáu|bảy|[2-7])|chủ\s+nhật|cập\s+nhật(?:\s+lúc)?|đăng\s+(?:ngày|lúc)|ngày\s+đăng|ngày\s+cập\s+nhật|xuất\s+bản|ngày|lúc|gmt\s*\+\s*7|utc\s*\+\s*7|\bam\b|\bpm\b|\bsa\b|\bch\b|[\s,|:()\-–—/.]"#)
    nonisolated(unsafe) static let weekday = regex(#"thứ\s+(?:hai|ba|tư|năm|sáu|bảy|[2-7])|chủ\s+nhật"#)

    static func parse(_ line: String) -> DateLine? {
        guard !line.hasMoreCharacters(than: 80) else { return nil }
        // Both date forms need an ASCII digit; most lines have none. A numeric date has two
        // separators, a date in words says "tháng" (in any case: its "th" is t/T then h/H).
        guard line.utf8.contains(where: { $0 >= 0x30 && $0 <= 0x39 }) else { return nil }
        guard line.utf8.lazy.filter({ $0 == 0x2F || $0 == 0x2E || $0 == 0x2D }).prefix(2).count == 2 || hasTH(line) else { return nil }
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

    /// Does "th" stand in the line, in any case?
    static func hasTH(_ line: String) -> Bool {
        var prevT = false
        for b in line.utf8 {
            if prevT && b | 0x20 == 0x68 { return true }
            prevT = b | 0x20 == 0x74
        }
        return false
    }

}
