import XCTest
@testable import TTDNCore

final class SearchTests: XCTestCase {
    var corpus: Corpus!
    override func setUpWithError() throws { corpus = try Corpus.load(path: seedsPath) }

    func count(_ q: String) -> Int { corpus.meetings.filter { SearchQuery(q).matches($0) }.count }

    func testSearchWithoutDiacritics() {
        XCTAssertEqual(count("lang son"), 3, "001 never names the province")
        XCTAssertEqual(count("Lạng Sơn"), 3)
        XCTAssertEqual(count("LANG   SON"), 3)
        XCTAssertEqual(count("dong chi"), 5)
        XCTAssertEqual(count("hung yen"), 1)
        XCTAssertEqual(count("tinh uy"), 5)
        XCTAssertEqual(count("Tỉnh uỷ"), count("Tỉnh ủy"), "old and new tone placement match each other")
        XCTAssertGreaterThan(count("Tỉnh uỷ"), 0)
        XCTAssertEqual(count("zzzz"), 0)
    }

    func testUyMatchesBothToneStyles() {
        let a = Meeting(id: "a", file: "a", title: "Tỉnh ủy")
        let b = Meeting(id: "b", file: "b", title: "Tỉnh uỷ")
        var ms = [a, b]
        for i in ms.indices { ms[i].searchText = ArticleParser.searchText(of: ms[i]) }
        XCTAssertEqual(ms.filter { SearchQuery("uy").matches($0) }.count, 2)
        XCTAssertEqual(ms.filter { SearchQuery("ủy").matches($0) }.count, 2)
        XCTAssertEqual(ms.filter { SearchQuery("uỷ").matches($0) }.count, 2)
        XCTAssertEqual(ms.filter { SearchQuery("d").matches($0) }.count, 0)
    }

    func testMarkedQueryMatchesMarksExactly() {
        var m = Meeting(id: "a", file: "a", title: "Làng sơn cước")
        m.searchText = ArticleParser.searchText(of: m)
        XCTAssertTrue(SearchQuery("lang son").matches(m))
        XCTAssertFalse(SearchQuery("Lạng Sơn").matches(m), "a query with marks must match them")
    }

    func testPhraseAcrossLineBreaksAndNBSPAndPrefix() {
        var m = Meeting(id: "a", file: "a", title: "x")
        m.paragraphs = [Paragraph("Ban Chỉ đạo tỉnh Lạng\u{A0}\u{A0}Sơn họp", .body)]
        m.searchText = ArticleParser.searchText(of: m)
        XCTAssertTrue(SearchQuery("lang son").matches(m))
        XCTAssertTrue(SearchQuery("lang so").matches(m), "the last word is a prefix while typing")
        XCTAssertFalse(SearchQuery("ang son").matches(m), "a match starts at a word")
    }

    func testFilters() {
        var f = MeetingFilter()
        f.provinces = ["Lạng Sơn"]
        XCTAssertEqual(f.apply(corpus.meetings).count, 4)
        f.years = [2018]
        XCTAssertEqual(f.apply(corpus.meetings).count, 3)
        f.kinds = [.workingSession]
        XCTAssertEqual(f.apply(corpus.meetings).count, 2)
        let years = Stats.counts(corpus.meetings, facet: .year, filter: f)
        XCTAssertEqual(years.map(\.value), ["2018"], "counts under the other active filters")
        let provinces = Stats.counts(corpus.meetings, facet: .province, filter: MeetingFilter())
        XCTAssertEqual(provinces.first?.label, "Lạng Sơn")
        XCTAssertEqual(provinces.first?.count, 4)
    }
}

final class ExportTests: XCTestCase {
    func testJSONHasExactlyTheDocumentedKeys() throws {
        let c = try Corpus.load(path: seedsPath)
        let data = Data(Export.json(c.meetings).utf8)
        let arr = try XCTUnwrap(JSONSerialization.jsonObject(with: data) as? [[String: Any]])
        XCTAssertEqual(arr.count, 5)
        let keys = ["id", "file", "title", "date", "date_precision", "date_basis", "published", "province", "province_basis",
                    "province_2025", "venue",
                    "kind", "is_meeting", "chair", "people", "byline", "excerpt", "related", "diagnostics", "evidence"]
        for o in arr { XCTAssertEqual(Set(o.keys), Set(keys)) }
        let person = try XCTUnwrap((arr[0]["people"] as? [[String: Any]])?.first)
        XCTAssertEqual(Set(person.keys), ["name", "titles", "role"])
        let show = try XCTUnwrap(JSONSerialization.jsonObject(with: Data(Export.jsonObject(c.meetings[0], withParagraphs: true).utf8)) as? [String: Any])
        XCTAssertEqual(Set(show.keys), Set(keys + ["paragraphs"]))
        // Keys appear in the documented order.
        let text = Export.jsonObject(c.meetings[0], withParagraphs: false)
        let positions = keys.map { text.range(of: "\"\($0)\":")!.lowerBound }
        XCTAssertEqual(positions, positions.sorted())
    }

    /// `ttdn list --format json` adds the reader's marks after the documented keys.
    func testJSONWithMarksAddsReadAndStarred() throws {
        let c = try Corpus.load(path: seedsPath)
        let text = Export.json(c.meetings) { m in [("read", m.id.hasPrefix("000") ? "true" : "false"), ("starred", "false")] }
        let arr = try XCTUnwrap(JSONSerialization.jsonObject(with: Data(text.utf8)) as? [[String: Any]])
        for o in arr { XCTAssertNotNil(o["read"] as? Bool); XCTAssertEqual(o["starred"] as? Bool, false) }
        XCTAssertEqual(arr.filter { $0["read"] as? Bool == true }.count, 1)
        XCTAssertEqual(arr[0].keys.count, 22)
    }

    func testTableShowsIDsAndKeepsTitlesWholeForPipes() throws {
        let c = try Corpus.load(path: seedsPath)
        let piped = Export.table(c.meetings, width: nil, idWidth: 20)
        XCTAssertTrue(piped.hasPrefix("ID  "))
        for m in c.meetings { XCTAssertTrue(piped.contains(m.id + "  ")); XCTAssertTrue(piped.contains(m.title), "whole title when piped") }
        for line in Export.table(c.meetings, width: 80, idWidth: 8).split(separator: "\n") { XCTAssertLessThanOrEqual(DisplayWidth.of(line), 80) }
    }

    func testJSONEscapesControlCharacters() throws {
        var m = Meeting(id: "x", file: "f", title: "A\u{1B}[2J\"B\"\n\u{7}")
        m.excerpt = "\\"
        let o = try XCTUnwrap(JSONSerialization.jsonObject(with: Data(Export.jsonObject(m, withParagraphs: false).utf8)) as? [String: Any])
        XCTAssertEqual(o["title"] as? String, "A\u{1B}[2J\"B\"\n\u{7}")
        XCTAssertFalse(Export.jsonObject(m, withParagraphs: false).unicodeScalars.contains { $0.value == 0x1B })
    }

    func testCSVAndMarkdownAndTable() throws {
        let c = try Corpus.load(path: seedsPath)
        let csv = Export.csv(c.meetings)
        XCTAssertTrue(csv.hasPrefix("id,date,date_precision"))
        XCTAssertEqual(csv.components(separatedBy: "\r\n").filter { !$0.isEmpty }.count, 6)
        XCTAssertTrue(csv.contains("\"Ban Chỉ đạo công tác thông tin đối ngoại, Ban Chỉ đạo 94 tỉnh Lạng Sơn giao ban 6 tháng đầu năm\""))
        var evil = Meeting(id: "e", file: "f", title: "=HYPERLINK(\"x\")")
        evil.searchText = []
        XCTAssertTrue(Export.csv([evil]).contains("\"'=HYPERLINK(\"\"x\"\")\""), "formula injection is defused")
        let md = Export.markdown(c.meetings)
        XCTAssertEqual(md.split(separator: "\n").count, 7)
        // Every table row has the same display width, whatever the Vietnamese.
        var nfd = c.meetings
        for i in nfd.indices { nfd[i].title = nfd[i].title.decomposedStringWithCanonicalMapping + " 中文 😀" }
        let widths = Set(Export.table(nfd + c.meetings, width: 100).split(separator: "\n").dropFirst().map { DisplayWidth.fit(String($0), 100) }.map { DisplayWidth.of($0) })
        XCTAssertEqual(widths, [100])
        for line in Export.table(nfd, width: 100).split(separator: "\n") { XCTAssertLessThanOrEqual(DisplayWidth.of(line), 100) }
    }
}
