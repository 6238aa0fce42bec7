import Foundation

/// A line of page text, or a unit of lines merged, with the facts `ArticleLayout`'s classifiers
/// read, found on its bytes in one pass, and what they conclude, each computed when first asked:
/// the classifiers used to lower-case, count and compare the same text as Strings again and again.
///
/// The byte answers are the String answers when the text is *plain*: `SimpleText.isSimple` (every
/// Character one scalar from the Latin, Vietnamese and punctuation blocks, NFC, so that `==`,
/// `hasPrefix`, `hasSuffix` and `count` agree with the bytes and scalars) and no U+0130 "İ", whose
/// lower case "i̇" is two scalars in one Character (every other scalar of those blocks lower-cases
/// to one that is a Character of its own). Text that is not plain goes to the String versions.
final class LayoutLine {
    let text: String
    let bytes: [UInt8]
    let facts: LineFacts

    init(_ text: String, bytes: [UInt8], facts: LineFacts) {
        self.text = text
        self.bytes = bytes
        self.facts = facts
    }

    convenience init(_ text: String) {
        let bytes = Array(text.utf8)
        self.init(text, bytes: bytes, facts: bytes.withUnsafeBufferPointer { LineFacts.scan($0) })
    }

    /// `a + " " + b`, its facts those of the two: the space adds a scalar and keeps their words
    /// apart. (`suspicious` and `clean` are not asked of joined lines.)
    convenience init(joining a: LayoutLine, _ b: LayoutLine) {
        var facts = LineFacts()
        facts.simple = a.facts.simple && b.facts.simple
        facts.dottedCapitalI = a.facts.dottedCapitalI || b.facts.dottedCapitalI
        facts.scalars = a.facts.scalars + 1 + b.facts.scalars
        facts.words = a.facts.words + b.facts.words
        self.init(a.text + " " + b.text, bytes: a.bytes + [0x20] + b.bytes, facts: facts)
    }

    var simple: Bool { facts.simple }
    var plain: Bool { facts.simple && !facts.dottedCapitalI }
    var scalarCount: Int { facts.scalars }
    var wordCount: Int { facts.words }

    /// `text.count`: the scalars of simple text.
    var characterCount: Int { simple ? facts.scalars : text.count }

    /// `text.hasMoreCharacters(than: n)`.
    func hasMoreCharacters(than n: Int) -> Bool { simple ? facts.scalars > n : text.hasMoreCharacters(than: n) }

    /// `text.hasSuffix(s)` and `text.hasPrefix(s)`, on the bytes: the same answers for simple text.
    func endsWith(_ s: StaticString) -> Bool { LayoutScan.hasSuffix(bytes, s) }
    func startsWith(_ s: StaticString) -> Bool { LayoutScan.hasPrefix(bytes, s) }

    /// The bytes of `text.fastLowercased()` (= `lowercased()`).
    lazy var lower: [UInt8] = plain ? LayoutScan.lowercased(bytes) : Array(text.fastLowercased().utf8)

    lazy var endsSentence: Bool = simple ? LayoutScan.endsSentence(bytes) : ArticleLayout.endsSentence(text)
    lazy var isChrome: Bool = ArticleLayout.isChrome(self)
    lazy var isFooterStart: Bool = ArticleLayout.isFooterStart(self)
    lazy var byline: String? = ArticleLayout.bylineText(self)
    lazy var looksLikeProse: Bool = ArticleLayout.looksLikeProse(self)
}

/// What one pass over a line's UTF-8 finds (valid UTF-8, as a String's is).
struct LineFacts {
    /// `Sanitize.mayBeSuspicious`: a control, DEL, C1 control, bidi control, zero-width character …
    var suspicious = false
    /// `ArticleLayout.isClean`: no space at either end, no two in a row, no other kind of space.
    var clean = true
    /// `SimpleText.isSimple`.
    var simple = true
    /// Holds U+0130 (C4 B0).
    var dottedCapitalI = false
    /// `scalarCount`, and `wordCount` (runs of bytes other than 0x20).
    var scalars = 0, words = 0

    /// The facts of `b`, walking its scalars once; each test is the byte test of the function named
    /// above (the lead bytes they look at never occur inside a sequence). Printable ASCII, most of
    /// the text, costs a compare or two: words are counted at the spaces (a word starts after each
    /// space that another does not follow, and at the start), scalars from the continuation bytes.
    static func scan(_ b: UnsafeBufferPointer<UInt8>) -> LineFacts {
        let n = b.count
        guard n > 0 else { return LineFacts() }
        var suspicious = false, clean = b[0] != 0x20 && b[n - 1] != 0x20, simple = true, dottedCapitalI = false
        var words = b[0] != 0x20 ? 1 : 0
        var continuations = 0
        var i = 0
        while i < n {
            let c = b[i]
            if c < 0x80 {
                if c == 0x20 {
                    if i + 1 < n { if b[i + 1] == 0x20 { clean = false } else { words += 1 } }
                } else if c &- 0x21 >= 0x5E {                                  // below 0x20, or DEL
                    suspicious = true
                    if c == 0x0D { simple = false }
                }
                i += 1
                continue
            }
            let c1: UInt8 = i + 1 < n ? b[i + 1] : 0
            if c < 0xE0 {
                if c <= 0xC4 {
                    if c == 0xC2 {
                        if c1 <= 0x9F { suspicious = true }                     // C1 controls (c1 ≥ 0x80)
                        else if c1 == 0xA0 { clean = false }                    // NBSP
                    } else if c == 0xC4 && c1 == 0xB0 {
                        dottedCapitalI = true
                    }
                } else if c > 0xCB {                                            // beyond U+02FF
                    simple = false
                    if c == 0xD8 && c1 == 0x9C { suspicious = true }            // U+061C
                }
                continuations += 1
                i += 2
                continue
            }
            let c2: UInt8 = i + 2 < n ? b[i + 2] : 0
            if c == 0xE1 {
                if c1 &- 0xB8 > 3 { simple = false }                            // outside U+1E00–U+1EFF
            } else if c == 0xE2 {
                if c1 == 0x80 {
                    if (c2 >= 0x8B && c2 <= 0x8F) || (c2 >= 0xA8 && c2 <= 0xAE) { suspicious = true }   // U+200B–F, U+2028–E
                    if c2 <= 0x8A || c2 == 0xAF { clean = false }                // U+2000–U+200A, U+202F
                    if !((c2 >= 0x90 && c2 <= 0xA7) || c2 >= 0xB0) { simple = false }
                } else if c1 == 0x81 {
                    if (c2 >= 0xA0 && c2 <= 0xA4) || (c2 >= 0xA6 && c2 <= 0xA9) { suspicious = true }   // U+2060–4, U+2066–9
                    if c2 > 0x9E { simple = false }
                } else {
                    simple = false
                }
            } else {
                simple = false
                if c == 0xE3 && c1 == 0x80 && c2 == 0x80 { clean = false }      // U+3000
                if c == 0xEF && ((c1 == 0xBB && c2 == 0xBF) || (c1 == 0xBF && c2 >= 0xB9 && c2 <= 0xBB)) { suspicious = true }   // U+FEFF, U+FFF9–B
                if c >= 0xF0 { continuations += 3; i += 4; continue }
            }
            continuations += 2
            i += 3
        }
        return LineFacts(suspicious: suspicious, clean: clean, simple: simple, dottedCapitalI: dottedCapitalI,
                         scalars: n - continuations, words: words)
    }
}

enum LayoutScan {
    // MARK: - Bytes

    @inline(__always) static func hasPrefix(_ b: [UInt8], _ p: StaticString) -> Bool {
        let n = p.utf8CodeUnitCount
        guard b.count >= n else { return false }
        return b.withUnsafeBufferPointer { memcmp($0.baseAddress!, p.utf8Start, n) == 0 }
    }

    @inline(__always) static func hasPrefix(_ b: [UInt8], _ p: [UInt8]) -> Bool {
        guard b.count >= p.count else { return false }
        return b.withUnsafeBufferPointer { h in p.withUnsafeBufferPointer { memcmp(h.baseAddress!, $0.baseAddress!, p.count) == 0 } }
    }

    @inline(__always) static func hasSuffix(_ b: [UInt8], _ s: StaticString) -> Bool {
        let n = s.utf8CodeUnitCount
        guard b.count >= n else { return false }
        return b.withUnsafeBufferPointer { memcmp($0.baseAddress! + ($0.count - n), s.utf8Start, n) == 0 }
    }

    static func contains(_ b: [UInt8], _ needle: [UInt8]) -> Bool { b.containsBytes(needle) }

    /// The scalar starting at `i` of valid UTF-8, and its width in bytes.
    @inline(__always) static func scalar(_ b: UnsafeBufferPointer<UInt8>, at i: Int) -> (UInt32, Int) {
        let c = b[i]
        if c < 0x80 { return (UInt32(c), 1) }
        if c < 0xE0 { return (UInt32(c & 0x1F) << 6 | UInt32(b[i + 1] & 0x3F), 2) }
        if c < 0xF0 { return (UInt32(c & 0x0F) << 12 | UInt32(b[i + 1] & 0x3F) << 6 | UInt32(b[i + 2] & 0x3F), 3) }
        return (UInt32(c & 0x07) << 18 | UInt32(b[i + 1] & 0x3F) << 12 | UInt32(b[i + 2] & 0x3F) << 6 | UInt32(b[i + 3] & 0x3F), 4)
    }

    /// `endsSentence` for simple text: the last scalar one of ".…!?;:", or the text ending in
    /// ".”", ".\"", "./." or ".)".
    static func endsSentence(_ b: [UInt8]) -> Bool {
        guard let last = b.last else { return false }
        switch last {
        case 0x2E, 0x21, 0x3F, 0x3B, 0x3A: return true
        case 0xA6: return hasSuffix(b, "…")
        case 0x9D: return hasSuffix(b, ".”")
        case 0x22: return hasSuffix(b, ".\"")
        case 0x29: return hasSuffix(b, ".)")
        default: return false   // "./." ends in "."
        }
    }

    /// `fastLowercased()` of plain text, on its bytes: each scalar's one-scalar lower case from
    /// the same table (the only scalar of those blocks whose lower case is longer, U+0130, is not plain).
    static func lowercased(_ b: [UInt8]) -> [UInt8] {
        var out: [UInt8] = []
        out.reserveCapacity(b.count + 8)
        b.withUnsafeBufferPointer { b in
            LowerTable.table.withUnsafeBufferPointer { table in
                var i = 0
                while i < b.count {
                    let c = b[i]
                    if c < 0x80 { out.append(c >= 0x41 && c <= 0x5A ? c + 0x20 : c); i += 1; continue }
                    let (v, width) = scalar(b, at: i)
                    let slot = v < 0x800 ? Int(v) : Int(v - 0x1E00 + 0x800)   // plain: below U+0800, U+1E00–U+1EFF or U+2010–U+205E
                    let lower = v >= 0x2010 ? v : table[slot]
                    LowerTable.appendUTF8(lower == 0 ? v : lower, to: &out)
                    i += width
                }
            }
        }
        return out
    }

    // MARK: - Character properties of the scalars simple text holds

    static let isLowercase: UInt8 = 1, isUppercase: UInt8 = 2, isNumber: UInt8 = 4
    /// `isBanner`'s letters (L*, M*) and capitals (Lu, Lt).
    static let isLetter: UInt8 = 8, isCapital: UInt8 = 16

    /// U+0000–U+02FF at 0, U+1E00–U+1EFF at 0x300, U+2010–U+205E at 0x400.
    @inline(__always) static func slot(_ v: UInt32) -> Int? {
        if v < 0x300 { return Int(v) }
        if v >= 0x1E00 && v < 0x1F00 { return Int(v - 0x1E00) + 0x300 }
        if v >= 0x2010 && v <= 0x205E { return Int(v - 0x2010) + 0x400 }
        return nil
    }

    /// By `slot`: `Character.isLowercase`, `isUppercase` and `isNumber` of the scalar as a
    /// Character, and its `isBanner` class — asked of the standard library once per scalar.
    static let traits: [UInt8] = {
        var t = [UInt8](repeating: 0, count: 0x44F)
        for v in Array(UInt32(0)..<0x300) + Array(UInt32(0x1E00)..<0x1F00) + Array(UInt32(0x2010)...0x205E) {
            let s = Unicode.Scalar(v)!, c = Character(s)
            var bits: UInt8 = 0
            if c.isLowercase { bits |= isLowercase }
            if c.isUppercase { bits |= isUppercase }
            if c.isNumber { bits |= isNumber }
            bits |= bannerClass(s)
            t[slot(v)!] = bits
        }
        return t
    }()

    /// `isBanner`'s reading of a scalar: A–Z and Lu, Lt are capital letters; a–z and Ll, Lm, Lo,
    /// Mn, Mc, Me are letters.
    static func bannerClass(_ s: Unicode.Scalar) -> UInt8 {
        switch s.value {
        case 0x41...0x5A: return isLetter | isCapital
        case 0x61...0x7A: return isLetter
        case 0..<0x80: return 0
        default:
            switch s.properties.generalCategory {
            case .uppercaseLetter, .titlecaseLetter: return isLetter | isCapital
            case .lowercaseLetter, .modifierLetter, .otherLetter, .nonspacingMark, .spacingMark, .enclosingMark: return isLetter
            default: return 0
            }
        }
    }

    /// The traits of the scalar at `i` of simple text, and its width.
    @inline(__always) static func traits(_ b: UnsafeBufferPointer<UInt8>, at i: Int) -> (UInt8, Int) {
        let (v, width) = scalar(b, at: i)
        return (traits[slot(v)!], width)
    }
}
