import Foundation

/// The 63 provinces and centrally-run cities (2019 administrative map) by
/// canonical name, with the spellings sites actually use. Matching happens on
/// mark-stripped, case-kept text, so old and new tone placement ("Hoà"/"Hòa")
/// and NFD/NFC need no variants of their own.
public enum Provinces {
    public static let central = "Trung ương"

    public struct Entry: Sendable {
        public let name: String
        public let isCity: Bool
        /// Spellings (mark-stripped) that name the province on their own.
        public let patterns: [String]
        /// Spellings that name it only after "thành phố"/"TP" (so that
        /// "Hồ Chí Minh" the person is not the city).
        public let cityOnlyPatterns: [String]
    }

    public static let all: [Entry] = {
        let cities: [(String, [String], [String])] = [
            ("Hà Nội", ["Ha Noi"], []),
            ("Thành phố Hồ Chí Minh", ["TP.HCM", "TP. HCM", "TP HCM", "TPHCM", "Tp.HCM", "Tp. HCM", "TP.Ho Chi Minh", "TP. Ho Chi Minh", "Tp. Ho Chi Minh", "TP Ho Chi Minh", "Sai Gon"], ["Ho Chi Minh"]),
            ("Hải Phòng", ["Hai Phong"], []),
            ("Đà Nẵng", ["Da Nang"], []),
            ("Cần Thơ", ["Can Tho"], []),
        ]
        let provinces: [(String, [String])] = [
            ("An Giang", ["An Giang"]),
            ("Bà Rịa - Vũng Tàu", ["Ba Ria - Vung Tau", "Ba Ria-Vung Tau", "Ba Ria – Vung Tau", "Ba Ria–Vung Tau", "Ba Ria — Vung Tau", "Ba Ria Vung Tau", "BR-VT", "BR - VT"]),
            ("Bắc Giang", ["Bac Giang"]), ("Bắc Kạn", ["Bac Kan", "Bac Can"]), ("Bạc Liêu", ["Bac Lieu"]),
            ("Bắc Ninh", ["Bac Ninh"]), ("Bến Tre", ["Ben Tre"]), ("Bình Định", ["Binh Dinh"]),
            ("Bình Dương", ["Binh Duong"]), ("Bình Phước", ["Binh Phuoc"]), ("Bình Thuận", ["Binh Thuan"]),
            ("Cà Mau", ["Ca Mau"]), ("Cao Bằng", ["Cao Bang"]),
            ("Đắk Lắk", ["Dak Lak", "Dac Lac", "Dak Lac", "Daklak", "DakLak"]),
            ("Đắk Nông", ["Dak Nong", "Dac Nong", "Daknong"]), ("Điện Biên", ["Dien Bien"]),
            ("Đồng Nai", ["Dong Nai"]), ("Đồng Tháp", ["Dong Thap"]), ("Gia Lai", ["Gia Lai"]),
            ("Hà Giang", ["Ha Giang"]), ("Hà Nam", ["Ha Nam"]), ("Hà Tĩnh", ["Ha Tinh"]),
            ("Hải Dương", ["Hai Duong"]), ("Hậu Giang", ["Hau Giang"]), ("Hòa Bình", ["Hoa Binh"]),
            ("Hưng Yên", ["Hung Yen"]), ("Khánh Hòa", ["Khanh Hoa"]), ("Kiên Giang", ["Kien Giang"]),
            ("Kon Tum", ["Kon Tum", "Kontum"]), ("Lai Châu", ["Lai Chau"]), ("Lâm Đồng", ["Lam Dong"]),
            ("Lạng Sơn", ["Lang Son"]), ("Lào Cai", ["Lao Cai"]), ("Long An", ["Long An"]),
            ("Nam Định", ["Nam Dinh"]), ("Nghệ An", ["Nghe An"]), ("Ninh Bình", ["Ninh Binh"]),
            ("Ninh Thuận", ["Ninh Thuan"]), ("Phú Thọ", ["Phu Tho"]), ("Phú Yên", ["Phu Yen"]),
            ("Quảng Bình", ["Quang Binh"]), ("Quảng Nam", ["Quang Nam"]), ("Quảng Ngãi", ["Quang Ngai"]),
            ("Quảng Ninh", ["Quang Ninh"]), ("Quảng Trị", ["Quang Tri"]), ("Sóc Trăng", ["Soc Trang"]),
            ("Sơn La", ["Son La"]), ("Tây Ninh", ["Tay Ninh"]), ("Thái Bình", ["Thai Binh"]),
            ("Thái Nguyên", ["Thai Nguyen"]), ("Thanh Hóa", ["Thanh Hoa"]),
            ("Thừa Thiên Huế", ["Thua Thien Hue", "Thua Thien - Hue", "Thua Thien-Hue", "Thua Thien – Hue", "TT-Hue", "TT - Hue", "Hue"]),
            ("Tiền Giang", ["Tien Giang"]), ("Trà Vinh", ["Tra Vinh"]), ("Tuyên Quang", ["Tuyen Quang"]),
            ("Vĩnh Long", ["Vinh Long"]), ("Vĩnh Phúc", ["Vinh Phuc"]), ("Yên Bái", ["Yen Bai"]),
        ]
        return cities.map { Entry(name: $0.0, isCity: true, patterns: $0.1, cityOnlyPatterns: $0.2) }
            + provinces.map { Entry(name: $0.0, isCity: false, patterns: $0.1, cityOnlyPatterns: []) }
    }()

    public static let names: [String] = all.map(\.name)

    /// Resolves user input ("lang son", "Hoà Bình", "tp.hcm", "trung uong") to a canonical name.
    public static func canonical(_ input: String) -> String? {
        let key = VietFold.foldedString(input).trimmingCharacters(in: .whitespaces)
        if key.isEmpty { return nil }
        if key == VietFold.foldedString(central) || key == "tw" { return central }
        for e in all {
            if VietFold.foldedString(e.name) == key { return e.name }
            for p in e.patterns + e.cityOnlyPatterns where VietFold.foldedString(p) == key { return e.name }
        }
        // Unambiguous prefix ("lang" → Lạng Sơn).
        let hits = all.filter { VietFold.foldedString($0.name).hasPrefix(key) }
        return hits.count == 1 ? hits[0].name : nil
    }

    /// Sites' dateline codes that begin a lead ("LSO-Sáng nay …"): code → province.
    /// Only codes of provincial papers whose meaning is unambiguous.
    public static let siteCodes: [String: String] = [
        "LSO": "Lạng Sơn", "BLS": "Lạng Sơn", "BGĐT": "Bắc Giang", "BGDT": "Bắc Giang",
        "QBĐT": "Quảng Bình", "HBĐT": "Hòa Bình", "QNO": "Quảng Nam", "BPO": "Bình Phước",
        "BHG": "Hà Giang", "BYB": "Yên Bái", "ĐBP": "Điện Biên", "NTO": "Ninh Thuận",
        "HNM": "Hà Nội", "ĐNO": "Đà Nẵng", "BTNO": "Tây Ninh", "BDO": "Bình Dương",
        "BRVT": "Bà Rịa - Vũng Tàu", "BVP": "Vĩnh Phúc", "BNO": "Bắc Ninh", "BQN": "Quảng Ninh",
        "CTO": "Cần Thơ", "BKH": "Khánh Hòa", "GLO": "Gia Lai", "BCB": "Cao Bằng", "HYO": "Hưng Yên",
        "BHY": "Hưng Yên", "BTB": "Thái Bình", "BPT": "Phú Thọ", "BĐK": "Đắk Lắk", "BLC": "Lào Cai",
    ]
}
