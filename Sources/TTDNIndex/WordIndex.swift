import TTDNCore

/// The index's search structure: for every distinct token, the rows (store keys) of the articles
/// that hold it — no positions, no ranking. A search term is a prefix or a whole token looked up in
/// a sorted term list; what tokens cannot decide (a phrase of several words, a term with
/// punctuation in it) is checked on the candidates' stored text (`DocRecord`), so the index answers
/// exactly what `SearchQuery.matches` answers in memory.
///
/// Tokens of an article (computed on the parsing threads, `WordIndex.tokens`):
/// - its folded search text cut into runs of word bytes (a–z, 0–9 and any byte ≥ 0x80: what
///   `SearchQuery` calls a word start) — `"lang"`, `"son"`;
/// - each of its marked words made canonical (`MarkedWords.of`), tagged with a leading 0x01 byte so
///   the two kinds never meet — `"\u{1}lạng"`, `"\u{1}sơn"`.
///
/// The rows of each build's commit become one *segment* (a sorted term dictionary and the postings,
/// delta-coded varints), stored in the `words` table in that commit's transaction. Keys only grow
/// (AUTOINCREMENT), so later segments hold later rows and merging segments concatenates each term's
/// postings. At the end of a build the segments are merged into one.
///
/// Measured at 10,000 generated articles: FTS5 (folded text with positions, the marked words, a
/// one-letter prefix index) cost the single writer thread 1.4–1.8 s of a first build's CPU; these
/// segments cost it ~0.2 s.
enum WordIndex {
    static let markedTag: UInt8 = 0x01

    /// `a.lexicographicallyPrecedes(b)` for bytes, on their buffers (terms are a few bytes long:
    /// a loop beats both the generic compare and a call to memcmp).
    @inline(__always) static func bytesPrecede(_ a: ArraySlice<UInt8>, _ b: ArraySlice<UInt8>) -> Bool {
        a.withUnsafeBufferPointer { x in b.withUnsafeBufferPointer { y in bytesPrecede(x, y) } }
    }

    @inline(__always) static func bytesPrecede(_ a: [UInt8], _ b: [UInt8]) -> Bool {
        a.withUnsafeBufferPointer { x in b.withUnsafeBufferPointer { y in bytesPrecede(x, y) } }
    }

    @inline(__always) static func bytesPrecede(_ x: UnsafeBufferPointer<UInt8>, _ y: UnsafeBufferPointer<UInt8>) -> Bool {
        let n = min(x.count, y.count)
        var i = 0
        while i < n {
            let p = x[i], q = y[i]
            if p != q { return p < q }
            i += 1
        }
        return x.count < y.count
    }

    @inline(__always) static func isWordByte(_ b: UInt8) -> Bool {
        (b >= 97 && b <= 122) || (b >= 48 && b <= 57) || b >= 0x80
    }

    /// An article's distinct tokens, as ranges of one byte store (parsing threads): the store is the
    /// folded text itself, then the marked words each after a tag byte, so no token is copied.
    struct Tokens: Sendable {
        var bytes: [UInt8] = []
        var ranges: [Range<Int32>] = []
        var hashes: [UInt64] = []
    }

    static let foldedSeed: UInt64 = 0xcbf29ce484222325, markedSeed: UInt64 = 0x9E3779B97F4A7C15

    /// The distinct tokens of an article: word-byte runs of `folded` (its search text) and its
    /// `marked` words (space-separated, as `MarkedWords.of` gives them), tagged.
    static func tokens(folded: [UInt8], marked: [UInt8]) -> Tokens {
        var bytes: [UInt8] = []
        bytes.reserveCapacity(folded.count + marked.count + 1)
        bytes.append(contentsOf: folded)
        let markedStart = bytes.count
        if !marked.isEmpty {
            bytes.append(markedTag)
            bytes.append(contentsOf: marked)
            // "lạng sơn" → "\u{1}lạng\u{1}sơn": each range of a marked token starts at its tag.
            bytes.withUnsafeMutableBufferPointer { b in
                for k in (markedStart + 1)..<b.count where b[k] == 0x20 { b[k] = markedTag }
            }
        }
        var c = TokenCollector()
        bytes.withUnsafeBufferPointer { b in
            c.addWords(b, end: markedStart)
            c.addMarked(b, from: markedStart)
        }
        return Tokens(bytes: bytes, ranges: c.ranges, hashes: c.hashes)
    }

    /// What `tokens` gathers: mutating methods rather than closures over local variables, whose
    /// every access was checked for exclusivity at run time (a third of the function's cost).
    struct TokenCollector {
        var ranges: [Range<Int32>] = []
        var hashes: [UInt64] = []
        var seen = HashSet64(capacity: 1024)

        init() {
            ranges.reserveCapacity(1024)
            hashes.reserveCapacity(1024)
        }

        /// The runs of word bytes of folded text (`b[..<end]`), hashed as they are read.
        mutating func addWords(_ b: UnsafeBufferPointer<UInt8>, end: Int) {
            var i = 0
            while i < end {
                guard isWordByte(b[i]) else { i += 1; continue }
                let start = i
                var h = foldedSeed
                repeat { h = (h ^ UInt64(b[i])) &* 0x100000001b3; i += 1 } while i < end && isWordByte(b[i])
                add(h ^ h >> 29, start, i)
            }
        }

        /// The marked words of `b[from...]`, each after a tag byte; hashed without their tag.
        mutating func addMarked(_ b: UnsafeBufferPointer<UInt8>, from: Int) {
            var i = from
            while i < b.count {
                let tag = i   // b[i] is a tag
                i += 1
                var h = markedSeed
                while i < b.count && b[i] != markedTag { h = (h ^ UInt64(b[i])) &* 0x100000001b3; i += 1 }
                if i > tag + 1 { add(h ^ h >> 29, tag, i) }
            }
        }

        @inline(__always) mutating func add(_ h: UInt64, _ start: Int, _ end: Int) {
            guard seen.insert(h) else { return }
            ranges.append(Int32(start)..<Int32(end))
            hashes.append(h)
        }
    }

    // MARK: - Building a segment

    /// The postings of the rows added since the last `encode` (the writer thread).
    struct Builder {
        private var termOf = TermMap()
        private var terms: [[UInt8]] = []
        /// One entry per (term, row) in the order added: term number << 32 | the row's ordinal here.
        /// Flat, and grouped by term only when encoded (an array of postings per term checked
        /// and grew each one's storage on every append: half of the writer thread's time).
        private var entries: [UInt64] = []
        private var keys: [Int] = []

        var rows: Int { keys.count }
        var isEmpty: Bool { keys.isEmpty }

        /// Adds row `key` (larger than every key added before) holding `tokens`.
        mutating func add(key: Int, _ tokens: Tokens) {
            let row = UInt64(keys.count)
            keys.append(key)
            tokens.bytes.withUnsafeBufferPointer { b in
                for (k, h) in tokens.hashes.enumerated() {
                    var id = termOf.id(of: h, next: Int32(terms.count))
                    if id < 0 {
                        id = terms.count
                        let r = tokens.ranges[k]
                        terms.append(Array(b[Int(r.lowerBound)..<Int(r.upperBound)]))
                    }
                    entries.append(UInt64(id) << 32 | row)
                }
            }
        }

        /// The segment of the rows added (see `Segment` for the layout), and a fresh builder.
        mutating func encode() -> (dictionary: [UInt8], postings: [UInt8]) {
            // Rows grouped by term (a counting sort: rows stay in the order added, keys ascending).
            var start = [Int](repeating: 0, count: terms.count + 1)
            for e in entries { start[Int(e >> 32) + 1] += 1 }
            for t in 0..<terms.count { start[t + 1] += start[t] }
            var fill = start
            var rowsByTerm = [UInt32](repeating: 0, count: entries.count)
            for e in entries {
                let t = Int(e >> 32)
                rowsByTerm[fill[t]] = UInt32(truncatingIfNeeded: e)
                fill[t] += 1
            }
            let order = terms.indices.sorted { WordIndex.bytesPrecede(terms[$0], terms[$1]) }
            var out = SegmentWriter()
            for id in order { out.add(term: terms[id], rows: rowsByTerm[start[id]..<start[id + 1]], keys: keys) }
            self = Builder()
            return out.finish()
        }
    }

    /// Token hash → term number, open addressing (a `Dictionary` hashed each hash again with SipHash:
    /// two thirds of `Builder.add` on the writer thread).
    struct TermMap {
        private var keys = [UInt64](repeating: 0, count: 1 << 14)
        private var ids = [Int32](repeating: 0, count: 1 << 14)
        private var count = 0

        /// The number of the term hashed `h`; -1 when it is new (it is now `next`).
        @inline(__always) mutating func id(of h: UInt64, next: Int32) -> Int {
            let key = h == 0 ? 1 : h   // 0 marks an empty slot
            if (count + 1) * 2 > keys.count { grow() }
            let mask = keys.count - 1
            var s = Int(truncatingIfNeeded: key) & mask
            while true {
                let v = keys[s]
                if v == key { return Int(ids[s]) }
                if v == 0 { keys[s] = key; ids[s] = next; count += 1; return -1 }
                s = (s + 1) & mask
            }
        }

        private mutating func grow() {
            let (oldKeys, oldIds) = (keys, ids)
            keys = [UInt64](repeating: 0, count: oldKeys.count * 2)
            ids = [Int32](repeating: 0, count: oldKeys.count * 2)
            let mask = keys.count - 1
            for (k, v) in oldKeys.enumerated() where v != 0 {
                var s = Int(truncatingIfNeeded: v) & mask
                while keys[s] != 0 { s = (s + 1) & mask }
                keys[s] = v; ids[s] = oldIds[k]
            }
        }
    }

    /// Writes a segment term by term, in sorted order.
    struct SegmentWriter {
        private var entries: [UInt8] = []
        private var termBytes: [UInt8] = []
        private var post: [UInt8] = []
        private var count = 0

        /// Appends a term and its postings (delta-coded from 0).
        mutating func add(term: [UInt8], postings: [UInt8]) {
            WordIndex.le32(UInt32(termBytes.count), &entries)
            WordIndex.le32(UInt32(post.count), &entries)
            termBytes.append(contentsOf: term)
            post.append(contentsOf: postings)
            count += 1
        }

        /// Appends a term held by `rows` (ordinals into `keys`, ascending), delta-coded from 0.
        mutating func add(term: [UInt8], rows: ArraySlice<UInt32>, keys: [Int]) {
            WordIndex.le32(UInt32(termBytes.count), &entries)
            WordIndex.le32(UInt32(post.count), &entries)
            termBytes.append(contentsOf: term)
            var previous = 0
            for r in rows {
                let key = keys[Int(r)]
                WordIndex.appendVarint(UInt64(key - previous), to: &post)
                previous = key
            }
            count += 1
        }

        /// Appends a term whose postings are the concatenation of `parts`, each coded from 0, each
        /// in keys larger than the previous part's: each part's first delta is re-coded from the
        /// previous part's last key.
        mutating func add<T: Collection>(term: T, parts: [ArraySlice<UInt8>]) where T.Element == UInt8 {
            WordIndex.le32(UInt32(termBytes.count), &entries)
            WordIndex.le32(UInt32(post.count), &entries)
            termBytes.append(contentsOf: term)
            var previous = 0
            for part in parts {
                part.withUnsafeBytes { b in
                    var i = 0
                    let first = Int(truncatingIfNeeded: WordIndex.readVarint(b, &i))
                    WordIndex.appendVarint(UInt64(first - previous), to: &post)
                    post.append(contentsOf: UnsafeRawBufferPointer(rebasing: b[i...]))
                    previous = WordIndex.lastKey(b)
                }
            }
            count += 1
        }

        mutating func finish() -> (dictionary: [UInt8], postings: [UInt8]) {
            var d: [UInt8] = Array(Segment.magic)
            WordIndex.le32(UInt32(count), &d)
            WordIndex.le32(UInt32(termBytes.count), &d)
            WordIndex.le32(UInt32(post.count), &d)
            d += entries
            WordIndex.le32(UInt32(termBytes.count), &d)   // the end of the last term
            WordIndex.le32(UInt32(post.count), &d)
            d += termBytes
            return (d, post)
        }
    }

    /// A segment's dictionary, read: the sorted terms, and where each one's postings lie in the
    /// segment's postings blob.
    ///
    /// Layout of the dictionary: magic, term count n, term bytes size, postings size (UInt32 each),
    /// n + 1 entries (term offset, postings offset: UInt32 each; the last one marks the ends), then
    /// the term bytes. Postings: for each term, its keys ascending as varint deltas (from 0).
    struct Segment: Sendable {
        static let magic: [UInt8] = Array("TTDNWI1\n".utf8)
        let id: Int
        let count: Int
        let postingsSize: Int
        private let dictionary: [UInt8]
        private let termsStart: Int

        init?(id: Int, dictionary d: [UInt8]) {
            let header = Self.magic.count + 12
            guard d.count >= header, d.starts(with: Self.magic) else { return nil }
            let n = Int(WordIndex.readLE32(d, Self.magic.count))
            let termSize = Int(WordIndex.readLE32(d, Self.magic.count + 4))
            let postSize = Int(WordIndex.readLE32(d, Self.magic.count + 8))
            let termsStart = header + (n + 1) * 8
            guard termsStart + termSize == d.count else { return nil }
            self.id = id
            count = n
            postingsSize = postSize
            dictionary = d
            self.termsStart = termsStart
            // Offsets must grow and stay inside their areas (a damaged blob is refused, not read).
            var prevT = 0, prevP = 0
            for k in 0...n {
                let t = Int(WordIndex.readLE32(d, header + 8 * k)), p = Int(WordIndex.readLE32(d, header + 8 * k + 4))
                guard t >= prevT, p >= prevP, t <= termSize, p <= postSize else { return nil }
                prevT = t; prevP = p
            }
            guard prevT == termSize, prevP == postSize else { return nil }
        }

        private func entry(_ k: Int) -> (term: Int, post: Int) {
            let at = Self.magic.count + 12 + 8 * k
            return (Int(WordIndex.readLE32(dictionary, at)), Int(WordIndex.readLE32(dictionary, at + 4)))
        }

        func term(_ k: Int) -> ArraySlice<UInt8> {
            dictionary[(termsStart + entry(k).term)..<(termsStart + entry(k + 1).term)]
        }

        /// Where term `k`'s postings lie in the postings blob.
        func postings(_ k: Int) -> Range<Int> { entry(k).post..<entry(k + 1).post }

        /// The first term not below `key`.
        private func lowerBound(_ key: [UInt8]) -> Int {
            var lo = 0, hi = count
            while lo < hi {
                let mid = (lo + hi) / 2
                if term(mid).lexicographicallyPrecedes(key) { lo = mid + 1 } else { hi = mid }
            }
            return lo
        }

        /// The terms that start with `prefix` (all of them for an empty prefix).
        func terms(prefix: [UInt8]) -> Range<Int> {
            let start = lowerBound(prefix)
            var end = start
            // Terms with the prefix are contiguous from `start`; found by a second search past them.
            if start < count, term(start).starts(with: prefix) {
                var lo = start, hi = count
                while lo < hi {
                    let mid = (lo + hi) / 2
                    if term(mid).starts(with: prefix) { lo = mid + 1 } else { hi = mid }
                }
                end = lo
            }
            return start..<end
        }

        /// The term equal to `key`, if any.
        func term(equalTo key: [UInt8]) -> Int? {
            let k = lowerBound(key)
            return k < count && term(k).elementsEqual(key) ? k : nil
        }
    }

    /// One segment of the terms of `segments` (in key order, each with its postings blob): each
    /// term's postings concatenated in segment order. Keys in `dead` (rows of replaced or removed
    /// files) are left out, and a term left with no key is dropped.
    static func merge(_ segments: [Segment], postings: [[UInt8]], dead: Set<Int> = []) -> (dictionary: [UInt8], postings: [UInt8]) {
        // Each segment's terms are sorted: a k-way merge (a heap of the segments' next terms, ties in
        // segment order) gives every term once, in order, with its parts in segment order. A
        // dictionary of all terms and a sort of them took 0.8 s after a 100,000-article build.
        func less(_ a: ArraySlice<UInt8>, _ b: ArraySlice<UInt8>) -> Bool { WordIndex.bytesPrecede(a, b) }
        var next = [Int](repeating: 0, count: segments.count)
        var heap: [(term: ArraySlice<UInt8>, segment: Int)] = []
        func before(_ i: Int, _ j: Int) -> Bool {
            less(heap[i].term, heap[j].term) || (!less(heap[j].term, heap[i].term) && heap[i].segment < heap[j].segment)
        }
        func siftUp(_ i: Int) {
            var i = i
            while i > 0, before(i, (i - 1) / 2) { heap.swapAt(i, (i - 1) / 2); i = (i - 1) / 2 }
        }
        func siftDown(_ i: Int) {
            var i = i
            while true {
                var m = i
                let l = 2 * i + 1, r = l + 1
                if l < heap.count && before(l, m) { m = l }
                if r < heap.count && before(r, m) { m = r }
                if m == i { return }
                heap.swapAt(i, m); i = m
            }
        }
        for (si, seg) in segments.enumerated() where seg.count > 0 { heap.append((seg.term(0), si)); siftUp(heap.count - 1) }
        var terms: [ArraySlice<UInt8>] = []
        var parts: [[ArraySlice<UInt8>]] = []
        while let top = heap.first {
            let si = top.segment, k = next[si]
            let part = postings[si][segments[si].postings(k)]
            if let last = terms.last, last.elementsEqual(top.term) { parts[parts.count - 1].append(part) } else {
                terms.append(top.term)
                parts.append([part])
            }
            next[si] = k + 1
            if k + 1 < segments[si].count { heap[0] = (segments[si].term(k + 1), si) } else { heap[0] = heap[heap.count - 1]; heap.removeLast() }
            if !heap.isEmpty { siftDown(0) }
        }
        var out = SegmentWriter()
        for slot in terms.indices {
            if dead.isEmpty { out.add(term: terms[slot], parts: parts[slot]); continue }
            // Re-coded key by key, the dead left out.
            var coded: [UInt8] = [], previous = 0
            for part in parts[slot] {
                part.withUnsafeBytes { b in
                    forEachKey(b) { key in
                        guard !dead.contains(key) else { return }
                        appendVarint(UInt64(key - previous), to: &coded)
                        previous = key
                    }
                }
            }
            if !coded.isEmpty { out.add(term: Array(terms[slot]), postings: coded) }
        }
        return out.finish()
    }

    // MARK: - Coding

    static func appendVarint(_ v: UInt64, to out: inout [UInt8]) {
        var v = v
        while v >= 0x80 { out.append(UInt8(v & 0x7F) | 0x80); v >>= 7 }
        out.append(UInt8(v))
    }

    /// The varint at `i` (advanced past it); stops at the end of `b`.
    @inline(__always) static func readVarint(_ b: UnsafeRawBufferPointer, _ i: inout Int) -> UInt64 {
        var v: UInt64 = 0, shift: UInt64 = 0
        while i < b.count {
            let c = b[i]
            i += 1
            v |= UInt64(c & 0x7F) << shift
            if c < 0x80 { break }
            shift += 7
            if shift > 63 { break }
        }
        return v
    }

    /// Calls `body` with each key of a postings list (deltas from 0).
    static func forEachKey(_ b: UnsafeRawBufferPointer, _ body: (Int) -> Void) {
        var i = 0, key = 0
        while i < b.count {
            key += Int(truncatingIfNeeded: readVarint(b, &i))
            body(key)
        }
    }

    /// The last key of a postings list.
    static func lastKey(_ b: UnsafeRawBufferPointer) -> Int {
        var last = 0
        forEachKey(b) { last = $0 }
        return last
    }

    static func le32(_ v: UInt32, _ out: inout [UInt8]) {
        out.append(UInt8(v & 0xFF)); out.append(UInt8(v >> 8 & 0xFF)); out.append(UInt8(v >> 16 & 0xFF)); out.append(UInt8(v >> 24))
    }

    static func readLE32(_ b: [UInt8], _ at: Int) -> UInt32 {
        UInt32(b[at]) | UInt32(b[at + 1]) << 8 | UInt32(b[at + 2]) << 16 | UInt32(b[at + 3]) << 24
    }
}

// MARK: - Answering a search term

extension WordIndex {
    /// A token an article must hold: `key` itself, or any token starting with it.
    struct Lookup: Equatable {
        var key: [UInt8]
        var prefix: Bool
    }

    /// How a search term is answered: the rows holding every lookup's token are its candidates;
    /// when `exact`, they are its answer, else each is checked on its text (`SearchQuery.matches`).
    struct Plan: Equatable {
        var lookups: [Lookup] = []
        var exact = true
    }

    /// The plan of one term of a search, after `SearchQuery`'s rules:
    /// - the folded term must stand at a word start of the folded text: each run of word bytes in
    ///   it is a token there — the last one a prefix (unless it ends a phrase), the others whole;
    ///   a term of one run and nothing else is answered by its lookup alone;
    /// - a marked term must also stand, marks and all, at a word start of the article's own words:
    ///   one marked word is a prefix of one of its canonical marked words (whole, in a phrase);
    ///   anything longer is checked on the text.
    static func plan(_ t: SearchQuery.Term) -> Plan {
        var p = Plan()
        let f = t.folded
        var runs: [Range<Int>] = []
        var i = 0
        while i < f.count {
            guard isWordByte(f[i]) else { i += 1; continue }
            let start = i
            while i < f.count && isWordByte(f[i]) { i += 1 }
            runs.append(start..<i)
        }
        for r in runs {
            p.lookups.append(Lookup(key: Array(f[r]), prefix: r.upperBound == f.count && !t.phrase))
        }
        if !(runs.count == 1 && runs[0] == 0..<f.count) { p.exact = false }
        if t.marked {
            let words = t.exact.split(omittingEmptySubsequences: true) { !$0.unicodeScalars.allSatisfy { MarkedWords.isTokenScalar($0.value) } }
            let oneWord = words.count == 1 && words[0].count == t.exact.count
            if !oneWord { p.exact = false }
            // Every marked word of the term is one of the article's (its last a prefix, unless a phrase ends it).
            for (k, w) in words.enumerated() where w.unicodeScalars.contains(where: { $0.value >= 0x80 }) {
                let last = k == words.count - 1 && w.endIndex == t.exact.endIndex
                p.lookups.append(Lookup(key: [markedTag] + Array(w.utf8), prefix: last && !t.phrase))
            }
        }
        return p
    }
}
