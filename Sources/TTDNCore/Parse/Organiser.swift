import Foundation

/// Who organised the event, from the lead's first sentences: "Bộ Ngoại giao tổ
/// chức …", "… do Ban Tuyên giáo Trung ương chủ trì", "Ban Chỉ đạo … phối hợp
/// với … tổ chức". A national event run by a central body is filed under
/// "Trung ương" even when held in a province or reported from one bridge point
/// of an online conference; a provincial body's event stays with its province.
enum Organiser {
    enum Level: Equatable { case central, provincial }

    struct Finding { var level: Level; var phrase: String }

    static let verbs = ["phoi hop to chuc", "dong to chuc", "to chuc", "dong chu tri", "chu tri", "phat dong", "khai mac", "trien khai",
                        "tiep doan", "tiep ong", "tiep ba", "tiep xa giao", "tiep va lam viec", "tiep dong chi", "tiep ngai", "lam viec voi"]
    static let centralPersonTitles = ["pho thu tuong", "thu tuong", "bo truong", "thu truong", "chu tich nuoc", "pho chu tich nuoc",
                                      "chu tich quoc hoi", "tong bi thu", "thuong truc ban bi thu"]
    static let organHeads = ["bo", "ban", "so", "ubnd", "hdnd", "hoi", "lien hiep", "tinh", "thanh", "cuc", "vu", "trung tam",
                             "hoc vien", "dai", "bao", "uy ban", "doan", "dong chi", "ong", "ba", "tap chi", "chinh phu", "quoc hoi", "vien", "cac"]
    static let personStarts = [" dong chi ", " ong ", " ba ", " d/c ", " ngai ", " thuong tuong ", " trung tuong ", " thieu tuong ",
                               " dai tuong ", " dai ta ", " thu truong ", " bo truong ", " pho thu tuong ", " thu tuong "]

    /// Words that make a body central: the ministries, the Party's central
    /// organs, national associations, central media and academies.
    static let centralMarks = [
        "trung uong", " tw", "t.u", "t.w", "bo ngoai giao", "bo thong tin", "bo tt&tt", "bo tt-tt", "bo quoc phong",
        "bo cong an", "bo van hoa", "bo vh", "bo giao duc", "bo noi vu", "bo tai chinh", "bo ke hoach", "bo cong thuong",
        "bo tu phap", "bo lao dong", "bo y te", "bo tai nguyen", "bo nong nghiep", "bo xay dung", "bo giao thong",
        "bo khoa hoc", "bo chinh tri", "ban bi thu", "chinh phu", "quoc hoi", "thu tuong", "chu tich nuoc",
        "lien hiep cac to chuc huu nghi viet nam", "hoi nha bao viet nam", "hoc vien", "vien han lam", "dai truyen hinh viet nam",
        "thong tan xa", "dai tieng noi viet nam", "uy ban nha nuoc", "uy ban bien gioi quoc gia", "bo tu lenh",
        "cuc thong tin", "cuc chinh tri", "cuc ngoai vu", "cuc le tan", "cuc bao chi", "cuc lanh su",
        "vu thong tin", "tap chi", "bao nhan dan", "bao the gioi", "toan quoc", "bo, nganh", "cac bo", "dai su", "tong lanh su",
        "hoi huu nghi viet nam -", "hoi huu nghi viet -", "bdbp", "bo doi bien phong", "chinh uy",
    ]
    /// Words that make a body provincial.
    /// Marks are matched as whole words (" tinh " is not "tình hình"; "số" is not a "Sở").
    static let provincialMarks = [
        " tinh ", " tinh,", " tinh.", "thanh uy", "thanh pho", " tp.", " tp ", "ubnd", "hdnd", "huyen", "thi xa",
        "dia phuong", "bo chi huy", "ban chi huy", "bien phong tinh", "dang bo", "so ngoai vu", "so thong tin", "so van hoa",
        "so noi vu", "so tu phap", "so giao duc", "so ke hoach", "so tai chinh", "so cong thuong", "so y te", "so du lich",
    ]

    /// A province's name in a folded phrase ("… làm việc tại quang nam").
    static func namesProvince(_ folded: String) -> Bool {
        ProvinceScan.matches(folded, provinceNamesPattern, namesProvinceScan)
    }
    /// One pattern for all 63 folded names, compiled once.
    nonisolated(unsafe) static let provinceNamesPattern = regex(
        "\\b(?:" + Provinces.all.map { NSRegularExpression.escapedPattern(for: VietFold.foldedString($0.name)) }.joined(separator: "|") + ")\\b", [])

    /// Patterns compiled once (`String.range(of:options: .regularExpression)` compiles on every call).
    nonisolated(unsafe) static let dayMonthAnywhere = regex(#"\d{1,2}\s*[/.\-]\s*\d{1,2}"#, [])
    nonisolated(unsafe) static let siteCodeOpening = regex(#"^\(?[a-z0-9&.]{2,10}\)?\s*[-–]"#, [])
    nonisolated(unsafe) static let tinhTa = regex(#"\btinh ta\b"#, [])
    nonisolated(unsafe) static let manyProvinces = regex(#"(?:\b(?:cho|voi|cua|tai|gom|cac)\s+[3-6]\d|\b63)\s+(?:tinh|diem cau)"#, [])
    nonisolated(unsafe) static let provincesAndCities = regex(#"(?:cho|voi)\s+(?:\d{2}|cac)\s+tinh,\s*thanh(?:\s+pho)?"#, [])

    /// Has `s` a "/", "." or "-" (which `dayMonthAnywhere` needs)?
    static func mayHoldDaySeparator(_ s: String) -> Bool {
        ProvinceScan.anyByte(s) { $0 == 0x2F || $0 == 0x2E || $0 == 0x2D }
    }

    static func find(texts: [String]) -> Finding? {
        find(texts: texts, folded: texts.map { _ in nil })
    }

    /// `find(texts:)` given the texts' folds (`VietFold.fold` of the whole text) where the caller has them.
    static func find(texts: [String], folded: [[UInt8]?]) -> Finding? {
        // Each text once (a handful of texts: compared, not hashed).
        for (k, t) in texts.enumerated() where !texts[..<k].contains(t) {
            if let f = find(lead: t, folded: folded[k]) { return f }
        }
        return nil
    }

    /// The first " verb " that is a verb: "các tổ chức" (organisations) is not "tổ chức" (organise).
    static func verbOffset(in s: String) -> Int? {
        var s = s
        return s.withUTF8 { u in
            let h = UnsafeRawBufferPointer(u)
            return spacedVerbNeedles.earliest(in: h) { at in
                !(hasSuffix(h, at, " cac") || hasSuffix(h, at, " nhung") || hasSuffix(h, at, " lien hiep cac"))
            }
        }
    }

    /// Do the bytes before `end` end with the ASCII `suffix`?
    @inline(__always) static func hasSuffix(_ h: UnsafeRawBufferPointer, _ end: Int, _ suffix: StaticString) -> Bool {
        let n = suffix.utf8CodeUnitCount
        guard end >= n else { return false }
        return memcmp(h.baseAddress! + (end - n), suffix.utf8Start, n) == 0
    }

    static func find(lead: String, folded: [UInt8]? = nil) -> Finding? {
        // A lead of 500 bytes or fewer is its own 500-character prefix.
        let f: String
        if let folded, lead.utf8.count <= 500 {
            f = String(decoding: folded, as: UTF8.self)
        } else {
            f = VietFold.foldedString(prefixCharacters(lead, 500))
        }
        let sentences = leadingComponents(of: f, separatedBy: ". ", limit: 2)
        for s in sentences {
            // "… dưới sự (đồng) chủ trì của Phó Thủ tướng …": the chair's titles say the level.
            if chairedBy.isIn(s),
               let r = [s.fastRange(of: "duoi su chu tri cua "), s.fastRange(of: "duoi su dong chu tri cua ")].compactMap({ $0 }).min(by: { $0.lowerBound < $1.lowerBound }) {
                let who = " " + String(s[r.upperBound...].prefix(260)) + " "
                if centralMarkNeedles.containsAny(who) || spacedPersonTitles.anyStarts(who),
                   !provincialMarkNeedles.containsAny(who) {
                    // A central chair with a provincial co-chair is a working session with the province.
                    return Finding(level: .central, phrase: who.trimmingSpaces())
                }
            }
            // "Đến dự có …", "Tham dự …": guests, not organisers.
            if guestOpenings.anyStarts(s) { continue }
            guard let verbAt = verbOffset(in: s) else { continue }
            let before = String(decoding: s.utf8.prefix(verbAt), as: UTF8.self)
            // A delegation that visits or works with a province ("Đoàn công tác … làm việc với tỉnh X",
            // "… tiếp đoàn") makes a working session of that province, whoever leads it.
            let after = String(decoding: s.utf8.dropFirst(verbAt).prefix(80), as: UTF8.self)
            if workingWithOpenings.anyStarts(after) || (delegation.isIn(before) && after.prefix(24).fastContains("lam viec")) {
                if provincialMarkNeedles.containsAny(after) || namesProvince(after) {
                    return Finding(level: .provincial, phrase: after.trimmingSpaces())
                }
            }
            var phrase: String
            // "… do Bộ X tổ chức" ("by"); "Đỗ" folds to "do" too, so the next word must open an organ.
            if let doAt = byOrgan.lastOffset(in: before),
               case let organ = before[before.utf8.index(before.startIndex, offsetBy: doAt + 4)...], organHeadsSpaced.anyStarts(organ) {
                phrase = String(organ)
            } else {
                // Drop the date and the venue clauses: "ngày 19-3, tại Hà Nội, …".
                // "tại thành phố Tuy Hòa, tỉnh Phú Yên": the address goes on after a comma.
                var inVenue = false
                let parts = before.fastComponents(separatedBy: ", ").filter { p in
                    let t = p.trimmingSpaces()
                    if venueOpening.anyStarts(t) { inVenue = true; return false }
                    if inVenue, venueAddressOpenings.anyStarts(t) { return false }
                    inVenue = false
                    // Dates, venues, framing and adverbial openings are not the subject.
                    return !(clauseOpenings.anyStarts(t) ||
                             // Both patterns need a literal separator: / . - for the date, - or – for the site code.
                             mayHoldDaySeparator(t) && ProvinceScan.matches(t, dayMonthAnywhere, scanDayMonth)
                             || hasFewerCharacters(t, than: 16) && ProvinceScan.matches(t, siteCodeOpening, scanSiteCodeOpening))
                }
                phrase = parts.joined(separator: ", ")
            }
            let allOrganisers = phrase
            // The first of several organisers leads: "Bộ Ngoại giao phối hợp với tỉnh X …".
            for sep in organiserSeparators {
                if let at = sep.firstOffset(in: phrase) { phrase = String(decoding: phrase.utf8.prefix(at), as: UTF8.self) }
            }
            phrase = " " + phrase.trimmingSpaces() + " "
            guard phrase.count > 4 else { continue }
            // "Tại tỉnh ta": the provincial paper's own province hosts it, whoever organised.
            if ourProvince.isIn(s) && ProvinceScan.matches(s, tinhTa, tinhTaWords.anyBetweenBoundaries) { return Finding(level: .provincial, phrase: "tỉnh ta") }
            // A person as the subject: their titles say the level ("Thượng tướng A, Thứ trưởng Bộ Quốc
            // phòng, tiếp đoàn …"); "Ủy viên Trung ương Đảng" alone is a rank, not an organ.
            if personStartPrefixes.anyStarts(phrase) {
                let titles = " " + droppingCentralCommitteeRank(allOrganisers) + " "
                let central = centralMarkNeedles.containsAny(titles)
                let provincial = provincialMarkNeedles.containsAny(titles)
                if central && !provincial { return Finding(level: .central, phrase: allOrganisers.trimmingSpaces()) }
                if provincial { return Finding(level: .provincial, phrase: allOrganisers.trimmingSpaces()) }
                continue
            }
            // The steering committee without a locality is the national one when the meeting is in Hà Nội
            // or no province is named around it.
            if steeringCommittee.isIn(phrase) && !centralLevel.isIn(phrase) {
                let local = allOrganisers.fastContains("tinh") || allOrganisers.fastContains("thanh pho")
                    || ProvinceExtractor.mentions(in: lead).contains { $0.province != "Hà Nội" }
                if !local && s.fastContains("tai ha noi") { return Finding(level: .central, phrase: phrase.trimmingSpaces()) }
                continue
            }
            let central = centralMarkNeedles.containsAny(phrase)
            let provincial = (provincialMarkNeedles.containsAny(phrase) || namesProvince(phrase)) && !centralLevel.isIn(phrase)
            if central && !provincial { return Finding(level: .central, phrase: phrase.trimmingSpaces()) }
            if provincial { return Finding(level: .provincial, phrase: phrase.trimmingSpaces()) }
        }
        // An online conference nationwide, or one for many provinces at once ("cho 32 tỉnh", "63 điểm cầu"; "03 tỉnh" is a
        // meeting of neighbours and "Ban Chỉ đạo 35 tỉnh" a provincial committee's name).
        if let s = sentences.first, nationwide.isIn(s)
            // Both patterns end on a literal "tinh" or "diem cau".
            || (province.isIn(s) || bridgePoints.isIn(s))
                && (ProvinceScan.matches(s, manyProvinces, scanManyProvinces) || ProvinceScan.matches(s, provincesAndCities, scanProvincesAndCities)) {
            return Finding(level: .central, phrase: "a national event")
        }
        return nil
    }
}
