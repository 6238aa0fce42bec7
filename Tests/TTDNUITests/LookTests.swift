import XCTest
@testable import TTDNCore
@testable import TTDNUI

/// Issue 11: room for the article, the `i` key, themes, configuration.
final class DetailRoomTests: XCTestCase {
    /// Rows of the detail pane below the metadata rule (the article's room), and how many hold text.
    func articleRows(_ s: AppState) -> (rows: Int, text: Int) {
        let g = render(s)
        let d = s.layout.detail
        func row(_ y: Int) -> String {
            var t = ""
            for x in d.x..<(d.x + d.w) where !g[x, y].isContinuation { t += g[x, y].text }
            return t
        }
        guard let rule = (d.y..<(d.y + d.h)).first(where: { row($0).hasPrefix("── i") }) else {
            XCTFail("no metadata rule in the detail:\n" + g.lines().joined(separator: "\n")); return (0, 0)
        }
        let below = ((rule + 1)..<(d.y + d.h)).map(row)
        return (below.count, below.filter { !$0.trimmingCharacters(in: .whitespaces).isEmpty }.count)
    }

    func testSplitViewAt100x30ShowsAtLeast15LinesOfEveryArticle() throws {
        let ms = try seedMeetings()
        var s = AppState(meetings: ms, corpusName: "seeds", size: Size(width: 100, height: 30))
        XCTAssertTrue(s.layout.wide)
        var counts: [Int] = []
        for _ in ms.indices {
            let (rows, text) = articleRows(s)
            XCTAssertGreaterThanOrEqual(rows, 15, "\(s.selected!.id): \(rows) rows of article at 100×30")
            XCTAssertGreaterThanOrEqual(text, 13, "\(s.selected!.id): \(text) non-blank article lines at 100×30")
            counts.append(rows)
            s = press(s, [.char("j")])
        }
        print("article rows at 100x30 split, per seed: \(counts)")
        assertSnapshot(render(AppState(meetings: ms, corpusName: "seeds", size: Size(width: 100, height: 30))), "seeds-100x30-split")
    }

    func testFullScreenDetailAt80x24ShowsAtLeast12LinesOfEveryArticle() throws {
        let ms = try seedMeetings()
        var counts: [Int] = []
        for i in ms.indices {
            let s = press(AppState(meetings: ms, corpusName: "seeds", size: Size(width: 80, height: 24)), Array(repeating: .char("j"), count: i) + [.enter])
            XCTAssertFalse(s.layout.wide)
            let (rows, _) = articleRows(s)
            XCTAssertGreaterThanOrEqual(rows, 12, "\(s.selected!.id): \(rows) rows of article at 80×24")
            counts.append(rows)
        }
        print("article rows at 80x24 full screen, per seed: \(counts)")
    }

    func testInfoKeyShowsAndHidesNotesAndFile() throws {
        // A meeting with a byline and two notes, whatever the parser says of the seeds today.
        var ms = try seedMeetings()
        ms[0].byline = "Bích Diệp"
        ms[0].diagnostics = ["date: a first note", "chair: a second note"]
        ms[0].evidence = ["date: 4/7 from the lead; year 2018 from the title"]
        let s = AppState(meetings: ms, corpusName: "seeds", size: Size(width: 120, height: 40))
        let compact = render(s).lines().joined(separator: "\n")
        XCTAssertFalse(compact.contains("File      seeds/"), compact)
        XCTAssertFalse(compact.contains("a first note"), compact)
        XCTAssertTrue(compact.contains("── i: byline, file, evidence, 2 notes"), compact)
        XCTAssertFalse(compact.contains("year 2018 from the title"), compact)
        let open = press(s, [.char("i")])
        XCTAssertTrue(open.showInfo)
        let full = render(open).lines().joined(separator: "\n")
        XCTAssertTrue(full.contains("File      " + ms[0].file), full)
        XCTAssertTrue(full.contains("Note      chair: a second note"), full)
        XCTAssertTrue(full.contains("Evidence  date: 4/7 from the lead; year 2018 from the title"), full)
        XCTAssertTrue(full.contains("Byline    Bích Diệp"), full)
        XCTAssertTrue(full.contains("i: fewer details"), full)
        XCTAssertFalse(press(open, [.char("i")]).showInfo)
        // The help screen lists it, from the command table.
        let help = render(step(press(s, [.char("?")]), .resize(Size(width: 120, height: 60)))).lines().joined(separator: "\n")
        XCTAssertTrue(help.contains("i") && help.contains("more / fewer details: notes, file, related"), help)
    }

    func testPeopleAreOneLineEachWithTheChairMarked() throws {
        var m = try seedMeetings().max { $0.people.count < $1.people.count }!
        XCTAssertGreaterThanOrEqual(m.people.count, 2)
        m.people = Array(m.people.prefix(3))
        m.chair = m.people[1].name
        let lines = DetailLayout.lines(for: m, width: 60, query: SearchQuery(""), titleOf: { _ in nil })
            .map { $0.segments.map(\.text).joined() }
        let people = lines.drop { !$0.hasPrefix("People") }.prefix { !$0.hasPrefix("──") }
        XCTAssertEqual(people.count, m.people.count, "\(people)")
        XCTAssertTrue(people[people.startIndex + 1].contains(m.people[1].name + " — chair"), "\(people)")
        // A chair the people list lacks comes first; more than three people fold behind i.
        m.chair = "Nguyễn Văn A"
        m.people += m.people + m.people
        let more = DetailLayout.lines(for: m, width: 60, query: SearchQuery(""), titleOf: { _ in nil }).map { $0.segments.map(\.text).joined() }
        let p2 = more.drop { !$0.hasPrefix("People") }.prefix { !$0.hasPrefix("──") }
        XCTAssertEqual(p2.count, 3, "\(p2)")
        XCTAssertTrue(p2.first!.contains("Nguyễn Văn A — chair"), "\(p2)")
        XCTAssertTrue(p2.last!.contains("and \(m.people.count - 1) more (i)"), "\(p2)")
        for l in lines { XCTAssertLessThanOrEqual(DisplayWidth.of(l), 60) }
    }
}

final class ThemeContrastTests: XCTestCase {
    typealias RGB = Contrast.RGB
    /// xterm with a dark background (black, its colour-7 foreground) and a light one (its default: black on white).
    static let palettes: [(name: String, fg: RGB, bg: RGB)] = [
        ("dark", Contrast.xterm16[7], RGB(0, 0, 0)),
        ("dark, bright fg", RGB(255, 255, 255), RGB(0, 0, 0)),
        ("light", RGB(0, 0, 0), RGB(255, 255, 255)),
    ]

    /// The colours a spec can really show: bold draws colours 0–7 bright in
    /// xterm (16 colours) but not on every terminal (8 colours), so both count.
    static func renderings(_ spec: StyleSpec, fg dfg: RGB, bg dbg: RGB, colors: Int) -> [(RGB, RGB)] {
        func rgb(_ c: TermColor, _ d: RGB, bright: Bool) -> RGB {
            guard case .index(var i) = c else { return d }
            if i >= colors { i = i < 16 ? i - 8 : i }   // checked separately below
            if bright && i < 8 && colors >= 16 { i += 8 }
            return Contrast.xterm256(i)
        }
        var out: [(RGB, RGB)] = []
        for bright in spec.attrs.contains(.bold) ? [false, true] : [false] {
            var f = rgb(spec.fg, dfg, bright: bright), b = rgb(spec.bg, dbg, bright: false)
            if spec.attrs.contains(.reverse) { swap(&f, &b) }
            if spec.attrs.contains(.dim) { f = RGB((f.r + b.r) / 2, (f.g + b.g) / 2, (f.b + b.b) / 2) }
            out.append((f, b))
        }
        return out
    }

    func testEveryPairOfTheStandardThemeReadsOnDarkAndLightXterm() {
        var report: [String] = []
        for style in Style.allCases {
            let spec = Theme.standard.spec(style)
            for p in Self.palettes {
                for colors in [8, 16, 256] {
                    for (f, b) in Self.renderings(spec, fg: p.fg, bg: p.bg, colors: colors) {
                        let r = Contrast.ratio(f, b)
                        let need = style.isText ? 4.5 : 3.0
                        XCTAssertGreaterThanOrEqual(r, need, "\(style.configName) on \(p.name) with \(colors) colours: \(r)")
                        if colors == 16 { report.append("\(style.configName)/\(p.name): \(String(format: "%.1f", r))") }
                    }
                }
            }
        }
        print("contrast: " + report.joined(separator: "  "))
    }

    func testNoBoldBlackAndNoFaintTextAnywhere() {
        for theme in [Theme.standard, Theme.monochrome] {
            for style in Style.allCases {
                let s = theme.spec(style)
                XCTAssertFalse(s.attrs.contains(.bold) && (s.fg == .black || s.fg == .index(8)), "\(theme.name): \(style) is bold black")
                XCTAssertFalse(s.attrs.contains(.dim) && style.isText, "\(theme.name): \(style) is faint")
                // Text on the terminal's own background keeps the terminal's own foreground.
                if s.bg == .default && style.isText { XCTAssertEqual(s.fg, .default, "\(theme.name): \(style) colours text on an unknown background") }
            }
        }
        XCTAssertFalse(Style.allCases.contains { Theme.monochrome.spec($0).usesColor }, "mono has no colour")
    }

    func testTheWCAGFormulaOnKnownValues() {
        XCTAssertEqual(Contrast.ratio(RGB(0, 0, 0), RGB(255, 255, 255)), 21, accuracy: 0.01)
        XCTAssertEqual(Contrast.ratio(RGB(0x77, 0x77, 0x77), RGB(255, 255, 255)), 4.48, accuracy: 0.01)
        // The old header (bold black on cyan) drew as xterm's bright black on cyan: 2.9:1 — unreadable.
        XCTAssertLessThan(Contrast.ratio(Contrast.xterm16[8], Contrast.xterm16[6]), 3)
        // A bare cyan foreground on white (the old year rules) fails too.
        XCTAssertLessThan(Contrast.ratio(Contrast.xterm16[6], RGB(255, 255, 255)), 4.5)
        XCTAssertEqual(Contrast.xterm256(196), RGB(255, 0, 0))
        XCTAssertEqual(Contrast.xterm256(244), RGB(128, 128, 128))
    }

    func testNoColorRemovesEveryColourButKeepsTheUsersOwn() {
        let plain = Config().resolvedTheme(noColor: true)
        XCTAssertFalse(Style.allCases.contains { plain.spec($0).usesColor })
        XCTAssertTrue(plain.spec(.header).attrs.contains(.reverse), "the header still stands out")
        let (c, _) = Config.parse("color header red default bold")
        XCTAssertEqual(c.resolvedTheme(noColor: true).spec(.header), StyleSpec(.red, .default, .bold))
        XCTAssertEqual(Config.parse("set theme mono").0.resolvedTheme(noColor: false), Theme.monochrome)
    }
}

final class ConfigTests: XCTestCase {
    func testBindMakesAKeyRunACommandAndTheHelpShowsIt() throws {
        let (c, problems) = Config.parse("# my keys\nbind x quit\nbind <Ctrl-N> down   # like emacs\nbind generic J bottom\n")
        XCTAssertEqual(problems, [])
        XCTAssertEqual(c.bindings, [.char("x"): "quit", .ctrl("n"): "down", .char("J"): "bottom"])
        var s = AppState(meetings: try seedMeetings(), corpusName: "seeds", size: Size(width: 120, height: 40))
        XCTAssertFalse(press(s, [.char("x")]).shouldQuit)
        c.apply(to: &s)
        XCTAssertTrue(press(s, [.char("x")]).shouldQuit)
        XCTAssertEqual(press(s, [.ctrl("n")]).selectedPosition, 1)
        let help = render(step(press(s, [.char("?")]), .resize(Size(width: 120, height: 60)))).lines()
        XCTAssertTrue(help.contains { $0.contains("q x") && $0.contains("quit") }, help.joined(separator: "\n"))
        XCTAssertTrue(help.contains { $0.contains("j ↓ Ctrl-N") }, help.joined(separator: "\n"))
    }

    func testARebindTakesTheKeyFromItsOldCommand() throws {
        let (c, _) = Config.parse("bind q star")
        var s = AppState(meetings: try seedMeetings(), corpusName: "seeds", size: Size(width: 120, height: 40))
        c.apply(to: &s)
        let after = press(s, [.char("q")])
        XCTAssertFalse(after.shouldQuit)
        XCTAssertEqual(after.starred.count, 1)
        XCTAssertEqual(Commands.keys(for: Commands.table.first { $0.name == "quit" }!, bindings: s.bindings), [])
    }

    func testBadLinesNameTheirLineAndTheRestStillApplies() {
        let text = """
        bind x quit
        bind x
        bind F13 quit
        bind y qiut
        color header white blue bold
        color headr white blue
        color status purple default
        color status white blue blink
        set theme neon
        set split never
        set order newest
        set colour red
        frobnicate
        set info on
        """
        let (c, problems) = Config.parse(text)
        XCTAssertEqual(problems.map(\.line), [2, 3, 4, 6, 7, 8, 9, 12, 13])
        XCTAssertTrue(problems[0].description.hasPrefix("line 2: bind needs a key and a command"), problems[0].description)
        XCTAssertTrue(problems[2].description.contains("unknown command ‘qiut’") && problems[2].description.contains("quit"), problems[2].description)
        XCTAssertTrue(problems[3].description.contains("unknown element ‘headr’"), problems[3].description)
        XCTAssertTrue(problems[4].description.contains("unknown colour ‘purple’"), problems[4].description)
        XCTAssertTrue(problems[6].description.contains("theme must be one of"), problems[6].description)
        XCTAssertEqual(c.bindings, [.char("x"): "quit"])
        XCTAssertEqual(c.colors[.header], StyleSpec(.white, .blue, .bold))
        XCTAssertEqual(c.splitFrom, Int.max)
        XCTAssertEqual(c.order, .newest)
        XCTAssertEqual(c.info, true)
    }

    func testSetSplitOrderAndInfoChangeTheBrowser() throws {
        let ms = try seedMeetings()
        let (c, problems) = Config.parse("set split never\nset order newest\nset info on\n")
        XCTAssertEqual(problems, [])
        var s = AppState(meetings: ms, corpusName: "seeds", size: Size(width: 120, height: 40))
        c.apply(to: &s)
        XCTAssertFalse(s.layout.wide, "never split")
        XCTAssertTrue(s.showInfo)
        XCTAssertTrue(s.newestFirst, "set order newest starts what the o key toggles")
        XCTAssertEqual(s.settled().selected?.year, 2020, "newest first")
        let opened = render(press(s, [.enter])).lines().joined(separator: "\n")
        XCTAssertTrue(opened.contains("File      seeds/"), opened)
        let (c2, _) = Config.parse("set split 140")
        var s2 = AppState(meetings: ms, corpusName: "seeds", size: Size(width: 120, height: 40))
        c2.apply(to: &s2)
        XCTAssertFalse(s2.layout.wide)
        s2 = step(s2, .resize(Size(width: 150, height: 40)))
        XCTAssertTrue(s2.layout.wide)
    }

    func testKeyNames() {
        XCTAssertEqual(Key(configName: "Space"), .char(" "))
        XCTAssertEqual(Key(configName: "<Enter>"), .enter)
        XCTAssertEqual(Key(configName: "^L"), .ctrl("l"))
        XCTAssertEqual(Key(configName: "C-x"), .ctrl("x"))
        XCTAssertEqual(Key(configName: "pgdn"), .pageDown)
        XCTAssertEqual(Key(configName: "đ"), .char("đ"))
        XCTAssertNil(Key(configName: "Ctrl-1"))
        XCTAssertNil(Key(configName: "xy"))
        // Every element name of the theme round-trips.
        for s in Style.allCases { XCTAssertEqual(Style(configName: s.configName), s) }
    }
}
