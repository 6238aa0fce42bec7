import Foundation

/// The organiser's regular expressions as byte scanners, and its word lists as one-pass needle
/// sets. Each scanner answers whether its pattern has a match anywhere (all that `matches` asks),
/// or nil when a character it cannot classify the way ICU does is in the way; the regex, kept,
/// then decides (`ProvinceScan.matches`).
extension Organiser {
    static let centralMarkNeedles = ProvinceScan.Needles(centralMarks)
    static let provincialMarkNeedles = ProvinceScan.Needles(provincialMarks)
    /// The folded province names, for `namesProvince`.
    static let provinceNameWords = ProvinceScan.WordLiterals(Provinces.all.map { VietFold.foldedString($0.name) })
    static let tinhTaWords = ProvinceScan.WordLiterals(["tinh ta"])
    /// `centralPersonTitles` and `organHeads` as the prefixes they are tried as.
    static let spacedPersonTitles = Prefixes(centralPersonTitles.map { " " + $0 })
    static let organHeadsSpaced = Prefixes(organHeads.map { $0 + " " })
    static let personStartPrefixes = Prefixes(personStarts)
    /// Openings of guests, not organisers: "Đến dự có …", "Tham dự …".
    static let guestOpenings = Prefixes(["den du", "toi du", "tham du", "du hoi", "phat bieu", "tai hoi", "tai buoi"])
    static let workingWithOpenings = Prefixes([" lam viec voi", " tiep "])
    static let venueAddressOpenings = Prefixes(["tinh ", "thanh pho ", "tp ", "tp.", "huyen ", "xa ", "phuong ", "quan ", "thi xa "])
    static let venueOpening = Prefixes(["tai "])
    /// Clauses that are not the subject: dates and times, venues, framing ("trong khuôn khổ …"),
    /// and adverbial openings ("Trước tình hình mới, …", "Nhằm …", "Tiếp nối …").
    static let clauseOpenings = Prefixes([
        "ngay ", "sang ", "chieu ", "toi ", "tai ", "trong ", "tu ngay", "hom ", "vao ", "nhan ", "chao mung", "huong toi",
        "thuc hien", "theo ", "trong khuon kho",
        "truoc ", "nham ", "de ", "can cu", "tiep noi", "tiep tuc", "sau ", "voi muc", "duoc su",
    ])

    /// ASCII prefixes tried as `String.hasPrefix` is, on bytes. None of them holds K, ; or ` (the
    /// only ASCII characters another character is canonically equivalent to), so a text whose bytes
    /// do not begin with a prefix's does not begin with it; one whose bytes do begins with it unless
    /// a non-ASCII byte follows (a combining mark would join the prefix's last character into a
    /// Character of its own), which `hasPrefix` then decides.
    struct Prefixes: Sendable {
        let strings: [String]
        let bytes: [[UInt8]]

        init(_ strings: [String]) {
            precondition(strings.allSatisfy { $0.utf8.allSatisfy { $0 < 0x80 && $0 != 0x4B && $0 != 0x3B && $0 != 0x60 && $0 != 0x0D } })
            self.strings = strings
            bytes = strings.map { Array($0.utf8) }
        }

        /// `strings.contains { s.hasPrefix($0) }`.
        func anyStarts<S: StringProtocol>(_ s: S) -> Bool {
            let answer: Bool? = s.utf8.withContiguousStorageIfAvailable { b in
                for (k, p) in bytes.enumerated() where b.count >= p.count && b[0] == p[0] {
                    guard p.withUnsafeBufferPointer({ memcmp(b.baseAddress!, $0.baseAddress!, p.count) }) == 0 else { continue }
                    if b.count == p.count || b[p.count] < 0x80 || s.hasPrefix(strings[k]) { return true }
                }
                return false
            }
            return answer ?? strings.contains { s.hasPrefix($0) }
        }
    }

    /// `s.count < n`: a Character takes a byte at least, and in ASCII text without a CR ("\r\n" is
    /// one Character) exactly one.
    static func hasFewerCharacters(_ s: String, than n: Int) -> Bool {
        if s.utf8.count < n { return true }
        if !ProvinceScan.anyByte(s, { $0 >= 0x80 || $0 == 0x0D }) { return false }
        return s.count < n
    }

    /// The verbs as " verb " byte strings, found as `SpaceLedNeedles` finds them.
    static let spacedVerbNeedles = SpacedNeedles(verbs.map { Array((" " + $0 + " ").utf8) })

    /// `SpaceLedNeedles` (Text/Scan.swift) with a filter in front: a bitmap of the two bytes after
    /// each needle's leading space passes over most spaces of a text before any needle is compared.
    /// The search is otherwise the same, refusals and all (see `earliest`).
    struct SpacedNeedles: Sendable {
        let needles: [[UInt8]]
        /// Indices into `needles`, by the needle's second byte.
        let bySecondByte: [[Int]]
        /// Bit `second << 8 | third` is set when some needle continues its space with those bytes.
        let pairBits: [UInt64]

        init(_ needles: [[UInt8]]) {
            precondition(needles.allSatisfy { $0.count >= 3 && $0[0] == 0x20 })
            self.needles = needles
            var table = [[Int]](repeating: [], count: 256)
            var bits = [UInt64](repeating: 0, count: 65536 / 64)
            for (k, n) in needles.enumerated() {
                table[Int(n[1])].append(k)
                let pair = Int(n[1]) << 8 | Int(n[2])
                bits[pair >> 6] |= 1 << UInt64(pair & 63)
            }
            bySecondByte = table
            pairBits = bits
        }

        /// `SpaceLedNeedles.earliest(in:accept:)`: the earliest offset where a needle stands and
        /// `accept(offset)` holds; a needle is not looked for again inside its own refused match.
        /// A space whose next two bytes begin no needle is passed over: the search finds nothing there.
        func earliest(in h: UnsafeRawBufferPointer, accept: (Int) -> Bool) -> Int? {
            let count = h.count
            guard count >= 2, let base = h.baseAddress else { return nil }
            var resumeAt: [Int] = []   // per needle, allocated on the first refusal
            var pos = 0
            while pos < count - 1, let p = memchr(base + pos, 0x20, count - 1 - pos) {
                let at = base.distance(to: UnsafeRawPointer(p))
                pos = at + 1
                guard at + 2 < count else { continue }   // every needle has three bytes at least
                let pair = Int(h[at + 1]) << 8 | Int(h[at + 2])
                guard pairBits[pair >> 6] & (1 << UInt64(pair & 63)) != 0 else { continue }
                for k in bySecondByte[Int(h[at + 1])] {
                    let needle = needles[k]
                    guard at + needle.count <= count, needle[2] == h[at + 2], resumeAt.isEmpty || at >= resumeAt[k] else { continue }
                    var same = true
                    for j in 3..<needle.count where needle[j] != h[at + j] { same = false; break }
                    guard same else { continue }
                    if accept(at) { return at }
                    if resumeAt.isEmpty { resumeAt = [Int](repeating: 0, count: needles.count) }
                    resumeAt[k] = at + needle.count
                }
            }
            return nil
        }
    }

    /// The literals `find(lead:)` looks for, each by a byte rare in folded Vietnamese (see `Literal`).
    typealias Literal = ProvinceScan.Literal
    static let chairedBy = Literal("chu tri cua ", pivot: "r"), delegation = Literal("doan", pivot: "d")
    static let byOrgan = Literal(" do ", pivot: "d"), ourProvince = Literal("tinh ta", pivot: "h")
    static let steeringCommittee = Literal("ban chi dao cong tac thong tin doi ngoai", pivot: "b"), centralLevel = Literal("trung uong", pivot: "r")
    static let nationwide = Literal("toan quoc", pivot: "q"), bridgePoints = Literal("diem cau", pivot: "d"), province = Literal("tinh", pivot: "t")
    /// " phối hợp với ", " cùng với ", " và ", ", ": the first of several organisers leads.
    static let organiserSeparators = [Literal(" phoi hop voi ", pivot: "p"), Literal(" cung voi ", pivot: "v"), Literal(" va ", pivot: "v"), Literal(", ", pivot: ",")]

    /// `s.prefixCharacters(n)` (Text/Scan.swift), the cut found on the bytes.
    static func prefixCharacters(_ s: String, _ n: Int) -> String {
        if s.utf8.count <= n { return s }
        guard SimpleText.isSimple(s, limit: n) else { return String(s.prefix(n)) }
        var copy = s
        return copy.withUTF8 { b in
            // In simple text a Character is a scalar: cut before the (n+1)th, found by its lead byte.
            var scalars = 0
            var cut = b.count
            for i in 0..<b.count where b[i] & 0xC0 != 0x80 {
                if scalars == n { cut = i; break }
                scalars += 1
            }
            return String(decoding: UnsafeBufferPointer(rebasing: b[..<cut]), as: UTF8.self)
        }
    }

    /// `dayMonthAnywhere`: `\d{1,2}\s*[/.\-]\s*\d{1,2}`. A match exists exactly when a digit is
    /// followed, across white space only, by / . or -, and then, across white space only, by a digit
    /// (one digit on each side is enough, and a longer run holds one).
    static func scanDayMonth(_ b: UnsafeBufferPointer<UInt8>) -> Bool? {
        var afterDigit = false        // a digit, then white space only
        var afterSeparator = false    // a digit, white space, a separator, white space
        var i = 0
        while i < b.count {
            let (cls, len) = ProvinceScan.classify(b, i)
            switch cls {
            case .unknown: return nil
            case .digit:
                if afterSeparator { return true }
                afterDigit = true
            case .space: break
            case .other:
                let c = b[i]
                if c == 0x2F || c == 0x2E || c == 0x2D {
                    afterSeparator = afterDigit
                } else {
                    afterSeparator = false
                }
                afterDigit = false
            }
            i += len
        }
        return false
    }

    /// `siteCodeOpening`: `^\(?[a-z0-9&.]{2,10}\)?\s*[-–]`. The class, ")", white space and the
    /// dashes share no character, so no backtracking changes the answer: an optional "(", a run of
    /// 2–10 class bytes (a longer run leaves a class byte where the dash must be), an optional ")",
    /// white space, then "-" or "–".
    static func scanSiteCodeOpening(_ b: UnsafeBufferPointer<UInt8>) -> Bool? {
        let n = b.count
        var i = 0
        if i < n && b[i] == 0x28 { i += 1 }
        let start = i
        @inline(__always) func inClass(_ c: UInt8) -> Bool { (c >= 0x61 && c <= 0x7A) || (c >= 0x30 && c <= 0x39) || c == 0x26 || c == 0x2E }
        while i < n && inClass(b[i]) { i += 1 }
        guard i - start >= 2 && i - start <= 10 else { return false }
        if i < n && b[i] == 0x29 { i += 1 }
        guard let j = ProvinceScan.skipSpaces(b, from: i) else { return nil }
        return (j < n && b[j] == 0x2D) || ProvinceScan.has(b, j, "–")
    }

    /// `manyProvinces`: `(?:\b(?:cho|voi|cua|tai|gom|cac)\s+[3-6]\d|\b63)\s+(?:tinh|diem cau)`.
    /// Every `\s+` must run to the end of its white space (a letter or digit follows it), so at
    /// each start there is one way to match.
    static func scanManyProvinces(_ b: UnsafeBufferPointer<UInt8>) -> Bool? {
        let n = b.count
        var unsure = false
        /// `\s+(?:tinh|diem cau)` from `k`.
        func endsOnProvinces(_ k: Int) -> Bool? {
            guard let s = ProvinceScan.skipSpaces(b, from: k) else { return nil }
            return s > k && (ProvinceScan.has(b, s, "tinh") || ProvinceScan.has(b, s, "diem cau"))
        }
        for i in 0..<n {
            let c = b[i]
            guard c == 0x36 || c == 0x63 || c == 0x76 || c == 0x74 || c == 0x67 else { continue }   // 6 c v t g
            var countEnd: Int?      // where "cho 35" or "63" ends
            var unsureHere = false
            if ProvinceScan.has(b, i, "63") {
                countEnd = i + 2
            } else if ProvinceScan.has(b, i, "cho") || ProvinceScan.has(b, i, "voi") || ProvinceScan.has(b, i, "cua")
                        || ProvinceScan.has(b, i, "tai") || ProvinceScan.has(b, i, "gom") || ProvinceScan.has(b, i, "cac") {
                guard let s = ProvinceScan.skipSpaces(b, from: i + 3) else { unsure = true; continue }
                guard s > i + 3, s < n, b[s] >= 0x33 && b[s] <= 0x36, s + 1 < n else { continue }
                let (cls, len) = ProvinceScan.classify(b, s + 1)
                if cls == .unknown { unsure = true; continue }
                guard cls == .digit else { continue }
                countEnd = s + 1 + len
            }
            guard let end = countEnd else { continue }
            switch endsOnProvinces(end) {
            case nil: unsureHere = true
            case false?: continue
            case true?: break
            }
            switch ProvinceScan.boundaryBeforeWord(b, i) {
            case false?: continue
            case nil: unsure = true
            case true?: if unsureHere { unsure = true } else { return true }
            }
        }
        return unsure ? nil : false
    }

    /// `provincesAndCities`: `(?:cho|voi)\s+(?:\d{2}|cac)\s+tinh,\s*thanh(?:\s+pho)?` (the optional
    /// tail cannot decide whether there is a match). As in `scanManyProvinces`, each `\s+` and `\s*`
    /// runs to the end of its white space.
    static func scanProvincesAndCities(_ b: UnsafeBufferPointer<UInt8>) -> Bool? {
        let n = b.count
        var unsure = false
        for i in 0..<n where (b[i] == 0x63 || b[i] == 0x76) && (ProvinceScan.has(b, i, "cho") || ProvinceScan.has(b, i, "voi")) {
            guard let s = ProvinceScan.skipSpaces(b, from: i + 3) else { unsure = true; continue }
            guard s > i + 3, s < n else { continue }
            var countEnd: Int
            if ProvinceScan.has(b, s, "cac") {
                countEnd = s + 3
            } else {
                let (first, len1) = ProvinceScan.classify(b, s)
                if first == .unknown { unsure = true; continue }
                guard first == .digit, s + len1 < n else { continue }
                let (second, len2) = ProvinceScan.classify(b, s + len1)
                if second == .unknown { unsure = true; continue }
                guard second == .digit else { continue }
                countEnd = s + len1 + len2
            }
            guard let t = ProvinceScan.skipSpaces(b, from: countEnd) else { unsure = true; continue }
            guard t > countEnd, ProvinceScan.has(b, t, "tinh,") else { continue }
            guard let u = ProvinceScan.skipSpaces(b, from: t + 5) else { unsure = true; continue }
            if ProvinceScan.has(b, u, "thanh") { return true }
        }
        return unsure ? nil : false
    }

    /// `namesProvince` without the regex when it can.
    static func namesProvinceScan(_ b: UnsafeBufferPointer<UInt8>) -> Bool? { provinceNameWords.anyBetweenBoundaries(b) }

    /// `s.replacingOccurrences(of: "uy vien trung uong dang", with: "")`: Foundation's search
    /// (canonical equivalence, not bytes) can only match ASCII text where its bytes do, so ASCII
    /// text without those bytes comes back as it is; anything else asks Foundation.
    static func droppingCentralCommitteeRank(_ s: String) -> String {
        if !ProvinceScan.anyByte(s, { $0 >= 0x80 }) && !s.fastContains("uy vien trung uong dang") { return s }
        return s.replacingOccurrences(of: "uy vien trung uong dang", with: "")
    }

    /// The first `limit` pieces of `s.fastComponents(separatedBy: separator)`.
    static func leadingComponents(of s: String, separatedBy separator: String, limit: Int) -> [String] {
        var s = s
        let sep = Array(separator.utf8)
        return s.withUTF8 { b in
            var out: [String] = []
            var start = 0
            sep.withUnsafeBytes { nd in
                while out.count < limit, let at = findBytes(UnsafeRawBufferPointer(b), from: start, nd) {
                    out.append(String(decoding: UnsafeBufferPointer(rebasing: b[start..<at]), as: UTF8.self))
                    start = at + sep.count
                }
            }
            if out.count < limit { out.append(String(decoding: UnsafeBufferPointer(rebasing: b[start...]), as: UTF8.self)) }
            return out
        }
    }
}
