/// The list records of a corpus in timeline order, held as columns: what a row of the list shows
/// (id, date, province, kind, title, whether it is a meeting) and nothing else. 100,000 rows take
/// about 20 MB and filter in a millisecond or two; the full record (people, evidence, body) is
/// read from the source only for the meeting on screen. Immutable, so every state shares one.
public final class Timeline: @unchecked Sendable {
    public let count: Int
    /// The index's row key of each record (−1 for a corpus held in memory).
    public let keys: [Int]
    /// yyyymmdd with 00 for an unknown month or day; 0 when undated.
    let dates: [Int32]
    /// 0 for no province, else 1 + an index into `provinceNames`.
    let provinceCodes: [UInt16]
    /// Every province named in this timeline, as named at the time, then on the 2025 map.
    public let provinceNames: [String]
    public let province2025Names: [String]
    /// For each province code, the code of its 2025 unit in `province2025Names` (0: none).
    let to2025: [UInt16]
    let kinds: [UInt8]
    let meetingFlags: [Bool]
    /// The ids and titles as UTF-8, back to back: row i's id is bytes[idStart[i]..<titleStart[i]],
    /// its title bytes[titleStart[i]..<idStart[i + 1]].
    let idStart: [Int32]
    let titleStart: [Int32]
    let bytes: [UInt8]
    /// Rows sorted by id, for finding a row by id without a 100,000-entry dictionary.
    let byID: [Int32]
    public let meetingCount: Int
    static let kindList = MeetingKind.allCases

    public init(_ meetings: [Meeting]) {
        count = meetings.count
        var keys: [Int] = [], dates: [Int32] = [], codes: [UInt16] = [], kinds: [UInt8] = [], flags: [Bool] = []
        var idStart: [Int32] = [], titleStart: [Int32] = [], bytes: [UInt8] = []
        keys.reserveCapacity(count); dates.reserveCapacity(count); codes.reserveCapacity(count)
        var names: [String: UInt16] = [:]
        var nameList: [String] = []
        for m in meetings {
            keys.append(m.storeKey)
            dates.append(Self.pack(m.date))
            if let p = m.province {
                if let c = names[p] { codes.append(c) } else {
                    nameList.append(p)
                    names[p] = UInt16(nameList.count)
                    codes.append(UInt16(nameList.count))
                }
            } else { codes.append(0) }
            kinds.append(UInt8(Self.kindList.firstIndex(of: m.kind) ?? Self.kindList.count - 1))
            flags.append(m.isMeeting)
            idStart.append(Int32(bytes.count))
            bytes.append(contentsOf: m.id.utf8)
            titleStart.append(Int32(bytes.count))
            bytes.append(contentsOf: m.title.utf8)
        }
        idStart.append(Int32(bytes.count))
        self.keys = keys
        self.dates = dates
        self.provinceCodes = codes
        self.kinds = kinds
        self.meetingFlags = flags
        self.idStart = idStart
        self.titleStart = titleStart
        self.bytes = bytes
        self.provinceNames = nameList
        (province2025Names, to2025) = Self.map2025(nameList)
        meetingCount = flags.reduce(0) { $0 + ($1 ? 1 : 0) }
        byID = Self.sortByID(count: count, idStart: idStart, titleStart: titleStart, bytes: bytes)
        hasText = true
    }

    /// The 2025 units of `names` (each once, in order of first use) and, for each province code
    /// (0: none, then 1 + index into `names`), the code of its unit.
    static func map2025(_ names: [String]) -> (units: [String], codes: [UInt16]) {
        var codeOf: [String: UInt16] = [:]
        var units: [String] = []
        var codes: [UInt16] = [0]
        for p in names {
            guard let u = Provinces.province2025(of: p) else { codes.append(0); continue }
            if let c = codeOf[u] { codes.append(c) } else {
                units.append(u)
                codeOf[u] = UInt16(units.count)
                codes.append(UInt16(units.count))
            }
        }
        return (units, codes)
    }

    static func sortByID(count: Int, idStart: [Int32], titleStart: [Int32], bytes: [UInt8]) -> [Int32] {
        bytes.withUnsafeBufferPointer { b in
            (0..<Int32(count)).sorted { x, y in
                let a = b[Int(idStart[Int(x)])..<Int(titleStart[Int(x)])], c = b[Int(idStart[Int(y)])..<Int(titleStart[Int(y)])]
                return a.lexicographicallyPrecedes(c)
            }
        }
    }

    static func pack(_ d: MeetingDate?) -> Int32 {
        guard let d else { return 0 }
        return Int32(d.year * 10000 + (d.month ?? 0) * 100 + (d.day ?? 0))
    }

    // MARK: One row

    public func id(_ i: Int) -> String { String(decoding: bytes[Int(idStart[i])..<Int(titleStart[i])], as: UTF8.self) }
    public func title(_ i: Int) -> String { String(decoding: bytes[Int(titleStart[i])..<Int(idStart[i + 1])], as: UTF8.self) }
    /// Characters in the title (Unicode scalars), counted on the bytes.
    public func titleLength(_ i: Int) -> Int {
        var n = 0
        for k in Int(titleStart[i])..<Int(idStart[i + 1]) where bytes[k] & 0xC0 != 0x80 { n += 1 }
        return n
    }
    public func date(_ i: Int) -> MeetingDate? {
        let v = Int(dates[i])
        guard v > 0 else { return nil }
        let m = v / 100 % 100, d = v % 100
        return MeetingDate(year: v / 10000, month: m == 0 ? nil : m, day: d == 0 ? nil : d)
    }
    public func year(_ i: Int) -> Int? { dates[i] > 0 ? Int(dates[i]) / 10000 : nil }
    public func isDated(_ i: Int) -> Bool { dates[i] > 0 }
    public func province(_ i: Int) -> String? { provinceCodes[i] == 0 ? nil : provinceNames[Int(provinceCodes[i]) - 1] }
    public func province2025(_ i: Int) -> String? {
        let c = to2025[Int(provinceCodes[i])]
        return c == 0 ? nil : province2025Names[Int(c) - 1]
    }
    /// The province on `map`: as named at the meeting's date, or its 2025 unit.
    public func province(_ i: Int, on map: ProvinceMap) -> String? { map == .y2025 ? province2025(i) : province(i) }
    /// The province on `map` as a small number (0: none), for counting without hashing names;
    /// `provinceName(code:on:)` names it.
    public func provinceCode(_ i: Int, on map: ProvinceMap) -> Int {
        map == .y2025 ? Int(to2025[Int(provinceCodes[i])]) : Int(provinceCodes[i])
    }
    public func provinceName(code: Int, on map: ProvinceMap) -> String? {
        code == 0 ? nil : map == .y2025 ? province2025Names[code - 1] : provinceNames[code - 1]
    }
    public func kind(_ i: Int) -> MeetingKind { Self.kindList[Int(kinds[i])] }
    public func isMeeting(_ i: Int) -> Bool { meetingFlags[i] }

    /// The row whose id is `id`, by binary search over the id order.
    public func row(ofID id: String) -> Int? {
        let want = Array(id.utf8)
        return bytes.withUnsafeBufferPointer { b -> Int? in
            var lo = 0, hi = count
            while lo < hi {
                let mid = (lo + hi) / 2
                let r = Int(byID[mid])
                let have = b[Int(idStart[r])..<Int(titleStart[r])]
                if have.elementsEqual(want) {
                    // Ids are unique in a corpus; the first in timeline order if not.
                    var k = mid
                    while k > 0, b[Int(idStart[Int(byID[k - 1])])..<Int(titleStart[Int(byID[k - 1])])].elementsEqual(want) { k -= 1 }
                    return Int(byID[k])
                }
                if have.lexicographicallyPrecedes(want) { lo = mid + 1 } else { hi = mid }
            }
            return nil
        }
    }

    /// Rows of the given ids (ids not in this timeline are skipped).
    public func rows(ofIDs ids: Set<String>) -> RowSet {
        var s = RowSet(capacity: count)
        for id in ids { if let r = row(ofID: id) { s.insert(r) } }
        return s
    }

    // MARK: Filtering

    /// A filter compiled against this timeline: province names to codes, kinds to a table.
    public struct Compiled: Equatable, Sendable {
        let provinceOK: [Bool]?
        let years: Set<Int>
        let kindOK: [Bool]?
        let search: RowSet?
        let people: RowSet?
        let keep: RowSet?
        let drop: RowSet?
    }

    /// `filter`'s province, year and kind on the columns; its search and person/chair parts as row
    /// sets the source answered (`search`, `people`; nil: not asked or not answered yet — no
    /// restriction); `keep`/`drop` for read and starred marks.
    public func compile(_ filter: MeetingFilter, search: RowSet? = nil, people: RowSet? = nil,
                        keep: RowSet? = nil, drop: RowSet? = nil) -> Compiled {
        var provinceOK: [Bool]?
        if !filter.provinces.isEmpty {
            var ok = [Bool](repeating: false, count: provinceNames.count + 1)
            ok[0] = filter.provinces.contains("")
            for (k, p) in provinceNames.enumerated() {
                let name = filter.map == .y2025 ? (to2025[k + 1] == 0 ? "" : province2025Names[Int(to2025[k + 1]) - 1]) : p
                ok[k + 1] = filter.provinces.contains(name)
            }
            provinceOK = ok
        }
        var kindOK: [Bool]?
        if !filter.kinds.isEmpty { kindOK = Self.kindList.map { filter.kinds.contains($0) } }
        return Compiled(provinceOK: provinceOK, years: filter.years, kindOK: kindOK, search: search, people: people, keep: keep, drop: drop)
    }

    @inline(__always) public func matches(_ i: Int, _ c: Compiled, ignoring facet: Facet? = nil) -> Bool {
        if facet != .province, let ok = c.provinceOK, !ok[Int(provinceCodes[i])] { return false }
        if facet != .year, !c.years.isEmpty, !c.years.contains(Int(dates[i]) / 10000) { return false }
        if facet != .kind, let ok = c.kindOK, !ok[Int(kinds[i])] { return false }
        if let s = c.search, !s.contains(i) { return false }
        if let s = c.people, !s.contains(i) { return false }
        if let s = c.keep, !s.contains(i) { return false }
        if let s = c.drop, s.contains(i) { return false }
        return true
    }

    /// Rows that pass, in timeline order.
    public func select(_ c: Compiled) -> [Int] {
        var out: [Int] = []
        for i in 0..<count where matches(i, c) { out.append(i) }
        return out
    }

    /// Counts per value of `facet` under the other filters, ordered as `Stats.counts` orders them.
    public func facetCounts(_ facet: Facet, _ c: Compiled, map: ProvinceMap) -> [FacetCount] {
        var counts: [String: Int] = [:]
        switch facet {
        case .province:
            var perCode = [Int](repeating: 0, count: provinceNames.count + 1)
            for i in 0..<count where matches(i, c, ignoring: .province) { perCode[Int(provinceCodes[i])] += 1 }
            for (code, n) in perCode.enumerated() where n > 0 {
                let name = code == 0 ? "" : (map == .y2025 ? (to2025[code] == 0 ? "" : province2025Names[Int(to2025[code]) - 1]) : provinceNames[code - 1])
                counts[name, default: 0] += n
            }
        case .year:
            var perYear: [Int: Int] = [:]
            for i in 0..<count where matches(i, c, ignoring: .year) { perYear[Int(dates[i]) / 10000, default: 0] += 1 }
            for (y, n) in perYear { counts[String(y), default: 0] += n }
        case .kind:
            var perKind = [Int](repeating: 0, count: Self.kindList.count)
            for i in 0..<count where matches(i, c, ignoring: .kind) { perKind[Int(kinds[i])] += 1 }
            for (k, n) in perKind.enumerated() where n > 0 { counts[Self.kindList[k].rawValue] = n }
        }
        return Stats.order(counts.map { FacetCount(value: $0.key, label: Stats.label(facet, $0.key), count: $0.value) }, facet)
    }

    // MARK: Stored form (the index keeps it, so a start decodes no record)

    // Two parts: the columns (16 bytes a row: what filters and counts read) and the text (ids and
    // titles, four fifths of the whole). `stats` and `list --format json` read the columns only:
    // at 100,000 articles 1.6 MB instead of 15 MB.
    static let columnsMagic: [UInt8] = Array("TTDNTC1\n".utf8)
    static let textMagic: [UInt8] = Array("TTDNTT1\n".utf8)

    /// Whether ids and titles were loaded (`init(columns:text:)` without text gives "" for both).
    public let hasText: Bool

    public func encodedColumns() -> [UInt8] {
        var out = Self.columnsMagic
        out.reserveCapacity(64 + provinceNames.count * 24 + count * 16)
        Self.put(count, &out)
        Self.put(provinceNames.count, &out)
        for p in provinceNames { Self.put(p.utf8.count, &out); out.append(contentsOf: p.utf8) }
        for i in 0..<count {
            Self.put(keys[i], &out)
            withUnsafeBytes(of: dates[i].littleEndian) { out.append(contentsOf: $0) }
            withUnsafeBytes(of: provinceCodes[i].littleEndian) { out.append(contentsOf: $0) }
            out.append(kinds[i])
            out.append(meetingFlags[i] ? 1 : 0)
        }
        return out
    }

    public func encodedText() -> [UInt8] {
        var out = Self.textMagic
        out.reserveCapacity(32 + bytes.count + count * 12)
        Self.put(count, &out)
        Self.put(bytes.count, &out)
        out.append(contentsOf: bytes)
        for i in 0..<count {
            withUnsafeBytes(of: idStart[i].littleEndian) { out.append(contentsOf: $0) }
            withUnsafeBytes(of: titleStart[i].littleEndian) { out.append(contentsOf: $0) }
            withUnsafeBytes(of: (hasText ? byID[i] : Int32(i)).littleEndian) { out.append(contentsOf: $0) }
        }
        return out
    }

    static func put(_ v: Int, _ out: inout [UInt8]) {
        withUnsafeBytes(of: Int64(v).littleEndian) { out.append(contentsOf: $0) }
    }

    /// Nil when `columns` (or `text`, when given) is not a stored timeline of this version, or the two
    /// do not belong together: the caller rebuilds it.
    public convenience init?(columns: [UInt8], text: [UInt8]?) {
        guard var p = Self.decodeColumns(columns) else { return nil }
        if let text {
            guard Self.decodeText(text, into: &p) else { return nil }
        } else {
            p.idStart = [Int32](repeating: 0, count: p.count + 1)
            p.titleStart = [Int32](repeating: 0, count: p.count)
            p.byID = (0..<Int32(p.count)).map { $0 }
        }
        self.init(parts: p, hasText: text != nil)
    }

    struct Parts {
        var count = 0, keys: [Int] = [], dates: [Int32] = [], codes: [UInt16] = [], kinds: [UInt8] = [], flags: [Bool] = []
        var idStart: [Int32] = [], titleStart: [Int32] = [], bytes: [UInt8] = [], byID: [Int32] = [], names: [String] = []
    }

    /// Reads little-endian integers from a stored part, refusing to run past its end.
    struct Reader {
        let raw: UnsafeRawBufferPointer
        var at: Int
        mutating func int() -> Int? {
            guard at + 8 <= raw.count else { return nil }
            defer { at += 8 }
            return Int(Int64(littleEndian: raw.loadUnaligned(fromByteOffset: at, as: Int64.self)))
        }
        func int32(_ o: Int) -> Int32 { Int32(littleEndian: raw.loadUnaligned(fromByteOffset: at + o, as: Int32.self)) }
    }

    static func decodeColumns(_ data: [UInt8]) -> Parts? {
        data.withUnsafeBytes { raw -> Parts? in
            guard raw.count >= columnsMagic.count + 16, raw.prefix(columnsMagic.count).elementsEqual(columnsMagic) else { return nil }
            var r = Reader(raw: raw, at: columnsMagic.count)
            var p = Parts()
            guard let n = r.int(), n >= 0, let nn = r.int(), nn >= 0, nn < 65_000 else { return nil }
            for _ in 0..<nn {
                guard let len = r.int(), len >= 0, r.at + len <= raw.count else { return nil }
                p.names.append(String(decoding: raw[r.at..<(r.at + len)], as: UTF8.self))
                r.at += len
            }
            guard raw.count - r.at == n * 16 else { return nil }
            p.count = n
            p.keys.reserveCapacity(n); p.dates.reserveCapacity(n); p.codes.reserveCapacity(n); p.kinds.reserveCapacity(n)
            p.flags.reserveCapacity(n)
            var at = r.at
            for _ in 0..<n {
                let code = UInt16(littleEndian: raw.loadUnaligned(fromByteOffset: at + 12, as: UInt16.self))
                guard Int(code) <= nn, Int(raw[at + 14]) < kindList.count else { return nil }
                p.keys.append(Int(Int64(littleEndian: raw.loadUnaligned(fromByteOffset: at, as: Int64.self))))
                p.dates.append(Int32(littleEndian: raw.loadUnaligned(fromByteOffset: at + 8, as: Int32.self)))
                p.codes.append(code)
                p.kinds.append(raw[at + 14])
                p.flags.append(raw[at + 15] != 0)
                at += 16
            }
            return p
        }
    }

    static func decodeText(_ data: [UInt8], into p: inout Parts) -> Bool {
        let n = p.count
        return data.withUnsafeBytes { raw -> Bool in
            guard raw.count >= textMagic.count + 16, raw.prefix(textMagic.count).elementsEqual(textMagic) else { return false }
            var r = Reader(raw: raw, at: textMagic.count)
            guard r.int() == n, let nb = r.int(), nb >= 0, r.at + nb <= raw.count else { return false }
            p.bytes = Array(raw[r.at..<(r.at + nb)])
            r.at += nb
            guard raw.count - r.at == n * 12 else { return false }
            p.idStart.reserveCapacity(n + 1); p.titleStart.reserveCapacity(n); p.byID.reserveCapacity(n)
            for _ in 0..<n {
                let a = r.int32(0), b = r.int32(4), k = r.int32(8)
                guard a >= 0, b >= a, Int(b) <= nb, k >= 0, Int(k) < n else { return false }
                p.idStart.append(a); p.titleStart.append(b); p.byID.append(k)
                r.at += 12
            }
            p.idStart.append(Int32(nb))
            for i in 0..<n where p.titleStart[i] > p.idStart[i + 1] { return false }
            return true
        }
    }

    init(parts p: Parts, hasText: Bool) {
        count = p.count
        keys = p.keys; dates = p.dates; provinceCodes = p.codes; kinds = p.kinds; meetingFlags = p.flags
        idStart = p.idStart; titleStart = p.titleStart; bytes = p.bytes; byID = p.byID
        provinceNames = p.names
        (province2025Names, to2025) = Self.map2025(p.names)
        meetingCount = p.flags.reduce(0) { $0 + ($1 ? 1 : 0) }
        self.hasText = hasText
    }
}

/// A set of timeline rows, one bit each: a search's or a person's answer, the read or starred rows.
public struct RowSet: Sendable, Equatable {
    public private(set) var words: [UInt64]
    public private(set) var count = 0
    public init(capacity: Int) { words = [UInt64](repeating: 0, count: (max(0, capacity) + 63) / 64) }
    @inline(__always) public func contains(_ i: Int) -> Bool {
        let w = i >> 6
        return i >= 0 && w < words.count && words[w] & (1 << UInt64(i & 63)) != 0
    }
    public mutating func insert(_ i: Int) {
        let w = i >> 6
        guard i >= 0, w < words.count, words[w] & (1 << UInt64(i & 63)) == 0 else { return }
        words[w] |= 1 << UInt64(i & 63)
        count += 1
    }
    public mutating func remove(_ i: Int) {
        let w = i >> 6
        guard i >= 0, w < words.count, words[w] & (1 << UInt64(i & 63)) != 0 else { return }
        words[w] &= ~(1 << UInt64(i & 63))
        count -= 1
    }
}
