/// Terminal display width, following glibc's `wcwidth` (which is what ncurses
/// uses to place cells): combining marks and format characters 0, East Asian
/// wide/fullwidth and emoji-presentation characters 2, everything else 1.
/// A grapheme's width is the sum of its scalars' widths, because ncurses adds
/// each wide character separately and attaches zero-width ones to the cell
/// before them.
public enum DisplayWidth {
    public static func of(_ scalar: Unicode.Scalar) -> Int {
        let v = scalar.value
        if v < 0x7F { return v < 0x20 ? 0 : 1 }
        if v < 0xA0 { return 0 }            // DEL and C1 controls
        if v < 0x300 { return 1 }           // Latin-1, Latin Extended (all Vietnamese bases)
        if v <= 0x36F { return 0 }          // combining diacritical marks
        if v >= 0x1E00 && v <= 0x1EFF { return 1 } // precomposed Vietnamese letters
        switch scalar.properties.generalCategory {
        case .nonspacingMark, .enclosingMark, .format, .control:
            return 0
        default: break
        }
        if v >= 0x1160 && v <= 0x11FF { return 0 } // Hangul medial vowels / final consonants
        if isWide(v) || scalar.properties.isEmojiPresentation { return 2 }
        return 1
    }

    static func isWide(_ v: UInt32) -> Bool {
        switch v {
        case 0x1100...0x115F, 0x2329...0x232A, 0x2E80...0x303E, 0x3041...0x33FF,
             0x3400...0x4DBF, 0x4E00...0x9FFF, 0xA000...0xA4CF, 0xA960...0xA97F,
             0xAC00...0xD7A3, 0xF900...0xFAFF, 0xFE10...0xFE19, 0xFE30...0xFE6F,
             0xFF00...0xFF60, 0xFFE0...0xFFE6, 0x16FE0...0x16FE4, 0x17000...0x18CFF,
             0x1B000...0x1B2FF, 0x1F200...0x1F202, 0x1F210...0x1F23B, 0x1F240...0x1F248,
             0x1F250...0x1F251, 0x20000...0x2FFFD, 0x30000...0x3FFFD:
            return true
        default:
            return false
        }
    }

    public static func of(_ character: Character) -> Int {
        var w = 0
        for s in character.unicodeScalars { w += of(s) }
        return w
    }

    public static func of(_ text: some StringProtocol) -> Int {
        var w = 0
        for s in text.unicodeScalars { w += of(s) }
        return w
    }

    /// Cuts `text` to at most `width` columns (adding "…" when something was
    /// cut) and pads it with spaces to exactly `width` columns.
    public static func fit(_ text: String, _ width: Int) -> String {
        guard width > 0 else { return "" }
        let total = of(text)
        if total <= width { return text + String(repeating: " ", count: width - total) }
        var out = ""
        var used = 0
        for ch in text {
            let w = of(ch)
            if used + w > width - 1 { break }
            out.append(ch)
            used += w
        }
        out.append("…")
        used += 1
        return out + String(repeating: " ", count: max(0, width - used))
    }

    /// Word-wraps `text` to lines of at most `width` columns. Words longer
    /// than a line are broken between graphemes. Returns, for each line, the
    /// text and the offset (in Characters) of its first character in `text`,
    /// so that highlight ranges survive wrapping.
    public static func wrap(_ text: String, width: Int) -> [(text: String, start: Int)] {
        guard width > 0 else { return [] }
        let chars = Array(text)
        var lines: [(String, Int)] = []
        var i = 0
        let n = chars.count
        while i < n {
            while i < n && chars[i] == " " { i += 1 }   // no leading spaces on a line
            if i >= n { break }
            let start = i
            var used = 0
            var lastBreak = -1      // index just after the last space that fits
            var j = i
            while j < n {
                let w = of(chars[j])
                if used + w > width { break }
                used += w
                if chars[j] == " " { lastBreak = j }
                j += 1
            }
            var end: Int
            if j >= n { end = n }
            else if chars[j] == " " { end = j }
            else if lastBreak > start { end = lastBreak }
            else { end = max(j, start + 1) }     // one long word: hard break
            var line = String(chars[start..<end])
            while line.hasSuffix(" ") { line.removeLast() }
            lines.append((line, start))
            i = end
        }
        if lines.isEmpty { lines.append(("", 0)) }
        return lines
    }
}
