import Foundation

/// Finds which province an article is about from how Vietnamese text names
/// places: "tỉnh X", "Tỉnh ủy X", "thành phố X", "X:" opening a headline, or X
/// alone. Matching is on mark-stripped, case-kept text, within one line, so:
/// - "diễn biến hòa bình" (lower case) is not Hòa Bình and "diễn biến" not Điện Biên;
/// - "huyện Quảng Ninh" (a district, of Quảng Bình) is not Quảng Ninh;
/// - "Nội dung" on the line after a byline "… Hà" is not Hà Nội;
/// - a name inside a longer proper noun ("Nguyễn Thái Bình", "Thái Bình Dương") is skipped.
public enum ProvinceExtractor {
    public struct Mention: Sendable { public var province: String; public var strong: Bool; public var atStart: Bool }

    struct Pattern { let bytes: [UInt8]; let province: String; let cityOnly: Bool }

    static let patterns: [Pattern] = {
        var out: [Pattern] = []
        for e in Provinces.all {
            var seen = Set<[UInt8]>()
            for p in e.patterns where seen.insert(Array(p.utf8)).inserted {
                out.append(Pattern(bytes: Array(p.utf8), province: e.name, cityOnly: false))
            }
            for p in e.cityOnlyPatterns { out.append(Pattern(bytes: Array(p.utf8), province: e.name, cityOnly: true)) }
        }
        return out
    }()

    static let districtWords: Set<String> = ["huyen", "xa", "phuong", "quan", "thon", "ban", "khu", "duong", "song", "cau", "cho", "chua", "den", "nui", "ho", "deo", "truong", "benh", "vien", "khach", "san", "hotel"]
    static let strongWords: Set<String> = ["tinh", "uy", "ubnd", "hdnd", "tp", "tp.", "t.p"]
    /// Capitalised words that may stand before a province name at the start of a sentence.
    static let functionWords: Set<String> = ["tai", "o", "voi", "cung", "cua", "theo", "va", "den", "tu", "trong", "ve", "cho", "giua", "khap", "toan", "nhan", "tinh", "thanh", "tp", "bao", "dai", "so", "ubnd", "hdnd", "uy", "nam", "viet", "quoc", "doan", "lanh", "dao", "nhu", "con", "dan", "nguoi", "la", "thi", "ma", "neu", "khi", "sau", "truoc", "nam", "dong", "bac", "tay"]

    /// Candidate patterns by their first two bytes (the first an upper-case ASCII letter), in pattern
    /// order: `slots[(first − "A") << 8 | second]` is a range of candidates, each a pattern's bytes
    /// (`needles`, one after another, from `needleStart`) with its first eight also packed in `head`
    /// (first byte lowest; `headMask` covers the pattern's length) for a compare of one word against
    /// the text's next eight bytes. Flat arrays of plain values: the loop over them counts no references.
    struct PatternIndex: Sendable {
        let pattern: [Int], head: [UInt64], headMask: [UInt64], needleStart: [Int], needleCount: [Int]
        let needles: [UInt8]
        let slots: [Range<Int>]

        init(upper: Bool) {
            var buckets = [[(Int, [UInt8])]](repeating: [], count: 26 << 8)
            for (k, p) in patterns.enumerated() {
                let needle = upper ? p.bytes.map { $0 >= 97 && $0 <= 122 ? $0 - 32 : $0 } : p.bytes
                guard needle.count >= 2, needle[0] >= 65 && needle[0] <= 90 else { continue }
                precondition(!needle.contains(0), "the text's bytes past its end read as zeros")
                buckets[Int(needle[0] - 65) << 8 | Int(needle[1])].append((k, needle))
            }
            var pattern: [Int] = [], head: [UInt64] = [], headMask: [UInt64] = [], start: [Int] = [], count: [Int] = []
            var needles: [UInt8] = []
            var slots: [Range<Int>] = []
            for bucket in buckets {
                slots.append(pattern.count..<(pattern.count + bucket.count))
                for (k, needle) in bucket {
                    let n = min(8, needle.count)
                    pattern.append(k)
                    head.append(Lowered.pack(needle))
                    headMask.append(n == 8 ? ~0 : (1 << UInt64(8 * n)) - 1)
                    start.append(needles.count)
                    count.append(needle.count)
                    needles += needle
                }
            }
            self.pattern = pattern; self.head = head; self.headMask = headMask; needleStart = start; needleCount = count
            self.needles = needles
            self.slots = slots
        }
    }
    static let caseIndex = PatternIndex(upper: false)
    static let upperIndex = PatternIndex(upper: true)

    /// Province names with their ids in `provinceIDs` (Provinces.all first, then any other name the gazetteer uses).
    static let provinceNames: [String] = {
        var names = Provinces.all.map(\.name)
        for e in Gazetteer.byFoldedName.values where !names.contains(e.province) { names.append(e.province) }
        return names
    }()
    static let provinceIDs: [String: Int] = Dictionary(uniqueKeysWithValues: provinceNames.enumerated().map { ($1, $0) })
    /// The gazetteer's province by the unit's name, as an id.
    static let patternProvince: [Int] = patterns.map { provinceIDs[$0.province]! }

    /// A mention with the province as an id (see `provinceNames`).
    struct ScoredMention { var province: Int; var strong: Bool; var atStart: Bool }

    public static func mentions(in line: String) -> [Mention] {
        mentions(ProvinceScan.Stripped(line)).map { Mention(province: provinceNames[$0.province], strong: $0.strong, atStart: $0.atStart) }
    }

    /// `mentions(in:)` on the line's mark-stripped bytes.
    static func mentions(_ text: ProvinceScan.Stripped) -> [ScoredMention] {
        let b = text.bytes
        guard b.count >= 2 else { return [] }   // a name has two bytes at least
        let upperLine = text.letters >= 10 && text.uppers * 10 >= text.letters * 8
        let hay = upperLine ? b.map { $0 >= 97 && $0 <= 122 ? $0 - 32 : $0 } : b
        let n = hay.count
        // Word starts in `hay` with a capital: in a capitalised line every letter is one.
        let starts = upperLine ? (0..<n).filter { i in isAlpha(b[i]) && (i == 0 || !isAlnum(b[i - 1])) } : text.capitalStarts
        var found: [(Int, ScoredMention)] = []
        let index = upperLine ? upperIndex : caseIndex
        var headlinePhrase: Bool?   // "DIEN BIEN HOA BINH" in the line, looked for once
        hay.withUnsafeBufferPointer { h in
            var near: NearWords?   // the words before `nearAt`, read once for all candidates there
            var nearAt = -1
            // Candidate patterns come from the first two bytes.
            for i in starts where i + 1 < n {
                let c = h[i]
                let slot = index.slots[Int(c - 65) << 8 | Int(h[i + 1])]
                guard !slot.isEmpty else { continue }
                // The next eight bytes (zeros past the end: no pattern holds a zero byte).
                var window: UInt64 = 0
                if i + 8 <= n { window = UnsafeRawPointer(h.baseAddress! + i).loadUnaligned(as: UInt64.self) }
                else { for k in 0..<(n - i) { window |= UInt64(h[i + k]) << UInt64(8 * k) } }
                for c in slot where window & index.headMask[c] == index.head[c] {
                    let length = index.needleCount[c]
                    let off = i
                    let end = off + length
                    guard end <= n else { continue }
                    if length > 8 {
                        let rest = index.needleStart[c] + 8
                        guard index.needles.withUnsafeBufferPointer({ memcmp(h.baseAddress! + off + 8, $0.baseAddress! + rest, length - 8) == 0 }) else { continue }
                    }
                    if end < n && isAlnum(h[end]) { continue }
                    if nearAt != off { near = NearWords(before: off, in: hay); nearAt = off }
                    let w1 = near!.w1, w2 = near!.w2
                    if w1.isIn(districtSet) || (w2.is(thi) && (w1.is(tran) || w1.is(xa))) { continue }
                    let strong = w1.isIn(strongSet) || (w2.is(thanh) && w1.is(pho)) || (w1.is(tp) || w1.hasPrefix(tpDot))
                    let p = patterns[index.pattern[c]]
                    if p.cityOnly && !(w1.is(tp) || w1.hasPrefix(tp) || (w2.is(thanh) && w1.is(pho)) || w1.is(uy)) { continue }
                    if upperLine {
                        // "DIỄN BIẾN HÒA BÌNH" in a capitalised headline is the phrase, not two provinces.
                        if headlinePhrase == nil { headlinePhrase = hay.containsBytes(Array("DIEN BIEN HOA BINH".utf8)) }
                        if headlinePhrase! && (p.province == "Hòa Bình" || p.province == "Điện Biên") { continue }
                    } else if !strong {
                        if let raw = near!.nearest, raw.startsUpper, !w1.isIn(functionSet), !raw.endsWithComma { continue }
                        if let next = Word(after: end, in: hay), next.startsUpper, !next.lowered.isIn(functionSet),
                           h[end] == 32, next.firstByte != 40 { continue }
                    }
                    found.append((off, ScoredMention(province: patternProvince[index.pattern[c]], strong: strong, atStart: off == 0 && end < n && h[end] == 58)))
                }
            }
        }
        // Overlaps ("Thua Thien Hue" and "Hue") count once. `found` is in offset order already (starts
        // ascend, and candidates at one start keep pattern order, as a stable sort by offset would).
        var out: [ScoredMention] = []
        var lastEnd = -1
        var lastProvince = -1
        for (off, m) in found {
            if off < lastEnd && m.province == lastProvince { continue }
            out.append(m)
            lastEnd = off + 8
            lastProvince = m.province
        }
        return out
    }

    /// Folded province names by id (`provinceNames`), as bytes; the names the gazetteer adds have none.
    static let foldedNames: [[UInt8]?] = provinceNames.indices.map { k in k < Provinces.all.count ? VietFold.fold(Provinces.all[k].name) : nil }
    static let hanoiOrgans = ProvinceScan.Needles(["thanh uy ha noi", "ubnd thanh pho ha noi", "ubnd tp ha noi", "ubnd tp. ha noi", "so ngoai vu ha noi",
                                                   "thanh pho ha noi to chuc", "hdnd thanh pho ha noi", "uy ban nhan dan thanh pho ha noi"])
    static let hostCues = ["lam viec tai ", "lam viec tai tinh ", "lam viec voi tinh ", "lam viec voi ", "tham tinh ", "den tham ",
                           "tham va lam viec tai ", "tham va lam viec tai tinh ", "tai tinh ", "tai thanh pho "].map { Array($0.utf8) }
    static let hanoi = provinceIDs["Hà Nội"]!

    public struct Decision: Sendable { public var province: String?; public var basis: ProvinceBasis?; public var note: String?; public var evidence: String? = nil }

    /// Why a province was first credited (the evidence line's reason), kept as parts so that the
    /// text is built only for the winner.
    enum Reason { case named(zone: String), unit(name: String, zone: String), host }

    /// Scores by province id, in the order provinces were first credited (few per article: a list).
    struct Tally {
        struct Entry { let province: Int; var score: Int; let firstSeen: Int; var inTitle: Bool; var why: Reason }
        private(set) var entries: [Entry] = []
        var order = 0

        mutating func credit(_ p: Int, _ w: Int, title: Bool, _ reason: @autoclosure () -> Reason) {
            if let k = entries.firstIndex(where: { $0.province == p }) {
                entries[k].score += w
                if title { entries[k].inTitle = true }
            } else {
                entries.append(Entry(province: p, score: w, firstSeen: order, inTitle: title, why: reason()))
            }
            order += 1
        }

        /// The host of the visit gets 8 more.
        mutating func creditHost(at k: Int) {
            entries[k].score += 8
            entries[k].why = .host
        }

        /// The highest score; of equal scores, the province credited first (entries are in that order).
        var best: Entry? {
            var best: Entry?
            for e in entries where best == nil || e.score > best!.score { best = e }
            return best
        }
    }

    /// Scores mentions: the headline weighs most, then the lead, then the body.
    /// `strippedParagraphs`, when given, are `layout.paragraphs` stripped of their marks
    /// (`VietFold.stripMarks`), as the parser has them already.
    public static func decide(layout: ArticleLayout, eventText: String? = nil, strippedParagraphs: [[UInt8]]? = nil) -> Decision {
        func stripped(_ i: Int) -> ProvinceScan.Stripped {
            if let s = strippedParagraphs, i < s.count { return ProvinceScan.Stripped(bytes: s[i]) }
            return ProvinceScan.Stripped(layout.paragraphs[i].text)
        }
        // Each text is folded once (marks stripped, case kept) for the organiser, the names and the gazetteer.
        let leadIndex = layout.lead.isEmpty ? nil : layout.paragraphs.firstIndex { $0.text == layout.lead }
        let lead = leadIndex.map(stripped) ?? ProvinceScan.Stripped(layout.lead)
        let event: ProvinceScan.Stripped? = eventText.map { e in e == layout.lead ? lead : ProvinceScan.Stripped(e) }
        // Their folds (`VietFold.fold` is stripping and then ASCII lower case), for the organiser and the host cues.
        let leadFolded = VietFold.lowered(lead.bytes)
        let eventFolded = event.map { $0.bytes == lead.bytes ? leadFolded : VietFold.lowered($0.bytes) }
        if let o = Organiser.find(texts: [eventText, layout.lead].compactMap { $0 }, folded: [eventFolded, leadFolded].compactMap { $0 }),
           o.level == .central {
            return Decision(province: Provinces.central, basis: .text, note: nil, evidence: "province: Trung ương — organised by “\(o.phrase)” (the event's opening)")
        }
        var tally = Tally()
        func add(_ stripped: ProvinceScan.Stripped, title: Bool, weightStrong: Int, weightWeak: Int, district: Int, zone: String) {
            for m in mentions(stripped) {
                var w = m.strong ? weightStrong : weightWeak
                if title && m.atStart { w += 6 }
                tally.credit(m.province, w, title: title, .named(zone: zone))
            }
            // "… tại thành phố Quy Nhơn": a district or city names its province too.
            for hit in Gazetteer.hits(in: stripped) {
                tally.credit(provinceIDs[hit.province]!, district, title: title, .unit(name: hit.name, zone: zone))
            }
        }
        let title = layout.title == layout.lead ? lead : layout.title == eventText ? event! : ProvinceScan.Stripped(layout.title)
        add(title, title: true, weightStrong: 8, weightWeak: 6, district: 6, zone: "the title")
        if let e = eventText, e != layout.title, e != layout.lead { add(event!, title: false, weightStrong: 5, weightWeak: 3, district: 5, zone: "the event's sentence") }
        add(lead, title: false, weightStrong: 4, weightWeak: 2, district: 3, zone: "the lead")
        for (i, p) in layout.paragraphs.enumerated() where p.text != layout.lead && p.text != eventText {
            add(stripped(i), title: false, weightStrong: 2, weightWeak: 1, district: 1, zone: "the text")
        }
        // The host of a visit: "Sở Ngoại vụ tỉnh A thăm và làm việc tại B" is B's event.
        if !tally.entries.isEmpty {
            for f in [layout.title == layout.lead ? leadFolded : VietFold.lowered(title.bytes), eventFolded ?? leadFolded] {
                for (k, e) in tally.entries.enumerated() {
                    if let name = foldedNames[e.province], followsHostCue(name, in: f) { tally.creditHost(at: k) }
                }
            }
        }
        if let best = tally.best {
            let province = provinceNames[best.province]
            // Held in the capital with no organ of Hà Nội itself: the organiser named further down decides.
            if best.province == hanoi, !hanoiOrgans.containsAny(VietFold.lowered(foldedJoin(title.bytes, lead.bytes, event?.bytes ?? []))),
               let o = Organiser.find(texts: layout.paragraphs.filter { $0.role == .body }.prefix(4).map(\.text)), o.level == .central {
                return Decision(province: Provinces.central, basis: .text, note: nil, evidence: "province: Trung ương — held in Hà Nội, organised by “\(o.phrase)”")
            }
            let why: String
            switch best.why {
            case .named(let zone): why = "named in \(zone)"
            case .unit(let name, let zone): why = "\(name) in \(zone)"
            case .host: why = "host of the visit"
            }
            return Decision(province: province, basis: best.inTitle ? .headline : .text, note: nil,
                            evidence: "province: \(province) — \(why) (score \(best.score))")
        }
        if let code = layout.siteCode ?? ArticleLayout.splitSiteCode(layout.title)?.0, let p = Provinces.siteCodes[code] {
            return Decision(province: p, basis: .siteDateline, note: "province: from the site's dateline code \(code)")
        }
        // No province and no district anywhere: a page about central organs' event is "Trung ương"
        // when its opening names them and no locality at all.
        let opening = " " + VietFold.foldedString(([layout.title, eventText ?? ""] + layout.paragraphs.filter { $0.role == .body }.prefix(3).map(\.text))
            .joined(separator: " . ")) + " "
        let localCues = [" tinh ", " tinh,", " tinh.", "tinh uy", "thanh uy", " thanh pho", "huyen", "dia phuong", " xa ", "phuong "]
        if let organ = Organiser.centralMarks.first(where: { $0.count > 4 && opening.fastContains($0) }),
           !localCues.contains(where: { opening.fastContains($0) }) {
            return Decision(province: Provinces.central, basis: .text, note: nil,
                            evidence: "province: Trung ương — no province named; the opening names “\(organ.trimmingSpaces())”")
        }
        return Decision(province: nil, basis: nil, note: "province: not named in the article")
    }

    /// Does some host cue stand right before `name` in the folded text `f` (`f` holds a cue + name)?
    /// Each place the name stands is tried, overlapping ones too.
    static func followsHostCue(_ name: [UInt8], in f: [UInt8]) -> Bool {
        f.withUnsafeBytes { hay in
            name.withUnsafeBytes { nd in
                var from = 0
                while let at = findBytes(hay, from: from, nd) {
                    if hostCues.contains(where: { f.hasBytes($0, at: at - $0.count) }) { return true }
                    from = at + 1
                }
                return false
            }
        }
    }

    /// The fold of `title + " " + lead + " " + event` from the three folds: folding collapses the
    /// joining space with a space the part before ends on, and the space a part begins with.
    static func foldedJoin(_ parts: [UInt8]...) -> [UInt8] {
        var out: [UInt8] = []
        for (k, part) in parts.enumerated() {
            var part = part[...]
            if k > 0 {
                if out.last != 32 { out.append(32) }
                if part.first == 32 { part = part.dropFirst() }
            }
            out += part
        }
        return out
    }

    // MARK: - Byte helpers

    @inline(__always) static func isAlpha(_ c: UInt8) -> Bool { (c >= 65 && c <= 90) || (c >= 97 && c <= 122) }
    @inline(__always) static func isAlnum(_ c: UInt8) -> Bool { isAlpha(c) || (c >= 48 && c <= 57) || c >= 0x80 }
    /// Lower case, trimmed of `,;:()“”"`.
    static func lower(_ w: String) -> String {
        w.fastLowercased().trimmingScalars { Scalars.isWordPunctuation($0) && $0 != "." }
    }

    /// A word of a mark-stripped line: a run of bytes other than the space. ASCII words (nearly all
    /// of them) are read as bytes; any other goes through the String functions, whose Character
    /// and Unicode case rules bytes would not reproduce.
    struct Word {
        let bytes: ArraySlice<UInt8>
        let isASCII: Bool

        init(_ bytes: ArraySlice<UInt8>) {
            self.bytes = bytes
            isASCII = bytes.allSatisfy { $0 < 0x80 }
        }

        /// The word after `end`, if a space follows `end` and then a word.
        init?(after end: Int, in b: [UInt8]) {
            var i = end
            guard i < b.count, b[i] == 32 else { return nil }
            while i < b.count && b[i] == 32 { i += 1 }
            let start = i
            while i < b.count && b[i] != 32 { i += 1 }
            guard start < i else { return nil }
            self.init(b[start..<i])
        }

        var string: String { String(decoding: bytes, as: UTF8.self) }
        var firstByte: UInt8? { bytes.first }
        /// Begins with an ASCII capital.
        var startsUpper: Bool { guard let f = bytes.first else { return false }; return f >= 65 && f <= 90 }
        /// `string.hasSuffix(",")`.
        var endsWithComma: Bool { isASCII ? bytes.last == 44 : string.hasSuffix(",") }
        /// Ends a run of words before a name: a trailing , : ; ( or a dash alone.
        var stops: Bool {
            if isASCII { return bytes.last.map { $0 == 44 || $0 == 58 || $0 == 59 || $0 == 40 } == true || bytes.elementsEqual([45]) }
            let w = string
            return w.hasSuffix(",") || w.hasSuffix(":") || w.hasSuffix(";") || w.hasSuffix("(") || w == "-" || w == "–"
        }
        /// `lower(string)`: for ASCII, lower case with `,;:()"` trimmed from both ends.
        var lowered: Lowered {
            guard isASCII else { return .other(lower(string)) }
            var lo = bytes.startIndex, hi = bytes.endIndex
            @inline(__always) func trimmed(_ c: UInt8) -> Bool { c == 44 || c == 59 || c == 58 || c == 40 || c == 41 || c == 34 }
            while lo < hi && trimmed(bytes[lo]) { lo += 1 }
            while hi > lo && trimmed(bytes[hi - 1]) { hi -= 1 }
            return .ascii(packed: Lowered.pack(bytes[lo..<hi].lazy.map(ProvinceScan.lower)), count: hi - lo)
        }
    }

    /// A word as `lower(_:)` leaves it, compared with the rules' short ASCII words without a String:
    /// an ASCII word is its first eight bytes packed in a UInt64 (first byte lowest) and its length;
    /// any other word keeps the String `lower` makes and is compared as the String code did.
    enum Lowered {
        case ascii(packed: UInt64, count: Int)
        case other(String)

        /// No word at all (the String code's "").
        static let none = Lowered.ascii(packed: 0, count: 0)

        static func pack<C: Collection>(_ bytes: C) -> UInt64 where C.Element == UInt8 {
            var packed: UInt64 = 0
            var shift: UInt64 = 0
            for b in bytes.prefix(8) { packed |= UInt64(b) << shift; shift += 8 }
            return packed
        }

        /// A word of the rules (ASCII, at most seven bytes).
        struct Rule: Sendable {
            let string: String
            let packed: UInt64
            let count: Int
            init(_ s: String) {
                precondition(s.utf8.count <= 7 && s.utf8.allSatisfy { $0 < 0x80 })
                string = s
                packed = Lowered.pack(s.utf8)
                count = s.utf8.count
            }
            /// The packed bytes with the length in the top byte: one number per word.
            var key: UInt64 { packed | UInt64(count) << 56 }
        }

        /// A set of the rules' words, as sorted keys (and as Strings, for words that are not ASCII).
        struct Words: Sendable {
            let strings: Set<String>
            let keys: [UInt64]
            init(_ words: Set<String>) {
                strings = words
                keys = words.map { Rule($0).key }.sorted()
            }
            func contains(_ key: UInt64) -> Bool {
                var lo = 0, hi = keys.count
                while lo < hi {
                    let mid = (lo + hi) / 2
                    if keys[mid] < key { lo = mid + 1 } else { hi = mid }
                }
                return lo < keys.count && keys[lo] == key
            }
        }

        func `is`(_ w: Rule) -> Bool {
            switch self {
            case .ascii(let packed, let count): return count == w.count && packed == w.packed
            case .other(let s): return s == w.string
            }
        }

        func hasPrefix(_ p: Rule) -> Bool {
            switch self {
            case .ascii(let packed, let count):
                let mask: UInt64 = p.count == 0 ? 0 : ~0 >> UInt64(64 - 8 * p.count)
                return count >= p.count && packed & mask == p.packed
            case .other(let s): return s.hasPrefix(p.string)
            }
        }

        func isIn(_ set: Words) -> Bool {
            switch self {
            case .ascii(let packed, let count): return count <= 7 && set.contains(packed | UInt64(count) << 56)
            case .other(let s): return set.strings.contains(s)
            }
        }
    }

    static let districtSet = Lowered.Words(districtWords), strongSet = Lowered.Words(strongWords), functionSet = Lowered.Words(functionWords)
    static let thi = Lowered.Rule("thi"), tran = Lowered.Rule("tran"), xa = Lowered.Rule("xa"), thanh = Lowered.Rule("thanh"),
               pho = Lowered.Rule("pho"), tp = Lowered.Rule("tp"), tpDot = Lowered.Rule("tp."), uy = Lowered.Rule("uy")

    /// Up to two words before a candidate name (nearest first) and their lower-cased forms; the
    /// second is not read past a word that `stops`.
    struct NearWords {
        var nearest: Word?
        var farther: Word?
        /// `lower` of the nearest word and of the farther one (`none` when there is none).
        var w1 = Lowered.none, w2 = Lowered.none

        init(before off: Int, in b: [UInt8]) {
            var i = off - 1
            while farther == nil && i >= 0 {
                while i >= 0 && b[i] == 32 { i -= 1 }
                guard i >= 0 else { break }
                let end = i + 1
                while i >= 0 && b[i] != 32 { i -= 1 }
                let w = Word(b[(i + 1)..<end])
                if nearest == nil { nearest = w } else { farther = w }
                if w.stops { break }
            }
            w1 = nearest?.lowered ?? .none
            w2 = farther?.lowered ?? .none
        }
    }
}

extension Array where Element == UInt8 {
    /// Do the bytes of `needle` stand at `at`?
    func hasBytes(_ needle: [UInt8], at: Int) -> Bool {
        guard at >= 0, at + needle.count <= count else { return false }
        return withUnsafeBytes { h in needle.withUnsafeBytes { memcmp(h.baseAddress! + at, $0.baseAddress!, needle.count) == 0 } }
    }
}
