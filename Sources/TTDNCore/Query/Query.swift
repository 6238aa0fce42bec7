import Foundation

/// A search as the user typed it. Without marks it matches with or without
/// them ("lang son" → "Lạng Sơn"); with marks it must match them too, with
/// old and new tone placement equal ("Tỉnh ủy" ↔ "Tỉnh uỷ") — fzf's rule.
/// Words match anywhere in the article, in any order ("nghiem hoang" finds
/// Hoàng Văn Nghiệm), each at the start of a word (so a word works as a prefix
/// while typing); "quoted words" must appear together as a phrase, whole words
/// (whitespace runs and line breaks never break one).
public struct SearchQuery: Sendable, Equatable {
    /// One word, or one quoted phrase.
    public struct Term: Sendable, Equatable {
        public let folded: [UInt8]
        public let phrase: Bool
        public let marked: Bool
        /// A marked term as `ToneStyle.canonical` makes it (tone placement made equal); "" otherwise.
        public let exact: String
        public let text: String
    }

    public let text: String
    public let terms: [Term]
    /// The folded terms joined by spaces (empty when nothing searchable was typed).
    public let folded: [UInt8]
    public let marked: Bool

    public init(_ text: String) {
        self.text = text
        var terms: [Term] = []
        func add(_ raw: String, phrase: Bool) {
            var f = VietFold.fold(raw)
            while f.first == 0x20 { f.removeFirst() }
            while f.last == 0x20 { f.removeLast() }
            guard !f.isEmpty else { return }
            let marked = VietFold.hasMarks(raw)
            terms.append(Term(folded: f, phrase: phrase, marked: marked,
                              exact: marked ? ToneStyle.canonical(raw).trimmingCharacters(in: .whitespaces) : "", text: raw))
        }
        // Quotes (straight or curly) open and close phrases; an unclosed quote runs to the end (typing).
        var inQuote = false
        var cur = ""
        for ch in text {
            if ch == "\"" || ch == "“" || ch == "”" {
                if inQuote { add(cur, phrase: true) } else { for w in cur.split(whereSeparator: \.isWhitespace) { add(String(w), phrase: false) } }
                cur = ""
                inQuote.toggle()
            } else {
                cur.append(ch)
            }
        }
        if inQuote { add(cur, phrase: true) } else { for w in cur.split(whereSeparator: \.isWhitespace) { add(String(w), phrase: false) } }
        self.terms = terms
        folded = Array(terms.map { $0.folded }.joined(separator: [0x20]))
        marked = terms.contains { $0.marked }
    }

    public var isEmpty: Bool { terms.isEmpty }

    /// Folded-byte offsets of hits of any term in `hay` (at word starts).
    public func hits(in hay: [UInt8], limit: Int = .max) -> [Int] { hitRanges(in: hay, limit: limit).map(\.lowerBound) }

    /// Folded-byte ranges of hits of every term in `hay`, in order of position.
    public func hitRanges(in hay: [UInt8], limit: Int = .max) -> [Range<Int>] {
        var out: [Range<Int>] = []
        for t in terms {
            for r in termHits(t, in: hay, limit: limit) { out.append(r) }
        }
        return out.sorted { $0.lowerBound < $1.lowerBound }
    }

    func termHits(_ t: Term, in hay: [UInt8], limit: Int = .max) -> [Range<Int>] {
        var out: [Range<Int>] = []
        for off in hay.occurrences(of: t.folded) where off == 0 || !isWordByte(hay[off - 1]) {
            let end = off + t.folded.count
            if t.phrase, end < hay.count, isWordByte(hay[end]), isWordByte(t.folded[t.folded.count - 1]) { continue }
            out.append(off..<end)
            if out.count >= limit { break }
        }
        return out
    }

    /// True when every term is found in the folded text `hay`.
    public func matchesFolded(_ hay: [UInt8]) -> Bool {
        !terms.isEmpty && terms.allSatisfy { !termHits($0, in: hay, limit: 1).isEmpty }
    }

    public func matches(_ m: Meeting) -> Bool {
        guard !terms.isEmpty else { return true }
        guard matchesFolded(m.searchText) else { return false }
        if !marked { return true }
        return matchesMarked(title: m.title, paragraphs: m.paragraphs, byline: m.byline, siteLinks: m.siteLinks)
    }

    /// True when every term with marks is found, marks and all (tone placement made equal), in the
    /// meeting's texts — the second half of `matches`, for an index that matched the folded text.
    public func matchesMarked(title: String, paragraphs: [Paragraph], byline: String?, siteLinks: [String]) -> Bool {
        // Each text is made canonical only when a marked term is still missing (usually the title suffices).
        var missing = terms.filter(\.marked).map { (Array($0.exact.unicodeScalars), $0.phrase) }
        if missing.isEmpty { return true }
        func check(_ text: String) -> Bool {
            let hay = Array(ToneStyle.canonical(text).unicodeScalars)
            missing.removeAll { Self.contains(hay, $0.0, phrase: $0.1) }
            return missing.isEmpty
        }
        if check(title) { return true }
        for p in paragraphs where check(p.text) { return true }
        if check(byline ?? "") { return true }
        for l in siteLinks where check(l) { return true }
        return false
    }

    /// `matchesMarked` on texts given as UTF-8 bytes (as an index stores them): each text is folded
    /// first (a byte table) and made canonical only when a missing term's folded form occurs in it
    /// after no ASCII letter or digit — the folded form of a canonical match (at a word start) always
    /// does, so the answer is the same, at a fraction of the cost on long bodies.
    public func matchesMarked(utf8 texts: [ArraySlice<UInt8>]) -> Bool {
        var missing = terms.filter(\.marked).map { (folded: $0.folded, exact: Array($0.exact.unicodeScalars), phrase: $0.phrase) }
        if missing.isEmpty { return true }
        var folded: [UInt8] = []
        for t in texts where !t.isEmpty {
            folded.removeAll(keepingCapacity: true)
            t.withUnsafeBufferPointer { VietFold.fold($0, into: &folded, map: nil) }
            guard missing.contains(where: { m in
                // At a word start, or after a byte that is no ASCII letter or digit (“ is not a letter either).
                folded.occurrences(of: m.folded).contains { $0 == 0 || !Self.isASCIIWordByte(folded[$0 - 1]) }
            }) else { continue }
            let hay = Array(ToneStyle.canonical(String(decoding: t, as: UTF8.self)).unicodeScalars)
            missing.removeAll { Self.contains(hay, $0.exact, phrase: $0.phrase) }
            if missing.isEmpty { return true }
        }
        return false
    }

    /// `needle` in `hay` starting at a word (and, for a phrase, ending at one) — as the index's tokens match.
    static func contains(_ hay: [Unicode.Scalar], _ needle: [Unicode.Scalar], phrase: Bool) -> Bool {
        guard !needle.isEmpty, hay.count >= needle.count else { return false }
        func isWord(_ u: Unicode.Scalar) -> Bool { u.properties.isAlphabetic || u.properties.numericType != nil || u.properties.generalCategory == .nonspacingMark }
        let first = needle[0]
        var i = 0
        while i + needle.count <= hay.count {
            if hay[i] == first, i == 0 || !isWord(hay[i - 1]) {
                var k = 1
                while k < needle.count && hay[i + k] == needle[k] { k += 1 }
                if k == needle.count {
                    let end = i + needle.count
                    if !phrase || end == hay.count || !isWord(hay[end]) || !isWord(needle[needle.count - 1]) { return true }
                }
            }
            i += 1
        }
        return false
    }

    @inline(__always) static func isASCIIWordByte(_ b: UInt8) -> Bool {
        (b >= 97 && b <= 122) || (b >= 65 && b <= 90) || (b >= 48 && b <= 57)
    }

    @inline(__always) func isWordByte(_ b: UInt8) -> Bool {
        (b >= 97 && b <= 122) || (b >= 48 && b <= 57) || b >= 0x80
    }
}

/// Old ("hoà", "uỷ") and new ("hòa", "ủy") tone placement made equal, lower-cased, whitespace collapsed.
/// One pass over scalars: this runs over every article when the index is built.
public enum ToneStyle {
    /// Old style puts the tone on the second vowel: o+à → ò+a, o+è → ò+e, u+ỳ → ù+y.
    static let moves: [UInt32: (UInt32, UInt32, [UInt32])] = {
        // second vowel with tone → (base of second vowel, table index of tone)
        var m: [UInt32: (UInt32, UInt32, [UInt32])] = [:]
        let a: [UInt32] = [0xE0, 0xE1, 0x1EA3, 0xE3, 0x1EA1], e: [UInt32] = [0xE8, 0xE9, 0x1EBB, 0x1EBD, 0x1EB9]
        let y: [UInt32] = [0x1EF3, 0xFD, 0x1EF7, 0x1EF9, 0x1EF5]
        let o: [UInt32] = [0xF2, 0xF3, 0x1ECF, 0xF5, 0x1ECD], u: [UInt32] = [0xF9, 0xFA, 0x1EE7, 0x169, 0x1EE5]
        for k in 0..<5 {
            m[a[k]] = (0x61, 0x6F, o); m[e[k]] = (0x65, 0x6F, o); m[y[k]] = (0x79, 0x75, u)
            _ = k
        }
        return m
    }()
    static let toneIndex: [UInt32: Int] = {
        var t: [UInt32: Int] = [:]
        for (k, v) in [0xE0, 0xE1, 0x1EA3, 0xE3, 0x1EA1].enumerated() { t[UInt32(v)] = k }
        for (k, v) in [0xE8, 0xE9, 0x1EBB, 0x1EBD, 0x1EB9].enumerated() { t[UInt32(v)] = k }
        for (k, v) in [0x1EF3, 0xFD, 0x1EF7, 0x1EF9, 0x1EF5].enumerated() { t[UInt32(v)] = k }
        return t
    }()

    public static func canonical(_ s: String) -> String {
        let low = Array(s.lowercased().unicodeScalars)
        var out = String.UnicodeScalarView()
        var i = 0
        var pendingSpace = false
        while i < low.count {
            let u = low[i]
            if u == " " || u == "\u{A0}" || u == "\n" || u == "\t" || u == "\r" {
                pendingSpace = !out.isEmpty
                i += 1
                continue
            }
            if pendingSpace { out.append(" "); pendingSpace = false }
            if i + 1 < low.count, let (base, first, toned) = moves[low[i + 1].value], u.value == first,
               let k = toneIndex[low[i + 1].value], let t = Unicode.Scalar(toned[k]), let b = Unicode.Scalar(base) {
                out.append(t)
                out.append(b)
                i += 2
                continue
            }
            out.append(u)
            i += 1
        }
        return String(out)
    }
}

/// Where meetings loaded from an index keep what the list does not need:
/// article bodies, and a full-text index to answer searches.
public protocol MeetingStore: AnyObject, Sendable {
    func paragraphs(for id: String) -> [Paragraph]?
    /// Which meetings match the query, as a bitmap indexed by `Meeting.storeKey`, or nil to search in memory.
    func matchingKeys(_ q: SearchQuery) -> SearchHits?
}

/// Search hits from an index: one bit per row key, so testing 100,000 meetings costs 100,000 array reads.
public struct SearchHits: Sendable, Equatable {
    public var bits: [Bool]
    public var count: Int
    public init(bits: [Bool], count: Int) { self.bits = bits; self.count = count }
    @inline(__always) public func contains(_ key: Int) -> Bool { key >= 0 && key < bits.count && bits[key] }
}

/// Filters that a list, the browser's pickers and the exporters share.
public struct MeetingFilter: Sendable, Equatable {
    public var provinces: Set<String> = []
    /// Years to keep; `MeetingFilter.unknownYear` keeps undated meetings.
    public var years: Set<Int> = []
    public var kinds: Set<MeetingKind> = []
    public var search: SearchQuery = SearchQuery("")
    /// The answer to `search` from an index, when there is one (meetings from an index carry no text).
    public var searchHits: SearchHits? = nil
    /// Whether `provinces` (and the province facet) name provinces as at the meeting's date or on the 2025 map.
    public var map: ProvinceMap = .atTheTime
    /// Meetings naming this person (any word order, marks optional), and meetings this person chaired.
    public var person: NameQuery? = nil
    public var chair: NameQuery? = nil

    public static let unknownYear = 0
    public init() {}

    public var isEmpty: Bool {
        provinces.isEmpty && years.isEmpty && kinds.isEmpty && search.isEmpty && person == nil && chair == nil
    }

    /// The meeting's province on this filter's map.
    @inline(__always) public func province(of m: Meeting) -> String? { map == .y2025 ? m.province2025 : m.province }

    public func matches(_ m: Meeting, ignoring facet: Facet? = nil) -> Bool {
        if facet != .province, !provinces.isEmpty, !provinces.contains(province(of: m) ?? "") { return false }
        if let p = person, !m.people.contains(where: { p.matches($0.name) }) && !(m.chair.map(p.matches) ?? false) { return false }
        if let c = chair, !(m.chair.map(c.matches) ?? false) { return false }
        if facet != .year, !years.isEmpty, !years.contains(m.year ?? Self.unknownYear) { return false }
        if facet != .kind, !kinds.isEmpty, !kinds.contains(m.kind) { return false }
        if search.isEmpty { return true }
        if let hits = searchHits { return hits.contains(m.storeKey) }
        return search.matches(m)
    }

    public func apply(_ meetings: [Meeting]) -> [Meeting] { meetings.filter { matches($0) } }
}

public enum Facet: String, Sendable, CaseIterable { case province, year, kind }

/// Counts of meetings per value of a facet under the other active filters
/// (visidata's frequency table), as the pickers show them.
public struct FacetCount: Sendable, Equatable {
    public var value: String
    public var label: String
    public var count: Int
    public init(value: String, label: String, count: Int) {
        self.value = value
        self.label = label
        self.count = count
    }
}

public enum Stats {
    public static func counts(_ meetings: [Meeting], facet: Facet, filter: MeetingFilter) -> [FacetCount] {
        var counts: [String: Int] = [:]
        for m in meetings where filter.matches(m, ignoring: facet) {
            counts[facet == .province ? filter.province(of: m) ?? "" : value(of: m, facet), default: 0] += 1
        }
        return sorted(counts, facet: facet)
    }

    /// As `counts(_:facet:filter:)`, over meetings given as groups: one record standing for `count`
    /// meetings alike in what the filter and the facet read (province, year, kind, isMeeting).
    public static func counts(groups: [(record: Meeting, count: Int)], facet: Facet, filter: MeetingFilter) -> [FacetCount] {
        var counts: [String: Int] = [:]
        for (m, n) in groups where filter.matches(m, ignoring: facet) {
            counts[facet == .province ? filter.province(of: m) ?? "" : value(of: m, facet), default: 0] += n
        }
        return sorted(counts, facet: facet)
    }

    static func sorted(_ counts: [String: Int], facet: Facet) -> [FacetCount] {
        order(counts.map { FacetCount(value: $0.key, label: label(facet, $0.key), count: $0.value) }, facet)
    }

    /// The order pickers show a facet's values in.
    public static func order(_ items: [FacetCount], _ facet: Facet) -> [FacetCount] {
        var out = items
        switch facet {
        case .year: out.sort { (Int($0.value) ?? 9999) < (Int($1.value) ?? 9999) }
        case .kind: out.sort { kindOrder($0.value) < kindOrder($1.value) }
        case .province:
            // Most meetings first; equal counts in Vietnamese order (Bạc Liêu, Bình Dương, Bình Định).
            out = out.map { (VietCollation.key($0.label), $0) }
                .sorted { $0.1.count != $1.1.count ? $0.1.count > $1.1.count : $0.0 < $1.0 }.map(\.1)
        }
        return out
    }

    public static func value(of m: Meeting, _ facet: Facet) -> String {
        switch facet {
        case .province: return m.province ?? ""
        case .year: return m.year.map(String.init) ?? "0"
        case .kind: return m.kind.rawValue
        }
    }

    public static func label(_ facet: Facet, _ value: String) -> String {
        switch facet {
        case .province: return value.isEmpty ? "(unknown province)" : value
        case .year: return value == "0" ? "(undated)" : value
        case .kind: return value
        }
    }

    public static func kindOrder(_ v: String) -> Int { MeetingKind.allCases.firstIndex { $0.rawValue == v } ?? 99 }

    /// Meetings per year (sorted), for the timeline strip.
    public static func perYear(_ meetings: [Meeting]) -> [(year: Int, count: Int)] {
        var c: [Int: Int] = [:]
        for m in meetings { if let y = m.year { c[y, default: 0] += 1 } }
        return c.keys.sorted().map { ($0, c[$0]!) }
    }
}

/// The distinct words of some texts that carry marks, made canonical: the index's marked tokens
/// (`WordIndex`), so a search for a marked word ("uỷ") is answered from the index alone.
public enum MarkedWords {
    /// For each scalar below `tableLimit`: 0 not part of a word, 1 a word letter or digit (alphabetic,
    /// numeric, or a nonspacing mark — how the marked words are cut).
    static let tableLimit: UInt32 = 0x3000
    static let wordTable: [Bool] = (0..<tableLimit).map { v in
        guard let u = Unicode.Scalar(v) else { return false }
        if v < 0x80 { return (v >= 0x61 && v <= 0x7A) || (v >= 0x41 && v <= 0x5A) || (v >= 0x30 && v <= 0x39) }
        let p = u.properties
        return p.isAlphabetic || p.numericType != nil || p.generalCategory == .nonspacingMark
    }
    /// The lower case of each scalar of the Latin and Vietnamese blocks (U+0000–U+024F,
    /// U+0300–U+036F, U+1E00–U+1EFF) when it is one scalar; words with anything else go the slow way.
    static let lowerTable: [UInt32] = (0..<tableLimit).map { v in
        let latin = v < 0x250 || (v >= 0x300 && v < 0x370) || (v >= 0x1E00 && v < 0x1F00)
        guard latin, let u = Unicode.Scalar(v) else { return UInt32.max }
        let low = Array(String(u).lowercased().unicodeScalars)
        return low.count == 1 ? low[0].value : UInt32.max
    }

    /// The marked words of `texts`, space-separated: each distinct word (as written) once, in order of
    /// first use, lower-cased with its tone placed the canonical way (`ToneStyle.canonical`). A word
    /// is marked when it holds a scalar outside ASCII. Works on the UTF-8 bytes: a String per word and
    /// Unicode properties per scalar took a fifth of an index build's CPU.
    public static func of(_ texts: [String]) -> String {
        var words = Collector()
        for var text in texts {
            text.makeContiguousUTF8()
            text.utf8.withContiguousStorageIfAvailable { words.scan($0) }
        }
        return String(decoding: words.out, as: UTF8.self)
    }

    /// What `of` gathers, scanned text by text. A struct with mutating methods rather than closures
    /// over local variables: each access to a captured variable was checked for exclusivity at run
    /// time, and the tables are read from here rather than through their lazy globals.
    struct Collector {
        var out: [UInt8] = []
        var seen = WordSet()
        var scalars: [UInt32] = []
        let words = MarkedWords.wordTable
        let lower = MarkedWords.lowerTable

        init() {
            out.reserveCapacity(2048)
            scalars.reserveCapacity(32)
        }

        mutating func scan(_ b: UnsafeBufferPointer<UInt8>) {
            var i = 0, start = -1, nonASCII = false
            while i < b.count {
                let c = b[i]
                if c < 0x80 {
                    if (c >= 0x61 && c <= 0x7A) || (c >= 0x41 && c <= 0x5A) || (c >= 0x30 && c <= 0x39) {
                        if start < 0 { start = i }
                    } else if start >= 0 {
                        if nonASCII { add(UnsafeBufferPointer(rebasing: b[start..<i])) }
                        start = -1; nonASCII = false
                    }
                    i += 1
                    continue
                }
                let (v, n) = decode(b, at: i)
                let word: Bool
                if v < tableLimit { word = words[Int(v)] } else { word = isTokenScalar(v) }
                if word {
                    if start < 0 { start = i }
                    nonASCII = true
                } else if start >= 0 {
                    if nonASCII { add(UnsafeBufferPointer(rebasing: b[start..<i])) }
                    start = -1; nonASCII = false
                }
                i += n
            }
            if start >= 0, nonASCII { add(UnsafeBufferPointer(rebasing: b[start..<b.count])) }
        }

        /// A marked word as written: canonical, once.
        mutating func add(_ word: UnsafeBufferPointer<UInt8>) {
            guard seen.insert(word) else { return }
            if !out.isEmpty { out.append(0x20) }
            canonical(word)
        }

        /// `ToneStyle.canonical` of one word, appended to `out` as UTF-8.
        mutating func canonical(_ word: UnsafeBufferPointer<UInt8>) {
            scalars.removeAll(keepingCapacity: true)
            var i = 0
            while i < word.count {
                let (v, n) = word[i] < 0x80 ? (UInt32(word[i]), 1) : decode(word, at: i)
                let low = v < tableLimit ? lower[Int(v)] : UInt32.max
                if low == UInt32.max {
                    out.append(contentsOf: ToneStyle.canonical(String(decoding: word, as: UTF8.self)).utf8)
                    return
                }
                scalars.append(low)
                i += n
            }
            var k = 0
            while k < scalars.count {
                // Every vowel whose tone moves is at or above U+00E0: most scalars need no lookup.
                if k + 1 < scalars.count, scalars[k + 1] >= 0xE0, let (base, first, toned) = ToneStyle.moves[scalars[k + 1]],
                   scalars[k] == first, let t = ToneStyle.toneIndex[scalars[k + 1]] {
                    append(toned[t], to: &out)
                    append(base, to: &out)
                    k += 2
                    continue
                }
                append(scalars[k], to: &out)
                k += 1
            }
        }
    }

    /// Whether scalar `v` belongs to a marked word (alphabetic, numeric, or a nonspacing mark).
    public static func isTokenScalar(_ v: UInt32) -> Bool {
        if v < tableLimit { return wordTable[Int(v)] }
        guard let u = Unicode.Scalar(v) else { return false }
        let p = u.properties
        return p.isAlphabetic || p.numericType != nil || p.generalCategory == .nonspacingMark
    }

    /// The scalar at `i` of valid UTF-8 (a String's bytes) and its length.
    @inline(__always) public static func decode(_ b: UnsafeBufferPointer<UInt8>, at i: Int) -> (UInt32, Int) {
        let c = UInt32(b[i])
        if c < 0xE0 { return ((c & 0x1F) << 6 | UInt32(b[i + 1]) & 0x3F, 2) }
        if c < 0xF0 { return ((c & 0x0F) << 12 | (UInt32(b[i + 1]) & 0x3F) << 6 | UInt32(b[i + 2]) & 0x3F, 3) }
        return ((c & 0x07) << 18 | (UInt32(b[i + 1]) & 0x3F) << 12 | (UInt32(b[i + 2]) & 0x3F) << 6 | UInt32(b[i + 3]) & 0x3F, 4)
    }

    @inline(__always) static func append(_ v: UInt32, to out: inout [UInt8]) {
        switch v {
        case ..<0x80: out.append(UInt8(v))
        case ..<0x800: out.append(UInt8(0xC0 | v >> 6)); out.append(UInt8(0x80 | v & 0x3F))
        case ..<0x10000:
            out.append(UInt8(0xE0 | v >> 12)); out.append(UInt8(0x80 | v >> 6 & 0x3F)); out.append(UInt8(0x80 | v & 0x3F))
        default:
            out.append(UInt8(0xF0 | v >> 18)); out.append(UInt8(0x80 | v >> 12 & 0x3F))
            out.append(UInt8(0x80 | v >> 6 & 0x3F)); out.append(UInt8(0x80 | v & 0x3F))
        }
    }

    /// The distinct words seen so far, by their bytes: open addressing over one byte store.
    struct WordSet {
        var bytes: [UInt8] = []
        var spans: [(start: Int, count: Int, hash: UInt64)] = []
        var slots = [Int32](repeating: -1, count: 1024)

        @inline(__always) static func hash(_ w: UnsafeBufferPointer<UInt8>) -> UInt64 {
            var h: UInt64 = 0xcbf29ce484222325
            for c in w { h = (h ^ UInt64(c)) &* 0x100000001b3 }
            return h ^ h >> 32
        }

        /// True when `w` was not in the set (it is now).
        mutating func insert(_ w: UnsafeBufferPointer<UInt8>) -> Bool {
            if spans.count * 2 >= slots.count { grow() }
            let h = Self.hash(w)
            let mask = slots.count - 1
            var s = Int(truncatingIfNeeded: h) & mask
            while slots[s] >= 0 {
                let span = spans[Int(slots[s])]
                if span.hash == h, span.count == w.count,
                   bytes.withUnsafeBufferPointer({ b in memcmp(b.baseAddress! + span.start, w.baseAddress!, w.count) == 0 }) {
                    return false
                }
                s = (s + 1) & mask
            }
            slots[s] = Int32(spans.count)
            spans.append((bytes.count, w.count, h))
            bytes.append(contentsOf: w)
            return true
        }

        mutating func grow() {
            var bigger = [Int32](repeating: -1, count: slots.count * 2)
            let mask = bigger.count - 1
            for (k, span) in spans.enumerated() {
                var s = Int(truncatingIfNeeded: span.hash) & mask
                while bigger[s] >= 0 { s = (s + 1) & mask }
                bigger[s] = Int32(k)
            }
            slots = bigger
        }
    }
}
