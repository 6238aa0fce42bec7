import Foundation

/// Search folding on UTF-8 bytes: lower-case, strip tone and vowel marks,
/// đ→d, and collapse every whitespace run (NBSP, line breaks, tabs) to one
/// space. Foundation's `folding(options:)` leaves đ alone and is ~20× slower,
/// so this is a table walk over bytes.
///
/// Both the haystack and the query go through the same function, so
/// "lang son" finds "Lạng Sơn", "uy" finds "ủy" and "uỷ", NFD finds NFC.
public enum VietFold {
    /// Byte to emit for a scalar below U+0800 (two-byte UTF-8), or a marker.
    /// 0 = copy the original bytes, `drop` = emit nothing, `space` = whitespace.
    static let drop: UInt8 = 0xFF
    static let space: UInt8 = 0xFE

    static let twoByte: [UInt8] = buildTable(0x80..<0x800, caseful: false)
    /// U+1E00–U+1EFF (Latin Extended Additional: ạ ả ấ … ỹ), three-byte E1 B8–BB xx.
    static let extAdditional: [UInt8] = buildTable(0x1E00..<0x1F00, caseful: false)
    /// The same tables keeping letter case, for matching proper names
    /// ("Hòa Bình" the province, not "hòa bình" the word for peace).
    static let twoByteCase: [UInt8] = buildTable(0x80..<0x800, caseful: true)
    static let extAdditionalCase: [UInt8] = buildTable(0x1E00..<0x1F00, caseful: true)

    private static func buildTable(_ range: Range<UInt32>, caseful: Bool) -> [UInt8] {
        var table = [UInt8](repeating: 0, count: range.count)
        for cp in range {
            guard let scalar = Unicode.Scalar(cp) else { continue }
            let slot = Int(cp - range.lowerBound)
            if cp == 0xA0 { table[slot] = space; continue }
            if cp == 0x110 { table[slot] = caseful ? UInt8(ascii: "D") : UInt8(ascii: "d"); continue }
            if cp == 0x111 { table[slot] = UInt8(ascii: "d"); continue }
            if scalar.properties.generalCategory == .nonspacingMark { table[slot] = drop; continue }
            let decomposed = String(Character(scalar)).decomposedStringWithCanonicalMapping
            if let first = decomposed.unicodeScalars.first, first.isASCII,
               first.properties.isAlphabetic {
                table[slot] = caseful ? UInt8(first.value) : UInt8(first.value) | 0x20
            }
        }
        return table
    }

    /// Folds a string into bytes (lower-case ASCII where Vietnamese letters were).
    public static func fold(_ text: String) -> [UInt8] {
        var out: [UInt8] = []
        out.reserveCapacity(text.utf8.count)
        var text = text
        text.withUTF8 { fold($0, into: &out, map: nil) }
        return out
    }

    /// Marks stripped, đ→d, case kept, whitespace collapsed: "Tỉnh uỷ Hoà Bình" → "Tinh uy Hoa Binh".
    public static func stripMarks(_ text: String) -> [UInt8] {
        var out: [UInt8] = []
        out.reserveCapacity(text.utf8.count)
        var text = text
        text.withUTF8 { fold($0, into: &out, map: nil, caseful: true) }
        return out
    }

    /// Appends `bytes` with the ASCII capitals lower-cased, 8 bytes at a time. `fold(x)` is
    /// `stripMarks(x)` so lowered: the two tables differ only in the case of the ASCII letter they
    /// emit, and every other byte they write is the same (so a text stripped once serves both).
    public static func appendLowered(_ bytes: [UInt8], to out: inout [UInt8]) {
        let base = out.count
        out.append(contentsOf: bytes)
        out.withUnsafeMutableBytes { b in
            let n = b.count
            var i = base
            let low7: UInt64 = 0x7F7F_7F7F_7F7F_7F7F, high: UInt64 = 0x8080_8080_8080_8080
            while i + 8 <= n {
                let x = b.loadUnaligned(fromByteOffset: i, as: UInt64.self)
                // Per byte: ASCII, at least "A" (0x41 + 0x3F sets the top bit), not past "Z" (0x5B + 0x25 does).
                let y = x & low7
                let upper = ~x & (y &+ 0x3F3F_3F3F_3F3F_3F3F) & ~(y &+ 0x2525_2525_2525_2525) & high
                b.storeBytes(of: x | upper >> 2, toByteOffset: i, as: UInt64.self)
                i += 8
            }
            while i < n {
                let c = b[i]
                if c >= 0x41 && c <= 0x5A { b[i] = c | 0x20 }
                i += 1
            }
        }
    }

    /// `bytes` with the ASCII capitals lower-cased (`appendLowered` into a new array).
    public static func lowered(_ bytes: [UInt8]) -> [UInt8] {
        var out: [UInt8] = []
        appendLowered(bytes, to: &out)
        return out
    }

    public static func foldedString(_ text: String) -> String {
        String(decoding: fold(text), as: UTF8.self)
    }

    /// Folds `text` and records, for each folded byte, the UTF-8 offset in
    /// `text` it came from (so search hits can be highlighted in the original).
    public static func foldWithMap(_ text: String) -> (folded: [UInt8], origin: [Int]) {
        var out: [UInt8] = []
        var map: [Int] = []
        out.reserveCapacity(text.utf8.count)
        map.reserveCapacity(text.utf8.count)
        var text = text
        text.withUTF8 { fold($0, into: &out, map: &map) }
        return (out, map)
    }

    /// The folding walk. Leading and trailing whitespace is kept as at most
    /// one space so that concatenated folds keep word boundaries.
    public static func fold(_ src: UnsafeBufferPointer<UInt8>, into out: inout [UInt8], map: UnsafeMutablePointer<[Int]>?, caseful: Bool = false) {
        if map == nil { foldFast(src, into: &out, caseful: caseful); return }
        let twoByte = caseful ? Self.twoByteCase : Self.twoByte
        let extAdditional = caseful ? Self.extAdditionalCase : Self.extAdditional
        var i = 0
        let n = src.count
        var lastWasSpace = out.last == UInt8(ascii: " ")
        @inline(__always) func emit(_ b: UInt8, _ at: Int) {
            if b == space || b == 0x20 {
                if lastWasSpace { return }
                lastWasSpace = true
                out.append(0x20)
            } else {
                lastWasSpace = false
                out.append(b)
            }
            map?.pointee.append(at)
        }
        while i < n {
            let b0 = src[i]
            if b0 < 0x80 {
                if b0 >= 0x41 && b0 <= 0x5A { emit(caseful ? b0 : b0 | 0x20, i) }
                else if b0 == 0x20 || b0 == 0x09 || b0 == 0x0A || b0 == 0x0D || b0 == 0x0B || b0 == 0x0C { emit(space, i) }
                else { emit(b0, i) }
                i += 1
                continue
            }
            if b0 >= 0xC2 && b0 <= 0xDF && i + 1 < n {
                let cp = (Int(b0 & 0x1F) << 6) | Int(src[i + 1] & 0x3F)
                let t = twoByte[cp - 0x80]
                if t == 0 { emit(b0, i); emit(src[i + 1], i) }
                else if t != drop { emit(t, i) }
                i += 2
                continue
            }
            if b0 == 0xE1 && i + 2 < n && src[i + 1] >= 0xB8 && src[i + 1] <= 0xBB {
                let cp = (Int(src[i + 1] & 0x3F) << 6) | Int(src[i + 2] & 0x3F)
                let t = extAdditional[cp - 0xE00]
                if t == 0 { emit(b0, i); emit(src[i + 1], i); emit(src[i + 2], i) }
                else if t != drop { emit(t, i) }
                i += 3
                continue
            }
            if b0 == 0xE2 && i + 2 < n && src[i + 1] == 0x80 {
                let b2 = src[i + 2]
                // U+2000–U+200A and U+202F are spaces; U+200B–U+200D zero-width.
                if b2 <= 0x8A || b2 == 0xAF { emit(space, i); i += 3; continue }
                if b2 >= 0x8B && b2 <= 0x8D { i += 3; continue }
            }
            // Any other byte (lead or continuation of another script) is copied.
            emit(b0, i)
            i += 1
        }
    }

    /// The same walk without an origin map, writing straight into `out`'s storage: the folded
    /// text is never longer than the source (each byte emits at most one).
    static func foldFast(_ src: UnsafeBufferPointer<UInt8>, into out: inout [UInt8], caseful: Bool) {
        let n = src.count
        let base = out.count
        let lastWasSpace = out.last == UInt8(ascii: " ")
        out.append(contentsOf: repeatElement(0, count: n))
        let twoByteTable = caseful ? Self.twoByteCase : Self.twoByte
        let extTable = caseful ? Self.extAdditionalCase : Self.extAdditional
        let asciiTable = caseful ? Self.asciiCase : Self.ascii
        let written: Int = out.withUnsafeMutableBufferPointer { dst in
            twoByteTable.withUnsafeBufferPointer { twoByte in
            extTable.withUnsafeBufferPointer { extAdditional in
            asciiTable.withUnsafeBufferPointer { ascii in
                    var w = FoldWriter(dst: dst.baseAddress! + base, lastWasSpace: lastWasSpace)
                    var i = 0
                    while i < n {
                        let b0 = src[i]
                        if b0 < 0x80 {
                            w.emit(ascii[Int(b0)])
                            i += 1
                            continue
                        }
                        if b0 >= 0xC2 && b0 <= 0xDF && i + 1 < n {
                            let cp = (Int(b0 & 0x1F) << 6) | Int(src[i + 1] & 0x3F)
                            let t = twoByte[cp - 0x80]
                            if t == 0 { w.emit(b0); w.emit(src[i + 1]) }
                            else if t != drop { w.emit(t) }
                            i += 2
                            continue
                        }
                        if b0 == 0xE1 && i + 2 < n && src[i + 1] >= 0xB8 && src[i + 1] <= 0xBB {
                            let cp = (Int(src[i + 1] & 0x3F) << 6) | Int(src[i + 2] & 0x3F)
                            let t = extAdditional[cp - 0xE00]
                            if t == 0 { w.emit(b0); w.emit(src[i + 1]); w.emit(src[i + 2]) }
                            else if t != drop { w.emit(t) }
                            i += 3
                            continue
                        }
                        if b0 == 0xE2 && i + 2 < n && src[i + 1] == 0x80 {
                            let b2 = src[i + 2]
                            if b2 <= 0x8A || b2 == 0xAF { w.emit(space); i += 3; continue }
                            if b2 >= 0x8B && b2 <= 0x8D { i += 3; continue }
                        }
                        w.emit(b0)
                        i += 1
                    }
                    return w.count
            }
            }
            }
        }
        out.removeLast(n - written)
    }

    /// ASCII bytes folded: A–Z lower-cased (or kept), the six white-space bytes to `space`.
    static let ascii: [UInt8] = asciiTable(caseful: false)
    static let asciiCase: [UInt8] = asciiTable(caseful: true)
    private static func asciiTable(caseful: Bool) -> [UInt8] {
        (0..<128).map { (v: Int) -> UInt8 in
            let b = UInt8(v)
            if b >= 0x41 && b <= 0x5A { return caseful ? b : b | 0x20 }
            if b == 0x20 || b == 0x09 || b == 0x0A || b == 0x0D || b == 0x0B || b == 0x0C { return space }
            return b
        }
    }

    /// Writes folded bytes, collapsing runs of spaces (a struct, so the hot loop needs no captured state).
    struct FoldWriter {
        let dst: UnsafeMutablePointer<UInt8>
        var lastWasSpace: Bool
        var count = 0
        init(dst: UnsafeMutablePointer<UInt8>, lastWasSpace: Bool) { self.dst = dst; self.lastWasSpace = lastWasSpace }
        @inline(__always) mutating func emit(_ b: UInt8) {
            if b == VietFold.space || b == 0x20 {
                if lastWasSpace { return }
                lastWasSpace = true
                dst[count] = 0x20
            } else {
                lastWasSpace = false
                dst[count] = b
            }
            count += 1
        }
    }

    /// True when the text carries any Vietnamese mark (tone, vowel, đ):
    /// such a query "can match exactly" (fzf's convention).
    public static func hasMarks(_ text: String) -> Bool {
        fold(text) != collapseSpaces(Array(text.lowercased().utf8))
    }

    static func collapseSpaces(_ bytes: [UInt8]) -> [UInt8] {
        var out: [UInt8] = []
        var last = false
        for b in bytes {
            let sp = b == 0x20 || b == 0x09 || b == 0x0A || b == 0x0D
            if sp { if !last { out.append(0x20) }; last = true } else { out.append(b); last = false }
        }
        return out
    }
}

/// Substring search on bytes: memchr for the first byte, memcmp for the rest
/// (glibc's memmem is not exported to Swift without _GNU_SOURCE).
@inline(__always)
func findBytes(_ hay: UnsafeRawBufferPointer, from start: Int, _ nd: UnsafeRawBufferPointer) -> Int? {
    let n = nd.count
    guard n > 0, hay.count - start >= n else { return n == 0 ? start : nil }
    let first = Int32(nd[0])
    var pos = start
    let last = hay.count - n
    while pos <= last {
        guard let p = memchr(hay.baseAddress! + pos, first, last - pos + 1) else { return nil }
        let at = hay.baseAddress!.distance(to: UnsafeRawPointer(p))
        if memcmp(hay.baseAddress! + at, nd.baseAddress!, n) == 0 { return at }
        pos = at + 1
    }
    return nil
}

/// The last occurrence of `nd` in `hay`.
@inline(__always)
func findBytesBackwards(_ hay: UnsafeRawBufferPointer, _ nd: UnsafeRawBufferPointer) -> Int? {
    let n = nd.count
    guard n > 0, hay.count >= n else { return n == 0 ? hay.count : nil }
    let first = nd[0]
    var at = hay.count - n
    while at >= 0 {
        if hay[at] == first && memcmp(hay.baseAddress! + at, nd.baseAddress!, n) == 0 { return at }
        at -= 1
    }
    return nil
}

extension Array where Element == UInt8 {
    /// All start offsets of `needle` in self (non-overlapping).
    public func occurrences(of needle: [UInt8], limit: Int = .max) -> [Int] {
        guard !needle.isEmpty, needle.count <= count else { return [] }
        var result: [Int] = []
        withUnsafeBytes { hay in
            needle.withUnsafeBytes { nd in
                var start = 0
                while result.count < limit, let off = findBytes(hay, from: start, nd) {
                    result.append(off)
                    start = off + needle.count
                }
            }
        }
        return result
    }

    public func containsBytes(_ needle: [UInt8]) -> Bool {
        if needle.isEmpty { return true }
        guard needle.count <= count else { return false }
        return withUnsafeBytes { hay in needle.withUnsafeBytes { nd in findBytes(hay, from: 0, nd) != nil } }
    }
}

extension StringProtocol {
    /// Byte-level substring test. Foundation's `contains`/`range(of:)` go
    /// through CFStringFind with Unicode folding, ~50× slower on this hot path;
    /// our text is NFC, so bytes compare exactly.
    @inline(__always)
    public func fastContains(_ needle: String) -> Bool { fastFind(needle) != nil }

    /// UTF-8 offset of the first occurrence of `needle`.
    public func fastFind(_ needle: String) -> Int? {
        var n = needle
        return n.withUTF8 { nd in
            let r = utf8.withContiguousStorageIfAvailable { hay in findBytes(UnsafeRawBufferPointer(hay), from: 0, UnsafeRawBufferPointer(nd)) }
            if let r { return r }
            let copy = Array(utf8)
            return copy.withUnsafeBytes { findBytes($0, from: 0, UnsafeRawBufferPointer(nd)) }
        }
    }

    /// Byte-level `range(of:)` for NFC text (see `fastContains`): the first occurrence of
    /// `needle`, or the last one with `backwards`. A match of whole UTF-8 sequences always
    /// starts and ends on scalar boundaries, so the indices are valid in `self`.
    public func fastRange(of needle: String, backwards: Bool = false) -> Range<String.Index>? {
        var n = needle
        let found: Int? = n.withUTF8 { nd in
            let r = utf8.withContiguousStorageIfAvailable { hay in
                backwards ? findBytesBackwards(UnsafeRawBufferPointer(hay), UnsafeRawBufferPointer(nd))
                          : findBytes(UnsafeRawBufferPointer(hay), from: 0, UnsafeRawBufferPointer(nd))
            }
            if let r { return r }
            let copy = Array(utf8)
            return copy.withUnsafeBytes {
                backwards ? findBytesBackwards($0, UnsafeRawBufferPointer(nd)) : findBytes($0, from: 0, UnsafeRawBufferPointer(nd))
            }
        }
        guard let at = found else { return nil }
        let lo = utf8.index(startIndex, offsetBy: at)
        return lo..<utf8.index(lo, offsetBy: needle.utf8.count)
    }

    /// Number of space-separated words (runs of non-spaces), counted on bytes.
    public var wordCount: Int {
        func count<C: Sequence>(_ bytes: C) -> Int where C.Element == UInt8 {
            var n = 0
            var inWord = false
            for b in bytes {
                if b == 32 { inWord = false } else if !inWord { inWord = true; n += 1 }
            }
            return n
        }
        return utf8.withContiguousStorageIfAvailable { count($0) } ?? count(utf8)
    }
}
