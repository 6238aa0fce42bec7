import Foundation

/// A name typed by a user ("nghiem hoang", "Hoàng Văn Nghiệm"): every word must
/// be a whole word of the name, in any order, marks optional.
public struct NameQuery: Sendable, Equatable {
    public let text: String
    let words: [String]
    public init(_ text: String) {
        self.text = text
        words = VietFold.foldedString(text).split(separator: " ").map(String.init)
    }
    public var isEmpty: Bool { words.isEmpty }
    public func matches(_ name: String) -> Bool {
        guard !words.isEmpty else { return true }
        let have = Set(VietFold.foldedString(name).split(separator: " ").map(String.init))
        return words.allSatisfy(have.contains)
    }
    /// Like `matches`, but each word may be the start of a word of the name (for narrowing while typing).
    public func matchesPrefix(_ name: String) -> Bool {
        guard !words.isEmpty else { return true }
        let have = VietFold.foldedString(name).split(separator: " ")
        return words.allSatisfy { w in have.contains { $0.hasPrefix(w) } }
    }
}

/// One person across the shown meetings: how often they attended and chaired,
/// and the titles they held over time.
public struct PersonSummary: Sendable, Equatable {
    public var name: String
    public var attended: Int
    public var chaired: Int
    /// (year, title) pairs in date order, each title once (at its first year).
    public var titles: [Dated]
    public var firstYear: Int?
    public var lastYear: Int?
    public struct Dated: Sendable, Equatable {
        public var year: Int?
        public var title: String
        public init(year: Int?, title: String) { self.year = year; self.title = title }
    }

    public init(name: String, attended: Int, chaired: Int, titles: [Dated], firstYear: Int?, lastYear: Int?) {
        self.name = name
        self.attended = attended
        self.chaired = chaired
        self.titles = titles
        self.firstYear = firstYear
        self.lastYear = lastYear
    }

    /// "2018 Phó Chủ tịch UBND tỉnh; 2020 Chủ tịch UBND tỉnh".
    public var titlesLine: String {
        titles.map { ($0.year.map { String($0) + " " } ?? "") + $0.title }.joined(separator: "; ")
    }
}

public enum PeopleIndex {
    /// Everyone named in `meetings` (people and chairs), most meetings first, then in Vietnamese order.
    public static func summarize(_ meetings: [Meeting]) -> [PersonSummary] {
        var acc = Accumulator()
        // Oldest first, so titles come out in the order they were held.
        for m in meetings.sorted(by: { ($0.date?.ordinal ?? Int.max) < ($1.date?.ordinal ?? Int.max) }) { acc.add(m) }
        return acc.finish()
    }

    /// `summarize`, one meeting at a time (given oldest first), so a caller can decode records in
    /// batches and never hold 100,000 of them.
    public struct Accumulator {
        var byKey: [String: PersonSummary] = [:]
        var spellings: [String: [String: Int]] = [:]
        public init() {}

        public mutating func add(_ m: Meeting) {
            var seen = Set<String>()
            let chairKey = m.chair.map(VietFold.foldedString)
            var named = m.people
            if let c = m.chair, !named.contains(where: { VietFold.foldedString($0.name) == chairKey }) {
                named.append(Person(name: c, titles: [], role: .chair))
            }
            for p in named {
                let key = VietFold.foldedString(p.name)
                guard !key.isEmpty, seen.insert(key).inserted else { continue }
                var s = byKey[key] ?? PersonSummary(name: p.name, attended: 0, chaired: 0, titles: [], firstYear: nil, lastYear: nil)
                s.attended += 1
                if p.role == .chair || key == chairKey { s.chaired += 1 }
                for t in p.titles where !s.titles.contains(where: { $0.title == t }) { s.titles.append(.init(year: m.year, title: t)) }
                if let y = m.year {
                    s.firstYear = min(s.firstYear ?? y, y)
                    s.lastYear = max(s.lastYear ?? y, y)
                }
                byKey[key] = s
                spellings[key, default: [:]][p.name, default: 0] += 1
            }
        }

        /// Everyone, most meetings first, then in Vietnamese order, each under their most used spelling.
        public func finish() -> [PersonSummary] {
            var out = Array(byKey.values)
            for i in out.indices {
                let key = VietFold.foldedString(out[i].name)
                if let best = spellings[key]?.max(by: { ($0.value, $1.key) < ($1.value, $0.key) }) { out[i].name = best.key }
            }
            let keyed = out.map { (VietCollation.key($0.name), $0) }
            return keyed.sorted { a, b in
                (a.1.attended, a.1.chaired) != (b.1.attended, b.1.chaired) ? (a.1.attended, a.1.chaired) > (b.1.attended, b.1.chaired) : a.0 < b.0
            }.map(\.1)
        }
    }
}

extension Provinces {
    /// The closest province to a misspelt name ("lang sn" → Lạng Sơn), or nil when nothing is close.
    public static func suggestion(for input: String) -> String? {
        let key = Array(VietFold.foldedString(input).trimmingCharacters(in: .whitespaces).utf8)
        guard !key.isEmpty else { return nil }
        var best: (Int, String)?
        for e in all {
            for spelling in [e.name] + e.patterns {
                let d = editDistance(key, Array(VietFold.foldedString(spelling).utf8))
                if best == nil || d < best!.0 { best = (d, e.name) }
            }
        }
        guard let (d, name) = best, d <= max(2, key.count / 3) else { return nil }
        return name
    }

    static func editDistance(_ a: [UInt8], _ b: [UInt8]) -> Int {
        if a.isEmpty { return b.count }
        if b.isEmpty { return a.count }
        var prev = Array(0...b.count), cur = [Int](repeating: 0, count: b.count + 1)
        for i in 1...a.count {
            cur[0] = i
            for j in 1...b.count {
                cur[j] = min(prev[j] + 1, cur[j - 1] + 1, prev[j - 1] + (a[i - 1] == b[j - 1] ? 0 : 1))
            }
            swap(&prev, &cur)
        }
        return prev[b.count]
    }

    /// Every name a province filter can take on a map (as named at the time, or the 34 of 2025).
    public static func names(on map: ProvinceMap) -> [String] { map == .y2025 ? names2025 : names }
}

/// Which province names a filter and the province facet use: as named at the
/// meeting's date, or the 34 units in force since 1 July 2025.
public enum ProvinceMap: String, Sendable, CaseIterable { case atTheTime = "at the time", y2025 = "2025" }
