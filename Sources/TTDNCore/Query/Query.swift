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
    /// Old style puts the tone on the second vowel: o+à → ò+a, o+è → ò+e, u+ỳ → ù+y. The toned
    /// second vowels, by tone (huyền, sắc, hỏi, ngã, nặng), and the first vowels taking the tone.
    static let tonedA: [UInt32] = [0xE0, 0xE1, 0x1EA3, 0xE3, 0x1EA1], tonedE: [UInt32] = [0xE8, 0xE9, 0x1EBB, 0x1EBD, 0x1EB9]
    static let tonedY: [UInt32] = [0x1EF3, 0xFD, 0x1EF7, 0x1EF9, 0x1EF5]
    static let tonedO: [UInt32] = [0xF2, 0xF3, 0x1ECF, 0xF5, 0x1ECD], tonedU: [UInt32] = [0xF9, 0xFA, 0x1EE7, 0x169, 0x1EE5]

    /// The new-style pair for the lower-case vowels `first`, `second` when the tone moves: oà → òa,
    /// oè → òe, uỳ → ùy (toned first vowel, then the bare second); nil otherwise.
    @inline(__always) static func move(_ first: UInt32, _ second: UInt32) -> (toned: UInt32, base: UInt32)? {
        // Every toned second vowel is at or above U+00E0; the first is o or u.
        guard second >= 0xE0, first == 0x6F || first == 0x75 else { return nil }
        if first == 0x6F {
            if let t = tonedA.firstIndex(of: second) { return (tonedO[t], 0x61) }
            if let t = tonedE.firstIndex(of: second) { return (tonedO[t], 0x65) }
        } else if let t = tonedY.firstIndex(of: second) {
            return (tonedU[t], 0x79)
        }
        return nil
    }

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
            if i + 1 < low.count, let (toned, base) = move(u.value, low[i + 1].value),
               let t = Unicode.Scalar(toned), let b = Unicode.Scalar(base) {
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
        String(decoding: bytes(of: texts), as: UTF8.self)
    }

    /// `of` as UTF-8 bytes (what the index's tokens are cut from).
    public static func bytes(of texts: [String]) -> [UInt8] {
        var words = Collector()
        for var text in texts {
            text.makeContiguousUTF8()
            text.utf8.withContiguousStorageIfAvailable { words.scan($0) }
        }
        return words.out
    }

    /// What `of` gathers, scanned text by text. A struct with mutating methods rather than closures
    /// over local variables: each access to a captured variable was checked for exclusivity at run
    /// time, and the tables are read from here rather than through their lazy globals.
    struct Collector {
        var out: [UInt8] = []
        /// The written words seen, by hash (a 64-bit collision, ~10⁻¹⁵ per article, would leave a word
        /// out; comparing bytes cost a third of the collector).
        var seen = HashSet64()
        let words = MarkedWords.wordTable
        let lower = MarkedWords.lowerTable

        init() {
            out.reserveCapacity(2048)
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
            guard seen.insert(HashSet64.hash(word)) else { return }
            if !out.isEmpty { out.append(0x20) }
            canonical(word)
        }

        /// `ToneStyle.canonical` of one word, appended to `out` as UTF-8: built in a buffer on the
        /// stack and appended once (an append per byte checked the array's uniqueness each time).
        mutating func canonical(_ word: UnsafeBufferPointer<UInt8>) {
            // A lower-case scalar of the tables takes at most 3 bytes, its upper case at least 1.
            let written = withUnsafeTemporaryAllocation(of: UInt8.self, capacity: word.count * 3) { buf -> Bool in
                var n = 0, i = 0
                var pending = UInt32.max   // the previous scalar, held back in case the tone moves
                while i < word.count {
                    let (v, len) = word[i] < 0x80 ? (UInt32(word[i]), 1) : decode(word, at: i)
                    let low = v < tableLimit ? lower[Int(v)] : UInt32.max
                    if low == UInt32.max { return false }
                    i += len
                    if pending != UInt32.max {
                        if let (toned, base) = ToneStyle.move(pending, low) {
                            n = encode(toned, into: buf, at: n)
                            n = encode(base, into: buf, at: n)
                            pending = UInt32.max
                            continue
                        }
                        n = encode(pending, into: buf, at: n)
                    }
                    pending = low
                }
                if pending != UInt32.max { n = encode(pending, into: buf, at: n) }
                out.append(contentsOf: UnsafeBufferPointer(rebasing: buf[0..<n]))
                return true
            }
            if !written { out.append(contentsOf: ToneStyle.canonical(String(decoding: word, as: UTF8.self)).utf8) }
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

    /// Writes scalar `v` (below U+10000: the tables' range) as UTF-8 at `n`; the end.
    @inline(__always) static func encode(_ v: UInt32, into out: UnsafeMutableBufferPointer<UInt8>, at n: Int) -> Int {
        switch v {
        case ..<0x80: out[n] = UInt8(v); return n + 1
        case ..<0x800: out[n] = UInt8(0xC0 | v >> 6); out[n + 1] = UInt8(0x80 | v & 0x3F); return n + 2
        default:
            out[n] = UInt8(0xE0 | v >> 12); out[n + 1] = UInt8(0x80 | v >> 6 & 0x3F); out[n + 2] = UInt8(0x80 | v & 0x3F)
            return n + 3
        }
    }
}

/// A set of 64-bit hashes: open addressing, linear probing. Swift's `Set` hashes each `UInt64`
/// again with SipHash; this cost a tenth of an index build's parsing threads.
/// Inlinable: the index's tokens are hashed and inserted from another module, ~1,000 times an article.
public struct HashSet64: Sendable {
    @usableFromInline var slots: [UInt64]
    @usableFromInline var count = 0

    /// Room for `capacity` hashes before the table grows.
    public init(capacity: Int = 512) {
        var n = 16
        while n < capacity * 2 { n <<= 1 }
        slots = [UInt64](repeating: 0, count: n)
    }

    /// FNV-1a over `bytes`, folded (what the index's tokens and the marked words are told apart by:
    /// they are a few bytes long, where a multiply per byte costs less than mixing words).
    @inlinable @inline(__always) public static func hash(_ bytes: UnsafeBufferPointer<UInt8>, seed: UInt64 = 0xcbf29ce484222325) -> UInt64 {
        var h = seed
        for c in bytes { h = (h ^ UInt64(c)) &* 0x100000001b3 }
        return h ^ h >> 29
    }

    /// A 64-bit hash of longer bytes (heads, doc records), eight a step: FNV-1a's multiply per
    /// byte over every article's record was a few percent of a build. Stored only as the index's
    /// schema version says (the docs file's checksums).
    @inlinable public static func hashLong(_ b: UnsafeRawBufferPointer, seed: UInt64 = 0xcbf29ce484222325) -> UInt64 {
        let n = b.count
        var h = seed ^ (UInt64(truncatingIfNeeded: n) &* 0x9E37_79B9_7F4A_7C15)
        var i = 0
        while i + 8 <= n {
            h = (h ^ b.loadUnaligned(fromByteOffset: i, as: UInt64.self)) &* 0x9FB2_1C65_1E98_DF25
            h ^= h >> 28
            i += 8
        }
        if i < n {
            var t: UInt64 = 0, shift: UInt64 = 0
            while i < n { t |= UInt64(b[i]) << shift; shift += 8; i += 1 }
            h = (h ^ t) &* 0x9FB2_1C65_1E98_DF25
        }
        h ^= h >> 33; h = h &* 0xFF51_AFD7_ED55_8CCD
        h ^= h >> 33; h = h &* 0xC4CE_B9FE_1A85_EC53
        return h ^ h >> 33
    }

    /// True when `h` was not in the set (it is now).
    @inlinable @inline(__always) public mutating func insert(_ h: UInt64) -> Bool {
        let key = h == 0 ? 1 : h   // 0 marks an empty slot
        if (count + 1) * 2 > slots.count { grow() }
        let mask = slots.count - 1
        var s = Int(truncatingIfNeeded: key) & mask
        while true {
            let v = slots[s]
            if v == key { return false }
            if v == 0 { slots[s] = key; count += 1; return true }
            s = (s + 1) & mask
        }
    }

    @usableFromInline mutating func grow() {
        let old = slots
        slots = [UInt64](repeating: 0, count: old.count * 2)
        let mask = slots.count - 1
        for v in old where v != 0 {
            var s = Int(truncatingIfNeeded: v) & mask
            while slots[s] != 0 { s = (s + 1) & mask }
            slots[s] = v
        }
    }
}
