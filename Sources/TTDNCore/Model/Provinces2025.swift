import Foundation

/// The provincial map after Resolution 202/2025/QH15 (in force 1 July 2025): 63
/// provinces and centrally run cities became 34. Each new unit kept the name of
/// one of the old ones, so the map is old name → new name. Eleven units did not
/// change (Hà Nội, Huế, Lai Châu, Điện Biên, Sơn La, Lạng Sơn, Quảng Ninh,
/// Thanh Hóa, Nghệ An, Hà Tĩnh, Cao Bằng). Huế has been a centrally run city
/// since 1 January 2025 (Resolution 175/2024/QH15), taking over Thừa Thiên Huế.
/// scripts/verify_merger_map.py checks the table against the GSO lists of wards
/// before and after the reform (63 of 63 provinces agree).
public extension Provinces {
    static let mergeDate = MeetingDate(year: 2025, month: 7, day: 1)
    static let hueCityDate = MeetingDate(year: 2025, month: 1, day: 1)
    static let hueCity = "Huế"

    /// Old (63) name → the unit that absorbed it on 1 July 2025.
    static let mergedInto2025: [String: String] = [
        "Hà Giang": "Tuyên Quang", "Tuyên Quang": "Tuyên Quang",
        "Yên Bái": "Lào Cai", "Lào Cai": "Lào Cai",
        "Bắc Kạn": "Thái Nguyên", "Thái Nguyên": "Thái Nguyên",
        "Vĩnh Phúc": "Phú Thọ", "Hòa Bình": "Phú Thọ", "Phú Thọ": "Phú Thọ",
        "Bắc Giang": "Bắc Ninh", "Bắc Ninh": "Bắc Ninh",
        "Thái Bình": "Hưng Yên", "Hưng Yên": "Hưng Yên",
        "Hải Dương": "Hải Phòng", "Hải Phòng": "Hải Phòng",
        "Hà Nam": "Ninh Bình", "Nam Định": "Ninh Bình", "Ninh Bình": "Ninh Bình",
        "Quảng Bình": "Quảng Trị", "Quảng Trị": "Quảng Trị",
        "Quảng Nam": "Đà Nẵng", "Đà Nẵng": "Đà Nẵng",
        "Kon Tum": "Quảng Ngãi", "Quảng Ngãi": "Quảng Ngãi",
        "Bình Định": "Gia Lai", "Gia Lai": "Gia Lai",
        "Ninh Thuận": "Khánh Hòa", "Khánh Hòa": "Khánh Hòa",
        "Đắk Nông": "Lâm Đồng", "Bình Thuận": "Lâm Đồng", "Lâm Đồng": "Lâm Đồng",
        "Phú Yên": "Đắk Lắk", "Đắk Lắk": "Đắk Lắk",
        "Bình Dương": "Thành phố Hồ Chí Minh", "Bà Rịa - Vũng Tàu": "Thành phố Hồ Chí Minh",
        "Thành phố Hồ Chí Minh": "Thành phố Hồ Chí Minh",
        "Bình Phước": "Đồng Nai", "Đồng Nai": "Đồng Nai",
        "Long An": "Tây Ninh", "Tây Ninh": "Tây Ninh",
        "Sóc Trăng": "Cần Thơ", "Hậu Giang": "Cần Thơ", "Cần Thơ": "Cần Thơ",
        "Bến Tre": "Vĩnh Long", "Trà Vinh": "Vĩnh Long", "Vĩnh Long": "Vĩnh Long",
        "Tiền Giang": "Đồng Tháp", "Đồng Tháp": "Đồng Tháp",
        "Bạc Liêu": "Cà Mau", "Cà Mau": "Cà Mau",
        "Kiên Giang": "An Giang", "An Giang": "An Giang",
        "Thừa Thiên Huế": hueCity, hueCity: hueCity,
        "Hà Nội": "Hà Nội", "Lai Châu": "Lai Châu", "Điện Biên": "Điện Biên", "Sơn La": "Sơn La",
        "Lạng Sơn": "Lạng Sơn", "Quảng Ninh": "Quảng Ninh", "Thanh Hóa": "Thanh Hóa",
        "Nghệ An": "Nghệ An", "Hà Tĩnh": "Hà Tĩnh", "Cao Bằng": "Cao Bằng",
    ]

    /// The 34 units in force since 1 July 2025, in Vietnamese order.
    static let names2025: [String] = VietCollation.sorted(Set(mergedInto2025.values))

    /// The post-merger unit for a province as named at any date; "Trung ương" stays.
    static func province2025(of name: String?) -> String? {
        guard let name else { return nil }
        if name == central { return central }
        return mergedInto2025[name]
    }

    /// The name a province had on `date`: Thừa Thiên Huế is "Huế" from 2025 on.
    static func nameAt(_ name: String, date: MeetingDate?) -> String {
        if name == "Thừa Thiên Huế", let d = date, !(d < hueCityDate) { return hueCity }
        return name
    }
}
