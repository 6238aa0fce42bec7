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
        for row in districtRows.split(separator: "\n") {
            let parts = row.trimmingCharacters(in: .whitespaces).split(separator: "|", omittingEmptySubsequences: false)
            guard parts.count == 3, let kind = parts[0].first else { continue }
            let e = Entry(name: String(parts[1]), province: String(parts[2]), kind: kind)
            all[VietFold.foldedString(e.name), default: []].append(e)
        }
        for (old, current) in formerNames { if let e = all[current]?.first { all[old, default: []].append(e) } }
        var out: [String: Entry] = [:]
        for (k, es) in all where Set(es.map(\.province)).count == 1 && (k.contains(" ") || k.count >= 5) { out[k] = es[0] }
        return out
    }()

    /// Spellings and former names still in use → the GSO name (folded).
    static let formerNames: [String: String] = [
        "buon me thuot": "buon ma thuot", "ban me thuot": "buon ma thuot", "play ku": "pleiku",
    ]


    /// Units named in `text` after their unit word, in order. Only the few words after each
    /// unit word are looked at, found by byte search (this runs on every paragraph).
    public static func hits(in text: String) -> [Hit] {
        let folded = VietFold.foldedString(text)
        let bytes = Array(folded.utf8)
        var out: [Hit] = []
        for (unit, cityOnly) in unitNeedles {
            var from = 0
            while let at = find(unit, in: bytes, from: from) {
                from = at + unit.count
                // A unit word starts a word: "… huyen" not "chuyen".
                guard at == 0 || !isLetter(bytes[at - 1]) else { continue }
                var words: [String] = []
                var i = at + unit.count
                while words.count < 4 && i < bytes.count {
                    while i < bytes.count && (bytes[i] == 32 || bytes[i] == 40) { i += 1 }
                    let s = i
                    while i < bytes.count && bytes[i] != 32 && bytes[i] != 44 && bytes[i] != 59 && bytes[i] != 40 && bytes[i] != 41 && bytes[i] != 10 { i += 1 }
                    guard s < i else { break }
                    words.append(String(decoding: bytes[s..<i], as: UTF8.self))
                    if i < bytes.count && bytes[i] != 32 { break }   // a comma or bracket ends the name
                }
                if let e = match(words, cityOnly: cityOnly) { out.append(Hit(province: e.province, name: e.name, offset: at)) }
            }
        }
        return out.sorted { $0.offset < $1.offset }
    }

    /// Unit words as folded bytes, each with a trailing space ("TP.Pleiku" glues: see "tp.").
    static let unitNeedles: [([UInt8], Bool)] = [
        (Array("thanh pho ".utf8), false), (Array("thi xa ".utf8), false), (Array("huyen ".utf8), false),
        (Array("quan ".utf8), false), (Array("tp ".utf8), false), (Array("tp.".utf8), false), (Array("phuong ".utf8), true),
    ]

    static func isLetter(_ b: UInt8) -> Bool { (b >= 97 && b <= 122) || (b >= 65 && b <= 90) }

    static func find(_ needle: [UInt8], in hay: [UInt8], from: Int) -> Int? {
        guard needle.count <= hay.count, from <= hay.count - needle.count else { return nil }
        return hay.withUnsafeBytes { h in needle.withUnsafeBytes { findBytes(h, from: from, $0) } }
    }

    /// The longest run of 1–4 words that names a unit.
    static func match(_ words: [String], cityOnly: Bool) -> Entry? {
        for n in stride(from: min(4, words.count), through: 1, by: -1) {
            let key = words[0..<n].joined(separator: " ").trimmingScalars { $0 == "." || $0 == ":" }
            if let e = byFoldedName[key], !cityOnly || e.kind == "t" { return e }
        }
        return nil
    }
}
