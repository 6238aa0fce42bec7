import XCTest
@testable import TTDNCore
@testable import TTDNUI

/// Issue 10's bugs, each pinned by a test that failed before its fix.
final class ReaderBugTests: XCTestCase {
    var ms: [Meeting] = []
    override func setUpWithError() throws { ms = try seedMeetings() }
    func st(_ w: Int, _ h: Int) -> AppState { AppState(meetings: ms, corpusName: "seeds", size: Size(width: w, height: h)) }
    func screen(_ s: AppState) -> String { render(s).lines().joined(separator: "\n") }

    func testQAndEscCloseHelpWithoutQuitting() {
        let h = press(st(120, 40), [.char("?")])
        XCTAssertEqual(h.mode, .help)
        let q = press(h, [.char("q")])
        XCTAssertFalse(q.shouldQuit, "q closes the help, it does not quit")
        XCTAssertEqual(q.mode, .browse)
        XCTAssertEqual(press(h, [.escape]).mode, .browse)
        XCTAssertEqual(press(h, [.char("?")]).mode, .browse)
        // Another key closes the help and does what it does (not swallowed).
        let p = press(h, [.char("p")])
        XCTAssertEqual(p.mode, .picker)
        let down = press(press(st(120, 40), [.char("j")]), [.char("?"), .char("G")])
        XCTAssertEqual(down.mode, .browse)
        XCTAssertEqual(down.selectedPosition, 4, "G after the help still goes to the last meeting")
    }

    /// The seed whose text names Hoàng Văn Nghiệm most often.
    func nghiemState(_ w: Int, _ h: Int) -> AppState {
        var s = press(st(w, h), [.char("/")] + type("hoang van nghiem") + [.enter])
        let best = s.visible.max { a, b in
            DetailLayout.hitCount(s.meetings[a], s.filter.search) < DetailLayout.hitCount(s.meetings[b], s.filter.search)
        }!
        while s.selectedIndex != best { s = press(s, [.char("j")]) }
        return press(s, [.enter])
    }

    func testNextHitAdvancesAndPrevHitGoesBackOneAtATime() throws {
        var s = nghiemState(120, 40)
        let total = DetailLayout.hitCount(s.selected!, s.filter.search)
        XCTAssertGreaterThanOrEqual(total, 2, "a seed with several hits")
        var seen: [String] = []
        for _ in 0..<(total + 1) {
            s = press(s, [.char("n")])
            seen.append(s.message ?? "")
        }
        XCTAssertEqual(seen, (1...total).map { "hit \($0)/\(total)" } + ["hit 1/\(total)"], "n walks every hit and wraps")
        s = press(s, [.char("N")])
        XCTAssertEqual(s.message, "hit \(total)/\(total)")
        s = press(s, [.char("N")])
        XCTAssertEqual(s.message, "hit \(total - 1)/\(total)", "N does not skip")
    }

    func testHitCountDoesNotChangeWithWidth() {
        var counts: Set<String> = []
        for w in [40, 60, 80, 120, 200] {
            let s = press(nghiemState(w, 30), [.char("n")])
            counts.insert(String(s.message?.split(separator: "/").last ?? ""))
        }
        XCTAssertEqual(counts.count, 1, "hits are counted in the text, not in wrapped lines: \(counts)")
    }

    func testHeaderAt80KeepsTheSearchAndMarksACut() {
        let s = press(st(80, 24), [.char("p")] + type("lang") + [.enter, .char("y")] + type("2018") + [.enter, .char("/")] + type("hoang van nghiem") + [.enter])
        let header = render(s).lines()[0]
        XCTAssertTrue(header.contains("hoang van nghiem"), "the active search stays visible: \(header)")
        let long = press(st(80, 24), [.char("p")] + type("lang") + [.enter, .char("t")] + type("lam") + [.enter, .char("/")] + type("tinh uy lang son ban chi dao cong tac thong tin doi ngoai nam") + [.enter])
        let h2 = render(long).lines()[0].trimmingCharacters(in: .whitespaces)
        XCTAssertTrue(h2.hasSuffix("…"), "a cut header says so: \(h2)")
        XCTAssertTrue(h2.contains("tinh uy lang"), h2)
    }

    func testYearStripShowsTheSelectedYearAt40x12() {
        // Twenty-five years of meetings: the strip at 40 columns has room for nine.
        var many: [Meeting] = []
        for y in 2000...2024 {
            var m = Meeting(id: "m\(y)", file: "m\(y).txt", title: "Hội nghị năm \(y)")
            m.date = MeetingDate(year: y, month: 6, day: 1); m.isMeeting = true; m.kind = .review
            many.append(m)
        }
        let s = press(AppState(meetings: many, corpusName: "t", size: Size(width: 40, height: 12)), [.char("y")] + type("2003") + [.enter])
        XCTAssertEqual(s.filter.years, [2003])
        let g = render(s)
        let strip = g.lines()[1]
        XCTAssertTrue(strip.contains("03"), "the chosen year is on the strip: \(strip)")
        XCTAssertTrue((0..<g.width).contains { g[$0, 1].style == .yearSelected }, "and marked")
        // Without a year filter the selected meeting's year is kept in view.
        let t = press(AppState(meetings: many, corpusName: "t", size: Size(width: 40, height: 12)), [.char("g")])
        XCTAssertTrue(render(t).lines()[1].contains("00"), render(t).lines()[1])
    }

    func testHelpLinesAreNotCutMidWordAt40x12() {
        let s = press(st(40, 12), [.char("?")])
        var all: [String] = []
        var t = s
        for _ in 0..<12 { all += render(t).lines(); t = step(t, .scrollHelp(8)) }
        let helps = Set(Commands.table.map(\.help))
        // Every help text's words appear whole: no row ends inside a word that continues nowhere.
        let text = all.joined(separator: "\n")
        for h in helps { for w in h.split(separator: " ") where w.count > 3 { XCTAssertTrue(text.contains(w), "word “\(w)” of “\(h)” shown whole") } }
    }

    func testPickerFooterFitsAt40x12() {
        let s = press(st(40, 12), [.char("p")])
        let text = screen(s)
        XCTAssertFalse(text.contains("can─") || text.contains("Esc can") && !text.contains("Esc cancel"), text)
        XCTAssertTrue(text.contains("Esc"), "the footer says how to leave: \(text)")
    }

    func testHelpListsEachKeyOnceAndIncludesSpaceAndB() {
        let rows = helpRows()
        var seen: [String: String] = [:]
        var all: Set<String> = []
        for r in rows {
            // Each section (a row with no keys is a heading) lists a key once.
            if r.key.isEmpty { seen = [:]; continue }
            all.formUnion(r.key.split(separator: " ").map(String.init))
            for k in r.key.split(separator: " ").map(String.init) {
                if let before = seen[k], before != r.help { XCTFail("\(k) listed twice: “\(before)” and “\(r.help)”") }
                seen[k] = r.help
            }
        }
        XCTAssertTrue(all.contains("Space"), "Space is in the help")
        XCTAssertTrue(all.contains("b"), "b is in the help")
        XCTAssertEqual(rows.filter { $0.key.isEmpty }.count, 2, "browsing keys, then typing keys under a heading, then the rest")
    }

    func testPickerTiesInVietnameseOrder() {
        var a = Meeting(id: "a", file: "a", title: "x"); a.province = "Bình Dương"; a.isMeeting = true
        var b = Meeting(id: "b", file: "b", title: "x"); b.province = "Bình Định"; b.isMeeting = true
        var c = Meeting(id: "c", file: "c", title: "x"); c.province = "Bạc Liêu"; c.isMeeting = true
        let s = press(AppState(meetings: [a, b, c], corpusName: "t", size: Size(width: 100, height: 30)), [.char("p")])
        XCTAssertEqual(s.pickerItems().dropFirst().map(\.label), ["Bạc Liêu", "Bình Dương", "Bình Định"])
        XCTAssertEqual(VietCollation.sorted(["Bình Định", "Bạc Liêu", "Bình Dương", "Đà Nẵng", "Cà Mau", "Điện Biên", "Đắk Lắk"]),
                       ["Bạc Liêu", "Bình Dương", "Bình Định", "Cà Mau", "Đà Nẵng", "Đắk Lắk", "Điện Biên"])
    }

    func testNonArticlesAreNotCountedAsMeetings() {
        var junk = Meeting(id: "hello", file: "hello.txt", title: "hello world")
        junk.isMeeting = false
        var other = Meeting(id: "bye", file: "bye.txt", title: "goodbye")
        other.isMeeting = false
        let s = AppState(meetings: [junk, other], corpusName: "junk", size: Size(width: 100, height: 30))
        let header = render(s).lines()[0]
        XCTAssertTrue(header.contains("0 meetings"), header)
        XCTAssertFalse(header.contains("2/2 meetings"), header)
        XCTAssertTrue(screen(s).contains("not meetings"), "the non-meetings are shown apart")
        let mixed = AppState(meetings: ms + [junk], corpusName: "seeds", size: Size(width: 100, height: 30))
        XCTAssertTrue(render(mixed).lines()[0].contains("5 meetings"), render(mixed).lines()[0])
    }
}
