import Foundation

/// Article text is untrusted: a carriage return or `ESC[2J` in a title can
/// overwrite a terminal, OSC 52 can write the clipboard, bidi overrides can
/// reorder what a reader sees. `Sanitize.line` removes all of them; the model
/// is built from sanitised text and the screen grid sanitises again.
public enum Sanitize {
    /// Removes escape sequences, C0/C1 controls, DEL, bidi controls and
    /// zero-width joiners; tabs and line breaks become spaces.
    public static func line(_ text: String) -> String {
        if !mayBeSuspicious(text) { return text }
        var out = String.UnicodeScalarView()
        var it = Array(text.unicodeScalars)[...]
        while let s = it.first {
            it = it.dropFirst()
            switch s.value {
            case 0x1B:                         // ESC: drop the whole sequence
                it = skipEscape(it)
            case 0x9B:                         // C1 CSI
                it = skipCSIBody(it)
            case 0x9D, 0x90, 0x98, 0x9E, 0x9F: // C1 OSC, DCS, SOS, PM, APC: up to ST/BEL
                it = skipString(it)
            case 0x09, 0x0A, 0x0B, 0x0C, 0x0D, 0x2028, 0x2029:
                out.append(" ")
            default:
                if !isDropped(s) { out.append(s) }
            }
        }
        return String(out)
    }

    /// Does any scalar of `text` pass `isSuspicious`? Decided on bytes, without decoding: ASCII
    /// controls and DEL, C1 controls (C2 80–9F), U+061C (D8 9C), U+200B–U+200F and U+2028–U+202E
    /// (E2 80 8B–8F, A8–AE), U+2060–U+2064 and U+2066–U+2069 (E2 81 A0–A4, A6–A9), U+FEFF
    /// (EF BB BF) and U+FFF9–U+FFFB (EF BF B9–BB). Only the lead bytes below 0x20, 7F, C2, D8, E2
    /// and EF can start one, so the walk skips every other byte with one table look-up.
    static func mayBeSuspicious(_ text: String) -> Bool {
        var text = text
        return text.withUTF8 { mayBeSuspicious($0) }
    }

    static func mayBeSuspicious(_ b: UnsafeBufferPointer<UInt8>) -> Bool {
        let n = b.count
        return suspiciousLead.withUnsafeBufferPointer { lead in
            var i = 0
            while i < n {
                let c = b[i]
                if lead[Int(c)] == 0 { i += 1; continue }
                if c < 0x20 || c == 0x7F { return true }
                let c1: UInt8 = i + 1 < n ? b[i + 1] : 0, c2: UInt8 = i + 2 < n ? b[i + 2] : 0
                switch c {
                case 0xC2: if c1 >= 0x80 && c1 <= 0x9F { return true }
                case 0xD8: if c1 == 0x9C { return true }
                case 0xE2:
                    if c1 == 0x80 && ((c2 >= 0x8B && c2 <= 0x8F) || (c2 >= 0xA8 && c2 <= 0xAE)) { return true }
                    if c1 == 0x81 && ((c2 >= 0xA0 && c2 <= 0xA4) || (c2 >= 0xA6 && c2 <= 0xA9)) { return true }
                default:   // 0xEF
                    if (c1 == 0xBB && c2 == 0xBF) || (c1 == 0xBF && c2 >= 0xB9 && c2 <= 0xBB) { return true }
                }
                i += 1
            }
            return false
        }
    }

    /// 1 for the bytes `mayBeSuspicious` looks at: below 0x20, 7F, C2, D8, E2, EF.
    static let suspiciousLead: [UInt8] = (0..<256).map { c in
        c < 0x20 || c == 0x7F || c == 0xC2 || c == 0xD8 || c == 0xE2 || c == 0xEF ? 1 : 0
    }

    static func isSuspicious(_ s: Unicode.Scalar) -> Bool {
        let v = s.value
        return v < 0x20 || (v >= 0x7F && v < 0xA0) || isDropped(s) || v == 0x2028 || v == 0x2029
    }

    static func isDropped(_ s: Unicode.Scalar) -> Bool {
        let v = s.value
        if v < 0x20 || (v >= 0x7F && v < 0xA0) { return true }
        switch v {
        case 0x061C, 0x200B...0x200F, 0x202A...0x202E, 0x2060...0x2064, 0x2066...0x2069, 0xFEFF,
             0xFFF9...0xFFFB:
            return true
        default:
            return false
        }
    }

    private static func skipEscape(_ rest: ArraySlice<Unicode.Scalar>) -> ArraySlice<Unicode.Scalar> {
        guard let next = rest.first else { return rest }
        switch next {
        case "[": return skipCSIBody(rest.dropFirst())
        case "]", "P", "X", "^", "_": return skipString(rest.dropFirst())
        default:
            // Two-character escapes (ESC c, ESC 7, ESC ( B …): drop intermediates and final.
            var r = rest
            while let c = r.first, c.value >= 0x20 && c.value <= 0x2F { r = r.dropFirst() }
            return r.dropFirst()
        }
    }

    private static func skipCSIBody(_ rest: ArraySlice<Unicode.Scalar>) -> ArraySlice<Unicode.Scalar> {
        var r = rest
        while let c = r.first {
            r = r.dropFirst()
            if c.value >= 0x40 && c.value <= 0x7E { break }   // final byte
            if c.value < 0x20 || c.value > 0x7E { break }     // malformed: stop here
        }
        return r
    }

    /// OSC/DCS/… strings end at BEL, ST (ESC \) or C1 ST; unterminated ones
    /// run to the end of the line, which is the safe reading.
    private static func skipString(_ rest: ArraySlice<Unicode.Scalar>) -> ArraySlice<Unicode.Scalar> {
        var r = rest
        while let c = r.first {
            r = r.dropFirst()
            if c.value == 0x07 || c.value == 0x9C { break }
            if c.value == 0x1B { if r.first == "\\" { r = r.dropFirst() }; break }
            if c.value == 0x0A { break }
        }
        return r
    }
}

/// Bytes to clean NFC text: UTF-8 with replacement, line endings, NFC.
public enum TextDecoding {
    public struct Decoded: Sendable {
        public var text: String
        public var invalidSequences: Int
        public var hadCRLF: Bool
        public var hadNFD: Bool
    }

    /// True for data that is evidently not text (NUL bytes, or mostly control bytes).
    public static func looksBinary(_ data: Data) -> Bool {
        data.withUnsafeBytes { raw in
            let n = min(raw.count, 8192)
            if n == 0 { return false }
            if memchr(raw.baseAddress!, 0, n) != nil { return true }
            return controlBytes(raw.baseAddress!, n) * 10 > n
        }
    }

    /// How many of the `n` bytes at `p` are controls other than tab, line feed, vertical tab, form
    /// feed and CR: 0x01–0x08 and 0x0E–0x1F (and NUL). Read eight bytes at a time: a word with no
    /// byte below 0x20 (most of them) costs a few instructions.
    static func controlBytes(_ p: UnsafeRawPointer, _ n: Int) -> Int {
        let high: UInt64 = 0x8080_8080_8080_8080
        /// The high bit of each byte of `w` that is below `limit` (≤ 0x80): with the high bits set
        /// no subtraction borrows from the next byte, and `| w` drops the bytes of 0x80 and above.
        @inline(__always) func below(_ w: UInt64, _ limit: UInt8) -> UInt64 {
            ~(((w | high) &- UInt64(limit) &* 0x0101_0101_0101_0101) | w) & high
        }
        var count = 0
        var i = 0
        while i + 8 <= n {
            let w = p.loadUnaligned(fromByteOffset: i, as: UInt64.self)
            let controls = below(w, 0x20)
            if controls != 0 {
                // Below 0x20, less 0x09–0x0D (those below 0x0E but not below 0x09).
                count += controls.nonzeroBitCount - below(w, 0x0E).nonzeroBitCount + below(w, 0x09).nonzeroBitCount
            }
            i += 8
        }
        while i < n {
            let b = p.load(fromByteOffset: i, as: UInt8.self)
            if b < 0x09 || (b > 0x0D && b < 0x20) { count += 1 }
            i += 1
        }
        return count
    }

    public static func decode(_ data: Data) -> Decoded {
        var text = String(decoding: data, as: UTF8.self)
        // Count U+FFFD that decoding introduced (not those the file spelled out).
        var produced = 0
        if text.utf8.count != data.count || text.fastContains("\u{FFFD}") {
            for s in text.unicodeScalars where s.value == 0xFFFD { produced += 1 }
        }
        let invalid = produced == 0 ? 0 : max(0, produced - countLiteralReplacement(data))
        let hadCR = data.withUnsafeBytes { memchr($0.baseAddress!, 0x0D, $0.count) != nil }
        let hadCRLF = hadCR && text.fastContains("\r\n")
        if hadCR {
            // Old Mac files use bare CR as the line break; elsewhere it is noise.
            let hasLF = data.withUnsafeBytes { memchr($0.baseAddress!, 0x0A, $0.count) != nil }
            if let replaced = replacingLineBreaks(text, bareCR: hasLF ? 0x20 : 0x0A) {
                text = replaced
            } else {
                text = text.replacingOccurrences(of: "\r\n", with: "\n")
                text = text.replacingOccurrences(of: "\r", with: hasLF ? " " : "\n")
            }
        }
        // U+FEFF is a control for grapheme breaking, a Character of its own: the bytes decide `hasPrefix`.
        if text.utf8.starts(with: [0xEF, 0xBB, 0xBF]) { text.removeFirst() }
        let (nfc, hadNFD) = nfcByLine(text)
        return Decoded(text: nfc, invalidSequences: invalid, hadCRLF: hadCRLF, hadNFD: hadNFD)
    }

    /// `replacingOccurrences(of: "\r\n", with: "\n")`, then of "\r" with `bareCR`, on bytes — when
    /// the bytes alone decide what Foundation's search matches: nil when a CR, or a CR LF, is
    /// followed by a scalar outside `SimpleText` (a mark there may belong to the same composed
    /// character, and the non-literal search then would not match), or when CR CR LF leaves a CR LF
    /// pair for the second search.
    static func replacingLineBreaks(_ text: String, bareCR: UInt8) -> String? {
        var text = text
        return text.withUTF8 { b -> String? in
            let n = b.count
            /// Whether the scalar at `i` (if any) starts a Character of its own whatever precedes it.
            func standsAlone(_ i: Int) -> Bool {
                i >= n || b[i] < 0x80 || SimpleText.isSimple(UnsafeBufferPointer(rebasing: b[i..<min(n, i + 3)]), limit: 0)
            }
            var out: [UInt8] = []
            out.reserveCapacity(n)
            var i = 0
            while i < n {
                let c = b[i]
                if c != 0x0D { out.append(c); i += 1; continue }
                if i + 1 < n && b[i + 1] == 0x0A {
                    if !standsAlone(i + 2) { return nil }
                    i += 1                          // CR LF → LF, written next
                    continue
                }
                if !standsAlone(i + 1) { return nil }
                if i + 2 < n && b[i + 1] == 0x0D && b[i + 2] == 0x0A { return nil }
                out.append(bareCR)
                i += 1
            }
            return String(decoding: out, as: UTF8.self)
        }
    }

    private static func countLiteralReplacement(_ data: Data) -> Int {
        data.withUnsafeBytes { raw in
            var n = 0
            var i = 0
            while i + 2 < raw.count {
                if raw[i] == 0xEF && raw[i + 1] == 0xBF && raw[i + 2] == 0xBD { n += 1; i += 3 } else { i += 1 }
            }
            return n
        }
    }

    /// NFC per line and only where a combining mark is present: Foundation's
    /// normaliser is quadratic on long strings (1 MB: 1.3 s). Lines of Latin text are composed by
    /// `LatinNFC`; Foundation normalises what that does not know.
    public static func nfcByLine(_ text: String) -> (String, Bool) {
        if !mayHoldCombining(text) { return (text, false) }
        var text = text
        var out: [UInt8] = []
        out.reserveCapacity(text.utf8.count)
        text.withUTF8 { b in
            guard let base = b.baseAddress else { return }
            var start = 0
            while start <= b.count {
                let rest = b.count - start
                let hit = rest > 0 ? memchr(base + start, 0x0A, rest) : nil
                let end = hit.map { UnsafeRawPointer(base).distance(to: UnsafeRawPointer($0)) } ?? b.count
                let line = UnsafeBufferPointer(rebasing: b[start..<end])
                if !hasCombiningMark(line) {
                    out.append(contentsOf: line)
                } else if line.count < 4096 {
                    if !LatinNFC.compose(line, into: &out) {
                        out.append(contentsOf: String(decoding: line, as: UTF8.self).precomposedStringWithCanonicalMapping.utf8)
                    }
                } else {
                    out.append(contentsOf: nfcChunked(String(decoding: line, as: UTF8.self)).utf8)
                }
                if end < b.count { out.append(0x0A) }
                start = end + 1
            }
        }
        return (String(decoding: out, as: UTF8.self), true)
    }

    /// Long lines (a 200 KB one-line scrape) are normalised in sentence-sized
    /// chunks, cut only before a scalar that is not a mark.
    static func nfcChunked(_ line: String) -> String {
        if line.utf8.count < 4096 { return nfc(line) }
        var out = ""
        var chunk = String.UnicodeScalarView()
        var n = 0   // counted here: UnicodeScalarView.count is O(n), which made this quadratic
        for s in line.unicodeScalars {
            // Cut before a space (or any base character) once the chunk is long; a pathological
            // run of thousands of marks is cut anyway — no base is left for them to compose with.
            if (n >= 2048 && s == " ") || (n >= 4096 && !isCombining(s)) || n >= 16384 {
                out.append(nfc(String(chunk)))
                chunk.removeAll(keepingCapacity: true)
                n = 0
            }
            chunk.append(s)
            n += 1
        }
        out.append(nfc(String(chunk)))
        return out
    }

    /// `precomposedStringWithCanonicalMapping`, by `LatinNFC` where it knows the text.
    static func nfc(_ s: String) -> String { LatinNFC.normalize(s) ?? s.precomposedStringWithCanonicalMapping }

    /// Any scalar `isCombining` accepts, found on bytes: U+0300–U+036F is CC xx or CD 80–AF,
    /// U+1AB0–U+1AFF is E1 AA B0–E1 AB BF, U+1DC0–U+1DFF is E1 B7 xx.
    static func mayHoldCombining(_ text: String) -> Bool {
        var text = text
        return text.withUTF8 { hasCombiningMark($0) }
    }

    /// `mayHoldCombining` on valid UTF-8, with memchr for the bytes that begin those sequences or
    /// come second in them (CC, CD; AA, AB, B7 after E1): all are rare in NFC Vietnamese, where
    /// E1 begins half the letters, so a few vector scans beat a branch on every byte.
    static func hasCombiningMark(_ b: UnsafeBufferPointer<UInt8>) -> Bool {
        guard let base = b.baseAddress, b.count > 0 else { return false }
        let n = b.count
        /// Each offset holding `byte` from the first on, until `accept` takes one.
        func any(_ byte: UInt8, _ accept: (Int) -> Bool) -> Bool {
            var pos = 0
            while pos < n, let p = memchr(base + pos, Int32(byte), n - pos) {
                let at = UnsafeRawPointer(base).distance(to: UnsafeRawPointer(p))
                if accept(at) { return true }
                pos = at + 1
            }
            return false
        }
        if memchr(base, 0xCC, n) != nil { return true }
        if any(0xCD, { $0 + 1 < n && b[$0 + 1] <= 0xAF }) { return true }
        if any(0xAA, { $0 > 0 && b[$0 - 1] == 0xE1 && $0 + 1 < n && b[$0 + 1] >= 0xB0 }) { return true }
        if any(0xAB, { $0 > 0 && b[$0 - 1] == 0xE1 && $0 + 1 < n }) { return true }
        return any(0xB7, { $0 > 0 && b[$0 - 1] == 0xE1 && $0 + 1 < n })
    }

    @inline(__always) static func isCombining(_ s: Unicode.Scalar) -> Bool {
        (s.value >= 0x300 && s.value <= 0x36F) || (s.value >= 0x1AB0 && s.value <= 0x1AFF) || (s.value >= 0x1DC0 && s.value <= 0x1DFF)
    }
}
