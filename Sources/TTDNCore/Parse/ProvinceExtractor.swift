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

    static func buildIndex(upper: Bool) -> [UInt16: [(Pattern, [UInt8])]] {
        var idx: [UInt16: [(Pattern, [UInt8])]] = [:]
        for p in patterns {
            let needle = upper ? p.bytes.map { $0 >= 97 && $0 <= 122 ? $0 - 32 : $0 } : p.bytes
            guard needle.count >= 2 else { continue }
            idx[UInt16(needle[0]) << 8 | UInt16(needle[1]), default: []].append((p, needle))
        }
        return idx
    }
    nonisolated(unsafe) static let caseIndex = buildIndex(upper: false)
    nonisolated(unsafe) static let upperIndex = buildIndex(upper: true)

    public static func mentions(in line: String) -> [Mention] {
        let b = VietFold.stripMarks(line)
        guard !b.isEmpty else { return [] }
        var letters = 0, uppers = 0
        for c in b where isAlpha(c) { letters += 1; if c >= 65 && c <= 90 { uppers += 1 } }
        let upperLine = letters >= 10 && uppers * 10 >= letters * 8
        let hay = upperLine ? b.map { $0 >= 97 && $0 <= 122 ? $0 - 32 : $0 } : b
        var found: [(Int, Mention)] = []
        let index = upperLine ? upperIndex : caseIndex
        // One pass over word starts; candidate patterns come from the first two bytes.
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
                if districtWords.contains(w1) || (w2 == "thi" && (w1 == "tran" || w1 == "xa")) { continue }
                let strong = strongWords.contains(w1) || (w2 == "thanh" && w1 == "pho") || (w1 == "tp" || w1.hasPrefix("tp."))
                if p.cityOnly && !(w1 == "tp" || w1.hasPrefix("tp") || (w2 == "thanh" && w1 == "pho") || w1 == "uy") { continue }
                if upperLine {
                    // "DIỄN BIẾN HÒA BÌNH" in a capitalised headline is the phrase, not two provinces.
                    if hay.containsBytes(Array("DIEN BIEN HOA BINH".utf8)) && (p.province == "Hòa Bình" || p.province == "Điện Biên") { continue }
                } else if !strong {
                    if let raw = prev.last, isUpperStart(raw), !functionWords.contains(w1), !raw.hasSuffix(",") { continue }
                    if let next = wordAfter(end, in: hay), isUpperStart(next), !functionWords.contains(lower(next)),
                       hay[end] == 32, next.utf8.first != 40 { continue }
                }
                found.append((off, Mention(province: p.province, strong: strong, atStart: off == 0 && end < hay.count && hay[end] == 58)))
            }
        }
        // Overlaps ("Thua Thien Hue" and "Hue") count once.
        found.sort { $0.0 < $1.0 }
        var out: [Mention] = []
        var lastEnd = -1
        var lastProvince = ""
        for (off, m) in found {
            if off < lastEnd && m.province == lastProvince { continue }
            out.append(m)
            lastEnd = off + 8
            lastProvince = m.province
        }
        return out
    }

    static let foldedNames: [(String, String)] = Provinces.all.map { ($0.name, VietFold.foldedString($0.name)) }
    static let hanoiOrgans = ["thanh uy ha noi", "ubnd thanh pho ha noi", "ubnd tp ha noi", "ubnd tp. ha noi", "so ngoai vu ha noi",
                              "thanh pho ha noi to chuc", "hdnd thanh pho ha noi", "uy ban nhan dan thanh pho ha noi"]
    static let hostCues = ["lam viec tai ", "lam viec tai tinh ", "lam viec voi tinh ", "lam viec voi ", "tham tinh ", "den tham ",
                           "tham va lam viec tai ", "tham va lam viec tai tinh ", "tai tinh ", "tai thanh pho "]

    public struct Decision: Sendable { public var province: String?; public var basis: ProvinceBasis?; public var note: String?; public var evidence: String? = nil }

    /// Scores mentions: the headline weighs most, then the lead, then the body.
    public static func decide(layout: ArticleLayout, eventText: String? = nil) -> Decision {
        if let o = Organiser.find(texts: [eventText, layout.lead].compactMap { $0 }), o.level == .central {
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
            // "… tại thành phố Quy Nhơn": a district or city names its province too.
            for hit in Gazetteer.hits(in: text) { credit(hit.province, district, title: title, "\(hit.name) in \(zone)") }
        }
        add(layout.title, title: true, weightStrong: 8, weightWeak: 6, district: 6, zone: "the title")
        if let e = eventText, e != layout.title, e != layout.lead { add(e, title: false, weightStrong: 5, weightWeak: 3, district: 5, zone: "the event's sentence") }
        add(layout.lead, title: false, weightStrong: 4, weightWeak: 2, district: 3, zone: "the lead")
        for p in layout.paragraphs where p.text != layout.lead && p.text != eventText {
            add(p.text, title: false, weightStrong: 2, weightWeak: 1, district: 1, zone: "the text")
        }
        // The host of a visit: "Sở Ngoại vụ tỉnh A thăm và làm việc tại B" is B's event.
        for text in [layout.title, eventText ?? layout.lead] {
            let f = VietFold.foldedString(text)
            for (province, name) in foldedNames where score[province] != nil {
                if hostCues.contains(where: { f.fastContains($0 + name) }) { score[province, default: 0] += 8; why[province] = "host of the visit" }
            }
        }
        if let best = score.max(by: { ($0.value, -(firstSeen[$0.key] ?? 0)) < ($1.value, -(firstSeen[$1.key] ?? 0)) }) {
            // Held in the capital with no organ of Hà Nội itself: the organiser named further down decides.
            if best.key == "Hà Nội", !hanoiOrgans.contains(where: { VietFold.foldedString(layout.title + " " + layout.lead + " " + (eventText ?? "")).fastContains($0) }),
               let o = Organiser.find(texts: layout.paragraphs.filter { $0.role == .body }.prefix(4).map(\.text)), o.level == .central {
                return Decision(province: Provinces.central, basis: .text, note: nil, evidence: "province: Trung ương — held in Hà Nội, organised by “\(o.phrase)”")
            }
            return Decision(province: best.key, basis: inTitle.contains(best.key) ? .headline : .text, note: nil,
                            evidence: "province: \(best.key) — \(why[best.key] ?? "named in the text") (score \(best.value))")
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

    // MARK: - Byte helpers

    @inline(__always) static func isAlpha(_ c: UInt8) -> Bool { (c >= 65 && c <= 90) || (c >= 97 && c <= 122) }
    @inline(__always) static func isAlnum(_ c: UInt8) -> Bool { isAlpha(c) || (c >= 48 && c <= 57) || c >= 0x80 }
    static func isUpperStart(_ w: String) -> Bool { guard let f = w.utf8.first else { return false }; return f >= 65 && f <= 90 }
    /// Lower case, trimmed of `,;:()“”"`.
    static func lower(_ w: String) -> String {
        w.fastLowercased().trimmingScalars { Scalars.isWordPunctuation($0) && $0 != "." }
    }

    /// Up to `count` words before `off`, nearest last; stops at punctuation other than "." in "TP.".
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
}
