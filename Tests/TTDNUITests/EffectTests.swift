import XCTest
@testable import TTDNCore
@testable import TTDNUI

/// `reduce` does no I/O: searches, person filters, records for the detail and the People view are
/// effects the shell runs off the UI thread and answers with actions; stale answers are dropped.
final class EffectTests: XCTestCase {
    func testSearchIsAnEffectAndAStaleAnswerIsDropped() throws {
        let ms = try seedMeetings()
        var s = AppState(meetings: ms, corpusName: "seeds", size: Size(width: 120, height: 40))
        s = reduce(s, .startSearch)
        for ch in "lang" { s = reduce(s, .input(String(ch))) }
        // Nothing answered yet: every letter asked, the list still shows all five, the header says so.
        let asked = s.effects.compactMap { e -> Int? in if case .search(_, let g) = e { return g } else { return nil } }
        XCTAssertEqual(asked.count, 4, "one search per letter typed (the shell runs only the newest)")
        XCTAssertEqual(s.visible.count, 5)
        XCTAssertTrue(s.searching)
        XCTAssertTrue(render(s).lines()[0].contains("searching…"))
        let source = s.source
        let old = try XCTUnwrap(TTDNUI.perform(.search(SearchQuery("l"), generation: asked[0]), source: source))
        s = reduce(s, old)
        XCTAssertEqual(s.visible.count, 5, "the answer to “l” came after “lang” was asked: dropped")
        XCTAssertTrue(s.searching)
        let newest = try XCTUnwrap(TTDNUI.perform(.search(SearchQuery("lang"), generation: asked[3]), source: source))
        s = reduce(s, newest)
        XCTAssertFalse(s.searching)
        XCTAssertEqual(s.visible.count, 3, "three seeds name Lạng Sơn")
        XCTAssertFalse(render(s).lines()[0].contains("searching…"))
    }

    func testTheDetailWaitsForItsRecordAndIgnoresAnotherOne() throws {
        let ms = try seedMeetings()
        var s = AppState(meetings: ms, corpusName: "seeds", size: Size(width: 120, height: 40))
        s = reduce(s, .move(1))
        guard case .loadDetail(let row, let id)? = s.effects.last else { return XCTFail("a move asks for the record: \(s.effects)") }
        XCTAssertEqual(id, s.selectedID)
        XCTAssertNil(s.selected)
        XCTAssertTrue(render(s).lines().contains { $0.contains("Reading…") })
        // An answer for a meeting no longer selected changes nothing.
        s = reduce(s, .detailLoaded(id: ms[0].id, meeting: ms[0]))
        XCTAssertNil(s.selected)
        s = reduce(s, try XCTUnwrap(TTDNUI.perform(.loadDetail(row: row, id: id), source: s.source)))
        XCTAssertEqual(s.selected?.id, id)
        XCTAssertTrue(render(s).lines().contains { $0.contains(ms[row].title.prefix(20)) })
    }

    func testMarksAreSavedAsEffectsOneChangeAtATime() throws {
        let ms = try seedMeetings()
        var s = AppState(meetings: ms, corpusName: "seeds", size: Size(width: 120, height: 40))
        s.effects = []
        s = reduce(s, .toggleStar)
        XCTAssertEqual(s.effects.filter { if case .saveMarks = $0 { return true } else { return false } },
                       [.saveMarks(ids: [ms[0].id], kind: .starred, on: true)])
        XCTAssertTrue(s.starredRows.contains(0))
        s.effects = []
        s = reduce(s, .markAllRead)
        guard case .saveMarks(let ids, .read, true)? = s.effects.first else { return XCTFail("\(s.effects)") }
        XCTAssertEqual(Set(ids), Set(ms.map(\.id)), "one effect for all of them")
        s.effects = []
        s = reduce(s, .markAllRead)
        XCTAssertTrue(s.effects.isEmpty, "nothing new to save")
    }

    func testPeopleViewCountsOffTheUIThread() throws {
        let ms = try seedMeetings()
        var s = AppState(meetings: ms, corpusName: "seeds", size: Size(width: 120, height: 40))
        s = reduce(s, .openPeople)
        XCTAssertEqual(s.people?.loading, true)
        XCTAssertTrue(render(s).lines().joined().contains("counting…"))
        s = s.settled()
        XCTAssertEqual(s.people?.loading, false)
        XCTAssertEqual(s.people?.all, PeopleIndex.summarize(ms))
    }

    func testANewSourceKeepsSelectionAndMarks() throws {
        let ms = try seedMeetings()
        var s = AppState(meetings: Array(ms.prefix(3)), corpusName: "seeds", size: Size(width: 120, height: 40))
        s = step(s, .move(2))
        let id = try XCTUnwrap(s.selectedID)
        s = step(s, .toggleStar)
        s = step(s, .sourceReplaced(SourceBox(MemorySource(ms))))
        XCTAssertEqual(s.selectedID, id, "the selection stays on the same meeting")
        XCTAssertEqual(s.visible.count, ms.count)
        XCTAssertTrue(s.starredRows.contains(try XCTUnwrap(s.timeline.row(ofID: id))))
        XCTAssertEqual(s.selected?.id, id)
    }

    func testEscAfterASearchReturnsToTheListBefore() throws {
        let ms = try seedMeetings()
        var s = AppState(meetings: ms, corpusName: "seeds", size: Size(width: 120, height: 40))
        s = press(s, [.char("j"), .char("j")])
        let before = (s.visible, s.rows, s.selectedID)
        s = press(s, [.char("/")] + type("hung yen"))
        XCTAssertLessThan(s.visible.count, ms.count)
        s = press(s, [.escape])
        XCTAssertEqual(s.visible, before.0, "the list before the search, kept")
        XCTAssertEqual(s.rows, before.1)
        XCTAssertEqual(s.selectedPosition, s.visible.firstIndex(of: s.timeline.row(ofID: s.selectedID!)!))
        s = press(s, [.char("/")] + type("hung yen") + [.enter])
        XCTAssertEqual(s.visible.map { s.timeline.id($0) }, ms.filter { SearchQuery("hung yen").matches($0) }.map(\.id), "and the search again")
    }

    func testASearchCarriesOverANewSourceWithoutShowingEverything() throws {
        let ms = try seedMeetings()
        var s = AppState(meetings: Array(ms.prefix(4)), corpusName: "seeds", size: Size(width: 120, height: 40))
        s = press(s, [.char("/")] + type("hung yen") + [.enter])
        let before = s.visible.count
        XCTAssertLessThan(before, 4)
        s = reduce(s, .sourceReplaced(SourceBox(MemorySource(ms))))
        XCTAssertTrue(s.effects.contains { if case .search = $0 { return true } else { return false } }, "asked again of the new source")
        XCTAssertEqual(s.visible.count, before, "until it answers, the old answer stands (by id)")
        s = s.settled()
        XCTAssertEqual(s.visible.map { s.timeline.id($0) }, s.meetings.filter { SearchQuery("hung yen").matches($0) }.map(\.id))
    }
}
