import Foundation

/// Districts, towns and provincial cities (63-province map, GSO list in
/// GazetteerData.swift) mapped to their province, so that a report naming only
/// "huyện Mường Tè" or "thành phố Pleiku" still has a province.
///
/// A name counts only after its unit word ("huyện", "thị xã", "thành phố",
/// "TP", "quận"), because bare names collide with people and common words
/// ("Vinh", "Hòa Bình"). Names shared by several provinces ("Châu Thành") are
/// left out: they identify none. Provincial cities may also follow "phường"
/// (the wards that took their names in 2025: "phường Quy Nhơn").
public enum Gazetteer {
    public struct Hit: Sendable, Equatable {
        public var province: String
        public var name: String
        public var offset: Int
    }

    struct Entry { let name: String; let province: String; let kind: Character }

    /// Folded name ("pleiku", "buon ma thuot") → its unit, when only one province has a unit of that name.
    static let byFoldedName: [String: Entry] = {
        var all: [String: [Entry]] = [:]
        // The rows hold no CR, so "\n" ends each (`lines` finds them with memchr).
        for row in districtRows.lines(omittingEmpty: true) {
            let parts = row.trimmingSpaces().split(separator: "|", omittingEmptySubsequences: false)
            guard parts.count == 3, let kind = parts[0].first else { continue }
            let e = Entry(name: String(parts[1]), province: String(parts[2]), kind: kind)
            all[VietFold.foldedString(e.name), default: []].append(e)
        }
        for (old, current) in formerNames { if let e = all[current]?.first { all[old, default: []].append(e) } }
        var out: [String: Entry] = [:]
        for (k, es) in all where es.allSatisfy({ $0.province == es[0].province }) && (k.utf8.contains(0x20) || k.count >= 5) { out[k] = es[0] }
        return out
    }()

    /// Spellings and former names still in use → the GSO name (folded).
    static let formerNames: [String: String] = [
        "buon me thuot": "buon ma thuot", "ban me thuot": "buon ma thuot", "play ku": "pleiku",
    ]


    /// Units named in `text` after their unit word, in order. Only the few words after each
    /// unit word are looked at (this runs on every paragraph).
    public static func hits(in text: String) -> [Hit] {
        hits(in: ProvinceScan.Stripped(text))
    }

    /// `hits(in:)` on the text's mark-stripped bytes (`VietFold.stripMarks`, case kept): folding
    /// is stripping followed by ASCII lower case, so comparing in lower case here lets the province
    /// pass fold each paragraph once for both of its searches.
    ///
    /// A unit word starts where the byte before is not an ASCII letter ("… huyen", not "chuyen";
    /// `Stripped.units`). After it come up to four words, each a run of bytes other than space , ; ( )
    /// and line feed, with spaces and "(" skipped before each; a word that ends on anything but a
    /// space ends the name. The longest run of 1–4 of them, joined by spaces and trimmed of "." and
    /// ":", is looked up by its bytes.
    static func hits(in text: ProvinceScan.Stripped) -> [Hit] {
        guard !text.units.isEmpty else { return [] }
        return text.bytes.withUnsafeBufferPointer { b in
            var out: [Hit] = []
            let n = b.count
            // Scratch, reused for every unit word: the words' byte ranges, and the name looked up.
            var words: [Range<Int>] = []
            words.reserveCapacity(4)
            var key: [UInt8] = []
            for unit in text.units {
                let at = unit.at
                // The words after the unit word, as byte ranges.
                words.removeAll(keepingCapacity: true)
                var i = at + unit.count
                while words.count < 4 && i < n {
                    while i < n && (b[i] == 32 || b[i] == 40) { i += 1 }
                    let s = i
                    while i < n && b[i] != 32 && b[i] != 44 && b[i] != 59 && b[i] != 40 && b[i] != 41 && b[i] != 10 { i += 1 }
                    guard s < i else { break }
                    words.append(s..<i)
                    if i < n && b[i] != 32 { break }   // a comma or bracket ends the name
                }
                if let e = match(words, in: b, cityOnly: unit.cityOnly, key: &key) { out.append(Hit(province: e.province, name: e.name, offset: at)) }
            }
            return out
        }
    }

    /// The unit word standing at `at` (compared in lower case), if any: one of `unitNeedles`, told
    /// apart by their first two bytes (and the third for "tp " and "tp.").
    @inline(__always) static func unitWord(at at: Int, in b: UnsafeBufferPointer<UInt8>) -> (count: Int, cityOnly: Bool)? {
        let n = b.count
        guard at + 3 <= n else { return nil }   // "tp " and "tp." are the shortest
        let first = ProvinceScan.lower(b[at]), second = ProvinceScan.lower(b[at + 1])
        /// Do the lower-cased bytes from `at + 2` spell `rest`?
        func follows(_ rest: StaticString) -> Bool {
            let k = rest.utf8CodeUnitCount
            guard at + 2 + k <= n else { return false }
            for j in 0..<k where ProvinceScan.lower(b[at + 2 + j]) != rest.utf8Start[j] { return false }
            return true
        }
        switch (first, second) {
        case (0x74, 0x68):   // th
            if follows("anh pho ") { return (10, false) }
            if follows("i xa ") { return (7, false) }
        case (0x74, 0x70):   // tp
            if b[at + 2] == 0x20 || b[at + 2] == 0x2E { return (3, false) }
        case (0x68, 0x75):   // hu
            if follows("yen ") { return (6, false) }
        case (0x71, 0x75):   // qu
            if follows("an ") { return (5, false) }
        case (0x70, 0x68):   // ph
            if follows("uong ") { return (7, true) }
        default: break
        }
        return nil
    }

    /// Unit words as folded bytes, each with a trailing space ("TP.Pleiku" glues: see "tp.").
    static let unitNeedles: [([UInt8], Bool)] = [
        (Array("thanh pho ".utf8), false), (Array("thi xa ".utf8), false), (Array("huyen ".utf8), false),
        (Array("quan ".utf8), false), (Array("tp ".utf8), false), (Array("tp.".utf8), false), (Array("phuong ".utf8), true),
    ]

    @inline(__always) static func isLetter(_ b: UInt8) -> Bool { (b >= 97 && b <= 122) || (b >= 65 && b <= 90) }

    /// `byFoldedName` keyed by the name's bytes.
    static let byFoldedBytes = ProvinceScan.ByteTable(byFoldedName.map { (Array($0.key.utf8), $0.value) })

    /// The longest run of 1–4 words that names a unit: the words joined by single spaces, in lower
    /// case, trimmed of "." and ":" at both ends (built in `key`, scratch room reused between calls:
    /// the joined words are never longer than the text they span, as words are apart by a byte at least).
    static func match(_ words: [Range<Int>], in b: UnsafeBufferPointer<UInt8>, cityOnly: Bool, key: inout [UInt8]) -> Entry? {
        guard let last = words.last else { return nil }
        let span = last.upperBound - words[0].lowerBound
        if key.count < span { key = [UInt8](repeating: 0, count: span) }
        return key.withUnsafeMutableBufferPointer { k in
            for n in stride(from: min(4, words.count), through: 1, by: -1) {
                var length = 0
                for j in 0..<n {
                    if j > 0 { k[length] = 32; length += 1 }
                    for i in words[j] { k[length] = ProvinceScan.lower(b[i]); length += 1 }
                }
                var lo = 0, hi = length
                while lo < hi && (k[lo] == 0x2E || k[lo] == 0x3A) { lo += 1 }
                while hi > lo && (k[hi - 1] == 0x2E || k[hi - 1] == 0x3A) { hi -= 1 }
                if let e = byFoldedBytes[UnsafeBufferPointer(rebasing: k[lo..<hi])], !cityOnly || e.kind == "t" { return e }
            }
            return nil
        }
    }
}
