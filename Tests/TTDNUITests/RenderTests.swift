import XCTest
@testable import TTDNCore
@testable import TTDNUI

final class RenderSnapshotTests: XCTestCase {
    func seedState(_ w: Int, _ h: Int) throws -> AppState {
        AppState(meetings: try seedMeetings(), corpusName: "seeds", size: Size(width: w, height: h))
    }

    func testSeedsAt80x24() throws {
        let s = try seedState(80, 24)
        assertSnapshot(render(s), "seeds-80x24-list")
        assertSnapshot(render(press(s, [.char("j"), .enter])), "seeds-80x24-detail")
    }

    func testSeedsAt120x40() throws {
        let s = try seedState(120, 40)
        assertSnapshot(render(s), "seeds-120x40")
        assertSnapshot(render(press(s, [.char("/")] + type("lang son") + [.enter, .char("j")])), "seeds-120x40-search")
    }

    func testSeedsAt40x12() throws {
        let s = try seedState(40, 12)
        assertSnapshot(render(s), "seeds-40x12-list")
        assertSnapshot(render(press(s, [.enter])), "seeds-40x12-detail")
        assertSnapshot(render(press(s, [.char("?")])), "seeds-40x12-help")
    }

    func testPickerAndHelpAt120x40() throws {
        let s = try seedState(120, 40)
        assertSnapshot(render(press(s, [.char("p")])), "seeds-120x40-province-picker")
        assertSnapshot(render(press(s, [.char("?")])), "seeds-120x40-help")
    }

    func testViewsAt80x24And40x12() throws {
        let s = try seedState(80, 24)
        assertSnapshot(render(press(s, [.char("P")])), "seeds-80x24-people")
        assertSnapshot(render(press(s, [.char("T")])), "seeds-80x24-table")
        assertSnapshot(render(press(s, [.char("e")])), "seeds-80x24-export")
        assertSnapshot(render(press(s, [.char("s"), .char("j"), .char("r"), .char("o")])), "seeds-80x24-marks-newest")
        let n = try seedState(40, 12)
        assertSnapshot(render(press(n, [.char("p")])), "seeds-40x12-picker")
        assertSnapshot(render(press(n, [.char("T")])), "seeds-40x12-table")
    }

    func testTooSmall() throws {
        let g = render(try seedState(19, 5))
        XCTAssertTrue(g.lines().joined().contains("too small"))
    }

    /// An NFD copy of every seed draws exactly the same screen as the NFC original.
    func testNFDCopyRendersIdentically() throws {
        let nfc = try seedMeetings()
        let nfd = try seedMeetings { $0.decomposedStringWithCanonicalMapping }
        for (w, h) in [(80, 24), (120, 40), (40, 12)] {
            for keys in [[Key](), [.enter], [.char("j"), .char("j"), .enter, .char(" ")]] {
                let a = press(AppState(meetings: nfc, corpusName: "seeds", size: Size(width: w, height: h)), keys)
                let b = press(AppState(meetings: nfd, corpusName: "seeds", size: Size(width: w, height: h)), keys)
                XCTAssertEqual(render(a).lines(), render(b).lines(), "\(w)x\(h) \(keys)")
            }
        }
    }

    /// Hostile and wide text: CJK, emoji, ESC[2J, a bare CR and OSC 52 in a title.
    func testHostileAndWideTextStaysInItsCells() throws {
        var ms = try seedMeetings()
        let evil = "Hội nghị 中文标题 😀👨‍👩‍👧 \u{1B}[2J\rCLOBBER \u{1B}]52;c;ZXZpbA==\u{07}\u{9B}31m\u{202E}Lạng Sơn"
        ms[0].title = evil
        ms[0].paragraphs.insert(Paragraph("Đoạn có ký tự rộng 北京 và emoji 🇻🇳 \u{1B}]8;;http://x\u{1B}\\link\u{1B}]8;;\u{1B}\\ cùng \u{08}\u{08}xóa", .body), at: 0)
        for (w, h) in [(80, 24), (120, 40), (40, 12)] {
            let s = press(AppState(meetings: ms, corpusName: "hostile", size: Size(width: w, height: h)), [.enter])
            let g = render(s)
            XCTAssertEqual(g.rowWidths(), Array(repeating: w, count: h), "\(w)x\(h)")
            for c in g.cells {
                for u in c.text.unicodeScalars {
                    XCTAssertFalse(u.value < 0x20 || (u.value >= 0x7F && u.value < 0xA0) || (0x202A...0x202E).contains(u.value), "control U+\(String(u.value, radix: 16)) reached the grid")
                }
            }
            let text = g.lines().joined(separator: "\n")
            XCTAssertTrue(text.contains("中文标题"), "\(w)x\(h)")
            XCTAssertFalse(text.contains("ZXZpbA=="), "the OSC 52 payload is dropped")
            if w == 120 { assertSnapshot(g, "hostile-120x40") }
        }
    }
}

final class RenderInvariantTests: XCTestCase {
    /// Every row is exactly the terminal's width, at every size from 20×6 to 250×80, in every mode.
    func testEveryRowIsExactlyTheTerminalWidth() throws {
        let ms = try seedMeetings()
        let scripts: [[Key]] = [[], [.enter, .char(" ")], [.char("?")], [.char("p")], [.char("/")] + type("uy"), [.char("y")],
                                [.char("P")], [.char("T")], [.char("e")], [.char("v")], [.char("o"), .char("M")]]
        var sizes: [(Int, Int)] = []
        for w in 20...250 { for h in [6, 7, 12, 24, 41, 80] { sizes.append((w, h)) } }
        for h in 6...80 { for w in [20, 21, 39, 40, 79, 80, 99, 100, 101, 250] { sizes.append((w, h)) } }
        for w in 1...19 { for h in 1...6 { sizes.append((w, h)) } }
        var checked = 0
        for (i, (w, h)) in sizes.enumerated() {
            let script = scripts[i % scripts.count]
            let s = press(AppState(meetings: ms, corpusName: "seeds", size: Size(width: w, height: h)), script)
            let g = render(s)
            XCTAssertEqual(g.width, w)
            XCTAssertEqual(g.height, h)
            let widths = g.rowWidths()
            if widths != Array(repeating: w, count: h) { XCTFail("\(w)x\(h) \(script): \(widths)"); return }
            checked += 1
        }
        XCTAssertGreaterThan(checked, 2000)
    }
}
