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
        "thu dau mot": "thu dau mot", "hue": "hue", "sai gon": "thu duc",
    ]

    static let unitWords: [[String]] = [["thanh", "pho"], ["thi", "xa"], ["huyen"], ["quan"], ["tp"], ["tp."], ["phuong"]]

    /// Units named in `text` after their unit word, in order.
    public static func hits(in text: String) -> [Hit] {
        let folded = VietFold.foldedString(text)
        // Most paragraphs name no unit at all: skip the word split for them.
        guard ["huyen ", "thi xa ", "thanh pho ", "tp", "quan ", "phuong "].contains(where: { folded.fastContains($0) }) else { return [] }
        let words = folded.split(whereSeparator: { $0 == " " || $0 == "," || $0 == ";" || $0 == "(" || $0 == ")" || $0 == "\n" })
            .map(String.init)
        var out: [Hit] = []
        var i = 0
        while i < words.count {
            defer { i += 1 }
            var unit: [String]?
            for u in unitWords where i + u.count <= words.count && Array(words[i..<(i + u.count)]) == u { unit = u; break }
            if unit == nil, words[i].hasPrefix("tp.") && words[i].count > 3 {
                // "TP.Pleiku": the unit glued to the name.
                let rest = String(words[i].dropFirst(3))
                if let e = match([rest] + words[(i + 1)..<min(words.count, i + 4)], cityOnly: false) {
                    out.append(Hit(province: e.province, name: e.name, offset: i))
                }
                continue
            }
            guard let u = unit else { continue }
            let after = Array(words[(i + u.count)..<min(words.count, i + u.count + 4)])
            if let e = match(after, cityOnly: u == ["phuong"]) {
                out.append(Hit(province: e.province, name: e.name, offset: i))
            }
        }
        return out
    }

    /// The longest run of 1–4 words that names a unit.
    static func match(_ words: [String], cityOnly: Bool) -> Entry? {
        for n in stride(from: min(4, words.count), through: 1, by: -1) {
            let key = words[0..<n].joined(separator: " ").trimmingCharacters(in: CharacterSet(charactersIn: ".:"))
            if let e = byFoldedName[key], !cityOnly || e.kind == "t" { return e }
        }
        return nil
    }
}
