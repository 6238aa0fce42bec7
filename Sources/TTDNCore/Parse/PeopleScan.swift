import Foundation

/// Facts about the scalars of simple text (`SimpleText.isSimple`: U+0000–U+02FF, U+1E00–U+1EFF,
/// U+2010–U+205E), each taken once from the standard library's own answer, so that the byte
/// scanners of people and chairs look a flag up instead of asking `Character` per letter.
/// In simple text every Character is one scalar, so the Character answers are the scalar's.
enum SimpleScalars {
    static let upper: UInt8 = 1          // Character.isUppercase
    static let lower: UInt8 = 2          // Character.isLowercase
    static let number: UInt8 = 4         // Character.isNumber
    static let lu: UInt8 = 8             // general category Lu (ICU's \p{Lu})
    static let letterOrMark: UInt8 = 16  // \p{L} or \p{M} (PeopleExtractor.isLetterOrMark)
    static let regexSpace: UInt8 = 32    // Scalars.isRegexSpace (ICU's \s)
    static let whitespace: UInt8 = 64    // Scalars.isWhitespace (CharacterSet.whitespaces)

    /// Slot of a scalar of the simple ranges, or -1.
    @inline(__always) static func slot(_ v: UInt32) -> Int {
        if v < 0x300 { return Int(v) }
        if v >= 0x1E00 && v < 0x1F00 { return Int(v - 0x1E00) + 0x300 }
        if v >= 0x2010 && v < 0x2060 { return Int(v - 0x2010) + 0x400 }
        return -1
    }

    static func computeFlags(_ v: UInt32) -> UInt8 {
        guard let s = Unicode.Scalar(v) else { return 0 }
        let c = Character(s)
        var f: UInt8 = 0
        if c.isUppercase { f |= upper }
        if c.isLowercase { f |= lower }
        if c.isNumber { f |= number }
        if s.properties.generalCategory == .uppercaseLetter { f |= lu }
        if PeopleExtractor.isLetterOrMark(s) { f |= letterOrMark }
        if Scalars.isRegexSpace(s) { f |= regexSpace }
        if Scalars.isWhitespace(s) { f |= whitespace }
        return f
    }

    static let table: [UInt8] = (0..<0x450).map { (k: Int) -> UInt8 in
        computeFlags(k < 0x300 ? UInt32(k) : k < 0x400 ? UInt32(k - 0x300 + 0x1E00) : UInt32(k - 0x400 + 0x2010))
    }

    /// The lower-case scalar (`properties.lowercaseMapping`, as `fastLowercased` applies it) when it
    /// is one scalar; 0 when it is several (only İ in these ranges).
    static let lowerTable: [UInt32] = (0..<0x450).map { (k: Int) -> UInt32 in
        let v = k < 0x300 ? UInt32(k) : k < 0x400 ? UInt32(k - 0x300 + 0x1E00) : UInt32(k - 0x400 + 0x2010)
        guard let s = Unicode.Scalar(v) else { return 0 }
        let m = s.properties.lowercaseMapping.unicodeScalars
        return m.count == 1 ? m.first!.value : 0
    }

    @inline(__always) static func flags(_ v: UInt32) -> UInt8 {
        let s = slot(v)
        return s >= 0 ? table[s] : computeFlags(v)
    }

    /// The scalar starting at byte `i` of valid UTF-8, and its length.
    @inline(__always) static func decode(_ b: UnsafeBufferPointer<UInt8>, at i: Int) -> (value: UInt32, length: Int) {
        let c = b[i]
        if c < 0x80 { return (UInt32(c), 1) }
        if c < 0xE0 { return ((UInt32(c & 0x1F) << 6) | UInt32(b[i + 1] & 0x3F), 2) }
        if c < 0xF0 { return ((UInt32(c & 0x0F) << 12) | (UInt32(b[i + 1] & 0x3F) << 6) | UInt32(b[i + 2] & 0x3F), 3) }
        return ((UInt32(c & 0x07) << 18) | (UInt32(b[i + 1] & 0x3F) << 12) | (UInt32(b[i + 2] & 0x3F) << 6) | UInt32(b[i + 3] & 0x3F), 4)
    }

    /// Number of scalars in `b[lo..<hi]`.
    @inline(__always) static func count(_ b: UnsafeBufferPointer<UInt8>, _ lo: Int, _ hi: Int) -> Int {
        var n = 0
        var i = lo
        while i < hi { if b[i] & 0xC0 != 0x80 { n += 1 }; i += 1 }
        return n
    }

    /// Byte offset after the first `n` scalars from `lo`, or `hi` when there are fewer (`dropFirst`).
    @inline(__always) static func advance(_ b: UnsafeBufferPointer<UInt8>, _ lo: Int, by n: Int, limit hi: Int) -> Int {
        if n <= 0 { return lo }
        var seen = 0
        var i = lo
        while i < hi {
            if b[i] & 0xC0 != 0x80 {
                if seen == n { return i }
                seen += 1
            }
            i += 1
        }
        return hi
    }

    /// First offset of `needle` in `b[lo..<hi]`, absolute.
    @inline(__always) static func find(_ needle: [UInt8], in b: UnsafeBufferPointer<UInt8>, _ lo: Int, _ hi: Int) -> Int? {
        guard hi > lo else { return needle.isEmpty ? lo : nil }
        return needle.withUnsafeBytes { nd in
            findBytes(UnsafeRawBufferPointer(rebasing: UnsafeRawBufferPointer(b)[lo..<hi]), from: 0, nd).map { $0 + lo }
        }
    }
}

/// A set of short words looked up by bytes, with no String made: words of up to 16 bytes are
/// packed into two integers and found in an open-addressing table. The words must be NFC: a
/// query from simple text is NFC too, so byte equality is the String equality of `Set<String>`.
struct ByteWordSet: Sendable {
    private struct Key: Equatable { var a: UInt64; var b: UInt64; var length: Int }
    private let slots: [Key]   // length 0: empty
    private let mask: Int
    private let long: Set<[UInt8]>

    init<S: Sequence>(_ words: S) where S.Element == String {
        var size = 64
        let all = Array(Set(words.map { Array($0.utf8) }))
        while size < all.count * 4 { size *= 2 }
        var slots = [Key](repeating: Key(a: 0, b: 0, length: 0), count: size)
        var long = Set<[UInt8]>()
        for w in all where !w.isEmpty {
            if w.count > 16 { long.insert(w); continue }
            let k = w.withUnsafeBufferPointer { Self.key($0, 0, w.count) }
            var i = Self.hash(k) & (size - 1)
            while slots[i].length != 0 { i = (i + 1) & (size - 1) }
            slots[i] = k
        }
        self.slots = slots
        self.mask = size - 1
        self.long = long
    }

    @inline(__always) private static func key(_ p: UnsafeBufferPointer<UInt8>, _ lo: Int, _ hi: Int) -> Key {
        var a: UInt64 = 0, b: UInt64 = 0
        var i = lo
        var shift: UInt64 = 0
        while i < hi && i < lo + 8 { a |= UInt64(p[i]) << shift; shift += 8; i += 1 }
        shift = 0
        while i < hi { b |= UInt64(p[i]) << shift; shift += 8; i += 1 }
        return Key(a: a, b: b, length: hi - lo)
    }

    @inline(__always) private static func hash(_ k: Key) -> Int {
        let h = (k.a &* 0x9E37_79B9_7F4A_7C15) ^ (k.b &* 0xC2B2_AE3D_27D4_EB4F) ^ UInt64(k.length)
        return Int(truncatingIfNeeded: h ^ (h >> 29))
    }

    /// Is `p[lo..<hi]` one of the words?
    @inline(__always) func contains(_ p: UnsafeBufferPointer<UInt8>, _ lo: Int, _ hi: Int) -> Bool {
        let n = hi - lo
        if n <= 0 { return false }
        if n > 16 { return long.contains(Array(p[lo..<hi])) }
        let k = Self.key(p, lo, hi)
        var i = Self.hash(k) & mask
        while true {
            let s = slots[i]
            if s.length == 0 { return false }
            if s == k { return true }
            i = (i + 1) & mask
        }
    }
}

/// `PeopleExtractor.mentions(in:)` on the bytes of a paragraph of simple text, where a Character
/// is a scalar, a word is a run between 0x20 bytes and a String is made only for what is kept.
/// Every step mirrors the String code it replaces (kept as `mentionsString`, the reference of
/// PeopleScanTests).
struct PeopleScan {
    let b: UnsafeBufferPointer<UInt8>
    /// The words of the span readPerson reads: `words[0..<wordCount]`.
    private var words = [(Int, Int)](repeating: (0, 0), count: 24)
    private var wordCount = 0
    private var padded: [UInt8] = []
    private var lowBefore: [UInt8] = []
    private var lowAfter: [UInt8] = []
    // The static tables, held here so that the loops do not check their one-time initialisation at each use.
    private let flagTable = SimpleScalars.table
    private let lowerTable = SimpleScalars.lowerTable
    private let titleWords = PeopleExtractor.titleWordSet
    private let surnames = PeopleExtractor.surnameSet
    private let alsoTitles = PeopleExtractor.alsoTitleSet

    init(_ b: UnsafeBufferPointer<UInt8>) {
        self.b = b
    }

    typealias P = PeopleExtractor

    @inline(__always) private func flags(at i: Int) -> (UInt8, Int) {
        let (v, len) = SimpleScalars.decode(b, at: i)
        let slot = SimpleScalars.slot(v)
        return (slot >= 0 ? flagTable[slot] : SimpleScalars.computeFlags(v), len)
    }

    // MARK: cues

    /// The cue's match at byte `i`, if one starts there: its end (after the spaces).
    @inline(__always) private static func cueMatch(_ b: UnsafeBufferPointer<UInt8>, at i: Int, table: [UInt8]) -> Int? {
        let n = b.count
        @inline(__always) func flags(at i: Int) -> UInt8 {
            let v = SimpleScalars.decode(b, at: i).value
            let slot = SimpleScalars.slot(v)
            return slot >= 0 ? table[slot] : SimpleScalars.computeFlags(v)
        }
        let c = b[i]
        var litEnd = -1
        if c == 0xC4 {
            if i + 1 < n && (b[i + 1] == 0x90 || b[i + 1] == 0x91) {                         // Đ đ
                // "ồng chí": E1 BB 93 6E 67 20 63 68 C3 AD.
                if i + 11 < n && b[i + 2] == 0xE1 && b[i + 3] == 0xBB && b[i + 4] == 0x93 && b[i + 5] == 0x6E && b[i + 6] == 0x67
                    && b[i + 7] == 0x20 && b[i + 8] == 0x63 && b[i + 9] == 0x68 && b[i + 10] == 0xC3 && b[i + 11] == 0xAD { litEnd = i + 12 }
                else if i + 3 < n && b[i + 2] == 0x2F && (b[i + 3] == 0x43 || b[i + 3] == 0x63) { litEnd = i + 4 }   // Đ/c
            }
        } else if c == 0xC3 {
            if i + 3 < n && (b[i + 1] == 0x94 || b[i + 1] == 0xB4) && b[i + 2] == 0x6E && b[i + 3] == 0x67 { litEnd = i + 4 }   // Ông ông
        } else if c | 0x20 == 0x62 {                                                           // B b
            if i + 2 < n && b[i + 1] == 0xC3 && b[i + 2] == 0xA0 { litEnd = i + 3 }              // Bà bà
        }
        guard litEnd > 0 else { return nil }
        if i > 0 {
            var p = i - 1
            while b[p] & 0xC0 == 0x80 { p -= 1 }
            if flags(at: p) & SimpleScalars.letterOrMark != 0 { return nil }
        }
        var j = litEnd
        while j < n && flags(at: j) & SimpleScalars.regexSpace != 0 { j += SimpleScalars.decode(b, at: j).length }
        guard j > litEnd, j < n, flags(at: j) & SimpleScalars.lu != 0 else { return nil }
        return j
    }

    /// `PeopleExtractor.cue`: `(?<![\p{L}\p{M}])(?:[Đđ]ồng chí|[Đđ]/[Cc]|[Ôô]ng|[Bb]à)\s+(?=\p{Lu})`,
    /// as UTF-8 offsets (start of the cue word, end of the spaces after it), leftmost first and not
    /// overlapping. Exact on any UTF-8 (the flags of scalars beyond the table are computed). Only
    /// bytes C3, C4, B and b can start a cue: they are found eight at a time.
    static func cueMatches(_ b: UnsafeBufferPointer<UInt8>) -> [(start: Int, end: Int)] {
        let n = b.count
        var out: [(start: Int, end: Int)] = []
        guard let raw = UnsafeRawPointer(b.baseAddress) else { return out }
        let table = SimpleScalars.table
        var next = 0      // a match may start here or later
        var window = 0
        while window < n {
            var starts: UInt64 = 0   // high bit of byte k: byte window + k may start a cue
            let width = min(8, n - window)
            if width == 8 {
                let x = raw.loadUnaligned(fromByteOffset: window, as: UInt64.self)
                starts = zeroBytes(x ^ 0xC3C3_C3C3_C3C3_C3C3) | zeroBytes(x ^ 0xC4C4_C4C4_C4C4_C4C4)
                    | zeroBytes((x | 0x2020_2020_2020_2020) ^ 0x6262_6262_6262_6262)
            } else {
                for k in 0..<width {
                    let c = b[window + k]
                    if c == 0xC3 || c == 0xC4 || c | 0x20 == 0x62 { starts |= 0x80 << UInt64(8 * k) }
                }
            }
            while starts != 0 {
                let at = window + starts.trailingZeroBitCount >> 3
                starts &= starts - 1
                guard at >= next, let end = cueMatch(b, at: at, table: table) else { continue }
                out.append((at, end))
                next = end
            }
            window = max(window + width, next)
        }
        return out
    }

    /// The high bit of each zero byte of `y`, exactly (no borrow runs from one byte into the next).
    @inline(__always) static func zeroBytes(_ y: UInt64) -> UInt64 {
        ~(((y & 0x7F7F_7F7F_7F7F_7F7F) &+ 0x7F7F_7F7F_7F7F_7F7F) | y) & 0x8080_8080_8080_8080
    }

    /// `SimpleText.isSimple(b, limit: .max)` for valid UTF-8, eight bytes at a time: a window needs a
    /// closer look only where a byte is CR or a lead byte of CC or above (C2–CB always pass; E1 and E2
    /// pass in the ranges isSimple allows; continuation bytes are below C0).
    static func isSimple(_ b: UnsafeBufferPointer<UInt8>) -> Bool {
        guard let raw = UnsafeRawPointer(b.baseAddress) else { return true }
        let n = b.count
        @inline(__always) func leadPasses(_ i: Int) -> Bool {
            let c = b[i]
            if c == 0x0D { return false }
            guard c == 0xE1 || c == 0xE2, i + 2 < n else { return false }
            let c1 = b[i + 1], c2 = b[i + 2]
            if c == 0xE1 { return c1 >= 0xB8 && c1 <= 0xBB }
            if c1 == 0x80 { return (c2 >= 0x90 && c2 <= 0xA7) || c2 >= 0xB0 }
            if c1 == 0x81 { return c2 <= 0x9E }
            return false
        }
        var window = 0
        while window < n {
            let width = min(8, n - window)
            var suspects: UInt64 = 0
            if width == 8 {
                let x = raw.loadUnaligned(fromByteOffset: window, as: UInt64.self)
                let high = x & 0x8080_8080_8080_8080
                let big = ((x & 0x7F7F_7F7F_7F7F_7F7F) &+ 0x3434_3434_3434_3434) & high   // bytes ≥ CC
                suspects = big | zeroBytes(x ^ 0x0D0D_0D0D_0D0D_0D0D)
            } else {
                for k in 0..<width where b[window + k] >= 0xCC || b[window + k] == 0x0D { suspects |= 0x80 << UInt64(8 * k) }
            }
            while suspects != 0 {
                let at = window + suspects.trailingZeroBitCount >> 3
                suspects &= suspects - 1
                if !leadPasses(at) { return false }
            }
            window += width
        }
        return true
    }

    // MARK: mentions

    /// The mentions read at `cues` (from `cueMatches`, not empty).
    mutating func mentions(at cues: [(start: Int, end: Int)]) -> [PeopleExtractor.Mention] {
        var out: [PeopleExtractor.Mention] = []
        var prevEnd = 0
        for (k, c) in cues.enumerated() {
            let nextCue = k + 1 < cues.count ? cues[k + 1].start : b.count
            guard let (name, titles, consumed) = readPerson(c.end, nextCue) else { continue }
            let sentenceStart = max(prevEnd, lastSentenceBreak(before: c.start))
            let afterLo = SimpleScalars.advance(b, c.end, by: consumed, limit: nextCue)
            let afterStop = SimpleScalars.find(P.dotSpace, in: b, afterLo, nextCue) ?? nextCue
            let afterHi = SimpleScalars.advance(b, afterLo, by: 220, limit: afterStop)
            let role = self.role(before: (sentenceStart, c.start), after: (afterLo, afterHi))
                ?? P.role(before: string(sentenceStart, c.start), after: string(afterLo, afterHi))
            out.append(PeopleExtractor.Mention(name: name, titles: titles, role: role))
            prevEnd = c.start
        }
        return out
    }

    @inline(__always) private func string(_ lo: Int, _ hi: Int) -> String {
        String(decoding: UnsafeBufferPointer(rebasing: b[lo..<hi]), as: UTF8.self)
    }

    /// Offset just after the last ". " before `loc`, or 0.
    private func lastSentenceBreak(before loc: Int) -> Int {
        var i = loc - 2
        while i >= 0 {
            if b[i] == 0x2E && b[i + 1] == 0x20 { return i + 2 }
            i -= 1
        }
        return 0
    }

    // MARK: words

    /// `trimmingScalars(where: Scalars.isWordPunctuation)`: `,.;:()"“”` off both ends.
    @inline(__always) private func bare(_ w: (Int, Int)) -> (Int, Int) {
        var lo = w.0, hi = w.1
        while lo < hi {
            let c = b[lo]
            if Self.isASCIIPunct(c) { lo += 1; continue }
            if c == 0xE2 && lo + 2 < hi && b[lo + 1] == 0x80 && (b[lo + 2] == 0x9C || b[lo + 2] == 0x9D) { lo += 3; continue }
            break
        }
        while hi > lo {
            let c = b[hi - 1]
            if Self.isASCIIPunct(c) { hi -= 1; continue }
            if (c == 0x9C || c == 0x9D) && hi - 3 >= lo && b[hi - 3] == 0xE2 && b[hi - 2] == 0x80 { hi -= 3; continue }
            break
        }
        return (lo, hi)
    }

    @inline(__always) static func isASCIIPunct(_ c: UInt8) -> Bool {
        switch c {
        case 0x2C, 0x2E, 0x3B, 0x3A, 0x28, 0x29, 0x22: return true
        default: return false
        }
    }

    /// `isCap` of readPerson: the bare word starts upper-case and is not all capitals (beyond one letter).
    @inline(__always) private func isCap(_ w: (Int, Int)) -> Bool {
        let (lo, hi) = bare(w)
        guard lo < hi else { return false }
        let (f, len) = flags(at: lo)
        guard f & SimpleScalars.upper != 0 else { return false }
        var i = lo + len
        if i == hi { return true }
        while i < hi {
            let (f2, len2) = flags(at: i)
            if f2 & SimpleScalars.upper == 0 { return true }
            i += len2
        }
        return false
    }

    @inline(__always) private func hasNumber(_ lo: Int, _ hi: Int) -> Bool {
        var i = lo
        while i < hi {
            let (f, len) = flags(at: i)
            if f & SimpleScalars.number != 0 { return true }
            i += len
        }
        return false
    }

    /// Does the word end with one of `.;:()“”"` (its last Character)?
    @inline(__always) private func endsWithStop(_ w: (Int, Int)) -> Bool {
        let c = b[w.1 - 1]
        switch c {
        case 0x2E, 0x3B, 0x3A, 0x28, 0x29, 0x22: return true
        case 0x9C, 0x9D: return w.1 - 3 >= w.0 && b[w.1 - 3] == 0xE2 && b[w.1 - 2] == 0x80
        default: return false
        }
    }

    @inline(__always) private func inSet(_ s: ByteWordSet, _ r: (Int, Int)) -> Bool { s.contains(b, r.0, r.1) }

    /// `trimmingSpaces()`: white space (Zs and tab; in simple text 0x20, 0x09, NBSP) off both ends.
    @inline(__always) private func trimSpaces(_ lo0: Int, _ hi0: Int) -> (Int, Int) {
        var lo = lo0, hi = hi0
        while lo < hi {
            if b[lo] == 0x20 || b[lo] == 0x09 { lo += 1 } else if b[lo] == 0xC2 && lo + 1 < hi && b[lo + 1] == 0xA0 { lo += 2 } else { break }
        }
        while hi > lo {
            if b[hi - 1] == 0x20 || b[hi - 1] == 0x09 { hi -= 1 } else if b[hi - 1] == 0xA0 && hi - 2 >= lo && b[hi - 2] == 0xC2 { hi -= 2 } else { break }
        }
        return (lo, hi)
    }

    // MARK: readPerson

    /// `PeopleExtractor.readPerson` on `b[lo..<hi]`: "NAME, TITLE, TITLE" or "TITLE NAME".
    /// Returns the name, the titles and how many Characters (scalars) were consumed.
    mutating func readPerson(_ lo: Int, _ hi: Int) -> (String, [String], Int)? {
        // The words of the first 600 Characters, at most 24 (see readPerson).
        let end600 = hi - lo <= 600 ? hi : SimpleScalars.advance(b, lo, by: 600, limit: hi)
        wordCount = 0
        var i = lo
        while i < end600 && wordCount < 24 {
            while i < end600 && b[i] == 0x20 { i += 1 }
            guard i < end600 else { break }
            let s = i
            while i < end600 && b[i] != 0x20 { i += 1 }
            words[wordCount] = (s, i)
            wordCount += 1
        }
        guard wordCount > 0 else { return nil }
        let first = words[0]
        let count = wordCount

        var nameStart = 0
        var titleBefore: [String] = []
        let bareFirst = bare(first)
        if inSet(titleWords, bareFirst)
            && !(inSet(surnames, bareFirst) && count > 1 && isCap(words[1]) && !inSet(titleWords, bare(words[1]))) {
            var j = 1
            var found = -1
            while j < min(count - 1, 16) {
                let last = b[words[j - 1].1 - 1]
                if last == 0x2C || last == 0x2E || last == 0x3B { break }
                let next = bare(words[j + 1])
                if inSet(surnames, bare(words[j])) && isCap(words[j + 1])
                    && (!inSet(titleWords, next) || inSet(alsoTitles, next)) { found = j; break }
                j += 1
            }
            guard found > 0 else { return nil }
            nameStart = found
            titleBefore = [joined(0..<found)]
        }
        var nameWords: [(Int, Int)] = []
        var k = nameStart
        var endedWithComma = false
        while k < count && nameWords.count < 5 {
            let w = words[k]
            let bw = bare(w)
            guard isCap(w), bw.0 < bw.1 else { break }
            if !nameWords.isEmpty && inSet(titleWords, bw) && !inSet(alsoTitles, bw) { break }
            if hasNumber(bw.0, bw.1) { break }
            nameWords.append(bw)
            k += 1
            if b[w.1 - 1] == 0x2C { endedWithComma = true; break }
            if endsWithStop(w) { break }
        }
        guard nameWords.count >= 2 else { return nil }
        if nameStart == 0 && inSet(titleWords, nameWords[0]) && !inSet(surnames, nameWords[0]) { return nil }
        var nameBytes: [UInt8] = []
        for (n, r) in nameWords.enumerated() {
            if n > 0 { nameBytes.append(0x20) }
            nameBytes.append(contentsOf: UnsafeBufferPointer(rebasing: b[r.0..<r.1]))
        }
        let name = String(decoding: nameBytes, as: UTF8.self)
        var consumed = k - 1
        for w in words[0..<k] { consumed += SimpleScalars.count(b, w.0, w.1) }
        var titles = titleBefore
        if endedWithComma {
            // Titles run to the end of the sentence (". ", else ";"), ", "-separated, each capitalised.
            let restLo = SimpleScalars.advance(b, lo, by: consumed + 1, limit: hi)
            let sentenceEnd = SimpleScalars.find(P.dotSpace, in: b, restLo, hi) ?? SimpleScalars.find(P.semicolon, in: b, restLo, hi) ?? hi
            var used = 1
            var chunkLo = restLo
            while true {
                let sep = SimpleScalars.find(P.commaSpace, in: b, chunkLo, sentenceEnd)
                let chunkHi = sep ?? sentenceEnd
                var (tl, th) = trimSpaces(chunkLo, chunkHi)
                guard tl < th, flags(at: tl).0 & SimpleScalars.upper != 0 || b[tl] == 0x28 else { break }
                // Cut at the earliest verb, looked for in the chunk with a space after it.
                padded.removeAll(keepingCapacity: true)
                padded.append(contentsOf: UnsafeBufferPointer(rebasing: b[tl..<th]))
                padded.append(0x20)
                let at = padded.withUnsafeBytes { P.verbCutProbes.earliest(in: $0) }
                if let at { th = tl + at }
                if th > tl && b[th - 1] == 0x2E { th -= 1 }
                (tl, th) = trimSpaces(tl, th)
                if wordCount(tl, th) > 14 { break }
                if tl < th { titles.append(string(tl, th)) }
                if at != nil { used += SimpleScalars.count(b, tl, th) + 1; break }
                used += SimpleScalars.count(b, chunkLo, chunkHi) + 2
                guard let s = sep else { break }
                chunkLo = s + 2
            }
            let restCount = SimpleScalars.count(b, restLo, hi)
            consumed += restCount > used - 2 ? used : restCount + 1
        }
        return (name, titles, consumed)
    }

    /// `words[range].joined(separator: " ")`.
    private func joined(_ range: Range<Int>) -> String {
        var out: [UInt8] = []
        for n in range {
            if n > range.lowerBound { out.append(0x20) }
            out.append(contentsOf: UnsafeBufferPointer(rebasing: b[words[n].0..<words[n].1]))
        }
        return String(decoding: out, as: UTF8.self)
    }

    /// `split(separator: " ").count`.
    private func wordCount(_ lo: Int, _ hi: Int) -> Int {
        var n = 0
        var inWord = false
        var i = lo
        while i < hi {
            if b[i] == 0x20 { inWord = false } else if !inWord { inWord = true; n += 1 }
            i += 1
        }
        return n
    }

    // MARK: role

    /// `fastLowercased()` of `b[lo..<hi]` into `out`; false when a scalar lower-cases to several
    /// (İ), where Characters and scalars would part and the String code must answer.
    private func lowercase(_ lo: Int, _ hi: Int, into out: inout [UInt8]) -> Bool {
        out.removeAll(keepingCapacity: true)
        var i = lo
        while i < hi {
            let c = b[i]
            if c < 0x80 { out.append(c >= 0x41 && c <= 0x5A ? c + 0x20 : c); i += 1; continue }
            let (v, len) = SimpleScalars.decode(b, at: i)
            let slot = SimpleScalars.slot(v)
            guard slot >= 0 else { return false }
            let l = lowerTable[slot]
            guard l != 0 else { return false }
            LowerTable.appendUTF8(l, to: &out)
            i += len
        }
        return true
    }

    /// `PeopleExtractor.role(before:after:)` on bytes, or nil when the String code must answer.
    mutating func role(before: (Int, Int), after: (Int, Int)) -> PersonRole? {
        guard lowercase(before.0, before.1, into: &lowBefore), lowercase(after.0, after.1, into: &lowAfter) else { return nil }
        let a = lowAfter, bl = lowBefore
        @inline(__always) func inA(_ n: [UInt8]) -> Bool { a.containsBytes(n) }
        if inA(P.rChuTri) && !inA(P.rDongChuTri) || bl.count >= P.rChuTriCo.count && bl.suffix(P.rChuTriCo.count).elementsEqual(P.rChuTriCo) { return .chair }
        if inA(P.rTruongDoan) || inA(P.rDanDau) || bl.containsBytes(P.rDoanCongTacDo) && inA(P.rDoan) { return .delegationHead }
        if P.rHostAfter.contains(where: inA) { return .host }
        // The last 60 Characters of `before`.
        var tailStart = bl.count
        var seen = 0
        while tailStart > 0 && seen < 60 {
            tailStart -= 1
            if bl[tailStart] & 0xC0 != 0x80 { seen += 1 }
        }
        let tail = Array(bl[tailStart...])
        if P.rHostTail.contains(where: { tail.containsBytes($0) }) { return .host }
        if P.rSpeaking.contains(where: inA) || tail.containsBytes(P.rPhatBieu) { return .speaker }
        return .attendee
    }
}

extension PeopleExtractor {
    static let titleWordSet = ByteWordSet(titleWords)
    static let surnameSet = ByteWordSet(surnames)
    static let alsoTitleSet = ByteWordSet(nameSyllablesAlsoTitles)
    static let dotSpace = Array(". ".utf8)
    static let commaSpace = Array(", ".utf8)
    static let semicolon = Array(";".utf8)

    // The cues of `role(before:after:)`, as bytes.
    static let rChuTri = Array("chủ trì".utf8)
    static let rDongChuTri = Array("đồng chủ trì".utf8)
    static let rChuTriCo = Array("chủ trì có ".utf8)
    static let rTruongDoan = Array("trưởng đoàn".utf8)
    static let rDanDau = Array("dẫn đầu".utf8)
    static let rDoanCongTacDo = Array("đoàn công tác do".utf8)
    static let rDoan = Array("đoàn".utf8)
    static let rHostAfter = ["buổi làm việc với đoàn", "tiếp và làm việc với", "tiếp đoàn", "làm việc với đoàn", "đã tiếp", "tiếp, làm việc"].map { Array($0.utf8) }
    static let rHostTail = ["tiếp đoàn có", "tiếp và làm việc với đoàn có", "tiếp đón đoàn có", "làm việc với đoàn có"].map { Array($0.utf8) }
    static let rSpeaking = ["phát biểu", "cho biết", "đề nghị", "nhấn mạnh", "báo cáo", "kết luận", "khẳng định", "yêu cầu",
                            "ghi nhận", "đánh giá", "trình bày", "chia sẻ", "lưu ý", "quán triệt", "khai mạc", "thông tin"].map { Array($0.utf8) }
    static let rPhatBieu = Array("phát biểu".utf8)
}
