import Foundation

/// Who organised the event, from the lead's first sentences: "Bộ Ngoại giao tổ
/// chức …", "… do Ban Tuyên giáo Trung ương chủ trì", "Ban Chỉ đạo … phối hợp
/// với … tổ chức". A national event run by a central body is filed under
/// "Trung ương" even when held in a province or reported from one bridge point
/// of an online conference; a provincial body's event stays with its province.
enum Organiser {
    enum Level: Equatable { case central, provincial }

    struct Finding { var level: Level; var phrase: String }

    static let verbs = ["phoi hop to chuc", "dong to chuc", "to chuc", "dong chu tri", "chu tri", "phat dong", "khai mac", "trien khai"]

    /// Words that make a body central: the ministries, the Party's central
    /// organs, national associations, central media and academies.
    static let centralMarks = [
        "trung uong", " tw", "t.u", "t.w", "bo ngoai giao", "bo thong tin", "bo tt&tt", "bo tt-tt", "bo quoc phong",
        "bo cong an", "bo van hoa", "bo vh", "bo giao duc", "bo noi vu", "bo tai chinh", "bo ke hoach", "bo cong thuong",
        "bo tu phap", "bo lao dong", "bo y te", "bo tai nguyen", "bo nong nghiep", "bo xay dung", "bo giao thong",
        "bo khoa hoc", "bo chinh tri", "ban bi thu", "chinh phu", "quoc hoi", "thu tuong", "chu tich nuoc",
        "lien hiep cac to chuc huu nghi viet nam", "hoi nha bao viet nam", "hoc vien", "vien han lam", "dai truyen hinh viet nam",
        "thong tan xa", "dai tieng noi viet nam", "uy ban nha nuoc", "uy ban bien gioi quoc gia", "bo tu lenh", "cuc ",
        "vu thong tin", "tap chi", "bao nhan dan", "bao the gioi", "toan quoc", "bo, nganh", "cac bo", "dai su", "tong lanh su",
        "hoi huu nghi viet nam -", "hoi huu nghi viet -",
    ]
    /// Words that make a body provincial.
    static let provincialMarks = [
        "tinh", "thanh uy", "thanh pho", "tp.", "tp ", "so ", "ubnd", "hdnd", "huyen", "quan ", "thi xa", "dia phuong",
        "bo chi huy", "ban chi huy", "bien phong tinh", "dang bo",
    ]

    static func find(texts: [String]) -> Finding? {
        var seen = Set<String>()
        for t in texts where seen.insert(t).inserted {
            if let f = find(lead: t) { return f }
        }
        return nil
    }

    /// The first " verb " that is a verb: "các tổ chức" (organisations) is not "tổ chức" (organise).
    static func verbOffset(in s: String) -> Int? {
        var best: Int?
        for v in verbs {
            var from = s.startIndex
            while let r = s.range(of: " " + v + " ", range: from..<s.endIndex) {
                let before = s[..<r.lowerBound]
                if !(before.hasSuffix(" cac") || before.hasSuffix(" nhung") || before.hasSuffix(" lien hiep cac")) {
                    let off = s.utf8.distance(from: s.startIndex, to: r.lowerBound)
                    if best == nil || off < best! { best = off }
                    break
                }
                from = r.upperBound
            }
        }
        return best
    }

    static func find(lead: String) -> Finding? {
        let f = VietFold.foldedString(String(lead.prefix(500)))
        let sentences = f.components(separatedBy: ". ").prefix(2)
        for s in sentences {
            // "Đến dự có …", "Tham dự …": guests, not organisers.
            if ["den du", "toi du", "tham du", "du hoi", "phat bieu", "tai hoi", "tai buoi"].contains(where: { s.hasPrefix($0) }) { continue }
            guard let verbAt = verbOffset(in: s) else { continue }
            let before = String(decoding: Array(s.utf8)[..<verbAt], as: UTF8.self)
            var phrase: String
            if let doAt = before.range(of: " do ", options: .backwards) {
                phrase = String(before[doAt.upperBound...])
            } else {
                // Drop the date and the venue clauses: "ngày 19-3, tại Hà Nội, …".
                let parts = before.components(separatedBy: ", ").filter { p in
                    let t = p.trimmingCharacters(in: .whitespaces)
                    return !(t.hasPrefix("ngay ") || t.hasPrefix("sang ") || t.hasPrefix("chieu ") || t.hasPrefix("toi ") ||
                             t.hasPrefix("tai ") || t.hasPrefix("trong ") || t.hasPrefix("tu ngay") || t.hasPrefix("hom ") ||
                             t.hasPrefix("vao ") || t.range(of: #"^\(?[a-z0-9&.]{2,10}\)?\s*[-–]"#, options: .regularExpression) != nil && t.count < 16)
                }
                phrase = parts.joined(separator: ", ")
            }
            let allOrganisers = phrase
            // The first of several organisers leads: "Bộ Ngoại giao phối hợp với tỉnh X …".
            for sep in [" phoi hop voi ", " cung voi ", " va ", ", "] {
                if let r = phrase.range(of: sep) { phrase = String(phrase[..<r.lowerBound]) }
            }
            phrase = " " + phrase.trimmingCharacters(in: .whitespaces) + " "
            guard phrase.count > 4 else { continue }
            // A person chairing ("đồng chí …, Ủy viên Trung ương Đảng") says nothing of the organiser's level.
            if [" dong chi ", " ong ", " ba ", " d/c ", " ngai "].contains(where: { phrase.hasPrefix($0) }) { continue }
            // The steering committee without a locality is the national one when the meeting is in Hà Nội
            // or no province is named around it.
            if phrase.fastContains("ban chi dao cong tac thong tin doi ngoai") && !phrase.fastContains("trung uong") {
                let local = allOrganisers.fastContains("tinh") || allOrganisers.fastContains("thanh pho")
                    || ProvinceExtractor.mentions(in: lead).contains { $0.province != "Hà Nội" }
                if !local && s.fastContains("tai ha noi") { return Finding(level: .central, phrase: phrase.trimmingCharacters(in: .whitespaces)) }
                continue
            }
            let central = centralMarks.contains { phrase.fastContains($0) }
            let provincial = provincialMarks.contains { phrase.fastContains($0) } && !phrase.fastContains("trung uong")
            if central && !provincial { return Finding(level: .central, phrase: phrase.trimmingCharacters(in: .whitespaces)) }
            if provincial { return Finding(level: .provincial, phrase: phrase.trimmingCharacters(in: .whitespaces)) }
        }
        // An online conference nationwide, or one for many provinces at once.
        if let s = sentences.first, s.fastContains("toan quoc") || s.fastContains("63 tinh") || s.fastContains("63 diem cau")
            || s.range(of: #"(?:cho|voi)\s+(?:\d{2}|cac)\s+tinh,\s*thanh(?:\s+pho)?"#, options: .regularExpression) != nil {
            return Finding(level: .central, phrase: "a national event")
        }
        return nil
    }
}
