import Foundation

/// Small scalar- and byte-level stand-ins for Foundation calls on the parsing hot path.
/// On Linux each Foundation string call bridges to NSString (a UTF-16 copy), and
/// `CharacterSet(charactersIn:)` builds a set per call; these give the same answers
/// for the NFC text the parser sees, without either.
enum Scalars {
    /// ICU's `\s` in NSRegularExpression: `[\p{WhiteSpace}]` (ICU's RegexStaticSets).
    @inline(__always) static func isRegexSpace(_ s: Unicode.Scalar) -> Bool {
        if s.value < 0x80 { return (s.value >= 0x09 && s.value <= 0x0D) || s.value == 0x20 }
        return s.properties.isWhitespace
    }

    /// `CharacterSet.whitespaces`: general category Zs and the tab.
    @inline(__always) static func isWhitespace(_ s: Unicode.Scalar) -> Bool {
        if s.value < 0x80 { return s.value == 0x20 || s.value == 0x09 }
        return s.properties.generalCategory == .spaceSeparator
    }

    /// The characters a word's punctuation is trimmed of: `,.;:()“”"`.
    @inline(__always) static func isWordPunctuation(_ s: Unicode.Scalar) -> Bool {
        switch s.value {
        case 0x2C, 0x2E, 0x3B, 0x3A, 0x28, 0x29, 0x22, 0x201C, 0x201D: return true
        default: return false
        }
    }
}

extension String {
    /// `trimmingCharacters(in:)` for a set given as a predicate on scalars (Foundation trims scalars too).
    func trimmingScalars(where drop: (Unicode.Scalar) -> Bool) -> String {
        let scalars = unicodeScalars
        // Most words have nothing to trim: keep the string rather than build a copy.
        guard let first = scalars.first, let last = scalars.last else { return self }
        if !drop(first) && !drop(last) { return self }
        var lo = scalars.startIndex, hi = scalars.endIndex
        while lo < hi, drop(scalars[lo]) { lo = scalars.index(after: lo) }
        while hi > lo {
            let before = scalars.index(before: hi)
            guard drop(scalars[before]) else { break }
            hi = before
        }
        return String(scalars[lo..<hi])
    }

    /// `trimmingCharacters(in: .whitespaces)`.
    func trimmingSpaces() -> String { trimmingScalars(where: Scalars.isWhitespace) }

}

extension StringProtocol {
    /// `components(separatedBy:)` with a literal separator, on bytes.
    func fastComponents(separatedBy separator: String) -> [String] {
        let sep = Array(separator.utf8)
        let bytes = Array(utf8)
        var out: [String] = []
        var start = 0
        bytes.withUnsafeBytes { hay in
            sep.withUnsafeBytes { nd in
                while let at = findBytes(hay, from: start, nd) {
                    out.append(String(decoding: hay[start..<at], as: UTF8.self))
                    start = at + sep.count
                }
            }
        }
        out.append(String(decoding: bytes[start...], as: UTF8.self))
        return out
    }
}

extension StringProtocol {
    /// `count > n`, walking at most n + 1 Characters (and none when the bytes are too few).
    @inline(__always) func hasMoreCharacters(than n: Int) -> Bool {
        if utf8.count <= n { return false }   // a Character takes at least one byte
        // Simple text has one scalar per Character: walk scalars, not graphemes.
        if SimpleText.isSimple(self, limit: n + 1) { return scalarCount > n }
        return index(startIndex, offsetBy: n + 1, limitedBy: endIndex) != nil
    }

    /// `unicodeScalars.count`, counted on bytes (every byte but a continuation byte starts a scalar).
    var scalarCount: Int {
        func count<C: Sequence>(_ bytes: C) -> Int where C.Element == UInt8 {
            var n = 0
            for b in bytes where b & 0xC0 != 0x80 { n += 1 }
            return n
        }
        return utf8.withContiguousStorageIfAvailable { count($0) } ?? count(utf8)
    }

    /// `dropFirst(n)`, counting scalars instead of Characters when the text is simple.
    func dropFirstCharacters(_ n: Int) -> SubSequence {
        guard n > 0, SimpleText.isSimple(self, limit: n) else { return dropFirst(n) }
        var scalars = 0
        var i = utf8.startIndex
        while i < utf8.endIndex {
            if utf8[i] & 0xC0 != 0x80 {
                if scalars == n { return self[i...] }
                scalars += 1
            }
            i = utf8.index(after: i)
        }
        return self[endIndex...]
    }

    /// `String(prefix(n))`, through scalars when the text is simple.
    func prefixCharacters(_ n: Int) -> String {
        if utf8.count <= n { return String(self) }
        if SimpleText.isSimple(self, limit: n) {
            // Cut before the (n+1)th scalar, found on bytes: in simple text that is a Character boundary.
            var scalars = 0
            var cut = utf8.endIndex
            var i = utf8.startIndex
            while i < utf8.endIndex {
                if utf8[i] & 0xC0 != 0x80 {
                    if scalars == n { cut = i; break }
                    scalars += 1
                }
                i = utf8.index(after: i)
            }
            return String(self[..<cut])
        }
        return String(prefix(n))
    }
}

extension String {
    /// `hasSuffix` for a one-byte ASCII suffix, on bytes (the generic `hasSuffix` compares reversed
    /// Characters). The last Character is that byte alone unless a Prepend scalar stands before it
    /// (grapheme rule GB9b): an ASCII byte before it settles that, anything else asks `hasSuffix`.
    @inline(__always) func endsWithASCII(_ byte: UInt8) -> Bool {
        let u = utf8
        guard let last = u.last, last == byte else { return false }
        let before = u.index(before: u.endIndex)
        if before == u.startIndex || u[u.index(before: before)] < 0x80 { return true }
        return hasSuffix(String(UnicodeScalar(byte)))
    }
}

enum SimpleText {
    /// Is every Character of `s` (in its first `limit` scalars, plus the one after) a single
    /// scalar? True for the Latin, Vietnamese and punctuation blocks, which hold no combining,
    /// joining or prepended scalars and no CR; then Characters, scalars and space-split words agree.
    static func isSimple<S: StringProtocol>(_ s: S, limit: Int = .max) -> Bool {
        s.utf8.withContiguousStorageIfAvailable { isSimple($0, limit: limit) } ?? isSimple(Array(s.utf8)[...], limit: limit)
    }

    /// The same test on UTF-8 bytes: ASCII but CR; lead bytes C2–CB (U+0080–U+02FF); E1 B8–BB
    /// (U+1E00–U+1EFF); E2 80 90–A7 and E2 80 B0–E2 81 9E (U+2010–U+2027, U+2030–U+205E).
    static func isSimple<C: Collection>(_ b: C, limit: Int) -> Bool where C.Element == UInt8, C.Index == Int {
        var seen = 0
        var i = b.startIndex
        let end = b.endIndex
        while i < end {
            if seen > limit { return true }
            seen += 1
            let c = b[i]
            if c < 0x80 { if c == 0x0D { return false }; i += 1; continue }
            if c >= 0xC2 && c <= 0xCB { i += 2; continue }
            guard c == 0xE1 || c == 0xE2, i + 2 < end else { return false }
            let c1 = b[i + 1], c2 = b[i + 2]
            if c == 0xE1 { guard c1 >= 0xB8 && c1 <= 0xBB else { return false } }
            else if c1 == 0x80 { guard (c2 >= 0x90 && c2 <= 0xA7) || c2 >= 0xB0 else { return false } }
            else if c1 == 0x81 { guard c2 <= 0x9E else { return false } }
            else { return false }
            i += 3
        }
        return true
    }

    /// `s.prefix(maxCharacters).split(separator: " ").prefix(maxWords)` for simple text (nil otherwise):
    /// one Character per scalar, so the words are the runs between 0x20 bytes.
    static func words(_ s: String, maxCharacters: Int, maxWords: Int) -> [String]? {
        guard isSimple(s, limit: maxCharacters) else { return nil }
        var s = s
        return s.withUTF8 { b in
            var out: [String] = []
            var scalars = 0
            var wordStart = -1
            var end = b.count
            var i = 0
            while i < b.count {
                let c = b[i]
                if c & 0xC0 != 0x80 {             // a scalar starts here
                    if scalars == maxCharacters { end = i; break }
                    scalars += 1
                }
                if c == 0x20 {
                    if wordStart >= 0 {
                        out.append(String(decoding: UnsafeBufferPointer(rebasing: b[wordStart..<i]), as: UTF8.self))
                        wordStart = -1
                        if out.count == maxWords { return out }
                    }
                } else if wordStart < 0 {
                    wordStart = i
                }
                i += 1
            }
            if wordStart >= 0, out.count < maxWords {
                out.append(String(decoding: UnsafeBufferPointer(rebasing: b[wordStart..<end]), as: UTF8.self))
            }
            return out
        }
    }
}

extension String {
    /// The lines of the text ("\n" is always a Character of its own, so this is
    /// `split(separator: "\n", omittingEmptySubsequences:)`), found with memchr.
    func lines(omittingEmpty: Bool) -> [Substring] {
        var out: [Substring] = []
        var copy = self
        let offsets: [(Int, Int)] = copy.withUTF8 { b in
            var spans: [(Int, Int)] = []
            guard let base = b.baseAddress else { return omittingEmpty ? [] : [(0, 0)] }
            var start = 0
            while start <= b.count {
                let rest = b.count - start
                let hit = rest > 0 ? memchr(base + start, 0x0A, rest) : nil
                let end = hit.map { UnsafeRawPointer(base).distance(to: UnsafeRawPointer($0)) } ?? b.count
                if !(omittingEmpty && end == start) { spans.append((start, end)) }
                start = end + 1
            }
            return spans
        }
        let u = utf8
        out.reserveCapacity(offsets.count)
        for (a, b) in offsets {
            out.append(self[u.index(u.startIndex, offsetBy: a)..<u.index(u.startIndex, offsetBy: b)])
        }
        return out
    }
}

extension Substring {
    /// `trimmingCharacters(in: .whitespaces)`.
    func trimmingSpaces() -> String { String(self).trimmingSpaces() }
}

extension StringProtocol {
    /// `lowercased()` with the Latin and Vietnamese letters looked up in a table: the same
    /// per-scalar mapping (`Unicode.Scalar.Properties.lowercaseMapping`) that `lowercased()` applies.
    func fastLowercased() -> String {
        // ASCII text: the standard library's own fast path.
        if utf8.allSatisfy({ $0 < 0x80 }) { return lowercased() }
        var out: [UInt8] = []
        out.reserveCapacity(utf8.count)
        LowerTable.table.withUnsafeBufferPointer { table in
            for s in unicodeScalars {
                let v = s.value
                if v < 0x80 {
                    out.append(v >= 0x41 && v <= 0x5A ? UInt8(v + 0x20) : UInt8(v))
                    continue
                }
                let slot = v < 0x800 ? Int(v) : (v >= 0x1E00 && v < 0x1F00 ? Int(v - 0x1E00 + 0x800) : -1)
                if slot >= 0, table[slot] != 0 {
                    LowerTable.appendUTF8(table[slot], to: &out)
                } else {
                    out.append(contentsOf: s.properties.lowercaseMapping.utf8)
                }
            }
        }
        return String(decoding: out, as: UTF8.self)
    }
}

enum LowerTable {
    /// U+0000–U+07FF then U+1E00–U+1EFF: the lower-case scalar when the mapping is one scalar, else 0.
    static let table: [UInt32] = {
        var t = [UInt32](repeating: 0, count: 0x800 + 0x100)
        for (slot, v) in (Array(0..<0x800) + Array(0x1E00..<0x1F00)).enumerated() {
            guard let s = Unicode.Scalar(UInt32(v)) else { continue }
            let m = s.properties.lowercaseMapping.unicodeScalars
            if m.count == 1, let only = m.first { t[slot] = only.value }
        }
        return t
    }()

    @inline(__always) static func appendUTF8(_ v: UInt32, to out: inout [UInt8]) {
        switch v {
        case 0..<0x80: out.append(UInt8(v))
        case 0x80..<0x800:
            out.append(UInt8(0xC0 | (v >> 6))); out.append(UInt8(0x80 | (v & 0x3F)))
        case 0x800..<0x10000:
            out.append(UInt8(0xE0 | (v >> 12))); out.append(UInt8(0x80 | ((v >> 6) & 0x3F))); out.append(UInt8(0x80 | (v & 0x3F)))
        default:
            out.append(UInt8(0xF0 | (v >> 18))); out.append(UInt8(0x80 | ((v >> 12) & 0x3F)))
            out.append(UInt8(0x80 | ((v >> 6) & 0x3F))); out.append(UInt8(0x80 | (v & 0x3F)))
        }
    }
}

/// Needles that all begin with a space, found in one pass over the spaces of a text. It replaces
/// one `findBytes` (memchr + memcmp) pass per needle: at each space only the needles whose second
/// byte follows are compared.
struct SpaceLedNeedles: Sendable {
    let needles: [[UInt8]]
    /// Indices into `needles`, by the needle's second byte.
    let bySecondByte: [[Int]]

    init(_ needles: [[UInt8]]) {
        precondition(needles.allSatisfy { $0.count >= 2 && $0[0] == 0x20 })
        self.needles = needles
        var table = [[Int]](repeating: [], count: 256)
        for (k, n) in needles.enumerated() { table[Int(n[1])].append(k) }
        bySecondByte = table
    }

    /// The earliest offset where a needle stands and `accept(offset)` holds. As with a search per
    /// needle that resumes after a refused match (`from = at + needle.count`), a needle is not looked
    /// for again inside its own refused match, so the answer is the earliest of those searches.
    func earliest(in h: UnsafeRawBufferPointer, accept: (Int) -> Bool = { _ in true }) -> Int? {
        let count = h.count
        guard count >= 2, let base = h.baseAddress else { return nil }
        var resumeAt: [Int] = []   // per needle, allocated on the first refusal
        var pos = 0
        while pos < count - 1, let p = memchr(base + pos, 0x20, count - 1 - pos) {
            let at = base.distance(to: UnsafeRawPointer(p))
            for k in bySecondByte[Int(h[at + 1])] {
                let needle = needles[k]
                guard at + needle.count <= count, resumeAt.isEmpty || at >= resumeAt[k] else { continue }
                let same = needle.withUnsafeBytes { memcmp(base + at, $0.baseAddress!, needle.count) == 0 }
                guard same else { continue }
                if accept(at) { return at }
                if resumeAt.isEmpty { resumeAt = [Int](repeating: 0, count: needles.count) }
                resumeAt[k] = at + needle.count
            }
            pos = at + 1
        }
        return nil
    }
}
