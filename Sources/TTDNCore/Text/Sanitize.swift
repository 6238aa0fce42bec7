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

    /// Does any scalar of `text` pass `isSuspicious`? Decided on bytes: ASCII controls and DEL
    /// directly; only scalars with the lead bytes C2, D8, E2 and EF can be suspicious above ASCII
    /// (C1 controls, U+061C, U+200B–U+206F, U+FEFF, U+FFF9–U+FFFB), and those are decoded.
    static func mayBeSuspicious(_ text: String) -> Bool {
        var text = text
        return text.withUTF8 { b in
            var i = 0
            let n = b.count
            while i < n {
                let c = b[i]
                if c < 0x80 {
                    if c < 0x20 || c == 0x7F { return true }
                    i += 1
                    continue
                }
                if c == 0xC2 || c == 0xD8 || c == 0xE2 || c == 0xEF {
                    var it = b[i...].makeIterator()
                    var decoder = UTF8()
                    if case .scalarValue(let s) = decoder.decode(&it), isSuspicious(s) { return true }
                }
                i += 1
            }
            return false
        }
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
            var controls = 0
            for i in 0..<n {
                let b = raw[i]
                if b == 0 { return true }
                if b < 0x09 || (b > 0x0D && b < 0x20) { controls += 1 }
            }
            return controls * 10 > n
        }
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
            text = text.replacingOccurrences(of: "\r\n", with: "\n")
            // Old Mac files use bare CR as the line break; elsewhere it is noise.
            let hasLF = data.withUnsafeBytes { memchr($0.baseAddress!, 0x0A, $0.count) != nil }
            text = text.replacingOccurrences(of: "\r", with: hasLF ? " " : "\n")
        }
        if text.hasPrefix("\u{FEFF}") { text.removeFirst() }
        let (nfc, hadNFD) = nfcByLine(text)
        return Decoded(text: nfc, invalidSequences: invalid, hadCRLF: hadCRLF, hadNFD: hadNFD)
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
    /// normaliser is quadratic on long strings (1 MB: 1.3 s).
    public static func nfcByLine(_ text: String) -> (String, Bool) {
        if !mayHoldCombining(text) { return (text, false) }
        var out = ""
        out.reserveCapacity(text.utf8.count)
        var first = true
        for line in text.lines(omittingEmpty: false) {
            if !first { out.append("\n") }
            first = false
            if line.unicodeScalars.contains(where: isCombining) {
                out.append(nfcChunked(String(line)))
            } else {
                out.append(contentsOf: line)
            }
        }
        return (out, true)
    }

    /// Long lines (a 200 KB one-line scrape) are normalised in sentence-sized
    /// chunks, cut only before a scalar that is not a mark.
    static func nfcChunked(_ line: String) -> String {
        if line.utf8.count < 4096 { return line.precomposedStringWithCanonicalMapping }
        var out = ""
        var chunk = String.UnicodeScalarView()
        var n = 0   // counted here: UnicodeScalarView.count is O(n), which made this quadratic
        for s in line.unicodeScalars {
            // Cut before a space (or any base character) once the chunk is long; a pathological
            // run of thousands of marks is cut anyway — no base is left for them to compose with.
            if (n >= 2048 && s == " ") || (n >= 4096 && !isCombining(s)) || n >= 16384 {
                out.append(String(chunk).precomposedStringWithCanonicalMapping)
                chunk.removeAll(keepingCapacity: true)
                n = 0
            }
            chunk.append(s)
            n += 1
        }
        out.append(String(chunk).precomposedStringWithCanonicalMapping)
        return out
    }

    /// Any scalar `isCombining` accepts, found on bytes: U+0300–U+036F is CC xx or CD 80–AF,
    /// U+1AB0–U+1AFF is E1 AA B0–E1 AB BF, U+1DC0–U+1DFF is E1 B7 xx.
    static func mayHoldCombining(_ text: String) -> Bool {
        var text = text
        return text.withUTF8 { b in
            let n = b.count
            var i = 0
            while i < n {
                let c = b[i]
                if c == 0xCC { return true }
                if c == 0xCD, i + 1 < n, b[i + 1] <= 0xAF { return true }
                if c == 0xE1, i + 2 < n {
                    let c1 = b[i + 1]
                    if (c1 == 0xAA && b[i + 2] >= 0xB0) || c1 == 0xAB || c1 == 0xB7 { return true }
                }
                i += 1
            }
            return false
        }
    }

    @inline(__always) static func isCombining(_ s: Unicode.Scalar) -> Bool {
        (s.value >= 0x300 && s.value <= 0x36F) || (s.value >= 0x1AB0 && s.value <= 0x1AFF) || (s.value >= 0x1DC0 && s.value <= 0x1DFF)
    }
}
