import Foundation

/// Byte-level tools for the province, gazetteer and organiser passes (nested here so that their
/// names stay out of the way of the other parsers' helpers).
enum ProvinceScan {
    /// ASCII lower case of a byte (A–Z only; every other byte as it is).
    @inline(__always) static func lower(_ c: UInt8) -> UInt8 { c >= 65 && c <= 90 ? c | 0x20 : c }

    /// Does some byte of `s` pass `test`? (On the contiguous bytes: `utf8.contains` is generic.)
    @inline(__always) static func anyByte(_ s: String, _ test: (UInt8) -> Bool) -> Bool {
        var s = s
        return s.withUTF8 { b in
            for c in b where test(c) { return true }
            return false
        }
    }

    /// ICU's word characters (`\w`, which `\b` tests) among ASCII: letters, digits and "_".
    @inline(__always) static func isASCIIWord(_ c: UInt8) -> Bool {
        (c >= 97 && c <= 122) || (c >= 65 && c <= 90) || (c >= 48 && c <= 57) || c == 95
    }

    // MARK: - One pass over a mark-stripped text

    /// A text folded once (`VietFold.stripMarks`: marks stripped, case kept), with what both the
    /// province names and the gazetteer look for, found in one pass over the folded bytes: the
    /// letter counts that tell a capitalised headline, where capitals start words, and the unit words.
    struct Stripped {
        let bytes: [UInt8]
        /// ASCII letters, and of them capitals.
        private(set) var letters = 0, uppers = 0
        /// Where an ASCII capital follows no letter, digit or non-ASCII byte (or starts the text):
        /// where a province's name may begin.
        private(set) var capitalStarts: [Int] = []
        /// The unit words ("huyen ", "thanh pho " … in either case; `Gazetteer.unitNeedles`) that
        /// follow no ASCII letter, in text order: where the unit's name will follow.
        private(set) var units: [(at: Int, count: Int, cityOnly: Bool)] = []

        init(_ text: String) { self.init(bytes: VietFold.stripMarks(text)) }

        /// Reads the word starts 8 bytes at a time (SWAR: one UInt64 holds 8 bytes, the first lowest;
        /// each test leaves the top bit of every byte that passes, so no test needs a branch).
        init(bytes: [UInt8]) {
            self.bytes = bytes
            let n = bytes.count
            // A capital start needs a byte before it that is no letter: n / 2 + 1 of them at most.
            // They are written straight into the array's storage, and the counts kept in locals,
            // so that the loop holds its state in registers.
            var units: [(at: Int, count: Int, cityOnly: Bool)] = []
            var counts = (letters: 0, uppers: 0)
            capitalStarts = [Int](unsafeUninitializedCapacity: n / 2 + 1) { capitals, written in
                bytes.withUnsafeBufferPointer { b in
                    var letters = 0, uppers = 0, found = 0
                    var prevLetter: UInt64 = 0, prevAlnum: UInt64 = 0   // the top bits of the word before
                    var base = 0
                    while base < n {
                        var x: UInt64 = 0
                        if base + 8 <= n {
                            x = UnsafeRawPointer(b.baseAddress! + base).loadUnaligned(as: UInt64.self)
                        } else {
                            for k in 0..<(n - base) { x |= UInt64(b[base + k]) << UInt64(8 * k) }   // zeros pass no test
                        }
                        // `x | 0x20…` lower-cases the capitals and moves no other byte into a–z; bit 5 tells the case.
                        let letter = Stripped.inRange(x | 0x2020_2020_2020_2020, 0x61, 0x7A)
                        let upper = letter & ~(x << 2)
                        let alnum = letter | Stripped.inRange(x, 0x30, 0x39) | (x & Stripped.high)
                        // The same tests for the byte before each byte: shift by one byte, the last byte of the previous word coming in.
                        let letterBefore = letter << 8 | prevLetter >> 56
                        let alnumBefore = alnum << 8 | prevAlnum >> 56
                        letters &+= Stripped.count(letter)
                        uppers &+= Stripped.count(upper)
                        var capitalMask = upper & ~alnumBefore
                        while capitalMask != 0 {
                            capitals[found] = base &+ capitalMask.trailingZeroBitCount / 8
                            found &+= 1
                            capitalMask &= capitalMask &- 1
                        }
                        // Word starts that may open a unit word (t, h, p or q in either case; `Gazetteer.unitWord` looks closer).
                        var startMask = letter & ~letterBefore
                        while startMask != 0 {
                            let at = base &+ startMask.trailingZeroBitCount / 8
                            let l = b[at] | 0x20
                            if l == 0x74 || l == 0x68 || l & 0xFE == 0x70, let unit = Gazetteer.unitWord(at: at, in: b) {
                                units.append((at, unit.count, unit.cityOnly))
                            }
                            startMask &= startMask &- 1
                        }
                        prevLetter = letter
                        prevAlnum = alnum
                        base &+= 8
                    }
                    written = found
                    counts = (letters, uppers)
                }
            }
            letters = counts.letters
            uppers = counts.uppers
            self.units = units
        }

        static let high: UInt64 = 0x8080_8080_8080_8080

        /// The number of bytes whose top bit is set in a mask of top bits (a multiply adds the
        /// bytes' low bits into the top byte; `nonzeroBitCount` is a loop on this target).
        @inline(__always) static func count(_ mask: UInt64) -> Int {
            Int(((mask >> 7) &* 0x0101_0101_0101_0101) >> 56)
        }
        /// The top bit of each byte of `x` in `lo…hi` (ASCII bounds): adding to the low seven bits
        /// never carries into the next byte, and bytes with the top bit set fail.
        @inline(__always) static func inRange(_ x: UInt64, _ lo: UInt8, _ hi: UInt8) -> UInt64 {
            let ones: UInt64 = 0x0101_0101_0101_0101
            let low7 = x & ~high
            let atLeastLo = low7 &+ ones &* UInt64(0x80 - lo)
            let aboveHi = low7 &+ ones &* UInt64(0x7F - hi)
            return atLeastLo & ~aboveHi & ~x & high
        }

    }

    // MARK: - Many needles, one pass

    /// Fixed byte strings searched for together: `containsAny` is `needles.contains { hay.fastContains($0) }`
    /// in one pass over the haystack instead of one memchr pass per needle. A bitmap of the needles'
    /// first two bytes rejects most positions; at the others each needle of that first byte is
    /// compared a word at a time (its first eight bytes packed, first byte lowest), no call per needle.
    struct Needles: Sendable {
        let bytes: [UInt8]                   // the needles, one after another
        let start: [Int], length: [Int]
        let head: [UInt64], headMask: [UInt64]
        /// Needle indices by first byte (`firstSlots[byte]` is a range of `byFirst`), in list order.
        let byFirst: [Int], firstSlots: [Range<Int>]
        /// Bit `first << 8 | second` is set when some needle begins with those two bytes.
        let pairBits: [UInt64]

        init(_ strings: [String]) {
            let needles = strings.map { Array($0.utf8) }
            precondition(needles.allSatisfy { $0.count >= 2 && !$0.contains(0) }, "bytes past the text's end read as zeros")
            var bytes: [UInt8] = [], start: [Int] = [], head: [UInt64] = [], headMask: [UInt64] = []
            var bits = [UInt64](repeating: 0, count: 65536 / 64)
            for n in needles {
                start.append(bytes.count)
                bytes += n
                head.append(n.prefix(8).reversed().reduce(0) { $0 << 8 | UInt64($1) })
                headMask.append(n.count >= 8 ? ~0 : (1 << UInt64(8 * n.count)) - 1)
                let pair = Int(n[0]) << 8 | Int(n[1])
                bits[pair >> 6] |= 1 << UInt64(pair & 63)
            }
            var byFirst: [Int] = [], slots: [Range<Int>] = []
            for b in 0..<256 {
                let lo = byFirst.count
                byFirst += needles.indices.filter { needles[$0][0] == b }
                slots.append(lo..<byFirst.count)
            }
            self.bytes = bytes; self.start = start; length = needles.map(\.count)
            self.head = head; self.headMask = headMask
            self.byFirst = byFirst; firstSlots = slots
            pairBits = bits
        }

        /// Does the needle `k` stand at `i`? `window` is the eight bytes from `i` (zeros past the end).
        @inline(__always) func matches(_ k: Int, at i: Int, window: UInt64, in h: UnsafeBufferPointer<UInt8>) -> Bool {
            guard window & headMask[k] == head[k], i + length[k] <= h.count else { return false }
            if length[k] <= 8 { return true }
            return bytes.withUnsafeBufferPointer { memcmp(h.baseAddress! + i + 8, $0.baseAddress! + start[k] + 8, length[k] - 8) == 0 }
        }

        /// The needles found in `h` as bits (bit k for needle k; the first 64 needles), or, with
        /// `firstOnly`, as soon as one is found, that one's bit.
        func found(in h: UnsafeBufferPointer<UInt8>, firstOnly: Bool = false) -> UInt64 {
            let n = h.count
            guard n >= 2, let base = h.baseAddress else { return 0 }
            var found: UInt64 = 0
            for i in 0..<(n - 1) {
                let pair = Int(h[i]) << 8 | Int(h[i + 1])
                guard pairBits[pair >> 6] & (1 << UInt64(pair & 63)) != 0 else { continue }
                var window: UInt64 = 0
                if i + 8 <= n { window = UnsafeRawPointer(base + i).loadUnaligned(as: UInt64.self) }
                else { for k in 0..<(n - i) { window |= UInt64(h[i + k]) << UInt64(8 * k) } }
                for k in byFirst[firstSlots[Int(h[i])]] where matches(k, at: i, window: window, in: h) {
                    if firstOnly { return 1 << UInt64(min(k, 63)) | 1 }
                    if k < 64 { found |= 1 << UInt64(k) }
                }
            }
            return found
        }

        /// Does any needle occur in `h`?
        func containsAny(_ h: UnsafeBufferPointer<UInt8>) -> Bool { found(in: h, firstOnly: true) != 0 }

        func containsAny(_ s: String) -> Bool {
            var s = s
            return s.withUTF8 { containsAny($0) }
        }

        func containsAny(_ b: [UInt8]) -> Bool { b.withUnsafeBufferPointer { containsAny($0) } }
    }

    /// An ASCII string found by memchr on one of its bytes, the `pivot`, chosen rare in folded
    /// Vietnamese: `fastContains` and `fastRange` search for the first byte, often a space or a
    /// common letter, and compare at each of them. Every place the string stands has the pivot at
    /// the same distance from its start, so the places found, in order, are the same.
    struct Literal: Sendable {
        let bytes: [UInt8]
        let pivot: Int

        init(_ s: String, pivot: Character) {
            bytes = Array(s.utf8)
            precondition(bytes.allSatisfy { $0 < 0x80 })
            self.pivot = bytes.firstIndex(of: pivot.asciiValue!)!
        }

        /// The first offset at or after `from` where the string stands (`fastFind`).
        func first(in h: UnsafeBufferPointer<UInt8>, from: Int = 0) -> Int? {
            let n = h.count, count = bytes.count
            guard let base = h.baseAddress, from + count <= n else { return nil }
            let key = Int32(bytes[pivot])
            var pos = from + pivot
            let lastPivot = n - count + pivot
            return bytes.withUnsafeBufferPointer { nd in
                while pos <= lastPivot, let p = memchr(base + pos, key, lastPivot - pos + 1) {
                    let hit = UnsafePointer<UInt8>(p.assumingMemoryBound(to: UInt8.self)) - base
                    let at = hit - pivot
                    if memcmp(base + at, nd.baseAddress!, count) == 0 { return at }
                    pos = hit + 1
                }
                return nil
            }
        }

        /// The last offset where the string stands (`fastRange(backwards: true)`).
        func last(in h: UnsafeBufferPointer<UInt8>) -> Int? {
            let n = h.count, count = bytes.count
            guard let base = h.baseAddress, count <= n else { return nil }
            let key = bytes[pivot]
            return bytes.withUnsafeBufferPointer { nd in
                var at = n - count
                while at >= 0 {
                    if h[at + pivot] == key && memcmp(base + at, nd.baseAddress!, count) == 0 { return at }
                    at -= 1
                }
                return nil
            }
        }

        /// `s.fastContains(string)`.
        func isIn(_ s: String) -> Bool { firstOffset(in: s) != nil }
        /// `s.fastFind(string)`: the UTF-8 offset of the first place.
        func firstOffset(in s: String) -> Int? {
            var s = s
            return s.withUTF8 { first(in: $0) }
        }
        /// The UTF-8 offset of the last place.
        func lastOffset(in s: String) -> Int? {
            var s = s
            return s.withUTF8 { last(in: $0) }
        }
    }

    // MARK: - Byte-keyed lookup

    /// A read-only map from byte strings to values: open addressing on an FNV-1a hash, keys
    /// compared as bytes. It replaces String-keyed dictionaries on the hot path, where each lookup
    /// would first build a String from bytes.
    struct ByteTable<Value: Sendable>: Sendable {
        private var slots: [Int32]          // index into `entries`, −1 when empty
        private var entries: [(key: [UInt8], value: Value)] = []
        private let mask: Int
        /// The longest key: longer probes are answered without hashing.
        private(set) var maxKeyLength = 0

        init(_ pairs: [([UInt8], Value)]) {
            var size = 16
            while size < pairs.count * 2 { size <<= 1 }
            slots = [Int32](repeating: -1, count: size)
            mask = size - 1
            for (key, value) in pairs {
                precondition(key.withUnsafeBufferPointer { self[$0] } == nil, "duplicate key")
                var slot = key.withUnsafeBufferPointer { Self.hash($0) } & mask
                while slots[slot] >= 0 { slot = (slot + 1) & mask }
                slots[slot] = Int32(entries.count)
                entries.append((key, value))
                maxKeyLength = max(maxKeyLength, key.count)
            }
        }

        @inline(__always) static func hash(_ key: UnsafeBufferPointer<UInt8>) -> Int {
            var h: UInt64 = 0xcbf2_9ce4_8422_2325
            for b in key { h = (h ^ UInt64(b)) &* 0x100_0000_01b3 }
            return Int(truncatingIfNeeded: h ^ (h >> 29))
        }

        subscript(key: UnsafeBufferPointer<UInt8>) -> Value? {
            guard key.count <= maxKeyLength else { return nil }
            var slot = Self.hash(key) & mask
            while true {
                let e = Int(slots[slot])
                if e < 0 { return nil }
                let stored = entries[e].key
                if stored.count == key.count,
                   stored.withUnsafeBufferPointer({ key.count == 0 || memcmp($0.baseAddress!, key.baseAddress!, key.count) == 0 }) {
                    return entries[e].value
                }
                slot = (slot + 1) & mask
            }
        }
    }

    // MARK: - Regular expressions as byte scanners

    /// What ICU's `\d` and `\s` see in a scalar.
    enum Class { case digit, space, other, unknown }

    /// The class of the scalar that starts at `i` (valid UTF-8), and its length in bytes.
    /// Non-ASCII scalars are classified only in the blocks whose digits (none) and white space
    /// (U+0085, U+00A0, U+2000–U+200A, U+2028, U+2029, U+202F, U+205F) are settled: Latin-1
    /// through the combining marks (U+0080–U+036F), Latin Extended Additional (U+1E00–U+1EFF) and
    /// General Punctuation (U+2000–U+206F). Anything else is `unknown`, and the caller asks the regex.
    @inline(__always) static func classify(_ b: UnsafeBufferPointer<UInt8>, _ i: Int) -> (Class, Int) {
        let c = b[i]
        if c < 0x80 {
            if c >= 48 && c <= 57 { return (.digit, 1) }
            if c == 0x20 || (c >= 0x09 && c <= 0x0D) { return (.space, 1) }
            return (.other, 1)
        }
        if c < 0xE0 {
            let cp = (UInt32(c & 0x1F) << 6) | UInt32(b[i + 1] & 0x3F)
            if cp == 0x85 || cp == 0xA0 { return (.space, 2) }
            return (cp <= 0x36F ? .other : .unknown, 2)
        }
        if c < 0xF0 {
            let cp = (UInt32(c & 0x0F) << 12) | (UInt32(b[i + 1] & 0x3F) << 6) | UInt32(b[i + 2] & 0x3F)
            if cp >= 0x1E00 && cp <= 0x1EFF { return (.other, 3) }
            if cp >= 0x2000 && cp <= 0x206F {
                if cp <= 0x200A || cp == 0x2028 || cp == 0x2029 || cp == 0x202F || cp == 0x205F { return (.space, 3) }
                return (.other, 3)
            }
            return (.unknown, 3)
        }
        return (.unknown, 4)
    }

    /// The end of the run of `\s` from `i`, or nil when a scalar in the way cannot be classified.
    @inline(__always) static func skipSpaces(_ b: UnsafeBufferPointer<UInt8>, from i: Int) -> Int? {
        var j = i
        while j < b.count {
            let (cls, len) = classify(b, j)
            if cls == .unknown { return nil }
            if cls != .space { break }
            j += len
        }
        return j
    }

    /// Does the ASCII `literal` stand at `i`?
    @inline(__always) static func has(_ b: UnsafeBufferPointer<UInt8>, _ i: Int, _ literal: StaticString) -> Bool {
        let n = literal.utf8CodeUnitCount
        return i + n <= b.count && memcmp(b.baseAddress! + i, literal.utf8Start, n) == 0
    }

    /// `\b` at a position whose own character is a word character (the first letter of a literal),
    /// decided when the character before is ASCII (or there is none): nil when it is not, since ICU
    /// then consults Unicode properties and steps back over combining marks.
    @inline(__always) static func boundaryBeforeWord(_ b: UnsafeBufferPointer<UInt8>, _ i: Int) -> Bool? {
        if i == 0 { return true }
        let c = b[i - 1]
        return c < 0x80 ? !isASCIIWord(c) : nil
    }

    /// `\b` right after a word character (the last letter of a literal): nil when the character
    /// after it is not ASCII (ICU reads no boundary before a combining mark or a format character).
    @inline(__always) static func boundaryAfterWord(_ b: UnsafeBufferPointer<UInt8>, _ end: Int) -> Bool? {
        if end == b.count { return true }
        let c = b[end]
        return c < 0x80 ? !isASCIIWord(c) : nil
    }

    /// Runs a scanner that may abstain, on the bytes of `s`; the regex decides when it does (and is
    /// compiled only then).
    static func matches(_ s: String, _ pattern: @autoclosure () -> NSRegularExpression, _ scan: (UnsafeBufferPointer<UInt8>) -> Bool?) -> Bool {
        var copy = s
        if let answer = copy.withUTF8({ scan($0) }) { return answer }
        return pattern().firstMatch(in: s, range: NSRange(location: 0, length: (s as NSString).length)) != nil
    }

    /// `\b(?:name|name|…)\b` for ASCII literals that begin and end with a letter: true when one
    /// stands between two boundaries, nil when no certain match was found but one may stand next to a
    /// non-ASCII character. Literals are looked up by their first byte.
    struct WordLiterals: Sendable {
        let literals: [[UInt8]]
        let byFirstByte: [[Int]]

        init(_ strings: [String]) {
            literals = strings.map { Array($0.utf8) }
            var byFirst = [[Int]](repeating: [], count: 256)
            for (k, l) in literals.enumerated() {
                precondition(l.count >= 1 && isASCIIWord(l[0]) && isASCIIWord(l[l.count - 1]) && l.allSatisfy { $0 < 0x80 })
                byFirst[Int(l[0])].append(k)
            }
            byFirstByte = byFirst
        }

        func anyBetweenBoundaries(_ b: UnsafeBufferPointer<UInt8>) -> Bool? {
            var unsure = false
            for i in 0..<b.count {
                for k in byFirstByte[Int(b[i])] {
                    let l = literals[k]
                    guard i + l.count <= b.count, l.withUnsafeBufferPointer({ memcmp(b.baseAddress! + i, $0.baseAddress!, l.count) }) == 0 else { continue }
                    let before = boundaryBeforeWord(b, i), after = boundaryAfterWord(b, i + l.count)
                    if before == false || after == false { continue }
                    if before == true && after == true { return true }
                    unsure = true
                }
            }
            return unsure ? nil : false
        }
    }
}
