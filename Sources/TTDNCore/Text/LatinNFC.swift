import Foundation

/// NFC for decomposed Latin and Vietnamese text (what some sites serve, or a Mac saves), without
/// Foundation's normaliser: `precomposedStringWithCanonicalMapping` bridges each call to a
/// CFString and back, ~140,000 instructions for a line of news text.
///
/// It composes only text whose every composition it knows, and answers nil for anything else, for
/// the caller to ask Foundation. Known text is made of
/// - starters (class 0) from U+0000–U+024F, U+1E00–U+1EFF, U+2000–U+206F and U+20A0–U+20CF that
///   are their own NFC (U+2000 and U+2001 are not: they become U+2002 and U+2003);
/// - marks from U+0300–U+036F of class > 0 that are their own decomposition (not U+0340, U+0341,
///   U+0343, U+0344, which NFC replaces, nor U+034F of class 0), at most 30 in a row, each after
///   a Latin starter: not after "<", "=", ">" or "¨", whose composites (≮ ≠ ≯, Greek ΅) lie
///   outside these blocks, nor at the start of the text.
///
/// The facts per scalar are Foundation's own, asked once per scalar: the canonical decomposition of
/// each starter and mark, and whether a starter is its own NFC (a composite excluded from
/// composition is not). The algorithm is UAX #15's: a starter's marks are its decomposition's marks
/// and those that follow it, put in canonical order (stable, by combining class), and each mark
/// composes with the starter unless an uncomposed mark of the same or a higher class stands
/// between them. No starter of these blocks composes with the starter before it.
enum LatinNFC {
    /// The longest run of marks composed here; UAX #15's stream-safe format allows 30.
    static let maxMarks = 30

    /// U+0000–U+024F at 0, U+1E00–U+1EFF at 0x250, U+2000–U+206F at 0x350, U+20A0–U+20CF at 0x3C0.
    @inline(__always) static func slot(_ v: UInt32) -> Int? {
        if v < 0x250 { return Int(v) }
        if v >= 0x1E00 && v < 0x1F00 { return Int(v - 0x1E00) + 0x250 }
        if v >= 0x2000 && v < 0x2070 { return Int(v - 0x2000) + 0x350 }
        if v >= 0x20A0 && v < 0x20D0 { return Int(v - 0x20A0) + 0x3C0 }
        return nil
    }

    static let starterScalars: [UInt32] = Array(0..<0x250) + Array(0x1E00..<0x1F00) + Array(0x2000..<0x2070) + Array(0x20A0..<0x20D0)

    /// Starters whose composites with the marks lie outside the blocks above.
    static let foreignComposers: Set<UInt32> = [0x3C, 0x3D, 0x3E, 0xA8]

    static func nfd(_ v: UInt32) -> [UInt32] {
        String(Unicode.Scalar(v)!).decomposedStringWithCanonicalMapping.unicodeScalars.map(\.value)
    }

    /// Combining class of U+0300–U+036F, 0 for a mark this does not compose (see the type).
    static let markClass: [UInt8] = (UInt32(0x300)...0x36F).map { v in
        let c = Unicode.Scalar(v)!.properties.canonicalCombiningClass.rawValue
        return nfd(v) == [v] ? c : 0
    }

    @inline(__always) static func isKnownMark(_ v: UInt32) -> Bool { v >= 0x300 && v <= 0x36F && markClass[Int(v - 0x300)] > 0 }

    /// The facts of the starters, flat (the composer reads them for every scalar), built from
    /// Foundation's answers once.
    final class Tables: Sendable {
        static let stable: UInt8 = 1, takesMarks: UInt8 = 2
        /// By slot: `stable` when the starter is its own NFC (and its decomposition is known),
        /// `takesMarks` when marks may follow it here.
        let flags: [UInt8]
        /// By slot: the canonical decomposition (base first, then marks in canonical order) as
        /// offset << 8 | length in `decompositions`.
        let decompositionAt: [UInt32]
        let decompositions: [UInt32]
        /// The primary composites: a row of 112 (one per mark of U+0300–U+036F, 0 where none) for
        /// each starter that composes, found by `rowOf` (-1: none).
        let rowOf: [Int16]
        let composites: [UInt32]
        /// `markClass`, here so that the composer reaches it without a global access per mark.
        let classes: [UInt8] = LatinNFC.markClass

        init() {
            var flags = [UInt8](repeating: 0, count: LatinNFC.slots)
            var decompositionAt = [UInt32](repeating: 0, count: LatinNFC.slots)
            var decompositions: [UInt32] = []
            var byDecomposition: [[UInt32]: UInt32] = [:]
            for v in starterScalars {
                let scalar = Unicode.Scalar(v)!
                let d = nfd(v)
                // A base of these blocks and at most 7 marks (room the composer keeps: `maxMarks` + 8).
                let known = d.count == 1 || (d.count <= 8 && slot(d[0]) != nil && d.dropFirst().allSatisfy(isKnownMark))
                // A scalar that is its own decomposition is its own NFC: only the others ask Foundation.
                let stable = known && scalar.properties.canonicalCombiningClass.rawValue == 0
                    && (d == [v] || String(scalar).precomposedStringWithCanonicalMapping.unicodeScalars.elementsEqual([scalar]))
                let latin = v < 0x250 || (v >= 0x1E00 && v < 0x1F00)
                let sl = slot(v)!
                if stable {
                    flags[sl] = Tables.stable | (latin && !foreignComposers.contains(v) ? Tables.takesMarks : 0)
                    decompositionAt[sl] = UInt32(decompositions.count) << 8 | UInt32(d.count)
                    decompositions += d
                    if d.count >= 2 { byDecomposition[d] = v }
                }
            }
            // A composite's decomposition is its first element's followed by one more mark.
            var rowOf = [Int16](repeating: -1, count: LatinNFC.slots)
            var composites: [UInt32] = []
            for (d, v) in byDecomposition.sorted(by: { $0.value < $1.value }) {
                let rest = Array(d.dropLast())
                guard let first = rest.count == 1 ? rest[0] : byDecomposition[rest], let sl = slot(first) else { continue }
                if rowOf[sl] < 0 {
                    rowOf[sl] = Int16(composites.count / 112)
                    composites += [UInt32](repeating: 0, count: 112)
                }
                composites[Int(rowOf[sl]) * 112 + Int(d.last! - 0x300)] = v
            }
            precondition(flags[0..<0x80].allSatisfy { $0 & Tables.stable != 0 }, "compose copies ASCII unread")
            (self.flags, self.decompositionAt, self.decompositions, self.rowOf, self.composites) =
                (flags, decompositionAt, decompositions, rowOf, composites)
        }

        @inline(__always) func composite(_ first: UInt32, _ mark: UInt32) -> UInt32? {
            guard let sl = LatinNFC.slot(first) else { return nil }
            let row = rowOf[sl]
            if row < 0 { return nil }
            let c = composites[Int(row) * 112 + Int(mark - 0x300)]
            return c == 0 ? nil : c
        }
    }

    static let slots = 0x3F0
    static let tables = Tables()

    /// The NFC of `text`, or nil when it holds anything this does not know (see the type).
    static func normalize(_ text: String) -> String? {
        var text = text
        var out: [UInt8] = []
        out.reserveCapacity(text.utf8.count)
        let ok = text.withUTF8 { compose($0, into: &out) }
        return ok ? String(decoding: out, as: UTF8.self) : nil
    }

    /// Appends the NFC of the UTF-8 `src` to `out`; false (and `out` as it was) when `src` holds
    /// anything this does not know. Text between marks is copied as it is: a known starter with
    /// no mark after it is its own NFC.
    static func compose(_ src: UnsafeBufferPointer<UInt8>, into out: inout [UInt8]) -> Bool {
        let start = out.count
        if composeKnown(src, into: &out) { return true }
        out.removeLast(out.count - start)
        return false
    }

    /// `compose`, leaving what it wrote when it meets what it does not know.
    private static func composeKnown(_ src: UnsafeBufferPointer<UInt8>, into out: inout [UInt8]) -> Bool {
        let t = tables
        let flags = t.flags, decompositionAt = t.decompositionAt, decompositions = t.decompositions, classes = t.classes
        let rowOf = t.rowOf, composites = t.composites
        let n = src.count
        var copied = 0          // src[..<copied] is written
        var starterAt = -1      // where the starter before the next mark begins (-1: none)
        // A starter's marks (its decomposition's, then those read), and those left uncomposed.
        var marks = [UInt32](repeating: 0, count: maxMarks + 8), left = marks
        var i = 0
        while i < n {
            if src[i] < 0x80 { starterAt = i; i += 1; continue }   // every ASCII scalar is a known starter
            let (v, width) = decodeScalar(src, at: i)
            guard v >= 0x300 && v <= 0x36F else {
                guard let sl = slot(v), flags[sl] & Tables.stable != 0 else { return false }
                starterAt = i
                i += width
                continue
            }
            guard starterAt >= 0, let sl = slot(decodeScalar(src, at: starterAt).0), flags[sl] & Tables.takesMarks != 0 else { return false }
            let at = decompositionAt[sl]
            let offset = Int(at >> 8), length = Int(at & 0xFF)
            var count = 0
            for k in (offset + 1)..<(offset + length) { marks[count] = decompositions[k]; count += 1 }
            let own = count
            while i < n {
                let (m, w) = decodeScalar(src, at: i)
                guard m >= 0x300 && m <= 0x36F else { break }
                guard classes[Int(m - 0x300)] > 0, count - own < maxMarks else { return false }   // a known mark
                marks[count] = m
                count += 1
                i += w
            }
            // The text since the last mark, a few bytes: appended one by one (cheaper than a slice).
            for k in copied..<starterAt { out.append(src[k]) }
            let base = decompositions[offset]
            if count == 1 {
                // Most letters: one mark on a starter that does not decompose (the base is the starter).
                let row = rowOf[sl]
                let p = row < 0 ? 0 : composites[Int(row) * 112 + Int(marks[0] - 0x300)]
                if p != 0 { LowerTable.appendUTF8(p, to: &out) }
                else { LowerTable.appendUTF8(base, to: &out); LowerTable.appendUTF8(marks[0], to: &out) }
            } else {
                writeComposed(base, &marks, count, &left, t, into: &out)
            }
            copied = i
            starterAt = -1
        }
        out.append(contentsOf: UnsafeBufferPointer(rebasing: src[copied..<n]))
        return true
    }

    /// Writes the `base` composed with `marks[..<count]` (those of the starter's decomposition,
    /// then those that followed it): put in canonical order by a stable insertion sort on
    /// combining class, then composed one by one unless an uncomposed mark of the same class
    /// stands before. `left` is room for the marks left uncomposed.
    @inline(__always)
    static func writeComposed(_ base: UInt32, _ marks: inout [UInt32], _ count: Int, _ left: inout [UInt32], _ t: Tables, into out: inout [UInt8]) {
        for i in 1..<count {
            var j = i
            while j > 0 && t.classes[Int(marks[j - 1] - 0x300)] > t.classes[Int(marks[j] - 0x300)] { marks.swapAt(j - 1, j); j -= 1 }
        }
        var composed = base
        var leftCount = 0
        var lastLeftClass: UInt8 = 0    // class of the last mark left uncomposed (0: none yet)
        for k in 0..<count {
            let m = marks[k], c = t.classes[Int(m - 0x300)]
            if lastLeftClass < c, let p = t.composite(composed, m) {
                composed = p
            } else {
                left[leftCount] = m
                leftCount += 1
                lastLeftClass = c
            }
        }
        LowerTable.appendUTF8(composed, to: &out)
        for k in 0..<leftCount { LowerTable.appendUTF8(left[k], to: &out) }
    }

    /// The scalar starting at `i` of valid UTF-8, and its width in bytes.
    @inline(__always) static func decodeScalar(_ b: UnsafeBufferPointer<UInt8>, at i: Int) -> (UInt32, Int) {
        let c = b[i]
        if c < 0x80 { return (UInt32(c), 1) }
        if c < 0xE0 { return (UInt32(c & 0x1F) << 6 | UInt32(b[i + 1] & 0x3F), 2) }
        if c < 0xF0 { return (UInt32(c & 0x0F) << 12 | UInt32(b[i + 1] & 0x3F) << 6 | UInt32(b[i + 2] & 0x3F), 3) }
        return (UInt32(c & 0x07) << 18 | UInt32(b[i + 1] & 0x3F) << 12 | UInt32(b[i + 2] & 0x3F) << 6 | UInt32(b[i + 3] & 0x3F), 4)
    }
}
