import Foundation
import XCTest
@testable import TTDNCore

// The province, gazetteer and organiser passes moved from Strings and regular expressions to byte
// scanners. The code as it was (main at eb79712) is kept here as the reference, and the new code is
// compared with it on sentences written for these tests and on text built at random (fixed seed)
// from the fragments that matter: names with and without marks, unit and cue words, digits and
// separators, capitals, NBSP and other spaces, combining marks, NFD, and characters ICU and Swift
// read differently from bytes.

// MARK: - The reference: the String and regex code these passes had

enum ProvinceReference {
    // MARK: ProvinceExtractor.mentions(in:)

    static func buildIndex(upper: Bool) -> [UInt16: [(ProvinceExtractor.Pattern, [UInt8])]] {
        var idx: [UInt16: [(ProvinceExtractor.Pattern, [UInt8])]] = [:]
        for p in ProvinceExtractor.patterns {
            let needle = upper ? p.bytes.map { $0 >= 97 && $0 <= 122 ? $0 - 32 : $0 } : p.bytes
            guard needle.count >= 2 else { continue }
            idx[UInt16(needle[0]) << 8 | UInt16(needle[1]), default: []].append((p, needle))
        }
        return idx
    }
    nonisolated(unsafe) static let caseIndex = buildIndex(upper: false)
    nonisolated(unsafe) static let upperIndex = buildIndex(upper: true)

    /// Checks the mutation tests switch off, one at a time, to show the comparison notices.
    struct Broken: OptionSet {
        let rawValue: Int
        static let districtWords = Broken(rawValue: 1), strongWords = Broken(rawValue: 2), functionWords = Broken(rawValue: 4)
        static let cityOnly = Broken(rawValue: 8), overlaps = Broken(rawValue: 16), upperLine = Broken(rawValue: 32)
    }

    static func mentions(in line: String, broken: Broken = []) -> [ProvinceExtractor.Mention] {
        typealias P = ProvinceExtractor
        let b = VietFold.stripMarks(line)
        guard !b.isEmpty else { return [] }
        var letters = 0, uppers = 0
        for c in b where isAlpha(c) { letters += 1; if c >= 65 && c <= 90 { uppers += 1 } }
        let upperLine = !broken.contains(.upperLine) && letters >= 10 && uppers * 10 >= letters * 8
        let hay = upperLine ? b.map { $0 >= 97 && $0 <= 122 ? $0 - 32 : $0 } : b
        var found: [(Int, P.Mention)] = []
        let index = upperLine ? upperIndex : caseIndex
        var i = 0
        while i + 1 < hay.count {
            defer { i += 1 }
            let c = hay[i]
            guard c >= 65 && c <= 90, i == 0 || !isAlnum(hay[i - 1]) else { continue }
            guard let cands = index[UInt16(c) << 8 | UInt16(hay[i + 1])] else { continue }
            for (p, needle) in cands {
                let off = i
                let end = off + needle.count
                guard end <= hay.count, hay[off..<end].elementsEqual(needle) else { continue }
                if end < hay.count && isAlnum(hay[end]) { continue }
                let prev = words(before: off, in: hay, count: 2)
                let w1 = prev.last.map { lower($0) } ?? ""
                let w2 = prev.count > 1 ? lower(prev[0]) : ""
                if !broken.contains(.districtWords), P.districtWords.contains(w1) || (w2 == "thi" && (w1 == "tran" || w1 == "xa")) { continue }
                let strong = !broken.contains(.strongWords) && (P.strongWords.contains(w1) || (w2 == "thanh" && w1 == "pho") || (w1 == "tp" || w1.hasPrefix("tp.")))
                if !broken.contains(.cityOnly), p.cityOnly && !(w1 == "tp" || w1.hasPrefix("tp") || (w2 == "thanh" && w1 == "pho") || w1 == "uy") { continue }
                if upperLine {
                    if hay.containsBytes(Array("DIEN BIEN HOA BINH".utf8)) && (p.province == "Hòa Bình" || p.province == "Điện Biên") { continue }
                } else if !strong && !broken.contains(.functionWords) {
                    if let raw = prev.last, isUpperStart(raw), !P.functionWords.contains(w1), !raw.hasSuffix(",") { continue }
                    if let next = wordAfter(end, in: hay), isUpperStart(next), !P.functionWords.contains(lower(next)),
                       hay[end] == 32, next.utf8.first != 40 { continue }
                }
                found.append((off, P.Mention(province: p.province, strong: strong, atStart: off == 0 && end < hay.count && hay[end] == 58)))
            }
        }
        found.sort { $0.0 < $1.0 }
        var out: [P.Mention] = []
        var lastEnd = -1
        var lastProvince = ""
        for (off, m) in found {
            if !broken.contains(.overlaps), off < lastEnd && m.province == lastProvince { continue }
            out.append(m)
            lastEnd = off + 8
            lastProvince = m.province
        }
        return out
    }

    static func isAlpha(_ c: UInt8) -> Bool { (c >= 65 && c <= 90) || (c >= 97 && c <= 122) }
    static func isAlnum(_ c: UInt8) -> Bool { isAlpha(c) || (c >= 48 && c <= 57) || c >= 0x80 }
    static func isUpperStart(_ w: String) -> Bool { guard let f = w.utf8.first else { return false }; return f >= 65 && f <= 90 }
    static func lower(_ w: String) -> String {
        w.fastLowercased().trimmingScalars { Scalars.isWordPunctuation($0) && $0 != "." }
    }
    static func words(before off: Int, in b: [UInt8], count: Int) -> [String] {
        var out: [String] = []
        var i = off - 1
        while out.count < count && i >= 0 {
            while i >= 0 && b[i] == 32 { i -= 1 }
            guard i >= 0 else { break }
            let end = i + 1
            while i >= 0 && b[i] != 32 { i -= 1 }
            let w = String(decoding: b[(i + 1)..<end], as: UTF8.self)
            out.insert(w, at: 0)
            if w.hasSuffix(",") || w.hasSuffix(":") || w.hasSuffix(";") || w.hasSuffix("(") || w == "-" || w == "–" { break }
        }
        return out
    }
    static func wordAfter(_ end: Int, in b: [UInt8]) -> String? {
        var i = end
        guard i < b.count, b[i] == 32 else { return nil }
        while i < b.count && b[i] == 32 { i += 1 }
        let start = i
        while i < b.count && b[i] != 32 { i += 1 }
        return start < i ? String(decoding: b[start..<i], as: UTF8.self) : nil
    }

    // MARK: Gazetteer.hits(in:)

    static let unitNeedles: [([UInt8], Bool)] = [
        (Array("thanh pho ".utf8), false), (Array("thi xa ".utf8), false), (Array("huyen ".utf8), false),
        (Array("quan ".utf8), false), (Array("tp ".utf8), false), (Array("tp.".utf8), false), (Array("phuong ".utf8), true),
    ]

    static func hits(in text: String, ignoreCityOnly: Bool = false) -> [Gazetteer.Hit] {
        let bytes = Array(VietFold.foldedString(text).utf8)
        var out: [Gazetteer.Hit] = []
        for (unit, cityOnly) in unitNeedles {
            var from = 0
            while let at = find(unit, in: bytes, from: from) {
                from = at + unit.count
                guard at == 0 || !Gazetteer.isLetter(bytes[at - 1]) else { continue }
                var words: [String] = []
                var i = at + unit.count
                while words.count < 4 && i < bytes.count {
                    while i < bytes.count && (bytes[i] == 32 || bytes[i] == 40) { i += 1 }
                    let s = i
                    while i < bytes.count && bytes[i] != 32 && bytes[i] != 44 && bytes[i] != 59 && bytes[i] != 40 && bytes[i] != 41 && bytes[i] != 10 { i += 1 }
                    guard s < i else { break }
                    words.append(String(decoding: bytes[s..<i], as: UTF8.self))
                    if i < bytes.count && bytes[i] != 32 { break }
                }
                if let e = match(words, cityOnly: cityOnly && !ignoreCityOnly) { out.append(Gazetteer.Hit(province: e.province, name: e.name, offset: at)) }
            }
        }
        return out.sorted { $0.offset < $1.offset }
    }
    static func find(_ needle: [UInt8], in hay: [UInt8], from: Int) -> Int? {
        guard needle.count <= hay.count, from <= hay.count - needle.count else { return nil }
        return hay.withUnsafeBytes { h in needle.withUnsafeBytes { findBytes(h, from: from, $0) } }
    }
    static func match(_ words: [String], cityOnly: Bool) -> Gazetteer.Entry? {
        for n in stride(from: min(4, words.count), through: 1, by: -1) {
            let key = words[0..<n].joined(separator: " ").trimmingScalars { $0 == "." || $0 == ":" }
            if let e = Gazetteer.byFoldedName[key], !cityOnly || e.kind == "t" { return e }
        }
        return nil
    }

    // MARK: Organiser.find(lead:)

    static func regexMatches(_ pattern: NSRegularExpression, _ s: String) -> Bool {
        pattern.firstMatch(in: s, range: NSRange(location: 0, length: (s as NSString).length)) != nil
    }
    static func namesProvince(_ folded: String) -> Bool { regexMatches(Organiser.provinceNamesPattern, folded) }
    static func mayHoldDaySeparator(_ s: String) -> Bool { s.utf8.contains { $0 == 0x2F || $0 == 0x2E || $0 == 0x2D } }
    static let spacedVerbs = SpaceLedNeedles(Organiser.verbs.map { Array((" " + $0 + " ").utf8) })

    static func verbOffset(in s: String) -> Int? {
        var s = s
        return s.withUTF8 { u in
            let h = UnsafeRawBufferPointer(u)
            return spacedVerbs.earliest(in: h) { at in
                !(Organiser.hasSuffix(h, at, " cac") || Organiser.hasSuffix(h, at, " nhung") || Organiser.hasSuffix(h, at, " lien hiep cac"))
            }
        }
    }

    static func find(texts: [String]) -> Organiser.Finding? {
        var seen = Set<String>()
        for t in texts where seen.insert(t).inserted {
            if let f = find(lead: t) { return f }
        }
        return nil
    }

    static func find(lead: String) -> Organiser.Finding? {
        typealias O = Organiser
        let f = VietFold.foldedString(lead.prefixCharacters(500))
        let sentences = f.fastComponents(separatedBy: ". ").prefix(2)
        for s in sentences {
            if let r = [s.fastRange(of: "duoi su chu tri cua "), s.fastRange(of: "duoi su dong chu tri cua ")].compactMap({ $0 }).min(by: { $0.lowerBound < $1.lowerBound }) {
                let who = " " + String(s[r.upperBound...].prefix(260)) + " "
                if O.centralMarks.contains(where: { who.fastContains($0) }) || O.centralPersonTitles.contains(where: { who.hasPrefix(" " + $0) }),
                   !O.provincialMarks.contains(where: { who.fastContains($0) }) {
                    return O.Finding(level: .central, phrase: who.trimmingSpaces())
                }
            }
            if ["den du", "toi du", "tham du", "du hoi", "phat bieu", "tai hoi", "tai buoi"].contains(where: { s.hasPrefix($0) }) { continue }
            guard let verbAt = verbOffset(in: s) else { continue }
            let before = String(decoding: Array(s.utf8)[..<verbAt], as: UTF8.self)
            let after = String(decoding: Array(s.utf8)[verbAt...].prefix(80), as: UTF8.self)
            if after.hasPrefix(" lam viec voi") || after.hasPrefix(" tiep ") || (before.fastContains("doan") && after.prefix(24).fastContains("lam viec")) {
                if O.provincialMarks.contains(where: { after.fastContains($0) }) || namesProvince(after) {
                    return O.Finding(level: .provincial, phrase: after.trimmingSpaces())
                }
            }
            var phrase: String
            if let doAt = before.fastRange(of: " do ", backwards: true),
               O.organHeads.contains(where: { before[doAt.upperBound...].hasPrefix($0 + " ") }) {
                phrase = String(before[doAt.upperBound...])
            } else {
                var inVenue = false
                let parts = before.fastComponents(separatedBy: ", ").filter { p in
                    let t = p.trimmingSpaces()
                    if t.hasPrefix("tai ") { inVenue = true; return false }
                    if inVenue, ["tinh ", "thanh pho ", "tp ", "tp.", "huyen ", "xa ", "phuong ", "quan ", "thi xa "].contains(where: { t.hasPrefix($0) }) { return false }
                    inVenue = false
                    return !(t.hasPrefix("ngay ") || t.hasPrefix("sang ") || t.hasPrefix("chieu ") || t.hasPrefix("toi ") ||
                             t.hasPrefix("tai ") || t.hasPrefix("trong ") || t.hasPrefix("tu ngay") || t.hasPrefix("hom ") ||
                             t.hasPrefix("vao ") || t.hasPrefix("nhan ") || t.hasPrefix("chao mung") || t.hasPrefix("huong toi") ||
                             t.hasPrefix("thuc hien") || t.hasPrefix("theo ") || t.hasPrefix("trong khuon kho") ||
                             ["truoc ", "nham ", "de ", "can cu", "tiep noi", "tiep tuc", "sau ", "voi muc", "duoc su"].contains(where: { t.hasPrefix($0) }) ||
                             mayHoldDaySeparator(t) && regexMatches(O.dayMonthAnywhere, t) || t.count < 16 && regexMatches(O.siteCodeOpening, t))
                }
                phrase = parts.joined(separator: ", ")
            }
            let allOrganisers = phrase
            for sep in [" phoi hop voi ", " cung voi ", " va ", ", "] {
                if let r = phrase.fastRange(of: sep) { phrase = String(phrase[..<r.lowerBound]) }
            }
            phrase = " " + phrase.trimmingSpaces() + " "
            guard phrase.count > 4 else { continue }
            if s.fastContains("tinh ta") && regexMatches(O.tinhTa, s) { return O.Finding(level: .provincial, phrase: "tỉnh ta") }
            if O.personStarts.contains(where: { phrase.hasPrefix($0) }) {
                let titles = " " + allOrganisers.replacingOccurrences(of: "uy vien trung uong dang", with: "") + " "
                let central = O.centralMarks.contains { titles.fastContains($0) }
                let provincial = O.provincialMarks.contains { titles.fastContains($0) }
                if central && !provincial { return O.Finding(level: .central, phrase: allOrganisers.trimmingSpaces()) }
                if provincial { return O.Finding(level: .provincial, phrase: allOrganisers.trimmingSpaces()) }
                continue
            }
            if phrase.fastContains("ban chi dao cong tac thong tin doi ngoai") && !phrase.fastContains("trung uong") {
                let local = allOrganisers.fastContains("tinh") || allOrganisers.fastContains("thanh pho")
                    || mentions(in: lead).contains { $0.province != "Hà Nội" }
                if !local && s.fastContains("tai ha noi") { return O.Finding(level: .central, phrase: phrase.trimmingSpaces()) }
                continue
            }
            let central = O.centralMarks.contains { phrase.fastContains($0) }
            let provincial = (O.provincialMarks.contains { phrase.fastContains($0) } || namesProvince(phrase)) && !phrase.fastContains("trung uong")
            if central && !provincial { return O.Finding(level: .central, phrase: phrase.trimmingSpaces()) }
            if provincial { return O.Finding(level: .provincial, phrase: phrase.trimmingSpaces()) }
        }
        if let s = sentences.first, s.fastContains("toan quoc")
            || (s.fastContains("tinh") || s.fastContains("diem cau")) && (regexMatches(O.manyProvinces, s) || regexMatches(O.provincesAndCities, s)) {
            return O.Finding(level: .central, phrase: "a national event")
        }
        return nil
    }

    // MARK: ProvinceExtractor.decide(layout:eventText:)

    static let foldedNames: [(String, String)] = Provinces.all.map { ($0.name, VietFold.foldedString($0.name)) }
    static let hanoiOrgans = ["thanh uy ha noi", "ubnd thanh pho ha noi", "ubnd tp ha noi", "ubnd tp. ha noi", "so ngoai vu ha noi",
                              "thanh pho ha noi to chuc", "hdnd thanh pho ha noi", "uy ban nhan dan thanh pho ha noi"]
    static let hostCues = ["lam viec tai ", "lam viec tai tinh ", "lam viec voi tinh ", "lam viec voi ", "tham tinh ", "den tham ",
                           "tham va lam viec tai ", "tham va lam viec tai tinh ", "tai tinh ", "tai thanh pho "]

    static func decide(layout: ArticleLayout, eventText: String? = nil) -> ProvinceExtractor.Decision {
        typealias Decision = ProvinceExtractor.Decision
        if let o = find(texts: [eventText, layout.lead].compactMap { $0 }), o.level == .central {
            return Decision(province: Provinces.central, basis: .text, note: nil, evidence: "province: Trung ương — organised by “\(o.phrase)” (the event's opening)")
        }
        var score: [String: Int] = [:]
        var firstSeen: [String: Int] = [:]
        var inTitle = Set<String>()
        var why: [String: String] = [:]
        var order = 0
        func credit(_ province: String, _ w: Int, title: Bool, _ reason: String) {
            score[province, default: 0] += w
            if firstSeen[province] == nil { firstSeen[province] = order; why[province] = reason }
            order += 1
            if title { inTitle.insert(province) }
        }
        func add(_ text: String, title: Bool, weightStrong: Int, weightWeak: Int, district: Int, zone: String) {
            for m in mentions(in: text) {
                var w = m.strong ? weightStrong : weightWeak
                if title && m.atStart { w += 6 }
                credit(m.province, w, title: title, "named in \(zone)")
            }
            for hit in hits(in: text) { credit(hit.province, district, title: title, "\(hit.name) in \(zone)") }
        }
        add(layout.title, title: true, weightStrong: 8, weightWeak: 6, district: 6, zone: "the title")
        if let e = eventText, e != layout.title, e != layout.lead { add(e, title: false, weightStrong: 5, weightWeak: 3, district: 5, zone: "the event's sentence") }
        add(layout.lead, title: false, weightStrong: 4, weightWeak: 2, district: 3, zone: "the lead")
        for p in layout.paragraphs where p.text != layout.lead && p.text != eventText {
            add(p.text, title: false, weightStrong: 2, weightWeak: 1, district: 1, zone: "the text")
        }
        for text in [layout.title, eventText ?? layout.lead] {
            let f = VietFold.foldedString(text)
            for (province, name) in foldedNames where score[province] != nil {
                if hostCues.contains(where: { f.fastContains($0 + name) }) { score[province, default: 0] += 8; why[province] = "host of the visit" }
            }
        }
        if let best = score.max(by: { ($0.value, -(firstSeen[$0.key] ?? 0)) < ($1.value, -(firstSeen[$1.key] ?? 0)) }) {
            if best.key == "Hà Nội", !hanoiOrgans.contains(where: { VietFold.foldedString(layout.title + " " + layout.lead + " " + (eventText ?? "")).fastContains($0) }),
               let o = find(texts: layout.paragraphs.filter { $0.role == .body }.prefix(4).map(\.text)), o.level == .central {
                return Decision(province: Provinces.central, basis: .text, note: nil, evidence: "province: Trung ương — held in Hà Nội, organised by “\(o.phrase)”")
            }
            return Decision(province: best.key, basis: inTitle.contains(best.key) ? .headline : .text, note: nil,
                            evidence: "province: \(best.key) — \(why[best.key] ?? "named in the text") (score \(best.value))")
        }
        if let code = layout.siteCode ?? ArticleLayout.splitSiteCode(layout.title)?.0, let p = Provinces.siteCodes[code] {
            return Decision(province: p, basis: .siteDateline, note: "province: from the site's dateline code \(code)")
        }
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
}

// MARK: - Random text from the fragments that matter

/// SplitMix64: a fixed seed gives the same strings on every run.
struct ProvinceRandom: RandomNumberGenerator {
    var state: UInt64
    init(seed: UInt64) { state = seed }
    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}

enum ProvinceText {
    /// Province names as written, a few of their spellings, and names that look like them.
    static let names = Provinces.all.map(\.name) + ["TP.HCM", "TP. Hồ Chí Minh", "Tp.HCM", "Hồ Chí Minh", "Sài Gòn", "BR-VT", "Bà Rịa-Vũng Tàu",
        "Thừa Thiên – Huế", "TT-Huế", "Huế", "Đắk Lắk", "Daklak", "Kontum", "Hoà Bình", "hòa bình", "diễn biến", "Thái Bình Dương",
        "Nguyễn Thái Bình", "Quảng Ninh", "Hà Nội", "HÀ NỘI", "Điện Biên", "ĐIỆN BIÊN", "Vĩnh Long", "Long An", "An Giang", "Hà"]
    /// Districts, towns and cities (some shared by several provinces), and former names.
    static let places = ["Pleiku", "Buôn Ma Thuột", "Buôn Mê Thuột", "Ban Mê Thuột", "Play Ku", "Quy Nhơn", "Mường Tè", "Châu Thành", "Sơn Tây",
        "Hoàn Kiếm", "Ba Đình", "Cầu Giấy", "Tây Hồ", "Phan Rang-Tháp Chàm", "Ia H' Drai", "Cư M'gar", "M'Đrắk", "Mèo Vạc", "Đồng Văn",
        "Hội An", "Tam Kỳ", "Vinh", "Hạ Long", "Móng Cái", "Cẩm Phả", "Sa Pa", "Điện Biên Phủ", "Tuy Hòa", "Thủ Đức", "Quận 1", "1", "12",
        "Long Xuyên", "Rạch Giá", "Phú Quốc", "Đà Lạt", "Bảo Lộc", "Thanh Xuân", "Hoàng Mai", "Ứng Hòa", "Mỹ Đức", "Bắc Mê"]
    /// The words before a name that change what it means.
    static let cues = ["tỉnh", "Tỉnh", "TỈNH", "Tỉnh ủy", "Tỉnh uỷ", "UBND", "HĐND", "UBND tỉnh", "thành phố", "Thành phố", "THÀNH PHỐ", "TP", "TP.", "Tp.",
        "T.P", "huyện", "Huyện", "HUYỆN", "quận", "Quận", "thị xã", "Thị xã", "thị trấn", "xã", "phường", "Phường", "thôn", "bản", "khu",
        "đường", "sông", "cầu", "chợ", "chùa", "đền", "núi", "hồ", "đèo", "trường", "bệnh viện", "khách sạn", "hotel", "Sở Ngoại vụ",
        "Thành ủy", "tại", "Tại", "ở", "với", "cùng", "của", "và", "Và", "đến", "từ", "trong", "Ông", "Bà", "Đồng chí", "Việt Nam",
        "đồng chí", "tham", "thăm", "làm việc tại", "làm việc với", "thăm và làm việc tại tỉnh", "đến thăm", "tại thành phố", "tại tỉnh"]
    /// The organiser's words: verbs, bodies, titles, guests, clauses, national events.
    static let organiser = ["tổ chức", "phối hợp tổ chức", "đồng tổ chức", "chủ trì", "đồng chủ trì", "phát động", "khai mạc", "triển khai",
        "tiếp đoàn", "tiếp ông", "tiếp bà", "tiếp xã giao", "tiếp và làm việc", "tiếp đồng chí", "tiếp ngài", "làm việc với", "các tổ chức",
        "những tổ chức", "Liên hiệp các tổ chức", "Bộ Ngoại giao", "Bộ Thông tin và Truyền thông", "Ban Tuyên giáo Trung ương", "Trung ương",
        "Ban Chỉ đạo công tác thông tin đối ngoại", "Sở Thông tin và Truyền thông", "Ban Tuyên giáo Tỉnh ủy", "Hội Nhà báo Việt Nam",
        "Học viện", "Tạp chí", "Đài Tiếng nói Việt Nam", "Bộ Tư lệnh", "Bộ đội Biên phòng", "do", "Đỗ", "dưới sự chủ trì của",
        "dưới sự đồng chủ trì của", "Phó Thủ tướng", "Thủ tướng", "Bộ trưởng", "Thứ trưởng", "Chủ tịch nước", "Thượng tướng", "Đại tá",
        "Ủy viên Trung ương Đảng", "đến dự", "Đến dự", "tham dự", "Tham dự", "phát biểu", "tại hội", "ngày 12/3", "sáng 5-6", "chiều 20.8",
        "tối 1/1", "hôm nay", "vào", "nhân dịp", "chào mừng", "hướng tới", "thực hiện", "theo", "trong khuôn khổ", "trước tình hình",
        "nhằm", "để", "căn cứ", "tiếp nối", "tiếp tục", "sau", "với mục", "được sự", "toàn quốc", "63 tỉnh", "cho 35 tỉnh", "với 32 tỉnh",
        "của 40 điểm cầu", "tại 45 tỉnh", "gồm 61 điểm cầu", "các 36 tỉnh", "cho các tỉnh, thành phố", "với 12 tỉnh, thành",
        "cho 03 tỉnh", "1963 tỉnh", "tỉnh ta", "Tỉnh ta", "tại Hà Nội", "đoàn", "Đoàn công tác", "địa phương", "Bộ Chỉ huy", "LSO-", "(QNO) -",
        "BT – ", "uy vien trung uong dang", "phối hợp với", "cùng với", "và", ", ", ". ", "đại sứ", "Tổng lãnh sự", "bộ, ngành"]
    static let digits = ["12", "3", "2019", "63", "35", "٣", "१२", "１", "09", "5", "20"]
    static let punctuation = ["/", ".", "-", "–", "—", ",", ";", ":", "(", ")", "“", "”", "\"", "…", "!", "&", "_", "'"]
    static let spaces = [" ", " ", " ", "  ", "\u{A0}", "\u{2002}", "\u{3000}", "\u{205F}", "\u{85}", "\u{2028}", "\t", "\u{202F}", "\u{200B}"]
    /// Characters whose reading bytes alone would not settle: combining and format marks, a Kelvin
    /// sign (its lower case is "k"), canonical singletons (; `), digits of other scripts, a prepend mark.
    static let awkward = ["\u{301}", "\u{20D0}", "\u{1DC0}", "\u{200D}", "\u{200E}", "\u{AD}", "\u{212A}", "\u{37E}", "\u{1FEF}", "\u{660}",
        "\u{600}", "\u{FE0F}", "é", "Đ", "đ", "ă", "Ư", "ơ", "中", "Ω", "ß", "İ", "ﬁ", "\u{1F600}"]

    static func pick<T>(_ xs: [T], _ r: inout ProvinceRandom) -> T { xs[Int(r.next() % UInt64(xs.count))] }

    /// A run of fragments: names, places, cues and organiser words with digits, punctuation and
    /// spaces between (or glued), now and then in capitals, in NFD or with an awkward character.
    static func sentence(_ r: inout ProvinceRandom, parts: ClosedRange<Int> = 3...14) -> String {
        var s = ""
        let n = parts.lowerBound + Int(r.next() % UInt64(parts.count))
        for _ in 0..<n {
            var f: String
            switch r.next() % 16 {
            case 0...2: f = pick(names, &r)
            case 3, 4: f = pick(places, &r)
            case 5...7: f = pick(cues, &r)
            case 8...10: f = pick(organiser, &r)
            case 11: f = pick(digits, &r)
            case 12: f = pick(punctuation, &r)
            case 13: f = pick(awkward, &r)
            case 14: f = pick(cues, &r) + " " + pick(places, &r)
            default: f = pick(cues, &r) + " " + pick(names, &r)
            }
            switch r.next() % 12 {
            case 0: f = f.uppercased()
            case 1: f = f.lowercased()
            case 2: f = f.decomposedStringWithCanonicalMapping
            case 3: f += pick(punctuation, &r)
            default: break
            }
            s += f
            // Mostly a space between fragments; now and then another space, or none (glued words).
            switch r.next() % 10 {
            case 0, 1: s += pick(spaces, &r)
            case 2: break
            default: s += " "
            }
        }
        if r.next() % 3 == 0 { s = String(s.dropLast()) }
        return s
    }

    /// Sentences written for these tests (not taken from any page).
    static let handWritten = [
        "Sáng 12/3, tại thành phố Pleiku, Sở Ngoại vụ tỉnh Gia Lai tổ chức hội nghị tập huấn.",
        "Đoàn công tác của Bộ Ngoại giao làm việc với tỉnh Quảng Nam về thông tin đối ngoại.",
        "TP.HCM: Khai mạc tuần lễ văn hóa các nước ASEAN",
        "Chiều 5-6, UBND huyện Mường Tè đón đoàn khách của tỉnh bạn.",
        "Hội nghị trực tuyến toàn quốc với 63 điểm cầu về công tác thông tin đối ngoại",
        "Ban Chỉ đạo công tác thông tin đối ngoại tổ chức hội nghị sơ kết tại Hà Nội.",
        "Đồng chí Trần Văn B, Ủy viên Trung ương Đảng, Bí thư Tỉnh ủy tiếp đoàn đại biểu nước bạn.",
        "Dưới sự chủ trì của Phó Thủ tướng, hội nghị đã thảo luận nhiều nội dung.",
        "Tại tỉnh ta, các cơ quan báo chí đã đưa tin kịp thời.",
        "DIỄN BIẾN HÒA BÌNH VÀ CÔNG TÁC THÔNG TIN ĐỐI NGOẠI",
        "Thị xã Sơn Tây và phường Quy Nhơn cùng tổ chức giao lưu.",
        "Huyện Châu Thành có nhiều tỉnh cùng tên, không chỉ ra tỉnh nào.",
        "Thị trấn Điện Biên không phải tỉnh Điện Biên; huyện Quảng Ninh thuộc tỉnh Quảng Bình.",
        "Ông Nguyễn Thái Bình, Giám đốc Sở, phát biểu tại buổi làm việc với Thái Bình Dương.",
        "Ngày 20-8, Bộ Thông tin và Truyền thông phối hợp với tỉnh Cần Thơ tổ chức giao ban cho 35 tỉnh, thành phố phía Nam.",
        "Đến dự có đại diện Bộ Ngoại giao và lãnh đạo tỉnh Hà Giang.",
        "Hôm nay, tại TP. Hồ Chí Minh, Đài Tiếng nói Việt Nam tổ chức hội thảo.",
        "Thăm và làm việc tại tỉnh Lào Cai, đoàn của Sở Ngoại vụ tỉnh Yên Bái đã trao đổi kinh nghiệm.",
        "Lãnh đạo UBND thành phố Hà Nội tiếp xã giao Đại sứ Nhật Bản.",
        "Ban Tuyên giáo Trung ương chủ trì, phối hợp với Bộ Quốc phòng tổ chức lớp bồi dưỡng cho 40 tỉnh.",
        "Ngày 3/9, tại huyện Mèo Vạc (Hà Giang), các học viên tham quan thực tế.",
        "Khách sạn Hà Nội và đường Hà Nội ở Huế đều không nói về thủ đô.",
        "Sở Ngoại vụ Hà Nội tổ chức; Thành ủy Hà Nội chỉ đạo.",
        "Cuộc thi do Hội Nhà báo Việt Nam tổ chức, do Đỗ Văn C điều hành.",
        "Trong khuôn khổ chương trình, nhằm tăng cường hợp tác, Bộ Y tế đồng tổ chức hội nghị.",
        "LSO- Sáng nay, Sở Thông tin và Truyền thông Lạng Sơn tổ chức tập huấn.",
        "Tp.Pleiku, tp. Buôn Ma Thuột, TP.Quy Nhơn: ba thành phố Tây Nguyên và duyên hải.",
        "Quận Hoàn Kiếm, quận 1, Quận 12 — và phường Phú Quốc.",
        "Các tổ chức quốc tế đã tổ chức hội thảo; những tổ chức khác tham dự.",
        "Thượng tướng Lê Văn D, Thứ trưởng Bộ Quốc phòng, tiếp đoàn đại biểu tỉnh Sơn La.",
        "ĐOÀN ĐẠI BIỂU TỈNH NGHỆ AN THĂM VÀ LÀM VIỆC TẠI TỈNH HÀ TĨNH",
        "Ngày\u{A0}12\u{A0}/\u{A0}3, đại diện 63 tỉnh dự hội nghị.",
        "Tỉnh uỷ Hoà Bình chỉ đạo các huyện triển khai.",
    ]
}

// MARK: - The tests

final class ProvinceScanTests: XCTestCase {
    /// Hand-written sentences, then `count` random ones (fixed seed), each also in NFD.
    func corpus(_ count: Int, seed: UInt64, parts: ClosedRange<Int> = 3...14) -> [String] {
        var r = ProvinceRandom(seed: seed)
        var out = ProvinceText.handWritten
        for _ in 0..<count { out.append(ProvinceText.sentence(&r, parts: parts)) }
        return out + out.prefix(200).map { $0.decomposedStringWithCanonicalMapping }
    }

    func describe(_ ms: [ProvinceExtractor.Mention]) -> String { ms.map { "\($0.province)/\($0.strong)/\($0.atStart)" }.joined(separator: ", ") }
    func describe(_ hs: [Gazetteer.Hit]) -> String { hs.map { "\($0.province)/\($0.name)/\($0.offset)" }.joined(separator: ", ") }
    func describe(_ f: Organiser.Finding?) -> String { f.map { "\($0.level)/\($0.phrase)" } ?? "nil" }
    func describe(_ d: ProvinceExtractor.Decision) -> String {
        "\(d.province ?? "-")|\(d.basis.map { "\($0)" } ?? "-")|\(d.note ?? "-")|\(d.evidence ?? "-")"
    }

    // MARK: Folding and word starts

    func testFoldIsStrippingThenLowerCase() {
        // The province pass folds once and derives the gazetteer's and the organiser's text from it.
        for s in corpus(3000, seed: 1) {
            XCTAssertEqual(VietFold.fold(s), VietFold.stripMarks(s).map(ProvinceScan.lower), s)
        }
    }

    func testWordStartsMatchAByteByByteScan() {
        for s in corpus(3000, seed: 2) {
            let b = VietFold.stripMarks(s)
            let t = ProvinceScan.Stripped(s)
            var letters = 0, uppers = 0, capitals: [Int] = [], units: [Int] = []
            for (i, c) in b.enumerated() {
                let isLetter = (c >= 65 && c <= 90) || (c >= 97 && c <= 122)
                if isLetter { letters += 1 }
                if c >= 65 && c <= 90 {
                    uppers += 1
                    if i == 0 || !ProvinceReference.isAlnum(b[i - 1]) { capitals.append(i) }
                }
                if i == 0 || !Gazetteer.isLetter(b[i - 1]) {
                    for (needle, _) in ProvinceReference.unitNeedles where i + needle.count <= b.count
                        && b[i..<(i + needle.count)].map(ProvinceScan.lower).elementsEqual(needle) { units.append(i) }
                }
            }
            XCTAssertEqual(t.bytes, b, s)
            XCTAssertEqual(t.letters, letters, s)
            XCTAssertEqual(t.uppers, uppers, s)
            XCTAssertEqual(t.capitalStarts, capitals, s)
            XCTAssertEqual(t.units.map { $0.at }, units, s)
        }
    }

    // MARK: Names and the gazetteer

    func testMentionsMatchTheReference() {
        var named = 0, strong = 0, atStart = 0
        for s in corpus(6000, seed: 3) + corpus(1000, seed: 33, parts: 1...3).map({ $0.uppercased() }) {
            let want = ProvinceReference.mentions(in: s)
            XCTAssertEqual(describe(ProvinceExtractor.mentions(in: s)), describe(want), s)
            if !want.isEmpty { named += 1 }
            if want.contains(where: \.strong) { strong += 1 }
            if want.contains(where: \.atStart) { atStart += 1 }
        }
        XCTAssertGreaterThan(named, 1000, "the generator names provinces")
        XCTAssertGreaterThan(strong, 300)
        XCTAssertGreaterThan(atStart, 5)
    }

    func testGazetteerHitsMatchTheReference() {
        var hits = 0
        for s in corpus(6000, seed: 4) {
            let want = ProvinceReference.hits(in: s)
            XCTAssertEqual(describe(Gazetteer.hits(in: s)), describe(want), s)
            XCTAssertEqual(describe(Gazetteer.hits(in: ProvinceScan.Stripped(s))), describe(want), s)
            if !want.isEmpty { hits += 1 }
        }
        XCTAssertGreaterThan(hits, 500, "the generator names districts after their unit word")
    }

    /// The comparisons are sensitive: each check of the reference switched off in turn makes some
    /// generated text come out differently from the new code.
    func testComparisonsNoticeABrokenRule() {
        let texts = corpus(6000, seed: 3)
        for broken: ProvinceReference.Broken in [.districtWords, .strongWords, .functionWords, .cityOnly, .overlaps, .upperLine] {
            let differs = texts.contains { describe(ProvinceReference.mentions(in: $0, broken: broken)) != describe(ProvinceExtractor.mentions(in: $0)) }
            XCTAssertTrue(differs, "mentions with \(broken) switched off")
        }
        XCTAssertTrue(texts.contains { describe(ProvinceReference.hits(in: $0, ignoreCityOnly: true)) != describe(Gazetteer.hits(in: $0)) },
                      "gazetteer with city-only names allowed after any unit")
        // And a scanner that reads only ASCII spaces would be caught by the regex comparison.
        let asciiOnly: (String) -> Bool = { s in
            let b = Array(s.utf8)
            return b.indices.contains { i in
                guard b[i] >= 48 && b[i] <= 57 else { return false }
                var j = i + 1
                while j < b.count && b[j] == 32 { j += 1 }
                guard j < b.count, b[j] == 0x2F || b[j] == 0x2E || b[j] == 0x2D else { return false }
                j += 1
                while j < b.count && b[j] == 32 { j += 1 }
                return j < b.count && b[j] >= 48 && b[j] <= 57
            }
        }
        XCTAssertTrue(texts.contains { asciiOnly($0) != ProvinceReference.regexMatches(Organiser.dayMonthAnywhere, $0) },
                      "the regex comparison sees NBSP and other spaces and digits")
    }

    func testGazetteerKeysCompareAsBytes() {
        // String keys compare by canonical equivalence: bytes agree with that for lower-case ASCII keys
        // without K, ; or ` (the only ASCII characters another character decomposes to).
        for key in Gazetteer.byFoldedName.keys {
            XCTAssertTrue(key.utf8.allSatisfy { $0 < 0x80 && !($0 >= 65 && $0 <= 90) && $0 != 0x3B && $0 != 0x60 }, key)
            XCTAssertEqual(Array(key.utf8).withUnsafeBufferPointer { Gazetteer.byFoldedBytes[$0]?.name }, Gazetteer.byFoldedName[key]?.name)
        }
        XCTAssertNil(Array("chau thanh".utf8).withUnsafeBufferPointer { Gazetteer.byFoldedBytes[$0]?.name })
    }

    // MARK: The organiser's regular expressions

    /// Each scanner, where it answers, answers as ICU does; `ProvinceScan.matches` always does.
    func checkScanner(_ name: String, _ pattern: NSRegularExpression, _ scan: (UnsafeBufferPointer<UInt8>) -> Bool?, on texts: [String],
                      file: StaticString = #filePath, line: UInt = #line) {
        var yes = 0, no = 0
        for s in texts {
            let want = ProvinceReference.regexMatches(pattern, s)
            var copy = s
            if let got = copy.withUTF8({ scan($0) }) { XCTAssertEqual(got, want, "\(name): \(s)", file: file, line: line) }
            XCTAssertEqual(ProvinceScan.matches(s, pattern, scan), want, "\(name): \(s)", file: file, line: line)
            if want { yes += 1 } else { no += 1 }
        }
        XCTAssertGreaterThan(yes, 20, "\(name): texts that match", file: file, line: line)
        XCTAssertGreaterThan(no, 20, "\(name): texts that do not", file: file, line: line)
    }

    func scannerTexts(seed: UInt64) -> [String] {
        let raw = corpus(4000, seed: seed, parts: 1...6)
        return raw + raw.map { VietFold.foldedString($0) }
    }

    func testDayMonthScanner() {
        var r = ProvinceRandom(seed: 51)
        var extra: [String] = []
        for _ in 0..<2000 {
            var s = ""
            for _ in 0..<(1 + r.next() % 5) {
                s += ProvinceText.pick(ProvinceText.digits + ["1", "2", "x", "a"], &r)
                s += ProvinceText.pick(ProvinceText.spaces + ["", "", ""], &r)
                s += ProvinceText.pick(ProvinceText.punctuation + ["", "/", ".", "-"], &r)
                s += ProvinceText.pick(ProvinceText.spaces + ["", "", ""], &r)
            }
            extra.append(s)
        }
        checkScanner("dayMonthAnywhere", Organiser.dayMonthAnywhere, Organiser.scanDayMonth, on: scannerTexts(seed: 5) + extra)
    }

    func testSiteCodeScanner() {
        var r = ProvinceRandom(seed: 61)
        var extra: [String] = []
        for _ in 0..<3000 {
            var s = r.next() % 3 == 0 ? "(" : ""
            let n = Int(r.next() % 13)
            for _ in 0..<n { s += ProvinceText.pick(["a", "b", "z", "q", "0", "9", "&", ".", "Q", "é"], &r) }
            s += ProvinceText.pick([")", "", "", ""], &r)
            s += ProvinceText.pick(ProvinceText.spaces + ["", ""], &r)
            s += ProvinceText.pick(["-", "–", "—", " ", "x", ""], &r)
            s += ProvinceText.pick(["", " tin", "- "], &r)
            extra.append(s)
        }
        checkScanner("siteCodeOpening", Organiser.siteCodeOpening, Organiser.scanSiteCodeOpening, on: scannerTexts(seed: 6) + extra)
    }

    func testManyProvincesScanners() {
        var r = ProvinceRandom(seed: 71)
        var extra: [String] = []
        for _ in 0..<3000 {
            var s = ProvinceText.pick(["", "x", "1", "é", "\u{301}", " "], &r)
            s += ProvinceText.pick(["cho", "voi", "cua", "tai", "gom", "cac", "63", "163", "x63", "chon"], &r)
            s += ProvinceText.pick(ProvinceText.spaces + ["", "  "], &r)
            s += ProvinceText.pick(["35", "3", "63", "7", "4٣", "3١", "cac", "60", "1"], &r)
            s += ProvinceText.pick(ProvinceText.spaces + ["", "  "], &r)
            s += ProvinceText.pick(["tinh", "diem cau", "tinh,", "tinh, thanh", "tinh,thanh pho", "tinh ,thanh", "diem", "x"], &r)
            s += ProvinceText.pick(["", " thanh", " pho", "\u{A0}thanh"], &r)
            extra.append(s)
        }
        let texts = scannerTexts(seed: 7) + extra
        checkScanner("manyProvinces", Organiser.manyProvinces, Organiser.scanManyProvinces, on: texts)
        checkScanner("provincesAndCities", Organiser.provincesAndCities, Organiser.scanProvincesAndCities, on: texts)
    }

    func testWordBoundaryScanners() {
        var r = ProvinceRandom(seed: 81)
        var extra: [String] = []
        let names = Provinces.all.map { VietFold.foldedString($0.name) } + ["tinh ta"]
        for _ in 0..<3000 {
            var s = ProvinceText.pick(["", "x", "_", "1", "é", "\u{301}", "\u{200E}", " ", "(", "đ"], &r)
            s += ProvinceText.pick(names, &r)
            s += ProvinceText.pick(["", "x", "_", "1", "é", "\u{301}", "\u{20D0}", "\u{AD}", " ", ")", ".", "ta"], &r)
            extra.append(s)
        }
        let texts = scannerTexts(seed: 8) + extra
        checkScanner("provinceNamesPattern", Organiser.provinceNamesPattern, Organiser.namesProvinceScan, on: texts)
        checkScanner("tinhTa", Organiser.tinhTa, Organiser.tinhTaWords.anyBetweenBoundaries, on: texts)
    }

    // MARK: The organiser's string tools

    func testNeedlesLiteralsAndPrefixesMatchTheStringCalls() {
        let marks = Organiser.centralMarks
        let needles = ProvinceScan.Needles(marks)
        let literals = ["chu tri cua ", "doan", " do ", "tinh ta", "toan quoc", " va ", ", ", " cung voi "]
        let prefixes = Organiser.Prefixes(Organiser.personStarts)
        for s in corpus(3000, seed: 9).flatMap({ [$0, VietFold.foldedString($0), " " + VietFold.foldedString($0)] }) {
            XCTAssertEqual(needles.containsAny(s), marks.contains { s.fastContains($0) }, s)
            var copy = s
            let bits = copy.withUTF8 { needles.found(in: $0) }
            for (k, m) in marks.prefix(64).enumerated() { XCTAssertEqual(bits & (1 << UInt64(k)) != 0, s.fastContains(m), "\(m) in \(s)") }
            for l in literals {
                let lit = ProvinceScan.Literal(l, pivot: l.first { $0 != " " }!)
                XCTAssertEqual(lit.firstOffset(in: s), s.fastFind(l), "\(l) in \(s)")
                let back = s.fastRange(of: l, backwards: true).map { s.utf8.distance(from: s.startIndex, to: $0.lowerBound) }
                XCTAssertEqual(lit.lastOffset(in: s), back, "\(l) back in \(s)")
            }
            XCTAssertEqual(prefixes.anyStarts(s), Organiser.personStarts.contains { s.hasPrefix($0) }, s)
            XCTAssertEqual(Organiser.clauseOpenings.anyStarts(s), Organiser.clauseOpenings.strings.contains { s.hasPrefix($0) }, s)
            let sub = s.dropFirst(2)
            XCTAssertEqual(Organiser.organHeadsSpaced.anyStarts(sub), Organiser.organHeads.contains { sub.hasPrefix($0 + " ") }, s)
            XCTAssertEqual(Organiser.hasFewerCharacters(s, than: 16), s.count < 16, s)
            XCTAssertEqual(Organiser.prefixCharacters(s, 40), s.prefixCharacters(40), s)
            XCTAssertEqual(Organiser.droppingCentralCommitteeRank(s), s.replacingOccurrences(of: "uy vien trung uong dang", with: ""), s)
            XCTAssertEqual(Organiser.leadingComponents(of: s, separatedBy: ". ", limit: 2), Array(s.fastComponents(separatedBy: ". ").prefix(2)), s)
            XCTAssertEqual(Organiser.mayHoldDaySeparator(s), ProvinceReference.mayHoldDaySeparator(s), s)
        }
        // Prefixes the String decides: a combining mark after the prefix joins its last character.
        XCTAssertFalse(Organiser.Prefixes(["tai "]).anyStarts("tai \u{20D0}x"))
        XCTAssertTrue(Organiser.Prefixes(["tai "]).anyStarts("tai x"))
    }

    func testVerbSearchMatchesSpaceLedNeedles() {
        for s in corpus(3000, seed: 10).flatMap({ [VietFold.foldedString($0), " " + VietFold.foldedString($0) + " to chuc to chuc "] }) {
            XCTAssertEqual(Organiser.verbOffset(in: s), ProvinceReference.verbOffset(in: s), s)
        }
        // A refused " to chuc " is not looked for again inside itself.
        XCTAssertEqual(Organiser.verbOffset(in: "cac to chuc to chuc hoi nghi"), ProvinceReference.verbOffset(in: "cac to chuc to chuc hoi nghi"))
    }

    // MARK: The organiser and the decision

    func testOrganiserMatchesTheReference() {
        var found = 0
        for s in corpus(4000, seed: 11, parts: 4...30) {
            let want = ProvinceReference.find(lead: s)
            XCTAssertEqual(describe(Organiser.find(lead: s)), describe(want), s)
            XCTAssertEqual(describe(Organiser.find(lead: s, folded: VietFold.fold(s))), describe(want), s)
            if want != nil { found += 1 }
        }
        XCTAssertGreaterThan(found, 400, "the generator names organisers")
    }

    /// Articles put together from generated sentences, through the real layout and date passes.
    func testDecisionMatchesTheReference() {
        var r = ProvinceRandom(seed: 12)
        var central = 0, named = 0
        for k in 0..<700 {
            let title = ProvinceText.sentence(&r, parts: 2...9)
            let body = (0..<(1 + Int(r.next() % 6))).map { _ in ProvinceText.sentence(&r, parts: 6...30) + "." }
            var lines = [title, ""]
            if k % 5 == 0 { lines = ["Trang chủ / Tin tức", "", title, "", "12:30, 05/06/2023", ""] }
            lines += body.flatMap { [$0, ""] }
            let text = lines.joined(separator: "\n")
            let layout = ArticleLayout.parse(text)
            let dated = DateExtractor.extract(layout: layout, text: text).eventText
            let events: [String?] = [dated, nil, layout.lead, layout.title, layout.paragraphs.last?.text, ProvinceText.sentence(&r)]
            for e in events {
                let want = ProvinceReference.decide(layout: layout, eventText: e)
                XCTAssertEqual(describe(ProvinceExtractor.decide(layout: layout, eventText: e)), describe(want), text)
                if want.province == Provinces.central { central += 1 } else if want.province != nil { named += 1 }
            }
        }
        XCTAssertGreaterThan(central, 50)
        XCTAssertGreaterThan(named, 1000)
    }
}
