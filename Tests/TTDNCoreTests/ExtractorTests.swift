import XCTest
@testable import TTDNCore

/// Table-driven tests per extractor, with phrases from other provinces and
/// site layouts than the five seeds.
final class DateExtractorTests: XCTestCase {
    struct Case { var lines: [String]; var date: String?; var basis: DateBasis?; var published: String? = nil; var line: UInt = #line }

    func testLeadDates() {
        let title = "Hội nghị công tác thông tin đối ngoại"
        let cases: [Case] = [
            Case(lines: [title, "15/03/2021 10:19", "Sáng 15/3, Ban Chỉ đạo công tác thông tin đối ngoại tỉnh Nghệ An tổ chức hội nghị tổng kết năm 2020."], date: "2021-03-15", basis: .publishLine, published: "2021-03-15T10:19"),
            Case(lines: [title, "Cập nhật: 19-01-2022 | 08:33:02", "Chiều 18-01, tại Hà Tĩnh, Ban Chỉ đạo tổ chức hội nghị giao ban quý IV năm 2021."], date: "2022-01-18", basis: .publishLine, published: "2022-01-19T08:33"),
            Case(lines: [title, "Ngày 8 tháng 7 năm 2019, Ban Chỉ đạo công tác thông tin đối ngoại tỉnh Hà Nam tổ chức hội nghị."], date: "2019-07-08", basis: .stated),
            Case(lines: [title, "Từ ngày 15 đến ngày 17/6/2021, Ban Tuyên giáo Tỉnh ủy Gia Lai tổ chức lớp tập huấn nghiệp vụ thông tin đối ngoại."], date: "2021-06-15", basis: .stated),
            Case(lines: [title, "Đăng ngày 17/06/2020", "Trong 2 ngày (15-16/6), Ban Chỉ đạo công tác thông tin đối ngoại tỉnh Bến Tre tổ chức tập huấn."], date: "2020-06-15", basis: .publishLine, published: "2020-06-17"),
            Case(lines: [title, "Thứ Hai, 08/07/2019 - 14:20", "Sáng thứ Hai (8/7), Ban Chỉ đạo công tác thông tin đối ngoại tỉnh Phú Thọ tổ chức hội nghị sơ kết 6 tháng đầu năm."], date: "2019-07-08", basis: .publishLine),
            Case(lines: [title, "Chiều ngày 08/07/2019, Ban Chỉ đạo tổ chức hội nghị."], date: "2019-07-08", basis: .stated),
            Case(lines: [title, "Ngày 8.7.2019, Ban Chỉ đạo tổ chức hội nghị sơ kết công tác 6 tháng đầu năm."], date: "2019-07-08", basis: .stated),
            Case(lines: [title, "Sáng 8-7-2019, Ban Chỉ đạo tổ chức hội nghị sơ kết công tác 6 tháng đầu năm."], date: "2019-07-08", basis: .stated),
            Case(lines: [title, "Hôm nay (4/7), Ban Chỉ đạo tổ chức hội nghị giao ban 6 tháng đầu năm 2018 với sự tham dự của các thành viên."], date: "2018-07-04", basis: .reportedPeriod),
            Case(lines: [title, "Ngày 14/1, Ban Chỉ đạo công tác thông tin đối ngoại tỉnh tổ chức hội nghị tổng kết công tác thông tin đối ngoại năm 2021."], date: "2022-01-14", basis: .reportedPeriod),
            Case(lines: [title, "Ngày 20/12, Ban Chỉ đạo công tác thông tin đối ngoại tỉnh tổ chức hội nghị tổng kết công tác năm 2023."], date: "2023-12-20", basis: .reportedPeriod),
            Case(lines: [title, "02/01/2020 08:00", "Ngày 30/12, Ban Chỉ đạo công tác thông tin đối ngoại tỉnh tổ chức hội nghị tổng kết công tác năm."], date: "2019-12-30", basis: .publishLine),
            Case(lines: ["Thứ sáu, 05/01/2024", title, "Sáng nay (20/7), Ban Chỉ đạo tổ chức hội nghị sơ kết công tác 6 tháng đầu năm 2019 và triển khai nhiệm vụ."], date: "2019-07-20", basis: .reportedPeriod, published: nil),
            Case(lines: [title, "Toàn tỉnh đã có 9/11 huyện, thành phố thành lập Ban Chỉ đạo công tác thông tin đối ngoại cấp huyện trong năm qua."], date: nil, basis: nil),
            Case(lines: [title, "Vừa qua, Ban Chỉ đạo công tác thông tin đối ngoại tỉnh tổ chức hội nghị tổng kết công tác năm 2019."], date: nil, basis: nil),
            Case(lines: [title, "Ngày 7/2, Ban Chỉ đạo tổ chức hội nghị giao ban với các sở, ngành về công tác thông tin đối ngoại."], date: nil, basis: nil),
            Case(lines: [title, "12/08/2017 - 10:19", "Sáng nay, Ban Chỉ đạo công tác thông tin đối ngoại tỉnh Lai Châu tổ chức hội nghị giao ban quý II."], date: "2017-08-12", basis: .publishLine),
        ]
        for c in cases {
            let m = ArticleParser.parse(text: c.lines.joined(separator: "\n\n"), id: "t", file: "t")
            XCTAssertEqual(m.date?.description, c.date, "date", line: c.line)
            XCTAssertEqual(m.dateBasis, c.basis, "basis", line: c.line)
            if c.published != nil || c.lines[0].hasPrefix("Thứ sáu") { XCTAssertEqual(m.published, c.published, "published", line: c.line) }
        }
    }

    func testDateLines() {
        let cases: [(String, String?)] = [
            ("21:24, 08/07/2019", "2019-07-08T21:24"), ("12/08/2017 - 10:19", "2017-08-12T10:19"),
            ("Cập nhật: 08-07-2015 | 19:33:02", "2015-07-08T19:33"), ("Đăng ngày 06/06/2019", "2019-06-06"),
            ("Thứ ba,  16/08/2022", "2022-08-16"), ("Thứ Hai, 08/07/2019 - 14:20", "2019-07-08T14:20"),
            ("Ngày đăng: 08/07/2019", "2019-07-08"), ("thứ hai, ngày 8/7/2019", "2019-07-08"),
            ("Ngày 8/7/2019, Ban Chỉ đạo tổ chức hội nghị", nil), ("9/11 huyện", nil), ("31/02/2019", nil),
        ]
        for (line, want) in cases { XCTAssertEqual(DateLine.parse(line)?.iso, want, line) }
    }
}

final class ProvinceExtractorTests: XCTestCase {
    func testProvinces() {
        let cases: [(String, String, String?, ProvinceBasis?, UInt)] = [
            ("Quảng Trị: Tổng kết công tác thông tin đối ngoại năm 2020", "Ngày 5/1/2021, Ban Chỉ đạo tổ chức hội nghị.", "Quảng Trị", .headline, #line),
            ("Tổng kết công tác thông tin đối ngoại", "Ngày 5/1/2021, Ban Chỉ đạo công tác thông tin đối ngoại tỉnh Bà Rịa – Vũng Tàu tổ chức hội nghị.", "Bà Rịa - Vũng Tàu", .text, #line),
            ("Hội nghị thông tin đối ngoại", "Ngày 5/1/2021, Tỉnh ủy Đăk Lăk tổ chức hội nghị tổng kết.", "Đắk Lắk", .text, #line),
            ("TP.HCM sơ kết công tác thông tin đối ngoại", "Ngày 5/7/2021, Thành ủy tổ chức hội nghị.", "Thành phố Hồ Chí Minh", .headline, #line),
            ("Hội nghị thông tin đối ngoại", "Ngày 5/7/2021, Ban Tuyên giáo Thành ủy Thành phố Hồ Chí Minh tổ chức hội nghị.", "Thành phố Hồ Chí Minh", .text, #line),
            ("Giao ban công tác thông tin đối ngoại", "Ngày 5/7/2021, Tỉnh ủy Yên Bái tổ chức hội nghị giao ban về đấu tranh chống âm mưu “diễn biến hòa bình”.", "Yên Bái", .text, #line),
            ("Giao ban công tác thông tin đối ngoại", "Ngày 5/7/2021, đoàn làm việc tại huyện Quảng Ninh, tỉnh Quảng Bình.", "Quảng Bình", .text, #line),
            ("Học tập và làm theo tư tưởng Hồ Chí Minh", "Bài viết bàn về công tác thông tin đối ngoại.", nil, nil, #line),
            ("Hội nghị thông tin đối ngoại", "Ngày 5/7/2021, đồng chí Nguyễn Thái Bình, Phó Chủ tịch UBND tỉnh Hà Nam chủ trì hội nghị.", "Hà Nam", .text, #line),
            ("Hội nghị toàn quốc về công tác thông tin đối ngoại", "Ngày 5/7/2021, Ban Tuyên giáo Trung ương tổ chức Hội nghị toàn quốc tổng kết công tác thông tin đối ngoại.", "Trung ương", .text, #line),
            ("HÒA BÌNH: TỔNG KẾT CÔNG TÁC THÔNG TIN ĐỐI NGOẠI NĂM 2019", "Ngày 5/1/2020, Ban Chỉ đạo tổ chức hội nghị.", "Hòa Bình", .headline, #line),
            ("Hội nghị thông tin đối ngoại", "Ngày 5/1/2020, Ban Chỉ đạo công tác thông tin đối ngoại tỉnh Thừa Thiên - Huế tổ chức hội nghị.", "Thừa Thiên Huế", .text, #line),
            ("Tăng cường thông tin đối ngoại vùng biển Thái Bình Dương", "Bài viết phân tích tình hình.", nil, nil, #line),
            ("Hội nghị giao ban", "Ngày 5/1/2020, tại Điện Biên, Ban Chỉ đạo tổ chức giao ban chống diễn biến hòa bình.", "Điện Biên", .text, #line),
        ]
        for (title, lead, want, basis, line) in cases {
            let m = article(title, lead)
            XCTAssertEqual(m.province, want, title, line: line)
            XCTAssertEqual(m.provinceBasis, basis, title, line: line)
        }
    }

    func testSiteDatelineCode() {
        let m = article("Ban Chỉ đạo giao ban 6 tháng đầu năm", "LSO-Sáng 4/7/2018, Ban Chỉ đạo công tác thông tin đối ngoại tỉnh tổ chức hội nghị giao ban.")
        XCTAssertEqual(m.province, "Lạng Sơn")
        XCTAssertEqual(m.provinceBasis, .siteDateline)
    }

    func testCanonicalNames() {
        XCTAssertEqual(Provinces.canonical("lang son"), "Lạng Sơn")
        XCTAssertEqual(Provinces.canonical("Hoà Bình"), "Hòa Bình")
        XCTAssertEqual(Provinces.canonical("tp.hcm"), "Thành phố Hồ Chí Minh")
        XCTAssertEqual(Provinces.canonical("dak lak"), "Đắk Lắk")
        XCTAssertEqual(Provinces.canonical("trung uong"), "Trung ương")
        XCTAssertNil(Provinces.canonical("atlantis"))
        XCTAssertEqual(Provinces.names.count, 63)
    }
}

final class KindClassifierTests: XCTestCase {
    func testKinds() {
        let cases: [(String, String, MeetingKind, Bool, UInt)] = [
            ("Hội nghị giao ban công tác TTĐN quý I năm 2021", "Ngày 5/4/2021, Ban Chỉ đạo tổ chức hội nghị.", .briefing, true, #line),
            ("Phát huy vai trò báo chí", "Ngày 5/4/2021, Sở Ngoại vụ tổ chức Hội thảo khoa học về thông tin đối ngoại.", .workshop, true, #line),
            ("Nâng cao năng lực cho cán bộ", "Ngày 5/4/2021, Ban Tuyên giáo tổ chức lớp bồi dưỡng nghiệp vụ thông tin đối ngoại.", .training, true, #line),
            ("Hội nghị triển khai nhiệm vụ thông tin đối ngoại năm 2022", "Ngày 5/1/2022, Ban Chỉ đạo tổ chức hội nghị triển khai nhiệm vụ.", .otherConference, true, #line),
            ("Đoàn công tác Ban Chỉ đạo TTĐN Trung ương làm việc tại Cao Bằng", "Ngày 5/4/2021, đoàn đã làm việc với tỉnh.", .workingSession, true, #line),
            ("Sơ kết 6 tháng công tác thông tin đối ngoại", "Ngày 5/7/2021, Ban Chỉ đạo tổ chức hội nghị sơ kết.", .midYearReview, true, #line),
            ("Năm 2019, công tác thông tin đối ngoại đạt nhiều kết quả", "Ngày 10/1/2020, Ban Chỉ đạo tổ chức hội nghị tổng kết công tác năm 2019.", .review, true, #line),
            ("Nâng cao hiệu quả công tác thông tin đối ngoại trong tình hình mới", "Thông tin đối ngoại là một bộ phận quan trọng của công tác tư tưởng.", .other, false, #line),
            ("UBND tỉnh ban hành Kế hoạch thông tin đối ngoại năm 2023", "UBND tỉnh vừa ban hành Kế hoạch số 45/KH-UBND về công tác thông tin đối ngoại năm 2023.", .other, false, #line),
        ]
        for (title, lead, kind, isMeeting, line) in cases {
            let m = article(title, lead)
            XCTAssertEqual(m.kind, kind, title, line: line)
            XCTAssertEqual(m.isMeeting, isMeeting, title, line: line)
        }
    }
}

final class PeopleExtractorTests: XCTestCase {
    func testPeopleAndRoles() {
        let m = article("Hội nghị thông tin đối ngoại",
            "Ngày 5/4/2021, Đ/c Lê Thị Hoa, Phó Chủ tịch UBND tỉnh chủ trì hội nghị. Dự hội nghị có đồng chí Vũ Đức Minh, Ủy viên Ban Thường vụ Tỉnh ủy.",
            "Ông Nguyễn Văn An, Giám đốc Sở Thông tin và Truyền thông cho biết, năm qua Sở đã làm tốt công tác tuyên truyền.",
            "Phát biểu tại hội nghị, đồng chí Trưởng ban Tuyên giáo Tỉnh ủy Trần Văn Bình đề nghị các ngành tiếp tục làm tốt công tác thông tin đối ngoại.")
        let byName = Dictionary(uniqueKeysWithValues: m.people.map { ($0.name, $0) })
        XCTAssertEqual(m.chair, "Lê Thị Hoa")
        XCTAssertEqual(byName["Lê Thị Hoa"]?.titles, ["Phó Chủ tịch UBND tỉnh"])
        XCTAssertEqual(byName["Vũ Đức Minh"]?.role, .attendee)
        XCTAssertEqual(byName["Nguyễn Văn An"]?.role, .speaker)
        XCTAssertEqual(byName["Nguyễn Văn An"]?.titles, ["Giám đốc Sở Thông tin và Truyền thông"])
        XCTAssertEqual(byName["Trần Văn Bình"]?.role, .speaker)
        XCTAssertEqual(byName["Trần Văn Bình"]?.titles, ["Trưởng ban Tuyên giáo Tỉnh ủy"])
    }

    func testWorkingSessionHostAndDelegationHead() {
        let m = article("Đoàn công tác làm việc tại Sơn La",
            "Ngày 5/4/2021, Đoàn công tác do bà Phạm Thu Hằng, Phó Cục trưởng Cục Thông tin đối ngoại làm trưởng đoàn đã có buổi làm việc với tỉnh Sơn La. Tiếp và làm việc với đoàn có đồng chí Lò Văn Mừng, Phó Bí thư Tỉnh ủy.")
        XCTAssertEqual(m.kind, .workingSession)
        XCTAssertEqual(m.people.first { $0.name == "Phạm Thu Hằng" }?.role, .delegationHead)
        XCTAssertEqual(m.people.first { $0.name == "Lò Văn Mừng" }?.role, .host)
        XCTAssertEqual(m.chair, "Lò Văn Mừng")
    }
}
