import Foundation

/// Vietnamese alphabetical order: letters compared without their marks first,
/// with đ as its own letter after d ("Bạc Liêu, Bình Dương, Bình Định"), then
/// the marks (ă â after a, tones in code-point order) to break ties, then case.
/// Code-point order puts "Bạc Liêu" after "Bình Định" (ạ is U+1EA1).
public enum VietCollation {
    /// A sort key: primary (base letters, đ after d), then secondary (marks), then the text itself.
    public struct Key: Comparable, Sendable {
        let primary: [UInt32]
        let secondary: [UInt32]
        let tertiary: String
        public static func < (a: Key, b: Key) -> Bool {
            if a.primary != b.primary { return a.primary.lexicographicallyPrecedes(b.primary) }
            if a.secondary != b.secondary { return a.secondary.lexicographicallyPrecedes(b.secondary) }
            return a.tertiary < b.tertiary
        }
    }

    public static func key(_ s: String) -> Key {
        if let k = latinKey(s) { return k }
        return decomposedKey(s)
    }

    /// The weights (primary, marks) of each printable Latin scalar (U+0020–U+007E, U+00A0–U+024F,
    /// U+1E00–U+1EFF) as `decomposedKey` gives a string of it alone; primary 0 for the others. None of
    /// these scalars joins a neighbour in a grapheme, so a string of them has one key weight per
    /// scalar: the key without a Character walk and a Foundation decomposition per letter (5,000
    /// instructions each — most of sorting the people of a large corpus).
    static let latinWeights: [(primary: UInt32, marks: UInt32)] = (0..<UInt32(0x1F00)).map { v in
        let printable = (v >= 0x20 && v < 0x7F) || (v >= 0xA0 && v < 0x250) || v >= 0x1E00
        guard printable, let u = Unicode.Scalar(v) else { return (0, 0) }
        let k = decomposedKey(String(u))
        return k.primary.count == 1 && k.primary[0] != 0 ? (k.primary[0], k.secondary[0]) : (0, 0)
    }

    /// The key from `latinWeights`, or nil when a scalar is outside them.
    static func latinKey(_ s: String) -> Key? {
        let table = latinWeights
        var primary: [UInt32] = [], secondary: [UInt32] = []
        primary.reserveCapacity(s.utf8.count)
        secondary.reserveCapacity(s.utf8.count)
        for u in s.unicodeScalars {
            guard u.value < 0x1F00 else { return nil }
            let w = table[Int(u.value)]
            guard w.primary != 0 else { return nil }
            primary.append(w.primary)
            secondary.append(w.marks)
        }
        return Key(primary: primary, secondary: secondary, tertiary: s)
    }

    /// The key by definition: per grapheme of the lower-cased text, its canonical decomposition.
    static func decomposedKey(_ s: String) -> Key {
        var primary: [UInt32] = [], secondary: [UInt32] = []
        primary.reserveCapacity(s.unicodeScalars.count)
        for ch in s.lowercased() {
            let scalars = Array(String(ch).decomposedStringWithCanonicalMapping.unicodeScalars)
            guard let base = scalars.first else { continue }
            var marks: UInt32 = 0
            if base.value == 0x111 {               // đ: a letter of its own, after d
                primary.append(UInt32(UInt8(ascii: "d")) * 2 + 1)
            } else {
                primary.append(base.value * 2)
            }
            for m in scalars.dropFirst() { marks = marks &* 0x400 &+ (m.value &- 0x2FF) }   // wraps for "\r\n", never traps
            secondary.append(marks)
        }
        return Key(primary: primary, secondary: secondary, tertiary: s)
    }

    public static func less(_ a: String, _ b: String) -> Bool { key(a) < key(b) }

    /// `items` sorted by the Vietnamese order of `name(item)`; keys are computed once per item.
    public static func sorted<T>(_ items: [T], by name: (T) -> String) -> [T] {
        items.map { (key(name($0)), $0) }.sorted { $0.0 < $1.0 }.map(\.1)
    }

    public static func sorted(_ names: some Sequence<String>) -> [String] { sorted(Array(names)) { $0 } }
}
