import XCTest
@testable import TTDNCore
@testable import TTDNUI

/// Issue 10's friction fixes and views, driven through the command table.
final class ReaderFeatureTests: XCTestCase {
    var ms: [Meeting] = []
    override func setUpWithError() throws { ms = try seedMeetings() }
    func st(_ w: Int = 120, _ h: Int = 40) -> AppState { AppState(meetings: ms, corpusName: "seeds", size: Size(width: w, height: h)) }
    func screen(_ s: AppState) -> String { render(s).lines().joined(separator: "\n") }
    func ids(_ s: AppState) -> [String] { s.visible.map { s.meetings[$0].id } }

    func testOTogglesNewestFirst() {
        let s = st()
        let o = press(s, [.char("o")])
        XCTAssertEqual(ids(o), ids(s).reversed())
        XCTAssertTrue(render(o).lines()[0].contains("newest first"))
        guard case .year(let y, _) = o.rows[0] else { return XCTFail() }
        XCTAssertEqual(y, 2020)
        XCTAssertEqual(ids(press(o, [.char("o")])), ids(s))
    }

    func testSearchWordsInAnyOrderAndQuotedPhrase() {
        let a = press(st(), [.char("/")] + type("nghiem hoang") + [.enter])
        let b = press(st(), [.char("/")] + type("hoang van nghiem") + [.enter])
        XCTAssertEqual(ids(a), ids(b))
        XCTAssertGreaterThan(a.visible.count, 0)
        let phrase = press(st(), [.char("/")] + type("\"nghiem hoang\"") + [.enter])
        XCTAssertEqual(phrase.visible.count, 0, "quoted words must appear together")
        let phrase2 = press(st(), [.char("/")] + type("\"hoang van nghiem\"") + [.enter])
        XCTAssertEqual(phrase2.visible.count, b.visible.count)
        XCTAssertTrue(render(a).lines()[0].contains("search: “nghiem hoang”"), "a kept search stays in the header")
    }

    func testSearchHistoryAndLineEditing() {
        var s = press(st(), [.char("/")] + type("lang son") + [.enter, .char("/"), .ctrl("u")] + type("hung yen") + [.enter])
        XCTAssertEqual(s.searchHistory, ["lang son", "hung yen"])
        s = press(s, [.char("/"), .up])
        XCTAssertEqual(s.searchDraft, "hung yen")
        s = press(s, [.up])
        XCTAssertEqual(s.searchDraft, "lang son")
        XCTAssertEqual(s.visible.count, press(st(), [.char("/")] + type("lang son")).visible.count, "a recalled search applies")
        s = press(s, [.down, .down])
        XCTAssertEqual(s.searchDraft, "")
        s = press(s, type("dong chi hoang") + [.ctrl("w")])
        XCTAssertEqual(s.searchDraft, "dong chi ")
        s = press(s, [.ctrl("u")])
        XCTAssertEqual(s.searchDraft, "")
    }

    func testReadMarkersAndKeys() {
        var s = st()
        XCTAssertTrue(render(s).lines()[3].hasPrefix("•  "), "unread rows carry a dot: \(render(s).lines()[3])")
        s = press(s, [.char("r")])
        XCTAssertTrue(s.read.contains(s.selectedID!))
        XCTAssertTrue(render(s).lines()[3].hasPrefix("   "), render(s).lines()[3])
        s = press(s, [.char("r")])
        XCTAssertFalse(s.read.contains(s.selectedID!), "r toggles")
        s = press(s, [.char("s")])
        XCTAssertTrue(render(s).lines()[3].hasPrefix("•★ 04/07/2018"), "the star is not glued to the date: \(render(s).lines()[3])")
        s = press(s, [.char("p")] + type("lang") + [.enter, .char("R")])
        XCTAssertEqual(s.read.count, 4, "R marks the shown meetings read")
        XCTAssertEqual(s.message, "4 marked read")
    }

    func testJKInTheDetailAndRowInTheFooter() {
        var s = press(st(), [.enter])
        XCTAssertEqual(s.focus, .detail)
        XCTAssertTrue(render(s).lines().last!.contains("row 1/5"))
        s = press(s, [.char(" "), .char("J")])
        XCTAssertEqual(s.focus, .detail, "J stays in the detail")
        XCTAssertEqual(s.selectedPosition, 1)
        XCTAssertEqual(s.detailTop(s.detailLines()), 0, "and starts the next article at its top")
        XCTAssertTrue(s.read.contains(s.selectedID!))
        XCTAssertTrue(render(s).lines().last!.contains("row 2/5"), render(s).lines().last!)
        s = press(s, [.char("K"), .char("K")])
        XCTAssertEqual(s.selectedPosition, 0)
        XCTAssertEqual(s.message, "first meeting")
    }

    func testEnterFollowsARelatedLine() throws {
        guard let from = ms.firstIndex(where: { m in !m.related.isEmpty }) else { throw XCTSkip("no related seeds") }
        var s = st(120, 60)
        while s.selectedIndex != from { s = press(s, [.char("j")]) }
        s = press(s, [.enter])
        XCTAssertEqual(s.focus, .detail)
        // The compact detail folds Related lines: Enter says so, `i` shows them.
        s = press(s, [.enter])
        XCTAssertEqual(s.selectedIndex, from)
        XCTAssertEqual(s.message, "related reports are folded: i shows them, Enter on one follows it")
        s = press(s, [.char("i"), .enter])
        XCTAssertEqual(s.selectedID, ms[from].related[0], s.message ?? "")
        XCTAssertEqual(s.focus, .detail)
    }

    func testPanesKeyCyclesListOnlyAndDetailOnly() {
        var s = st(200, 50)
        XCTAssertTrue(s.layout.list.w > 0 && s.layout.detail.w > 0)
        s = press(s, [.char("v")])
        XCTAssertEqual(s.layout.list.w, 200); XCTAssertEqual(s.layout.detail.w, 0)
        s = press(s, [.char("v")])
        XCTAssertEqual(s.layout.detail.w, 200); XCTAssertEqual(s.layout.list.w, 0)
        XCTAssertEqual(s.focus, .detail)
        s = press(s, [.char("v")])
        XCTAssertTrue(s.layout.list.w > 0 && s.layout.detail.w > 0)
    }

    func testListTakesTheWidthItNeedsAndDropsTheProvinceColumn() {
        let wide = st(200, 50)
        XCTAssertGreaterThan(wide.layout.list.w, 90, "at 200 columns the list is wider than before (90)")
        XCTAssertGreaterThanOrEqual(wide.layout.detail.w, 90)
        let one = press(wide, [.char("p")] + type("hung") + [.enter])
        XCTAssertFalse(render(one).lines()[3].contains("Hưng Yên  "), "no province column with one province chosen: \(render(one).lines()[3])")
    }

    func testPeopleViewFiltersTheTimeline() {
        var s = press(st(), [.char("P")])
        XCTAssertEqual(s.mode, .people)
        let first = s.people!.shown[0]
        XCTAssertEqual(first.name, "Hoàng Văn Nghiệm")
        XCTAssertTrue(screen(s).contains("Hoàng Văn Nghiệm"))
        s = press(s, type("thuy"))
        XCTAssertEqual(s.people!.shown.map(\.name), ["Trần Thị Thanh Thủy"])
        s = press(s, [.ctrl("u"), .enter])
        XCTAssertEqual(s.mode, .browse)
        XCTAssertEqual(s.filter.person?.text, "Hoàng Văn Nghiệm")
        XCTAssertEqual(s.visible.count, first.attended)
        XCTAssertTrue(render(s).lines()[0].contains("person: Hoàng Văn Nghiệm"))
        XCTAssertEqual(press(s, [.char("c")]).filter.person, nil)
    }

    func testTableEnterSetsProvinceAndYear() {
        var s = press(st(), [.char("T")])
        XCTAssertEqual(s.mode, .table)
        XCTAssertEqual(s.table!.provinces, ["Hưng Yên", "Lạng Sơn"], "Vietnamese order")
        XCTAssertEqual(s.table!.years, [2018, 2019, 2020])
        s = press(s, [.down, .left, .left, .left])
        XCTAssertTrue(screen(s).contains("TOTAL"))
        s = press(s, [.enter])
        XCTAssertEqual(s.filter.provinces, ["Lạng Sơn"])
        XCTAssertEqual(s.filter.years, [2018])
        XCTAssertEqual(s.visible.count, 3)
        // The TOTAL column sets only the province.
        let t = press(st(), [.char("T"), .enter])
        XCTAssertEqual(t.filter.provinces, ["Hưng Yên"]); XCTAssertTrue(t.filter.years.isEmpty)
    }

    func testExportIsAnEffectForTheShell() {
        var s = press(st(), [.char("p")] + type("lang") + [.enter, .char("e")])
        XCTAssertEqual(s.mode, .export)
        XCTAssertEqual(s.exportDraft, "ttdn-seeds-lang-son.md")
        XCTAssertTrue(s.effects.isEmpty)
        s = press(s, [.ctrl("u")] + type("out.txt") + [.enter])
        XCTAssertEqual(s.mode, .export, "an unknown extension keeps the prompt")
        XCTAssertTrue(s.message!.contains(".md, .csv or .json"))
        s = press(s, [.ctrl("u")] + type("/tmp/x.csv") + [.enter])
        XCTAssertEqual(s.mode, .browse)
        XCTAssertEqual(s.effects, [.export(path: "/tmp/x.csv", format: .csv, rows: s.visible)])
        s.effects = []
        s = reduce(s, .effectDone("wrote 4 meetings to /tmp/x.csv"))
        XCTAssertTrue(render(s).lines().last!.contains("wrote 4 meetings to /tmp/x.csv"))
    }

    func testMapKeyGathersMergedProvinces() {
        var a = Meeting(id: "a", file: "a", title: "Đắk Nông"); a.province = "Đắk Nông"; a.isMeeting = true
        var b = Meeting(id: "b", file: "b", title: "Bình Thuận"); b.province = "Bình Thuận"; b.isMeeting = true
        var c = Meeting(id: "c", file: "c", title: "Lâm Đồng"); c.province = "Lâm Đồng"; c.isMeeting = true
        var d = Meeting(id: "d", file: "d", title: "Lạng Sơn"); d.province = "Lạng Sơn"; d.isMeeting = true
        var s = AppState(meetings: [a, b, c, d], corpusName: "t", size: Size(width: 120, height: 40))
        s = press(s, [.char("M"), .char("p")])
        XCTAssertEqual(s.pickerItems().dropFirst().map(\.label), ["Lâm Đồng", "Lạng Sơn"])
        XCTAssertEqual(s.pickerItems()[1].count, 3)
        s = press(s, [.down, .enter])
        XCTAssertEqual(s.visible.count, 3)
        XCTAssertTrue(render(s).lines()[0].contains("province 2025: Lâm Đồng"), render(s).lines()[0])
        s = press(s, [.char("M")])
        XCTAssertEqual(s.filter.provinces, ["Đắk Nông", "Bình Thuận", "Lâm Đồng"], "back on the old map, the same meetings")
        XCTAssertEqual(s.visible.count, 3)
    }
}
