import Foundation

/// Byte scanners for the date patterns of `DateExtractor` (on folded text) and `DateLine`.
///
/// Each scanner implements one NSRegularExpression pattern, quoted in its doc comment, as ICU runs it
/// on the same text: classes are read on code points (`\d` is any Nd digit, `\s` any White_Space, `\S`
/// and `[^…]` any other code point); `\b` is ICU's word boundary (word characters are \p{Alphabetic},
/// \p{M}, \p{Nd}, \p{Pc}, ZWNJ and ZWJ; a Grapheme_Extend or format character at the position is never a
/// boundary, and is stepped over when looking back); `$` holds at the end or before a final line
/// terminator; the match is the leftmost, and quantifiers are greedy and backtrack. Where a greedy run
/// cannot give anything back (what follows it is outside its class) the scanner takes the one choice
/// and its comment says why.
///
/// The bytes are UTF-8 from a Swift String, so always valid. A pattern that the old code ran on a cut-out
/// NSString (`tail(before:)`) runs here on a window of the same UTF-16 units; where such a cut splits a
/// surrogate pair the NSString substring held U+FFFD, and so does the window (`withWindow`).
enum DateScan {
    typealias Bytes = UnsafeBufferPointer<UInt8>

    // MARK: Code points

    /// Bytes in the UTF-8 sequence that `lead` starts.
    @inline(__always) static func width(_ lead: UInt8) -> Int {
        lead < 0x80 ? 1 : lead < 0xE0 ? 2 : lead < 0xF0 ? 3 : 4
    }

    /// The scalar that starts at byte `i`.
    @inline(__always) static func scalar(_ b: Bytes, _ i: Int) -> Unicode.Scalar {
        let b0 = UInt32(b[i])
        if b0 < 0x80 { return Unicode.Scalar(UInt8(b0)) }
        let v: UInt32
        if b0 < 0xE0 { v = (b0 & 0x1F) << 6 | UInt32(b[i + 1] & 0x3F) }
        else if b0 < 0xF0 { v = (b0 & 0x0F) << 12 | UInt32(b[i + 1] & 0x3F) << 6 | UInt32(b[i + 2] & 0x3F) }
        else { v = (b0 & 0x07) << 18 | UInt32(b[i + 1] & 0x3F) << 12 | UInt32(b[i + 2] & 0x3F) << 6 | UInt32(b[i + 3] & 0x3F) }
        return Unicode.Scalar(v).unsafelyUnwrapped
    }

    /// Where the scalar that ends at byte `i` (> 0) starts.
    @inline(__always) static func start(before i: Int, in b: Bytes) -> Int {
        var j = i - 1
        while j > 0 && b[j] & 0xC0 == 0x80 { j -= 1 }
        return j
    }

    /// The scalar that ends at byte `i`, if `i` > 0.
    @inline(__always) static func scalar(before i: Int, in b: Bytes) -> Unicode.Scalar? {
        i > 0 ? scalar(b, start(before: i, in: b)) : nil
    }

    /// ICU's `\d`: general category Nd (none lies between ASCII and U+0660).
    @inline(__always) static func isDigit(_ s: Unicode.Scalar) -> Bool {
        let v = s.value
        if v < 0x80 { return v &- 0x30 < 10 }
        return v >= 0x660 && s.properties.generalCategory == .decimalNumber
    }

    /// ICU's `\s`: White_Space (`Scalars.isRegexSpace`); above ASCII only U+0085, U+00A0 and
    /// code points from U+1680 on have it.
    @inline(__always) static func isSpace(_ s: Unicode.Scalar) -> Bool {
        let v = s.value
        if v < 0x80 { return v == 0x20 || (v >= 0x09 && v <= 0x0D) }
        if v == 0x85 || v == 0xA0 { return true }
        return v >= 0x1680 && s.properties.isWhitespace
    }

    /// ICU's word characters for `\b`: [\p{Alphabetic}\p{M}\p{Nd}\p{Pc}\u200c\u200d].
    static func isWord(_ s: Unicode.Scalar) -> Bool {
        let v = s.value
        if v < 0x80 { return (v | 0x20) &- 0x61 < 26 || v &- 0x30 < 10 || v == 0x5F }
        if v == 0x200C || v == 0x200D { return true }
        let p = s.properties
        if p.isAlphabetic { return true }
        switch p.generalCategory {
        case .nonspacingMark, .spacingMark, .enclosingMark, .decimalNumber, .connectorPunctuation: return true
        default: return false
        }
    }

    /// Code points ICU's `\b` steps over: Grapheme_Extend and format (Cf) characters.
    static func isExtendOrFormat(_ s: Unicode.Scalar) -> Bool {
        s.value >= 0x80 && (s.properties.isGraphemeExtend || s.properties.generalCategory == .format)
    }

    /// ICU's `\b` at byte `i` (its `isWordBoundary`).
    static func isWordBoundary(_ b: Bytes, _ i: Int) -> Bool {
        var here = false
        if i < b.count {
            let s = scalar(b, i)
            if isExtendOrFormat(s) { return false }
            here = isWord(s)
        }
        var before = false
        var j = i
        while j > 0 {
            j = start(before: j, in: b)
            let s = scalar(b, j)
            if !isExtendOrFormat(s) { before = isWord(s); break }
        }
        return here != before
    }

    /// A line terminator for `$`: U+000A–U+000D, U+0085, U+2028, U+2029.
    @inline(__always) static func isLineTerminator(_ s: Unicode.Scalar) -> Bool {
        let v = s.value
        return (v >= 0x0A && v <= 0x0D) || v == 0x85 || v == 0x2028 || v == 0x2029
    }

    // MARK: Steps

    /// The end of the `\d` at byte `i`, if one stands there.
    @inline(__always) static func digitEnd(_ b: Bytes, _ i: Int) -> Int? {
        guard i < b.count else { return nil }
        let c = b[i]
        if c < 0x80 { return c &- 0x30 < 10 ? i + 1 : nil }
        return isDigit(scalar(b, i)) ? i + width(c) : nil
    }

    /// The end of the `\s` at byte `i`, if one stands there.
    @inline(__always) static func spaceEnd(_ b: Bytes, _ i: Int) -> Int? {
        guard i < b.count else { return nil }
        let c = b[i]
        if c < 0x80 { return c == 0x20 || (c >= 0x09 && c <= 0x0D) ? i + 1 : nil }
        return isSpace(scalar(b, i)) ? i + width(c) : nil
    }

    /// `\s*` from byte `i`, all of it.
    @inline(__always) static func skipSpaces(_ b: Bytes, _ i: Int) -> Int {
        var j = i
        while let e = spaceEnd(b, j) { j = e }
        return j
    }

    /// `\s*` ending at byte `i`, all of it: where the run of white space before `i` starts.
    @inline(__always) static func skipSpacesBack(_ b: Bytes, _ i: Int) -> Int {
        var j = i
        while j > 0 {
            let c = b[j - 1]
            if c < 0x80 {
                guard c == 0x20 || (c >= 0x09 && c <= 0x0D) else { break }
                j -= 1
            } else {
                let s = start(before: j, in: b)
                guard isSpace(scalar(b, s)) else { break }
                j = s
            }
        }
        return j
    }

    /// Does the ASCII literal stand at byte `i`?
    @inline(__always) static func has(_ b: Bytes, _ i: Int, _ literal: StaticString) -> Bool {
        let n = literal.utf8CodeUnitCount
        guard i >= 0, i + n <= b.count else { return false }
        let p = literal.utf8Start
        for k in 0..<n where b[i + k] != p[k] { return false }
        return true
    }

    /// Does the literal end at byte `e`?
    @inline(__always) static func hasBefore(_ b: Bytes, _ e: Int, _ literal: StaticString) -> Bool {
        has(b, e - literal.utf8CodeUnitCount, literal)
    }

    /// The end of `[-–]` at byte `i`.
    @inline(__always) static func dashEnd(_ b: Bytes, _ i: Int) -> Int? {
        if i < b.count && b[i] == 0x2D { return i + 1 }
        return has(b, i, "–") ? i + 3 : nil
    }

    /// Where a `[-–]` ending at byte `e` starts.
    @inline(__always) static func dashStart(before e: Int, in b: Bytes) -> Int? {
        if e > 0 && b[e - 1] == 0x2D { return e - 1 }
        return hasBefore(b, e, "–") ? e - 3 : nil
    }

    /// The run of `\d` from byte `i`, counting at most `limit` digits: where it ends and how many.
    @inline(__always) static func digitRun(_ b: Bytes, _ i: Int, limit: Int) -> (end: Int, count: Int) {
        var j = i, n = 0
        while n < limit, let e = digitEnd(b, j) { j = e; n += 1 }
        return (j, n)
    }

    /// `n` digits in a row from byte `i` (`\d{n}`): where they end.
    @inline(__always) static func digits(_ b: Bytes, _ i: Int, _ n: Int) -> Int? {
        let (end, count) = digitRun(b, i, limit: n)
        return count == n ? end : nil
    }

    /// `(?:19|20)\d\d` at byte `i`: where it ends.
    @inline(__always) static func century(_ b: Bytes, _ i: Int) -> Int? {
        guard has(b, i, "19") || has(b, i, "20") else { return nil }
        return digits(b, i + 2, 2)
    }

    /// `Int(text)` of a captured run of digits: nil unless all are ASCII (as `Int` reads them).
    static func value(_ b: Bytes, _ r: Range<Int>) -> Int? {
        guard !r.isEmpty, r.count <= 18 else { return nil }
        var v = 0
        for i in r {
            let d = b[i] &- 0x30
            guard d < 10 else { return nil }
            v = v * 10 + Int(d)
        }
        return v
    }

    /// Scalars (`Character`s, for digits) in a byte range.
    static func scalarCount(_ b: Bytes, _ r: Range<Int>) -> Int {
        var n = 0
        for i in r where b[i] & 0xC0 != 0x80 { n += 1 }
        return n
    }

    /// Words as `StringProtocol.wordCount` counts them: runs of bytes other than U+0020.
    static func wordCount(_ b: Bytes) -> Int {
        var n = 0
        var inWord = false
        for c in b {
            if c == 0x20 { inWord = false } else if !inWord { inWord = true; n += 1 }
        }
        return n
    }

    static func string(_ b: Bytes, _ r: Range<Int>) -> String {
        String(decoding: UnsafeBufferPointer(rebasing: b[r]), as: UTF8.self)
    }

    /// Does `first \s+ second` (ASCII words) end at byte `e`? Where it starts. The white space between
    /// is taken whole: the first word ends with a letter, not a space.
    @inline(__always) static func words(_ b: Bytes, endingAt e: Int, _ first: StaticString, _ second: StaticString) -> Int? {
        guard hasBefore(b, e, second) else { return nil }
        let s = e - second.utf8CodeUnitCount
        let gap = skipSpacesBack(b, s)
        guard gap < s, hasBefore(b, gap, first) else { return nil }
        return gap - first.utf8CodeUnitCount
    }

    /// Does `first \s+ second` start at byte `i`? Where it ends.
    @inline(__always) static func words(_ b: Bytes, at i: Int, _ first: StaticString, _ second: StaticString) -> Int? {
        guard has(b, i, first) else { return nil }
        let s = i + first.utf8CodeUnitCount
        let gap = skipSpaces(b, s)
        guard gap > s, has(b, gap, second) else { return nil }
        return gap + second.utf8CodeUnitCount
    }

    /// `first \s+ second` anywhere in the text.
    static func containsWords(_ b: Bytes, _ first: StaticString, _ second: StaticString) -> Bool {
        var from = 0
        while let at = find(b, first, from: from) {
            if words(b, at: at, first, second) != nil { return true }
            from = at + 1
        }
        return false
    }

    /// The first occurrence of an ASCII literal from byte `from`.
    @inline(__always) static func find(_ b: Bytes, _ literal: StaticString, from: Int) -> Int? {
        guard from <= b.count else { return nil }
        return findBytes(UnsafeRawBufferPointer(b), from: from,
                         UnsafeRawBufferPointer(start: literal.utf8Start, count: literal.utf8CodeUnitCount))
    }

    /// The lowest byte from which `[^stops]{0,max}$` reaches the end of the text, where `stops` are
    /// ASCII. `$` also holds before a final line terminator (or CR LF), which the class admits: one more
    /// code point (two) may stand in the run then.
    static func runStart(_ b: Bytes, max: Int, stops: (UInt8) -> Bool) -> Int {
        var allowed = max
        if b.count >= 2 && b[b.count - 2] == 0x0D && b[b.count - 1] == 0x0A { allowed += 2 }
        else if let last = scalar(before: b.count, in: b), isLineTerminator(last) { allowed += 1 }
        var i = b.count, n = 0
        while i > 0 && n < allowed {
            let s = start(before: i, in: b)
            if stops(b[s]) { break }
            i = s
            n += 1
        }
        return i
    }

    /// Does some position from `lo` to the end (scalar boundaries) satisfy `ends`?
    @inline(__always) static func anyEnd(_ b: Bytes, from lo: Int, _ ends: (Int) -> Bool) -> Bool {
        var x = lo
        while true {
            if ends(x) { return true }
            if x >= b.count { return false }
            x += width(b[x])
        }
    }

    // MARK: Lines and Characters

    /// `String.lines(omittingEmpty: true).prefix(limit)` as byte ranges.
    static func lines(_ b: Bytes, limit: Int) -> [Range<Int>] {
        var out: [Range<Int>] = []
        guard let base = b.baseAddress else { return out }
        var start = 0
        while start <= b.count && out.count < limit {
            let rest = b.count - start
            let hit = rest > 0 ? memchr(base + start, 0x0A, rest) : nil
            let end = hit.map { UnsafeRawPointer(base).distance(to: UnsafeRawPointer($0)) } ?? b.count
            if end > start { out.append(start..<end) }
            start = end + 1
        }
        return out
    }

    /// Is every Character of the line one scalar? `SimpleText.isSimple`, which also admits a CR: a line
    /// holds no LF, and a CR without one is a Character of its own (grapheme rules GB4, GB5).
    static func isSimpleLine(_ b: Bytes) -> Bool {
        var i = 0
        while i < b.count {
            let c = b[i]
            if c < 0x80 { i += 1; continue }
            if c >= 0xC2 && c <= 0xCB { i += 2; continue }
            guard c == 0xE1 || c == 0xE2, i + 2 < b.count else { return false }
            let c1 = b[i + 1], c2 = b[i + 2]
            if c == 0xE1 { guard c1 >= 0xB8 && c1 <= 0xBB else { return false } }
            else if c1 == 0x80 { guard (c2 >= 0x90 && c2 <= 0xA7) || c2 >= 0xB0 else { return false } }
            else if c1 == 0x81 { guard c2 <= 0x9E else { return false } }
            else { return false }
            i += 3
        }
        return true
    }

    /// The byte where scalar number `n` starts (the end when there are fewer).
    static func byteOffset(ofScalar n: Int, in b: Bytes) -> Int {
        var seen = 0
        var i = 0
        while i < b.count {
            if b[i] & 0xC0 != 0x80 {
                if seen == n { return i }
                seen += 1
            }
            i += 1
        }
        return b.count
    }

    // MARK: UTF-16 offsets

    /// UTF-16 units of the bytes `lo..<hi`.
    static func utf16Count(_ b: Bytes, _ lo: Int, _ hi: Int) -> Int {
        var n = 0
        var i = lo
        while i < hi {
            let c = b[i]
            if c & 0xC0 != 0x80 { n += c >= 0xF0 ? 2 : 1 }
            i += 1
        }
        return n
    }

    /// UTF-16 offsets of byte positions met in increasing order (each counted from the last).
    struct UTF16Offsets {
        var byte = 0, unit = 0
        mutating func at(_ i: Int, in b: Bytes) -> Int {
            if i < byte { byte = 0; unit = 0 }
            unit += utf16Count(b, byte, i)
            byte = i
            return unit
        }
    }

    /// The byte where the `units` UTF-16 units before byte `end` begin (`NSString.tail(before:_:)`),
    /// and whether that cut splits a surrogate pair.
    static func start(ofUnits units: Int, before end: Int, in b: Bytes) -> (Int, splits: Bool) {
        var i = end, left = units
        while i > 0 && left > 0 {
            let s = start(before: i, in: b)
            let w = b[s] >= 0xF0 ? 2 : 1
            if w > left { return (i, true) }
            left -= w
            i = s
        }
        return (i, false)
    }

    /// The byte where the `units` UTF-16 units after byte `begin` end, and whether that cut splits a pair.
    static func end(ofUnits units: Int, after begin: Int, in b: Bytes) -> (Int, splits: Bool) {
        var i = begin, left = units
        while i < b.count && left > 0 {
            let w = b[i] >= 0xF0 ? 2 : 1
            if w > left { return (i, true) }
            left -= w
            i += width(b[i])
        }
        return (i, false)
    }

    /// The bytes `lo..<hi` as a text of their own, with U+FFFD for a split surrogate pair at either end.
    static func withWindow<R>(_ b: Bytes, _ lo: Int, _ hi: Int, splitBefore: Bool = false, splitAfter: Bool = false,
                              _ body: (Bytes) -> R) -> R {
        if !splitBefore && !splitAfter { return body(Bytes(rebasing: b[lo..<hi])) }
        var copy: [UInt8] = splitBefore ? [0xEF, 0xBF, 0xBD] : []
        copy += b[lo..<hi]
        if splitAfter { copy += [0xEF, 0xBF, 0xBD] }
        return copy.withUnsafeBufferPointer(body)
    }

    /// `NSString.tail(before: end, units)` of the text, as a window.
    static func withTail<R>(_ b: Bytes, before end: Int, units: Int, _ body: (Bytes) -> R) -> R {
        let (lo, splits) = start(ofUnits: units, before: end, in: b)
        return withWindow(b, lo, end, splitBefore: splits, body)
    }
}

// MARK: - Day and month in the head of the page

extension DateScan {
    struct DayMonth { var range: Range<Int>; var day: Range<Int>; var month: Range<Int>; var year: Range<Int>? }

    /// Not after a digit or one of `/ . , -` (`(?<![\d/.,\-])`, or without the comma).
    @inline(__always) static func freeBefore(_ b: Bytes, _ p: Int, comma: Bool) -> Bool {
        guard let s = scalar(before: p, in: b) else { return true }
        if isDigit(s) { return false }
        switch s.value {
        case 0x2F, 0x2E, 0x2D: return false
        case 0x2C: return !comma
        default: return true
        }
    }

    /// Every match of `dayMonth`, left to right:
    /// `(?<![\d/.,\-])(\d{1,2})\s?([/.\-])\s?(\d{1,2})(?:\2(\d{2,4}))?(?![\d])(?!\s?[/.\-,]\d)`.
    static func dayMonthMatches(_ b: Bytes, _ found: (DayMonth) -> Void) {
        var p = 0
        while p < b.count {
            let c = b[p]
            if c < 0x80 && c &- 0x30 >= 10 { p += 1; continue }
            if let m = dayMonth(at: p, in: b) { found(m); p = m.range.upperBound } else { p += width(c) }
        }
    }

    static func dayMonth(at p: Int, in b: Bytes) -> DayMonth? {
        guard let first = digitEnd(b, p), freeBefore(b, p, comma: true) else { return nil }
        // \d{1,2}: one digit of two would leave a digit where \s? or the separator must stand.
        let dayEnd = digitEnd(b, first) ?? first
        // \s?: left untaken, the space would have to be the separator.
        var q = spaceEnd(b, dayEnd) ?? dayEnd
        guard q < b.count, b[q] == 0x2F || b[q] == 0x2E || b[q] == 0x2D else { return nil }
        let sep = b[q]
        q = spaceEnd(b, q + 1) ?? q + 1
        guard let m = digitEnd(b, q) else { return nil }
        // \d{1,2}: after one digit of two, a digit follows, where neither \2 nor (?![\d]) holds.
        let monthEnd = digitEnd(b, m) ?? m
        if monthEnd < b.count && b[monthEnd] == sep {
            // \d{2,4} then (?![\d]): only the whole run of digits, when it has two to four.
            let (runEnd, run) = digitRun(b, monthEnd + 1, limit: 5)
            if run >= 2 && run <= 4 && noSeparatedDigit(b, runEnd) {
                return DayMonth(range: p..<runEnd, day: p..<dayEnd, month: q..<monthEnd, year: monthEnd + 1..<runEnd)
            }
        }
        guard digitEnd(b, monthEnd) == nil, noSeparatedDigit(b, monthEnd) else { return nil }
        return DayMonth(range: p..<monthEnd, day: p..<dayEnd, month: q..<monthEnd, year: nil)
    }

    /// `(?!\s?[/.\-,]\d)` at byte `e`.
    @inline(__always) static func noSeparatedDigit(_ b: Bytes, _ e: Int) -> Bool {
        func separatedDigit(_ i: Int) -> Bool {
            guard i < b.count else { return false }
            let c = b[i]
            return (c == 0x2F || c == 0x2E || c == 0x2D || c == 0x2C) && digitEnd(b, i + 1) != nil
        }
        if separatedDigit(e) { return false }
        if let s = spaceEnd(b, e), separatedDigit(s) { return false }
        return true
    }

    struct DayRange { var range: Range<Int>; var first: Range<Int>; var second: Range<Int>; var month: Range<Int>; var year: Range<Int>? }

    /// Every match of `dayRange`: `(?<![\d/.,\-])(\d{1,2})\s*[-–]\s*(\d{1,2})([/.])(\d{1,2})(?:\3(\d{4}))?(?!\d)`.
    static func dayRangeMatches(_ b: Bytes, _ found: (DayRange) -> Void) {
        var p = 0
        while p < b.count {
            let c = b[p]
            if c < 0x80 && c &- 0x30 >= 10 { p += 1; continue }
            if let m = dayRange(at: p, in: b) { found(m); p = m.range.upperBound } else { p += width(c) }
        }
    }

    static func dayRange(at p: Int, in b: Bytes) -> DayRange? {
        guard let d = digitEnd(b, p), freeBefore(b, p, comma: true) else { return nil }
        // Each \d{1,2} is followed by something no digit can be (\s*[-–], [/.], \3 or (?!\d)), and each
        // \s* by a dash or a digit: every run is taken whole.
        let firstEnd = digitEnd(b, d) ?? d
        guard let dash = dashEnd(b, skipSpaces(b, firstEnd)) else { return nil }
        let q = skipSpaces(b, dash)
        guard let s = digitEnd(b, q) else { return nil }
        let secondEnd = digitEnd(b, s) ?? s
        guard secondEnd < b.count, b[secondEnd] == 0x2F || b[secondEnd] == 0x2E else { return nil }
        let sep = b[secondEnd]
        guard let m = digitEnd(b, secondEnd + 1) else { return nil }
        let monthEnd = digitEnd(b, m) ?? m
        guard digitEnd(b, monthEnd) == nil else { return nil }
        var year: Range<Int>?
        if monthEnd < b.count && b[monthEnd] == sep {
            // \d{4} then (?!\d): exactly four digits; otherwise the year is left out (the separator is no digit).
            let (runEnd, run) = digitRun(b, monthEnd + 1, limit: 5)
            if run == 4 { year = monthEnd + 1..<runEnd }
        }
        return DayRange(range: p..<(year?.upperBound ?? monthEnd), first: p..<firstEnd, second: q..<secondEnd,
                        month: secondEnd + 1..<monthEnd, year: year)
    }

    struct WordDate { var range: Range<Int>; var day: Range<Int>; var month: Range<Int>; var year: Range<Int>? }

    /// Every match of `dayMonthWords`: `ngay\s+(?:mung\s+)?(\d{1,2})\s+thang\s+(\d{1,2})(?:\s*(?:nam|,)\s*(\d{4}))?`.
    static func dayMonthWordsMatches(_ b: Bytes, first: Bool = false, _ found: (WordDate) -> Void) {
        var from = 0
        while let at = find(b, "ngay", from: from) {
            if let m = dayMonthWords(at: at, in: b) {
                found(m)
                if first { return }
                from = m.range.upperBound
            } else {
                from = at + 1
            }
        }
    }

    static func dayMonthWords(at p: Int, in b: Bytes) -> WordDate? {
        // Every \s+ and \s* here is followed by a letter, a digit or a comma: taken whole.
        var q = skipSpaces(b, p + 4)
        guard q > p + 4 else { return nil }
        if has(b, q, "mung"), spaceEnd(b, q + 4) != nil { q = skipSpaces(b, q + 4) }
        guard let d = digitEnd(b, q) else { return nil }
        // One digit of two would leave a digit where \s+ must stand.
        let dayEnd = digitEnd(b, d) ?? d
        let t = skipSpaces(b, dayEnd)
        guard t > dayEnd, has(b, t, "thang") else { return nil }
        let mq = skipSpaces(b, t + 5)
        guard mq > t + 5, let m = digitEnd(b, mq) else { return nil }
        // No lookahead follows: the month is the first two digits (or one) whatever comes next.
        let monthEnd = digitEnd(b, m) ?? m
        var y = skipSpaces(b, monthEnd)
        var year: Range<Int>?
        if has(b, y, "nam") { y += 3 } else if y < b.count && b[y] == 0x2C { y += 1 } else { y = -1 }
        if y >= 0 {
            let ys = skipSpaces(b, y)
            if let ye = digits(b, ys, 4) { year = ys..<ye }
        }
        return WordDate(range: p..<(year?.upperBound ?? monthEnd), day: q..<dayEnd, month: mq..<monthEnd, year: year)
    }
}

// MARK: - Windows left of a day

extension DateScan {
    /// `rangeStart` on a window, the first day's digits: `(?<![\d/.\-])(\d{1,2})\s*(?:-|–|den|va|,)\s*(?:ngay\s*)?$`.
    /// Read from the end: every part has one way to end where the next begins (each \s* is taken whole,
    /// the separators end in different bytes, and a run of three digits fails the lookbehind), so the
    /// match, when there is one, is the only one.
    static func rangeStart(_ w: Bytes) -> Range<Int>? {
        var e = skipSpacesBack(w, w.count)
        if hasBefore(w, e, "ngay") { e = skipSpacesBack(w, e - 4) }
        if e > 0 && (w[e - 1] == 0x2D || w[e - 1] == 0x2C) { e -= 1 }
        else if hasBefore(w, e, "–") || hasBefore(w, e, "den") { e -= 3 }
        else if hasBefore(w, e, "va") { e -= 2 }
        else { return nil }
        let digitsEnd = skipSpacesBack(w, e)
        var s = digitsEnd, n = 0
        while n < 3, let prev = scalar(before: s, in: w), isDigit(prev) { s = start(before: s, in: w); n += 1 }
        guard n == 1 || n == 2, freeBefore(w, s, comma: false) else { return nil }
        return s..<digitsEnd
    }

    static let singleCues: [StaticString] = ["sang", "chieu", "toi", "trua", "dem", "ngay", "hom", "vao", "nay", "qua", "mai", "tu"]
    static let weekdayNames: [StaticString] = ["hai", "ba", "tu", "nam", "sau", "bay"]

    /// `eventCue` on a window:
    /// `(?:^|[\s(,:\-–])(?:sang|chieu|toi|trua|dem|ngay|hom|vao|nay|qua|mai|thu\s+(?:hai|ba|tu|nam|sau|bay|[2-7])|chu\s+nhat|tu|trong\s+\S+\s+ngay)\s*(?:ngay)?\s*[(,]?\s*(?:(?<![\d/.\-])\d{1,2}\s*(?:-|–|den|va|,)\s*(?:ngay\s*)?)?$`.
    /// Read from the end: the optional range part is `rangeStart`'s pattern; before it, white space,
    /// an optional "(" or ",", white space, an optional "ngay", white space, then the cue. A cue ends in
    /// a letter or digit, so it can only end where a run of white space begins.
    static func endsWithEventCue(_ w: Bytes) -> Bool {
        func cueAt(_ e: Int) -> Bool { cueEnds(w, e) }
        func fromPart(_ x: Int) -> Bool {
            let a = skipSpacesBack(w, x)
            if cueAt(a) { return true }
            if hasBefore(w, a, "ngay"), cueAt(skipSpacesBack(w, a - 4)) { return true }
            if a > 0 && (w[a - 1] == 0x28 || w[a - 1] == 0x2C) {
                let a2 = skipSpacesBack(w, a - 1)
                if cueAt(a2) { return true }
                if hasBefore(w, a2, "ngay"), cueAt(skipSpacesBack(w, a2 - 4)) { return true }
            }
            return false
        }
        if fromPart(w.count) { return true }
        if let r = rangeStart(w), fromPart(r.lowerBound) { return true }
        return false
    }

    /// Does one of `eventCue`'s cues end at byte `e`, after the start of the text or one of `\s ( , : - –`?
    static func cueEnds(_ w: Bytes, _ e: Int) -> Bool {
        guard e > 0 else { return false }
        func opens(_ c: Int) -> Bool {
            guard let s = scalar(before: c, in: w) else { return true }
            switch s.value {
            case 0x28, 0x2C, 0x3A, 0x2D, 0x2013: return true
            default: return isSpace(s)
            }
        }
        for cue in singleCues where hasBefore(w, e, cue) && opens(e - cue.utf8CodeUnitCount) { return true }
        // thu\s+(?:hai|ba|tu|nam|sau|bay|[2-7])
        for n in weekdayNames where hasBefore(w, e, n) {
            let s = e - n.utf8CodeUnitCount
            let gap = skipSpacesBack(w, s)
            if gap < s && hasBefore(w, gap, "thu") && opens(gap - 3) { return true }
        }
        if w[e - 1] >= 0x32 && w[e - 1] <= 0x37 {
            let gap = skipSpacesBack(w, e - 1)
            if gap < e - 1 && hasBefore(w, gap, "thu") && opens(gap - 3) { return true }
        }
        if let s = words(w, endingAt: e, "chu", "nhat"), opens(s) { return true }
        // trong\s+\S+\s+ngay: the \S+ follows white space, so it is the whole run of non-space.
        if hasBefore(w, e, "ngay") {
            let gap = skipSpacesBack(w, e - 4)
            if gap < e - 4 {
                var t = gap
                while let s = scalar(before: t, in: w), !isSpace(s) { t = start(before: t, in: w) }
                if t < gap {
                    let gap2 = skipSpacesBack(w, t)
                    if gap2 < t && hasBefore(w, gap2, "trong") && opens(gap2 - 5) { return true }
                }
            }
        }
        return false
    }

    static let sentenceCues: [StaticString] = ["sang", "chieu", "toi", "trua", "dem", "ngay", "hom", "trong"]

    /// `sentenceStart` on a window:
    /// `(?:^|[.!?]\s+|^\S{0,12}\s*[-–]\s*|\)\s*[-–]?\s*)(?:vao\s+)?(?:sang|chieu|toi|trua|dem|ngay|hom|tu\s+ngay|trong)\b[^.]{0,30}$`.
    /// The cue ends somewhere in the last stretch free of "." (`runStart`); from each such end it is read back.
    static func endsWithSentenceStart(_ w: Bytes) -> Bool {
        let lo = runStart(w, max: 30) { $0 == 0x2E }
        return anyEnd(w, from: lo) { x in
            guard x > 0, isWordBoundary(w, x) else { return false }
            for cue in sentenceCues where hasBefore(w, x, cue) {
                if sentenceOpens(w, cueStart: x - cue.utf8CodeUnitCount) { return true }
            }
            if let s = words(w, endingAt: x, "tu", "ngay"), sentenceOpens(w, cueStart: s) { return true }
            return false
        }
    }

    /// `(?:^|[.!?]\s+|^\S{0,12}\s*[-–]\s*|\)\s*[-–]?\s*)(?:vao\s+)?` ending at byte `c`.
    static func sentenceOpens(_ w: Bytes, cueStart c: Int) -> Bool {
        if opensSentence(w, c) { return true }
        let gap = skipSpacesBack(w, c)
        return gap < c && hasBefore(w, gap, "vao") && opensSentence(w, gap - 3)
    }

    /// `(?:^|[.!?]\s+|^\S{0,12}\s*[-–]\s*|\)\s*[-–]?\s*)` ending at byte `d`. Each \s* before a
    /// dash, a stop or ")" is taken whole.
    static func opensSentence(_ w: Bytes, _ d: Int) -> Bool {
        if d == 0 { return true }
        let a = skipSpacesBack(w, d)
        if a < d && a > 0 && (w[a - 1] == 0x2E || w[a - 1] == 0x21 || w[a - 1] == 0x3F) { return true }
        if a > 0 && w[a - 1] == 0x29 { return true }
        if let dash = dashStart(before: a, in: w) {
            let a2 = skipSpacesBack(w, dash)
            if a2 > 0 && w[a2 - 1] == 0x29 { return true }
            // ^\S{0,12}: everything before is at most twelve non-space code points.
            var i = a2, n = 0
            while i > 0 && n <= 12 {
                let s = start(before: i, in: w)
                if isSpace(scalar(w, s)) { return false }
                i = s
                n += 1
            }
            return i == 0 && n <= 12
        }
        return false
    }

    /// `documentCue` on a window:
    /// `(?:\bso\s*:?\s*\d|\d+/[a-z]{1,4}[\-–]|ky\s+ngay|ban\s+hanh|quyet\s+dinh|ke\s+hoach|cong\s+van|chi\s+thi|nghi\s+quyet|thong\s+bao|huong\s+dan|thong\s+tu|ket\s+luan|nghi\s+dinh|van\s+ban|ngay\s+ky)[^.;,]{0,40}$`.
    static func endsWithDocumentCue(_ w: Bytes) -> Bool {
        let lo = runStart(w, max: 40) { $0 == 0x2E || $0 == 0x3B || $0 == 0x2C }
        return anyEnd(w, from: lo) { documentCueEnds(w, $0) }
    }

    static func documentCueEnds(_ w: Bytes, _ e: Int) -> Bool {
        guard e > 0 else { return false }
        let last = w[e - 1]
        switch last {
        case 0x79: return words(w, endingAt: e, "ky", "ngay") != nil || words(w, endingAt: e, "ngay", "ky") != nil
        case 0x68: return words(w, endingAt: e, "ban", "hanh") != nil || words(w, endingAt: e, "quyet", "dinh") != nil
            || words(w, endingAt: e, "ke", "hoach") != nil || words(w, endingAt: e, "nghi", "dinh") != nil
        case 0x6E: return words(w, endingAt: e, "cong", "van") != nil || words(w, endingAt: e, "huong", "dan") != nil
            || words(w, endingAt: e, "ket", "luan") != nil || words(w, endingAt: e, "van", "ban") != nil
        case 0x69: return words(w, endingAt: e, "chi", "thi") != nil
        case 0x74: return words(w, endingAt: e, "nghi", "quyet") != nil
        case 0x6F: return words(w, endingAt: e, "thong", "bao") != nil
        case 0x75: return words(w, endingAt: e, "thong", "tu") != nil
        default: break
        }
        // \d+/[a-z]{1,4}[\-–]: the letters are the whole run before the dash (a "/" must precede them).
        if let dash = dashStart(before: e, in: w) {
            var t = dash, n = 0
            while t > 0 && n < 5 && w[t - 1] &- 0x61 < 26 { t -= 1; n += 1 }
            if n >= 1 && n <= 4 && t > 0 && w[t - 1] == 0x2F, let d = scalar(before: t - 1, in: w), isDigit(d) { return true }
        }
        // \bso\s*:?\s*\d
        if let d = scalar(before: e, in: w), isDigit(d) {
            var a = skipSpacesBack(w, start(before: e, in: w))
            if a > 0 && w[a - 1] == 0x3A { a = skipSpacesBack(w, a - 1) }
            if hasBefore(w, a, "so") && isWordBoundary(w, a - 2) { return true }
        }
        return false
    }

    /// `deadlineCue` on a window:
    /// `(?:truoc|den\s+het|han\s+chot|cham\s+nhat|ket\s+thuc\s+vao|tu\s+\d{1,2}/\d{1,2}/\d{4}\s+den)\s*(?:ngay)?\s*$`.
    /// Every cue ends in a letter, so it ends where the trailing white space (before or after "ngay") begins.
    static func endsWithDeadlineCue(_ w: Bytes) -> Bool {
        let a = skipSpacesBack(w, w.count)
        if deadlineCueEnds(w, a) { return true }
        return hasBefore(w, a, "ngay") && deadlineCueEnds(w, skipSpacesBack(w, a - 4))
    }

    static func deadlineCueEnds(_ w: Bytes, _ e: Int) -> Bool {
        if hasBefore(w, e, "truoc") { return true }
        if words(w, endingAt: e, "den", "het") != nil || words(w, endingAt: e, "han", "chot") != nil
            || words(w, endingAt: e, "cham", "nhat") != nil { return true }
        if let s = words(w, endingAt: e, "thuc", "vao"), words(w, endingAt: s + 4, "ket", "thuc") != nil { return true }
        // tu\s+\d{1,2}/\d{1,2}/\d{4}\s+den, read back: four digits after a "/", one or two between the
        // "/"s, one or two after white space.
        guard hasBefore(w, e, "den") else { return false }
        let gap = skipSpacesBack(w, e - 3)
        guard gap < e - 3 else { return false }
        var t = gap
        for _ in 0..<4 {
            guard let s = scalar(before: t, in: w), isDigit(s) else { return false }
            t = start(before: t, in: w)
        }
        guard t > 0 && w[t - 1] == 0x2F else { return false }
        func shortRun(_ end: Int) -> Int? {
            var i = end, n = 0
            while n < 3, let s = scalar(before: i, in: w), isDigit(s) { i = start(before: i, in: w); n += 1 }
            return n == 1 || n == 2 ? i : nil
        }
        guard let m = shortRun(t - 1), m > 0, w[m - 1] == 0x2F, let d = shortRun(m - 1) else { return false }
        let gap2 = skipSpacesBack(w, d)
        return gap2 < d && hasBefore(w, gap2, "tu")
    }

    /// `foundingCue` on a window:
    /// `(?:thanh\s+lap|ky\s+niem|sinh\s+ngay|ngay\s+sinh|giai\s+phong|quoc\s+khanh|truyen\s+thong|chien\s+thang|thiet\s+lap)[^.;]{0,45}$`.
    static func endsWithFoundingCue(_ w: Bytes) -> Bool {
        let lo = runStart(w, max: 45) { $0 == 0x2E || $0 == 0x3B }
        return anyEnd(w, from: lo) { e in
            guard e > 0 else { return false }
            switch w[e - 1] {
            case 0x70: return words(w, endingAt: e, "thanh", "lap") != nil || words(w, endingAt: e, "thiet", "lap") != nil
            case 0x6D: return words(w, endingAt: e, "ky", "niem") != nil
            case 0x79: return words(w, endingAt: e, "sinh", "ngay") != nil
            case 0x68: return words(w, endingAt: e, "ngay", "sinh") != nil || words(w, endingAt: e, "quoc", "khanh") != nil
            case 0x67: return words(w, endingAt: e, "giai", "phong") != nil || words(w, endingAt: e, "truyen", "thong") != nil
                || words(w, endingAt: e, "chien", "thang") != nil
            default: return false
            }
        }
    }

    /// `clock`'s first match: `(?<!\d)\d{1,2}\s*[:h]\s*\d{2}(?!\d)`, with the hour's and the minute's digits.
    static func firstClock(_ b: Bytes) -> (range: Range<Int>, hour: Range<Int>, minute: Range<Int>)? {
        var p = 0
        while p < b.count {
            let c = b[p]
            if c < 0x80 && c &- 0x30 >= 10 { p += 1; continue }
            if let d = digitEnd(b, p), !(scalar(before: p, in: b).map(isDigit) ?? false) {
                // One digit of two leaves a digit where \s* or [:h] must stand; \s* is taken whole.
                let hourEnd = digitEnd(b, d) ?? d
                let q = skipSpaces(b, hourEnd)
                if q < b.count && (b[q] == 0x3A || b[q] == 0x68) {
                    let m = skipSpaces(b, q + 1)
                    if let me = digits(b, m, 2), digitEnd(b, me) == nil { return (p..<me, p..<hourEnd, m..<me) }
                }
            }
            p += width(c)
        }
        return nil
    }
}

// MARK: - Publish stamps

extension DateScan {
    struct ISOStamp {
        var range: Range<Int>; var year: Range<Int>; var month: Range<Int>; var day: Range<Int>?
        /// Read by the second alternative (a date with a time).
        var timed = false
    }

    /// Every match of `isoStamp`:
    /// `(?:^|\s)(?:date|ngay)\s*:?\s*(\d{4})-(\d{1,2})(?:-(\d{1,2}))?(?![\d])|(\d{4})-(\d{2})-(\d{2})(?:t|\s+)\d{1,2}:\d{2}`.
    static func isoStampMatches(_ b: Bytes, _ found: (ISOStamp) -> Void) {
        var p = 0
        while p < b.count {
            // A match starts at the start, at white space before "date" or "ngay", or at a digit.
            let c = b[p]
            let next = p + 1 < b.count ? b[p + 1] : 0
            if p == 0 || c >= 0x80 || c &- 0x30 < 10 || ((c == 0x20 || (c >= 0x09 && c <= 0x0D)) && (next == 0x64 || next == 0x6E)),
               let m = isoStamp(at: p, in: b) {
                found(m)
                p = m.range.upperBound
            } else {
                p += width(c)
            }
        }
    }

    static func isoStamp(at p: Int, in b: Bytes) -> ISOStamp? {
        if p == 0, let m = isoDated(from: 0, start: 0, in: b) { return m }
        if let s = spaceEnd(b, p), let m = isoDated(from: s, start: p, in: b) { return m }
        return isoTimed(at: p, in: b)
    }

    /// `(?:date|ngay)\s*:?\s*(\d{4})-(\d{1,2})(?:-(\d{1,2}))?(?![\d])` from byte `q`.
    static func isoDated(from q: Int, start p: Int, in b: Bytes) -> ISOStamp? {
        guard has(b, q, "date") || has(b, q, "ngay") else { return nil }
        // The white space around the colon is taken whole (a digit follows).
        var y = skipSpaces(b, q + 4)
        if y < b.count && b[y] == 0x3A { y = skipSpaces(b, y + 1) }
        guard let ye = digits(b, y, 4), ye < b.count, b[ye] == 0x2D, let m = digitEnd(b, ye + 1) else { return nil }
        // One digit of two leaves a digit where "-" or (?![\d]) must hold.
        let monthEnd = digitEnd(b, m) ?? m
        if monthEnd < b.count && b[monthEnd] == 0x2D, let d = digitEnd(b, monthEnd + 1) {
            let dayEnd = digitEnd(b, d) ?? d
            if digitEnd(b, dayEnd) == nil {
                return ISOStamp(range: p..<dayEnd, year: y..<ye, month: ye + 1..<monthEnd, day: monthEnd + 1..<dayEnd)
            }
        }
        guard digitEnd(b, monthEnd) == nil else { return nil }
        return ISOStamp(range: p..<monthEnd, year: y..<ye, month: ye + 1..<monthEnd, day: nil)
    }

    /// `(\d{4})-(\d{2})-(\d{2})(?:t|\s+)\d{1,2}:\d{2}` at byte `p`.
    static func isoTimed(at p: Int, in b: Bytes) -> ISOStamp? {
        guard let ye = digits(b, p, 4), ye < b.count, b[ye] == 0x2D,
              let me = digits(b, ye + 1, 2), me < b.count, b[me] == 0x2D,
              let de = digits(b, me + 1, 2), de < b.count else { return nil }
        let h: Int
        if b[de] == 0x74 { h = de + 1 } else {
            h = skipSpaces(b, de)
            guard h > de else { return nil }
        }
        guard let h1 = digitEnd(b, h) else { return nil }
        // One digit of two leaves a digit where ":" must stand.
        let hourEnd = digitEnd(b, h1) ?? h1
        guard hourEnd < b.count, b[hourEnd] == 0x3A, let end = digits(b, hourEnd + 1, 2) else { return nil }
        return ISOStamp(range: p..<end, year: p..<ye, month: ye + 1..<me, day: me + 1..<de, timed: true)
    }

    /// The first match of `monthWordStamp`: `(?<!\d)(\d{1,2})\s+thang\s+(\d{1,2})\s*,?\s*(?:nam\s+)?(\d{4})(?!\d)`.
    static func firstMonthWordStamp(_ b: Bytes) -> WordDate? {
        var p = 0
        while p < b.count {
            let c = b[p]
            if c < 0x80 && c &- 0x30 >= 10 { p += 1; continue }
            if let m = monthWordStamp(at: p, in: b) { return m }
            p += width(c)
        }
        return nil
    }

    static func monthWordStamp(at p: Int, in b: Bytes) -> WordDate? {
        guard let d = digitEnd(b, p), !(scalar(before: p, in: b).map(isDigit) ?? false) else { return nil }
        let dayEnd = digitEnd(b, d) ?? d
        let t = skipSpaces(b, dayEnd)
        guard t > dayEnd, has(b, t, "thang") else { return nil }
        let mq = skipSpaces(b, t + 5)
        guard mq > t + 5, let m1 = digitEnd(b, mq) else { return nil }
        // The month may give its second digit to the year ("thang 12019"): both choices, two digits first.
        for monthEnd in [digitEnd(b, m1), m1].compactMap({ $0 }) {
            var y = skipSpaces(b, monthEnd)
            if y < b.count && b[y] == 0x2C { y = skipSpaces(b, y + 1) }
            if has(b, y, "nam"), spaceEnd(b, y + 3) != nil { y = skipSpaces(b, y + 3) }
            if let ye = digits(b, y, 4), digitEnd(b, ye) == nil {
                return WordDate(range: p..<ye, day: p..<dayEnd, month: mq..<monthEnd, year: y..<ye)
            }
        }
        return nil
    }

    struct FullStamp { var range: Range<Int>; var day: Range<Int>; var month: Range<Int>; var year: Range<Int> }

    /// Every match of `fullStamp`: `(?<![\d/.\-])(\d{1,2})\s*[/.\-]\s*(\d{1,2})\s*[/.\-]\s*(\d{4}|\d{2})(?![\d/.\-]\d)`.
    static func fullStampMatches(_ b: Bytes, _ found: (FullStamp) -> Void) {
        var p = 0
        while p < b.count {
            let c = b[p]
            if c < 0x80 && c &- 0x30 >= 10 { p += 1; continue }
            if let m = fullStamp(at: p, in: b) { found(m); p = m.range.upperBound } else { p += width(c) }
        }
    }

    static func fullStamp(at p: Int, in b: Bytes) -> FullStamp? {
        guard let d = digitEnd(b, p), freeBefore(b, p, comma: false) else { return nil }
        func separator(_ i: Int) -> Bool { i < b.count && (b[i] == 0x2F || b[i] == 0x2E || b[i] == 0x2D) }
        // Day and month are followed by white space or a separator, never a digit, and each \s* by a
        // separator or a digit: all taken whole.
        let dayEnd = digitEnd(b, d) ?? d
        let s1 = skipSpaces(b, dayEnd)
        guard separator(s1) else { return nil }
        let mq = skipSpaces(b, s1 + 1)
        guard let m = digitEnd(b, mq) else { return nil }
        let monthEnd = digitEnd(b, m) ?? m
        let s2 = skipSpaces(b, monthEnd)
        guard separator(s2) else { return nil }
        let y = skipSpaces(b, s2 + 1)
        // (?![\d/.\-]\d)
        func free(_ e: Int) -> Bool {
            guard e < b.count else { return true }
            let next = digitEnd(b, e) ?? (separator(e) ? e + 1 : nil)
            return next.map { digitEnd(b, $0) == nil } ?? true
        }
        for n in [4, 2] {
            if let ye = digits(b, y, n), free(ye) {
                return FullStamp(range: p..<ye, day: p..<dayEnd, month: mq..<monthEnd, year: y..<ye)
            }
        }
        return nil
    }

    /// Does `weekday` match: `\bthu\s+(?:hai|ba|tu|nam|sau|bay|[2-7])\b|\bchu\s+nhat\b`?
    static func hasWeekday(_ b: Bytes) -> Bool {
        var from = 0
        while let at = find(b, "thu", from: from) {
            from = at + 1
            guard isWordBoundary(b, at) else { continue }
            let q = skipSpaces(b, at + 3)
            guard q > at + 3 else { continue }
            for n in weekdayNames where has(b, q, n) && isWordBoundary(b, q + n.utf8CodeUnitCount) { return true }
            if q < b.count && b[q] >= 0x32 && b[q] <= 0x37 && isWordBoundary(b, q + 1) { return true }
        }
        from = 0
        while let at = find(b, "chu", from: from) {
            from = at + 1
            if isWordBoundary(b, at), let e = words(b, at: at, "chu", "nhat"), isWordBoundary(b, e) { return true }
        }
        return false
    }

    /// Does `stampCue` match: `cap\s+nhat|dang\s+ngay|ngay\s+dang|xuat\s+ban|gmt|utc|^\s*thu\s+\S+\s*,|^\s*chu\s+nhat|\|`?
    static func hasStampCue(_ b: Bytes) -> Bool {
        if b.contains(0x7C) { return true }
        if find(b, "gmt", from: 0) != nil || find(b, "utc", from: 0) != nil { return true }
        if containsWords(b, "cap", "nhat") || containsWords(b, "dang", "ngay") || containsWords(b, "ngay", "dang")
            || containsWords(b, "xuat", "ban") { return true }
        let q = skipSpaces(b, 0)
        if words(b, at: q, "chu", "nhat") != nil { return true }
        // ^\s*thu\s+\S+\s*, : a comma inside the word after "thu" (past its first code point), or after it.
        guard has(b, q, "thu") else { return false }
        let r = skipSpaces(b, q + 3)
        guard r > q + 3, r < b.count else { return false }
        var i = r
        while i < b.count && spaceEnd(b, i) == nil {
            if b[i] == 0x2C && i > r { return true }
            i += width(b[i])
        }
        guard i > r else { return false }
        let t = skipSpaces(b, i)
        return t < b.count && b[t] == 0x2C
    }
}

// MARK: - Years

extension DateScan {
    struct YearRef { var range: Range<Int>; var lead: Range<Int>?; var year: Range<Int>; var span: Range<Int>? }

    /// Every match of `yearRef`:
    /// `(?:(nam|quy\s+[ivx1-4]+\s*(?:nam|[/\-])?|thang\s+\d{1,2}\s*(?:nam|/)|nhiem\s+ky|giai\s+doan|khoa|dot|lan\s+thu\s+\S+\s*(?:nam)?)\s*)?(?<![\d/.\-])((?:19|20)\d\d)(?!\d)(\s*[-–]\s*(?:19|20)\d\d)?`.
    static func yearRefMatches(_ b: Bytes, _ found: (YearRef) -> Void) {
        var p = 0
        while p < b.count {
            let c = b[p]
            switch c {
            case 0x6E, 0x71, 0x74, 0x67, 0x6B, 0x64, 0x6C, 0x31, 0x32:   // n q t g k d l 1 2 open a match
                if let m = yearRef(at: p, in: b) { found(m); p = m.range.upperBound; continue }
            default: break
            }
            p += width(c)
        }
    }

    /// `(?<![\d/.\-])((?:19|20)\d\d)(?!\d)(\s*[-–]\s*(?:19|20)\d\d)?` at byte `q`.
    static func yearPart(at q: Int, in b: Bytes) -> (year: Range<Int>, span: Range<Int>?)? {
        guard freeBefore(b, q, comma: false), let e = century(b, q), digitEnd(b, e) == nil else { return nil }
        // The span is optional and greedy, with no lookahead after it; its \s* are taken whole.
        if let dash = dashEnd(b, skipSpaces(b, e)), let end = century(b, skipSpaces(b, dash)) {
            return (q..<e, e..<end)
        }
        return (q..<e, nil)
    }

    static func yearRef(at p: Int, in b: Bytes) -> YearRef? {
        /// The prefix group ends at `leadEnd`; then \s* (taken whole: a year begins with 1 or 2) and the year.
        func after(_ leadEnd: Int) -> YearRef? {
            guard let (y, span) = yearPart(at: skipSpaces(b, leadEnd), in: b) else { return nil }
            return YearRef(range: p..<(span?.upperBound ?? y.upperBound), lead: p..<leadEnd, year: y, span: span)
        }
        /// `\s*(?:…)?` after a part of the prefix: the white space is taken whole by the group (giving it
        /// back only lets the optional word fail on it, which reaches the same year), then the optional
        /// word, or none.
        func optional(_ q: Int, _ words: [StaticString], slashOrDash: Bool) -> YearRef? {
            let s = skipSpaces(b, q)
            for w in words where has(b, s, w) { if let m = after(s + w.utf8CodeUnitCount) { return m } }
            if slashOrDash && s < b.count && (b[s] == 0x2F || b[s] == 0x2D), let m = after(s + 1) { return m }
            return after(s)
        }
        switch b[p] {
        case 0x6E:
            if has(b, p, "nam"), let m = after(p + 3) { return m }
            if let e = words(b, at: p, "nhiem", "ky"), let m = after(e) { return m }
        case 0x71:
            // quy\s+[ivx1-4]+\s*(?:nam|[/\-])? : the run may give back letters or digits, longest first.
            guard has(b, p, "quy") else { break }
            let r = skipSpaces(b, p + 3)
            guard r > p + 3 else { break }
            var end = r
            while end < b.count, [0x69, 0x76, 0x78, 0x31, 0x32, 0x33, 0x34].contains(b[end]) { end += 1 }
            var k = end
            while k > r {
                if let m = optional(k, ["nam"], slashOrDash: true) { return m }
                k -= 1
            }
        case 0x74:
            // thang\s+\d{1,2}\s*(?:nam|/): one digit of two leaves a digit where the word must stand.
            guard has(b, p, "thang") else { break }
            let r = skipSpaces(b, p + 5)
            guard r > p + 5, let d = digitEnd(b, r) else { break }
            let s = skipSpaces(b, digitEnd(b, d) ?? d)
            if has(b, s, "nam"), let m = after(s + 3) { return m }
            if s < b.count && b[s] == 0x2F, let m = after(s + 1) { return m }
        case 0x67:
            if let e = words(b, at: p, "giai", "doan"), let m = after(e) { return m }
        case 0x6B:
            if has(b, p, "khoa"), let m = after(p + 4) { return m }
        case 0x64:
            if has(b, p, "dot"), let m = after(p + 3) { return m }
        case 0x6C:
            // lan\s+thu\s+\S+\s*(?:nam)? : the \S+ may give back code points, longest first.
            guard let e = words(b, at: p, "lan", "thu") else { break }
            let r = skipSpaces(b, e)
            guard r > e else { break }
            var end = r
            while end < b.count && spaceEnd(b, end) == nil { end += width(b[end]) }
            var k = end
            while k > r {
                if let m = optional(k, ["nam"], slashOrDash: false) { return m }
                k = start(before: k, in: b)
            }
        default: break
        }
        guard let (y, span) = yearPart(at: p, in: b) else { return nil }
        return YearRef(range: p..<(span?.upperBound ?? y.upperBound), lead: nil, year: y, span: span)
    }

    struct Anniversary { var range: Range<Int>; var count: Range<Int>; var what: Range<Int> }

    /// Every match of `anniversary`: `(\d{1,3})\s+nam\s+(?:ngay\s+)?([a-z ,\-–]{4,80})`.
    static func anniversaryMatches(_ b: Bytes, _ found: (Anniversary) -> Void) {
        var p = 0
        while p < b.count {
            let c = b[p]
            if c < 0x80 && c &- 0x30 >= 10 { p += 1; continue }
            if let m = anniversary(at: p, in: b) { found(m); p = m.range.upperBound } else { p += width(c) }
        }
    }

    static func anniversary(at p: Int, in b: Bytes) -> Anniversary? {
        // \d{1,3}\s+nam: only the whole run of digits can be followed by white space, and that is taken
        // whole ("nam" follows).
        let (digitsEnd, n) = digitRun(b, p, limit: 4)
        guard n >= 1 && n <= 3 else { return nil }
        let q = skipSpaces(b, digitsEnd)
        guard q > digitsEnd, has(b, q, "nam") else { return nil }
        /// [a-z ,\-–]{4,80} from byte `g` (nothing follows it: the longest run, if it has four).
        func what(_ g: Int) -> Anniversary? {
            var i = g, count = 0
            while i < b.count && count < 80 {
                let c = b[i]
                if c &- 0x61 < 26 || c == 0x20 || c == 0x2C || c == 0x2D { i += 1 }
                else if has(b, i, "–") { i += 3 }
                else { break }
                count += 1
            }
            return count >= 4 ? Anniversary(range: p..<i, count: p..<digitsEnd, what: g..<i) : nil
        }
        // \s+ may give back white space to the run (a U+0020 it gives back is in the class): most first.
        let r = q + 3
        guard spaceEnd(b, r) != nil else { return nil }
        var t = skipSpaces(b, r)
        while t > r {
            if has(b, t, "ngay"), spaceEnd(b, t + 4) != nil {
                var u = skipSpaces(b, t + 4)
                while u > t + 4 {
                    if let m = what(u) { return m }
                    u = start(before: u, in: b)
                }
            }
            if let m = what(t) { return m }
            t = start(before: t, in: b)
        }
        return nil
    }

    struct ParenSpan { var range: Range<Int>; var from: Range<Int>; var to: Range<Int> }

    /// Every match of `parenSpan`:
    /// `\(\s*(?:\d{1,2}\s*[/.\-]\s*\d{1,2}\s*[/.\-]\s*)?((?:19|20)\d\d)\s*[-–]\s*(?:\d{1,2}\s*[/.\-]\s*\d{1,2}\s*[/.\-]\s*)?((?:19|20)\d\d)\s*\)`.
    /// Every part is followed by something outside its class, and when the optional day and month match,
    /// leaving them out puts one or two digits where a four-digit year must stand: one way through.
    static func parenSpanMatches(_ b: Bytes, _ found: (ParenSpan) -> Void) {
        var from = 0
        while from < b.count, let hit = memchr(b.baseAddress! + from, 0x28, b.count - from) {
            let p = b.baseAddress!.distance(to: hit.assumingMemoryBound(to: UInt8.self))
            if let m = parenSpan(at: p, in: b) { found(m); from = m.range.upperBound } else { from = p + 1 }
        }
    }

    static func parenSpan(at p: Int, in b: Bytes) -> ParenSpan? {
        func separator(_ i: Int) -> Bool { i < b.count && (b[i] == 0x2F || b[i] == 0x2E || b[i] == 0x2D) }
        /// `\d{1,2}\s*[/.\-]\s*\d{1,2}\s*[/.\-]\s*` at byte `q`: where it ends.
        func dayMonth(_ q: Int) -> Int? {
            guard let d = digitEnd(b, q) else { return nil }
            let s1 = skipSpaces(b, digitEnd(b, d) ?? d)
            guard separator(s1), let m = digitEnd(b, skipSpaces(b, s1 + 1)) else { return nil }
            let s2 = skipSpaces(b, digitEnd(b, m) ?? m)
            guard separator(s2) else { return nil }
            return skipSpaces(b, s2 + 1)
        }
        var q = skipSpaces(b, p + 1)
        q = dayMonth(q) ?? q
        guard let fromEnd = century(b, q), let dash = dashEnd(b, skipSpaces(b, fromEnd)) else { return nil }
        var t = skipSpaces(b, dash)
        t = dayMonth(t) ?? t
        guard let toEnd = century(b, t) else { return nil }
        let close = skipSpaces(b, toEnd)
        guard close < b.count, b[close] == 0x29 else { return nil }
        return ParenSpan(range: p..<close + 1, from: q..<fromEnd, to: t..<toEnd)
    }

    /// Every match of `monthYear`: `thang\s+(\d{1,2})\s*(?:/|nam)\s*((?:19|20)\d\d)(?!\d)`.
    static func monthYearMatches(_ b: Bytes, _ found: (_ range: Range<Int>, _ month: Range<Int>, _ year: Range<Int>) -> Void) {
        var from = 0
        while let at = find(b, "thang", from: from) {
            from = at + 1
            // Each \s* is followed by a digit, "/" or "n", and one digit of two leaves a digit where they must stand.
            let r = skipSpaces(b, at + 5)
            guard r > at + 5, let d = digitEnd(b, r) else { continue }
            let monthEnd = digitEnd(b, d) ?? d
            var s = skipSpaces(b, monthEnd)
            if s < b.count && b[s] == 0x2F { s += 1 } else if has(b, s, "nam") { s += 3 } else { continue }
            let y = skipSpaces(b, s)
            guard let ye = century(b, y), digitEnd(b, ye) == nil else { continue }
            found(at..<ye, r..<monthEnd, y..<ye)
            from = ye
        }
    }

    /// `reviewCue` on a window: `(?:tong\s+ket|so\s+ket|giao\s+ban|ket\s+qua|danh\s+gia|nhin\s+lai|bao\s+cao)[^.;]{0,70}$`.
    /// With `dotsAsCommas`, as run on the text with every "." replaced by ",".
    static func endsWithReviewCue(_ w: Bytes, dotsAsCommas: Bool = false) -> Bool {
        let lo = runStart(w, max: 70) { $0 == 0x3B || (!dotsAsCommas && $0 == 0x2E) }
        return anyEnd(w, from: lo) { e in
            guard e > 0 else { return false }
            switch w[e - 1] {
            case 0x74: return words(w, endingAt: e, "tong", "ket") != nil || words(w, endingAt: e, "so", "ket") != nil
            case 0x6E: return words(w, endingAt: e, "giao", "ban") != nil
            case 0x61: return words(w, endingAt: e, "ket", "qua") != nil || words(w, endingAt: e, "danh", "gia") != nil
            case 0x69: return words(w, endingAt: e, "nhin", "lai") != nil
            case 0x6F: return words(w, endingAt: e, "bao", "cao") != nil
            default: return false
            }
        }
    }

    /// `planCue` on a window: `(?:nhiem\s+vu|phuong\s+huong|ke\s+hoach|trien\s+khai|dinh\s+huong|chuong\s+trinh)[^.;]{0,40}$`.
    static func endsWithPlanCue(_ w: Bytes) -> Bool {
        let lo = runStart(w, max: 40) { $0 == 0x2E || $0 == 0x3B }
        return anyEnd(w, from: lo) { e in
            guard e > 0 else { return false }
            switch w[e - 1] {
            case 0x75: return words(w, endingAt: e, "nhiem", "vu") != nil
            case 0x67: return words(w, endingAt: e, "phuong", "huong") != nil || words(w, endingAt: e, "dinh", "huong") != nil
            case 0x68: return words(w, endingAt: e, "ke", "hoach") != nil || words(w, endingAt: e, "chuong", "trinh") != nil
            case 0x69: return words(w, endingAt: e, "trien", "khai") != nil
            default: return false
            }
        }
    }

    /// What `halfYear` reads: 6 months (first or last), 9 months, a quarter, or the year's end.
    enum PeriodEnd: Equatable { case half(first: Bool), nine, quarter(String), yearEnd }

    /// `halfYear`'s first match:
    /// `(?:6|sau)\s+thang\s+(dau|cuoi)\s+nam\s*$|(?:9|chin)\s+thang\s+(?:dau\s+)?nam\s*$|quy\s+([ivx]+|[1-4])\s*(?:nam|[/\-])?\s*$|(cuoi)\s+nam\s*$`.
    /// Every alternative runs to the end, so the first match is the one that starts first; no two
    /// alternatives start alike, and within one every \s is taken whole (words follow) and `[ivx]+` too
    /// (a letter left over cannot reach the end).
    static func halfYear(_ w: Bytes) -> PeriodEnd? {
        func atEnd(_ q: Int) -> Bool { skipSpaces(w, q) == w.count }
        func gap(_ q: Int) -> Int? { let s = skipSpaces(w, q); return s > q ? s : nil }
        var p = 0
        while p < w.count {
            // (?:6|sau)\s+thang\s+(dau|cuoi)\s+nam\s*$
            let six = w[p] == 0x36 ? p + 1 : has(w, p, "sau") ? p + 3 : nil
            if let s = six, let t = gap(s), has(w, t, "thang"), let u = gap(t + 5) {
                let first = has(w, u, "dau")
                if first || has(w, u, "cuoi"), let v = gap(u + (first ? 3 : 4)), has(w, v, "nam"), atEnd(v + 3) { return .half(first: first) }
            }
            // (?:9|chin)\s+thang\s+(?:dau\s+)?nam\s*$
            let nine = w[p] == 0x39 ? p + 1 : has(w, p, "chin") ? p + 4 : nil
            if let s = nine, let t = gap(s), has(w, t, "thang"), var u = gap(t + 5) {
                if has(w, u, "dau"), let v = gap(u + 3), has(w, v, "nam") { u = v }
                if has(w, u, "nam"), atEnd(u + 3) { return .nine }
            }
            // quy\s+([ivx]+|[1-4])\s*(?:nam|[/\-])?\s*$
            if has(w, p, "quy"), let s = gap(p + 3), s < w.count {
                var e = s
                while e < w.count && (w[e] == 0x69 || w[e] == 0x76 || w[e] == 0x78) { e += 1 }
                if e == s && w[s] >= 0x31 && w[s] <= 0x34 { e = s + 1 }
                if e > s {
                    let t = skipSpaces(w, e)
                    if atEnd(t) || (has(w, t, "nam") && atEnd(t + 3)) || (t < w.count && (w[t] == 0x2F || w[t] == 0x2D) && atEnd(t + 1)) {
                        return .quarter(string(w, s..<e))
                    }
                }
            }
            // (cuoi)\s+nam\s*$
            if has(w, p, "cuoi"), let s = gap(p + 4), has(w, s, "nam"), atEnd(s + 3) { return .yearEnd }
            p += width(w[p])
        }
        return nil
    }

    /// `relativeLead`'s group 1: `^(?:\S{0,12}\s*[-–]\s*)?(?:(?:sang|chieu|toi|trua)\s+|hom\s+)(nay|qua)\b`.
    static func relativeLead(_ w: Bytes) -> String? {
        func cue(_ q: Int) -> String? {
            var r = -1
            for c in ["sang", "chieu", "toi", "trua", "hom"] as [StaticString] where has(w, q, c) { r = q + c.utf8CodeUnitCount }
            guard r >= 0 else { return nil }
            let s = skipSpaces(w, r)
            guard s > r else { return nil }
            for word in ["nay", "qua"] as [StaticString] where has(w, s, word) && isWordBoundary(w, s + 3) { return word.description }
            return nil
        }
        // \S{0,12} gives back code points, most first; then \s* (whole: a dash follows), a dash, \s* (whole).
        var ends = [0]
        var i = 0
        while i < w.count && ends.count <= 12 && spaceEnd(w, i) == nil { i += width(w[i]); ends.append(i) }
        for x in ends.reversed() {
            if let d = dashEnd(w, skipSpaces(w, x)), let word = cue(skipSpaces(w, d)) { return word }
        }
        return cue(0)
    }
}

// MARK: - Date lines (the page's own words, `.caseInsensitive`)

extension DateScan {
    /// A lower-case letter of a `.caseInsensitive` pattern and its upper-case form.
    struct Letter { let lower: Unicode.Scalar, upper: Unicode.Scalar }

    /// Does scalar `c` of the text match letter `p` of a `.caseInsensitive` pattern? ICU compares case
    /// foldings. No letter of these patterns is part of a multi-letter folding ("ss", "st", "i̇" …), so a
    /// scalar matches when it folds to the letter alone: the letter, its upper-case form, the Kelvin sign
    /// for k and ſ for s (the only scalars beyond ASCII that fold to an ASCII letter alone; the unit tests
    /// check this against `lowercaseMapping` for every scalar, and against ICU itself).
    @inline(__always) static func foldsTo(_ c: Unicode.Scalar, _ p: Letter) -> Bool {
        if c == p.lower || c == p.upper { return true }
        switch c.value {
        case 0x212A: return p.lower == "k"
        case 0x17F: return p.lower == "s"
        default: return false
        }
    }

    /// The end of the word at byte `i`, in any case.
    static func caseless(_ b: Bytes, _ i: Int, _ word: [Letter]) -> Int? {
        var j = i
        for p in word {
            guard j < b.count else { return nil }
            let c = b[j]
            if c < 0x80 {
                // An ASCII letter, in either case (no ASCII byte folds to another letter).
                guard p.lower.value < 0x80, c | 0x20 == UInt8(p.lower.value) else { return nil }
                j += 1
            } else {
                guard foldsTo(scalar(b, j), p) else { return nil }
                j += width(c)
            }
        }
        return j
    }

    /// Words of the date-line patterns, as scalars (NFC, as the patterns were written).
    enum LineWords {
        static func w(_ s: String) -> [Letter] {
            s.unicodeScalars.map { Letter(lower: $0, upper: $0.properties.uppercaseMapping.unicodeScalars.first!) }
        }
        static let thu = w("thứ"), chu = w("chủ"), nhat = w("nhật"), cap = w("cập"), luc = w("lúc"), dang = w("đăng")
        static let ngay = w("ngày"), xuat = w("xuất"), ban = w("bản"), gmt = w("gmt"), utc = w("utc")
        static let thang = w("tháng"), nam = w("năm")
        static let weekdays = ["hai", "ba", "tư", "năm", "sáu", "bảy"].map(w)
        static let shortWords = ["am", "pm", "sa", "ch"].map(w)
    }

    /// `thứ\s+(?:hai|ba|tư|năm|sáu|bảy|[2-7])` at byte `i` (any case): where it ends. The white space
    /// is taken whole (a letter or digit follows), the names are tried in their order.
    static func weekdayWords(_ b: Bytes, _ i: Int) -> Int? {
        guard let t = caseless(b, i, LineWords.thu) else { return nil }
        let q = skipSpaces(b, t)
        guard q > t else { return nil }
        for name in LineWords.weekdays { if let e = caseless(b, q, name) { return e } }
        return q < b.count && b[q] >= 0x32 && b[q] <= 0x37 ? q + 1 : nil
    }

    /// `first\s+second` (any case) at byte `i`: where it ends.
    static func caselessWords(_ b: Bytes, _ i: Int, _ first: [Letter], _ second: [Letter]) -> Int? {
        guard let e = caseless(b, i, first) else { return nil }
        let q = skipSpaces(b, e)
        guard q > e else { return nil }
        return caseless(b, q, second)
    }

    /// `DateLine.weekday`: does `thứ\s+(?:hai|ba|tư|năm|sáu|bảy|[2-7])|chủ\s+nhật` match (any case)?
    static func lineHasWeekday(_ b: Bytes) -> Bool {
        var p = 0
        while p < b.count {
            if weekdayWords(b, p) != nil || caselessWords(b, p, LineWords.chu, LineWords.nhat) != nil { return true }
            p += width(b[p])
        }
        return false
    }

    /// `DateLine.fullDate`'s first match: `(?<!\d)(\d{1,2})\s*[/.\-]\s*(\d{1,2})\s*[/.\-]\s*(\d{4})(?!\d)`
    /// (it has no letter, so case does not matter).
    static func firstLineDate(_ b: Bytes) -> FullStamp? {
        func separator(_ i: Int) -> Bool { i < b.count && (b[i] == 0x2F || b[i] == 0x2E || b[i] == 0x2D) }
        var p = 0
        while p < b.count {
            let c = b[p]
            if c < 0x80 && c &- 0x30 >= 10 { p += 1; continue }
            // Day and month are followed by white space or a separator, never a digit, and each \s* by a
            // separator or a digit: all taken whole.
            if let d = digitEnd(b, p), !(scalar(before: p, in: b).map(isDigit) ?? false) {
                let dayEnd = digitEnd(b, d) ?? d
                let s1 = skipSpaces(b, dayEnd)
                if separator(s1) {
                    let mq = skipSpaces(b, s1 + 1)
                    if let m = digitEnd(b, mq) {
                        let monthEnd = digitEnd(b, m) ?? m
                        let s2 = skipSpaces(b, monthEnd)
                        if separator(s2) {
                            let y = skipSpaces(b, s2 + 1)
                            if let ye = digits(b, y, 4), digitEnd(b, ye) == nil {
                                return FullStamp(range: p..<ye, day: p..<dayEnd, month: mq..<monthEnd, year: y..<ye)
                            }
                        }
                    }
                }
            }
            p += width(c)
        }
        return nil
    }

    /// `DateLine.wordDate`'s first match: `ngày\s+(\d{1,2})\s+tháng\s+(\d{1,2})\s+năm\s+(\d{4})` (any case).
    /// Each \s+ is followed by a digit or a letter, and one digit of two leaves a digit where \s+ must
    /// stand: one way through.
    static func firstLineWordDate(_ b: Bytes) -> FullStamp? {
        var p = 0
        while p < b.count {
            if let n = caseless(b, p, LineWords.ngay) {
                let dq = skipSpaces(b, n)
                if dq > n, let d = digitEnd(b, dq) {
                    let dayEnd = digitEnd(b, d) ?? d
                    let t = skipSpaces(b, dayEnd)
                    if t > dayEnd, let te = caseless(b, t, LineWords.thang) {
                        let mq = skipSpaces(b, te)
                        if mq > te, let m = digitEnd(b, mq) {
                            let monthEnd = digitEnd(b, m) ?? m
                            let y = skipSpaces(b, monthEnd)
                            if y > monthEnd, let ye = caseless(b, y, LineWords.nam) {
                                let yq = skipSpaces(b, ye)
                                if yq > ye, let end = digits(b, yq, 4) {
                                    return FullStamp(range: p..<end, day: dq..<dayEnd, month: mq..<monthEnd, year: yq..<end)
                                }
                            }
                        }
                    }
                }
            }
            p += width(b[p])
        }
        return nil
    }

    /// `DateLine.time`'s first match: `(?<!\d)(\d{1,2})\s*[:hH]\s*(\d{2})(?:\s*:\s*\d{2})?(?!\d)`, with the
    /// hour's and the minute's digits. One digit of two leaves a digit where \s* or [:hH] must stand; the
    /// seconds are taken when they fit, else left out.
    static func firstLineTime(_ b: Bytes) -> (range: Range<Int>, hour: Range<Int>, minute: Range<Int>)? {
        var p = 0
        while p < b.count {
            let c = b[p]
            if c < 0x80 && c &- 0x30 >= 10 { p += 1; continue }
            if let d = digitEnd(b, p), !(scalar(before: p, in: b).map(isDigit) ?? false) {
                let hourEnd = digitEnd(b, d) ?? d
                let q = skipSpaces(b, hourEnd)
                if q < b.count && (b[q] == 0x3A || b[q] | 0x20 == 0x68) {
                    let m = skipSpaces(b, q + 1)
                    if let me = digits(b, m, 2) {
                        let s = skipSpaces(b, me)
                        if s < b.count && b[s] == 0x3A, let se = digits(b, skipSpaces(b, s + 1), 2), digitEnd(b, se) == nil {
                            return (p..<se, p..<hourEnd, m..<me)
                        }
                        if digitEnd(b, me) == nil { return (p..<me, p..<hourEnd, m..<me) }
                    }
                }
            }
            p += width(c)
        }
        return nil
    }

    /// Is the text nothing but matches of `DateLine.filler` (what `stringByReplacingMatches` with "" leaves
    /// empty)? The pattern, any case:
    /// `thứ\s+(?:hai|ba|tư|năm|sáu|bảy|[2-7])|chủ\s+nhật|cập\s+nhật(?:\s+lúc)?|đăng\s+(?:ngày|lúc)|ngày\s+đăng|ngày\s+cập\s+nhật|xuất\s+bản|ngày|lúc|gmt\s*\+\s*7|utc\s*\+\s*7|\bam\b|\bpm\b|\bsa\b|\bch\b|[\s,|:()\-–—/.]`.
    /// A text is left empty when, from its start, each match begins where the last ended: at each such
    /// place the first alternative that matches there is the match.
    static func isAllFiller(_ b: Bytes) -> Bool {
        var p = 0
        while p < b.count {
            guard let e = filler(at: p, in: b), e > p else { return false }
            p = e
        }
        return true
    }

    static func filler(at p: Int, in b: Bytes) -> Int? {
        let c = b[p]
        switch c {
        case 0x2C, 0x7C, 0x3A, 0x28, 0x29, 0x2D, 0x2F, 0x2E: return p + 1
        default: break
        }
        if has(b, p, "–") || has(b, p, "—") { return p + 3 }
        if let e = weekdayWords(b, p) { return e }
        if let e = caselessWords(b, p, LineWords.chu, LineWords.nhat) { return e }
        if let e = caselessWords(b, p, LineWords.cap, LineWords.nhat) {
            // (?:\s+lúc)? : greedy, the white space taken whole.
            let q = skipSpaces(b, e)
            if q > e, let l = caseless(b, q, LineWords.luc) { return l }
            return e
        }
        if let e = caselessWords(b, p, LineWords.dang, LineWords.ngay) ?? caselessWords(b, p, LineWords.dang, LineWords.luc) { return e }
        if let e = caselessWords(b, p, LineWords.ngay, LineWords.dang) { return e }
        if let e = caselessWords(b, p, LineWords.ngay, LineWords.cap) {
            let q = skipSpaces(b, e)
            if q > e, let n = caseless(b, q, LineWords.nhat) { return n }
        }
        if let e = caselessWords(b, p, LineWords.xuat, LineWords.ban) { return e }
        if let e = caseless(b, p, LineWords.ngay) { return e }
        if let e = caseless(b, p, LineWords.luc) { return e }
        for zone in [LineWords.gmt, LineWords.utc] {
            if let e = caseless(b, p, zone) {
                let plus = skipSpaces(b, e)
                if plus < b.count && b[plus] == 0x2B {
                    let seven = skipSpaces(b, plus + 1)
                    if seven < b.count && b[seven] == 0x37 { return seven + 1 }
                }
            }
        }
        if isWordBoundary(b, p) {
            for word in LineWords.shortWords {
                if let e = caseless(b, p, word), isWordBoundary(b, e) { return e }
            }
        }
        return spaceEnd(b, p)
    }

    /// `DateLine.parse` after its cheap tests: the date (numeric first, then in words), the time, and
    /// whether anything but filler is left.
    static func dateLine(_ b: Bytes) -> DateLine? {
        var date: MeetingDate?
        var cut = 0..<0
        if let m = firstLineDate(b), let d = value(b, m.day), let mo = value(b, m.month), let y = value(b, m.year),
           MeetingDate.isValid(day: d, month: mo, year: y) {
            date = MeetingDate(year: y, month: mo, day: d)
            cut = m.range
        } else if let m = firstLineWordDate(b), let d = value(b, m.day), let mo = value(b, m.month), let y = value(b, m.year),
                  MeetingDate.isValid(day: d, month: mo, year: y) {
            date = MeetingDate(year: y, month: mo, day: d)
            cut = m.range
        }
        guard let found = date else { return nil }
        var result = DateLine(date: found, hour: nil, minute: nil, hasWeekday: false)
        // What is left, the date replaced by a space; then the time too.
        var rest: [UInt8] = []
        rest.reserveCapacity(b.count)
        rest += b[..<cut.lowerBound]
        rest.append(0x20)
        rest += b[cut.upperBound...]
        if let t = rest.withUnsafeBufferPointer({ firstLineTime($0) }) {
            let (h, mi) = rest.withUnsafeBufferPointer { (value($0, t.hour), value($0, t.minute)) }
            if let h, let mi, h < 24, mi < 60 {
                result.hour = h
                result.minute = mi
                rest.replaceSubrange(t.range, with: [0x20])
            }
        }
        result.hasWeekday = lineHasWeekday(b)
        return rest.withUnsafeBufferPointer { isAllFiller($0) } ? result : nil
    }
}
