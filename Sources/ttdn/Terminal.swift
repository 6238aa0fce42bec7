import CNcursesw
import CSignals
import Foundation
import TTDNCore
import TTDNUI

/// The only code that calls ncurses. It owns the WINDOW* (Swift 6 rejects
/// the C globals stdscr/LINES/COLS), turns input into `Event`s and copies a
/// `Grid` to the screen. Every exit path goes through `restore()`.
@MainActor
final class Terminal {
    /// `none`: no input waiting; `ignored`: input that means nothing here (an unknown key).
    enum Event { case key(Key), resize(Size), mouse(x: Int, y: Int, button: MouseButton), none, ignored }
    enum MouseButton { case left, wheelUp, wheelDown }

    private let win: UnsafeMutablePointer<WINDOW>
    private var active = true
    private var attrs: [Style: attr_t] = [:]

    enum StartError: Error, CustomStringConvertible {
        case noUTF8Locale(String)
        case initFailed
        var description: String {
            switch self {
            case .noUTF8Locale(let cs):
                return "ttdn needs a UTF-8 character type, but the locale's is \(cs) and neither C.UTF-8 nor en_US.UTF-8 is installed. Set LANG=C.UTF-8 (or install a UTF-8 locale) and try again."
            case .initFailed: return "could not initialise the terminal (is TERM set?)"
            }
        }
    }

    /// Chooses a UTF-8 LC_CTYPE before initscr: without it ncurses draws garbage and get_wch stalls.
    static func ensureUTF8Locale() throws {
        setlocale(LC_ALL, "")
        func isUTF8() -> Bool {
            let cs = String(cString: cn_codeset()).uppercased()
            return cs == "UTF-8" || cs == "UTF8"
        }
        if isUTF8() { return }
        let before = String(cString: cn_codeset())
        for name in ["C.UTF-8", "C.utf8", "en_US.UTF-8"] where setlocale(LC_CTYPE, name) != nil && isUTF8() { return }
        throw StartError.noUTF8Locale(before)
    }

    init(theme: Theme = .standard) throws {
        try Terminal.ensureUTF8Locale()
        cs_install_signal_handlers()
        guard let w = initscr() else { throw StartError.initFailed }
        win = w
        cs_set_screen_active(1)
        cbreak()          // ^C and ^Z still signal: SIGINT sets our flag, SIGTSTP goes to ncurses' suspend handler
        noecho()
        nonl()
        keypad(win, true)
        wtimeout(win, 150)  // poll, so that a signal flag is seen without work in the handler
        // Esc alone is told from the start of an arrow key's sequence by a pause: 10 ms keeps Esc
        // within a frame's time (a sequence arrives in one read, even over ssh); $ESCDELAY overrides.
        if ProcessInfo.processInfo.environment["ESCDELAY"] == nil { set_escdelay(10) }
        curs_set(0)
        mousemask(cn_mouse_mask(), nil)
        mouseinterval(0)
        attrs = Terminal.prepareColors(theme)
    }

    /// Starts colour only when the theme uses some (so NO_COLOR sends no colour
    /// sequence at all), on the terminal's default colours (pair colour -1), and
    /// gives each distinct fg/bg pair of the theme one ncurses pair. Colours the
    /// terminal lacks fall back: bright 8–15 to 0–7 with bold, 16–255 to the
    /// nearest of the first 8.
    private static func prepareColors(_ theme: Theme) -> [Style: attr_t] {
        var out: [Style: attr_t] = [:]
        let wantsColor = Style.allCases.contains { theme.spec($0).usesColor }
        var colorOK = false
        if wantsColor, has_colors() {
            start_color()
            colorOK = use_default_colors() == OK
        }
        let colors = colorOK ? Int(cn_colors()) : 0
        var pairs: [[Int16]: Int16] = [:]
        for style in Style.allCases {
            let spec = theme.spec(style)
            var a = cn_A_NORMAL()
            var extraBold = false
            /// A colour this terminal has; bright colours it lacks become their base colour made bold
            /// (never for black: bold black is what xterm draws as grey).
            func fit(_ c: TermColor, isFg: Bool) -> Int16 {
                guard case .index(let i) = c else { return -1 }
                if i < colors { return Int16(i) }
                if i < 16 { if isFg && i != 8 { extraBold = true }; return Int16(i - 8) }
                let want = Contrast.xterm256(i)
                let best = (0..<8).min { a, b in dist(Contrast.xterm16[a], want) < dist(Contrast.xterm16[b], want) }!
                return Int16(best)
            }
            if spec.usesColor, colors >= 8 {
                let key = [fit(spec.fg, isFg: true), fit(spec.bg, isFg: false)]
                let n: Int16
                if let p = pairs[key] { n = p } else if pairs.count + 1 < Int(cn_color_pairs()) {
                    n = Int16(pairs.count + 1)
                    init_pair(n, key[0], key[1])
                    pairs[key] = n
                } else { n = 0 }
                a |= cn_COLOR_PAIR(Int32(n))
            } else if spec.usesColor {
                // No colour on this terminal: keep the accent visible.
                a |= cn_A_REVERSE()
            }
            let at = spec.attrs
            if at.contains(.bold) || extraBold { a |= cn_A_BOLD() }
            if at.contains(.reverse) { a |= cn_A_REVERSE() }
            if at.contains(.underline) { a |= cn_A_UNDERLINE() }
            if at.contains(.italic) { a |= cn_A_ITALIC() }
            if at.contains(.dim) { a |= cn_A_DIM() }
            out[style] = a
        }
        return out
    }

    private static func dist(_ a: Contrast.RGB, _ b: Contrast.RGB) -> Int {
        (a.r - b.r) * (a.r - b.r) + (a.g - b.g) * (a.g - b.g) + (a.b - b.b) * (a.b - b.b)
    }

    /// Idempotent: safe from every exit path.
    func restore() {
        guard active else { return }
        active = false
        mousemask(0, nil)
        endwin()
        cs_set_screen_active(0)
        cs_restore_saved_termios()
    }

    var size: Size {
        var h: Int32 = 0, w: Int32 = 0
        cn_getmaxyx(win, &h, &w)
        return Size(width: Int(w), height: Int(h))
    }

    var pendingSignal: Int32 { cs_pending_quit_signal() }

    /// How long `read` waits for input: 0 returns at once (the loop polls stdin itself).
    func setInputTimeout(_ ms: Int32) { wtimeout(win, ms) }

    func read() -> Event {
        var wc: wint_t = 0
        let rc = wget_wch(win, &wc)
        if rc == ERR { return .none }
        if rc == KEY_CODE_YES {
            switch Int32(wc) {
            case KEY_RESIZE: return .resize(size)
            case KEY_UP: return .key(.up)
            case KEY_DOWN: return .key(.down)
            case KEY_LEFT: return .key(.left)
            case KEY_RIGHT: return .key(.right)
            case KEY_NPAGE: return .key(.pageDown)
            case KEY_PPAGE: return .key(.pageUp)
            case KEY_HOME: return .key(.home)
            case KEY_END: return .key(.end)
            case KEY_ENTER: return .key(.enter)
            case KEY_BACKSPACE: return .key(.backspace)
            case KEY_BTAB: return .key(.backTab)
            case KEY_MOUSE:
                var ev = MEVENT()
                guard getmouse(&ev) == OK else { return .ignored }
                let b: MouseButton? = cn_is_wheel_up(ev.bstate) != 0 ? .wheelUp : cn_is_wheel_down(ev.bstate) != 0 ? .wheelDown : cn_is_button1(ev.bstate) != 0 ? .left : nil
                guard let button = b else { return .ignored }
                return .mouse(x: Int(ev.x), y: Int(ev.y), button: button)
            default: return .ignored
            }
        }
        switch wc {
        case 27: return .key(.escape)
        case 10, 13: return .key(.enter)
        case 9: return .key(.tab)
        case 127, 8: return .key(.backspace)
        case 1...26: return .key(.ctrl(Character(UnicodeScalar(UInt8(wc) + 96))))
        default:
            guard let u = UnicodeScalar(UInt32(wc)), wc >= 32 else { return .ignored }
            return .key(.char(Character(u)))
        }
    }

    func attributes(_ style: Style) -> attr_t { attrs[style] ?? cn_A_NORMAL() }

    /// Copies the grid to the screen; ncurses sends only what changed.
    /// Each grapheme is checked against glibc's wcwidth (what ncurses uses):
    /// where the two disagree, a placeholder of the right width is drawn so
    /// no row can shift.
    func draw(_ grid: Grid, fullRedraw: Bool) {
        if fullRedraw { clearok(win, true) }
        for y in 0..<grid.height {
            var x = 0
            while x < grid.width {
                let style = grid[x, y].style
                var run = ""
                let start = x
                while x < grid.width, grid[x, y].style == style {
                    let c = grid[x, y]
                    if !c.isContinuation {
                        var w = 0
                        for s in c.text.unicodeScalars { w += max(0, Int(cn_wcwidth(s.value))) }
                        run += w == Int(c.width) ? c.text : (c.width == 2 ? "??" : "?")
                    }
                    x += 1
                }
                let a = attributes(style)
                wattr_set(win, a, 0, nil)
                if style.rawValue != 0 { wattr_on(win, a, nil) }
                _ = mvwaddstr(win, Int32(y), Int32(start), run)
                wattr_set(win, cn_A_NORMAL(), 0, nil)
            }
        }
        wrefresh(win)
    }
}
