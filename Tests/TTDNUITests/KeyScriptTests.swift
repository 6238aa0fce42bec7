import XCTest
@testable import TTDNCore
@testable import TTDNUI

/// Scripted key sequences through the command table, asserting state and screen.
final class KeyScriptTests: XCTestCase {
    var start: AppState!
    override func setUpWithError() throws {
        start = AppState(meetings: try seedMeetings(), corpusName: "seeds", size: Size(width: 120, height: 40))
    }

    func screen(_ s: AppState) -> String { render(s).lines().joined(separator: "\n") }

    func testFilterByProvinceWithoutDiacritics() {
        let s = press(start, [.char("p")] + type("hung") + [.enter])
        XCTAssertEqual(s.mode, .browse)
        XCTAssertEqual(s.filter.provinces, ["Hưng Yên"])
        XCTAssertEqual(s.visible.count, 1)
        XCTAssertTrue(screen(s).contains("1/5 meetings │ province: Hưng Yên"))
        XCTAssertEqual(s.selected?.province, "Hưng Yên")
    }

    func testPickerSelectsSeveralValuesAndShowsCounts() {
        var s = press(start, [.char("y")])
        let items = s.pickerItems()
        XCTAssertEqual(items.map(\.label), ["(any)", "2018", "2019", "2020"])
        XCTAssertEqual(items.map(\.count), [5, 3, 1, 1])
        s = press(s, [.down, .char(" "), .down, .char(" "), .enter])
        XCTAssertEqual(s.filter.years, [2018, 2019])
        XCTAssertEqual(s.visible.count, 4)
        // Counts under the other active filters.
        s = press(s, [.char("t")])
        XCTAssertEqual(Dictionary(uniqueKeysWithValues: s.pickerItems().map { ($0.label, $0.count) })["làm việc"], 2)
        s = press(s, [.escape])
        XCTAssertEqual(s.mode, .browse)
        XCTAssertTrue(s.filter.kinds.isEmpty, "Esc cancels the picker")
    }

    func testFilterByYear() {
        let s = press(start, [.char("y")] + type("2019") + [.enter])
        XCTAssertEqual(s.filter.years, [2019])
        XCTAssertEqual(s.visible.map { start.meetings[$0].id }, ["004_d6b9958ae3e37fe2"])
        XCTAssertTrue(screen(s).contains("year: 2019"))
    }

    func testIncrementalSearchAndHitsInDetail() {
        var s = press(start, [.char("/")] + type("dong chi hoang"))
        XCTAssertEqual(s.mode, .search)
        XCTAssertEqual(s.visible.count, 4, "results update while typing")
        XCTAssertTrue(screen(s).contains("/dong chi hoang▏ 4 matches"))
        s = press(s, [.backspace, .backspace, .backspace, .backspace, .backspace, .backspace])
        XCTAssertEqual(s.searchDraft, "dong chi")
        XCTAssertEqual(s.visible.count, 5)
        s = press(s, [.escape])
        XCTAssertTrue(s.filter.search.isEmpty, "Esc drops the search")
        s = press(s, [.char("/")] + type("lang son") + [.enter])
        XCTAssertEqual(s.filter.search.text, "lang son")
        XCTAssertEqual(s.visible.count, 3)
        s = press(s, [.enter, .char("n")])
        XCTAssertEqual(s.focus, .detail)
        XCTAssertNotNil(s.message)
        XCTAssertTrue(s.message!.hasPrefix("hit "))
        let g = render(s)
        XCTAssertTrue(g.cells.contains { $0.style == .hit }, "hits are highlighted")
        let hitText = (0..<g.height).map { y in (0..<g.width).filter { g[$0, y].style == .hit }.map { g[$0, y].text }.joined() }.joined(separator: "|")
        XCTAssertTrue(hitText.contains("Lạng") && hitText.contains("Sơn"), hitText)
    }

    func testOpenScrollAndBack() {
        var s = press(start, [.char("j"), .enter])
        XCTAssertEqual(s.focus, .detail)
        let before = s.detailTop(s.detailLines())
        s = press(s, [.char(" ")])
        XCTAssertGreaterThan(s.detailTop(s.detailLines()), before)
        s = press(s, [.char("j"), .char("j")])
        let top = s.detailTop(s.detailLines())
        s = press(s, [.char("k")])
        XCTAssertEqual(s.detailTop(s.detailLines()), top - 1)
        s = press(s, [.char("g")])
        XCTAssertEqual(s.detailTop(s.detailLines()), 0)
        s = press(s, [.escape])
        XCTAssertEqual(s.focus, .list)
        s = press(s, [.char("G")])
        XCTAssertEqual(s.selectedPosition, 4)
        XCTAssertTrue(s.read.contains(s.meetings[s.visible[1]].id), "opening marks read")
    }

    func testClearFilters() {
        var s = press(start, [.char("p")] + type("lang") + [.enter, .char("/")] + type("\"giao ban\"") + [.enter])
        XCTAssertEqual(s.visible.count, 1)
        s = press(s, [.char("c")])
        XCTAssertTrue(s.filter.isEmpty)
        XCTAssertEqual(s.visible.count, 5)
    }

    func testNarrowOpenAndResizeKeepSelectionAndReadingPosition() {
        var s = AppState(meetings: start.meetings, corpusName: "seeds", size: Size(width: 60, height: 20))
        s = press(s, [.char("j"), .char("j"), .enter])
        XCTAssertTrue(s.detailOpen)
        XCTAssertTrue(s.layout.list.w == 0 && s.layout.detail.w == 60)
        s = press(s, [.char(" "), .char(" ")])
        let id = s.selectedID
        let anchorText = s.detailLines()[s.detailTop(s.detailLines())]
        s = step(s, .resize(Size(width: 140, height: 45)))
        XCTAssertEqual(s.selectedID, id)
        XCTAssertFalse(s.detailOpen, "wide screens show both panes")
        let top = s.detailLines()[s.detailTop(s.detailLines())]
        XCTAssertEqual(top.block, anchorText.block, "the same paragraph stays on top")
        XCTAssertLessThanOrEqual(top.start, anchorText.start)
        s = step(s, .resize(Size(width: 10, height: 3)))
        XCTAssertTrue(render(s).lines().joined().contains("small"))
        s = step(s, .resize(Size(width: 80, height: 24)))
        XCTAssertEqual(s.selectedID, id)
        XCTAssertTrue(s.detailOpen, "back on a narrow screen, the focused detail is what shows")
        XCTAssertEqual(s.layout.detail.w, 80)
        XCTAssertEqual(s.detailLines()[s.detailTop(s.detailLines())].block, anchorText.block, "still reading the same paragraph")
    }

    func testMouseClickAndWheel() {
        var s = start!
        let l = s.layout
        // Row 0 is the 2018 heading, so list row 3 is the third meeting.
        s = step(s, .click(x: 5, y: l.list.y + 3))
        XCTAssertEqual(s.selectedPosition, 2)
        s = step(s, .wheel(x: l.detail.x + 2, y: l.detail.y + 2, delta: 1))
        XCTAssertGreaterThan(s.detailTop(s.detailLines()), 0)
        s = step(s, .click(x: l.detail.x + 2, y: l.detail.y + 1))
        XCTAssertEqual(s.focus, .detail)
    }

    func testHelpListsEveryCommandFromTheTable() {
        let s = press(start, [.char("?")])
        // Every page of the help, scrolled through; wrapped lines joined back.
        var shown: [String] = []
        var t = s
        for _ in 0..<10 { shown += render(t).lines(); t = step(t, .scrollHelp(8)) }
        let text = shown.joined(separator: " ").split(whereSeparator: { $0 == " " || $0 == "│" }).joined(separator: " ")
        for c in Commands.table where !text.contains(c.help) { XCTFail("help lacks: \(c.help)") }
        XCTAssertEqual(press(s, [.char("x")]).mode, .browse)
        XCTAssertTrue(press(start, [.char("q")]).shouldQuit)
    }

    func testStarAndShowStarred() {
        var s = press(start, [.char("s")])
        XCTAssertEqual(s.starred.count, 1)
        s = press(s, [.char("u"), .char("u")])
        XCTAssertEqual(s.readFilter, .starred)
        XCTAssertEqual(s.visible.count, 1)
        XCTAssertTrue(screen(s).contains("★"))
    }
}
