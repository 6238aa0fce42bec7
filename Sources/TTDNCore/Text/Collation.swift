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
            for m in scalars.dropFirst() { marks = marks &* 0x400 &+ (m.value - 0x2FF) }
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
