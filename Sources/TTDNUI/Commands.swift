import TTDNCore

/// A key as the shell reports it, independent of ncurses.
public enum Key: Sendable, Hashable {
    case char(Character)
    case ctrl(Character)
    case up, down, left, right, pageUp, pageDown, home, end, enter, escape, tab, backTab, backspace

    /// How the help screen writes the key.
    public var label: String {
        switch self {
        case .char(" "): return "Space"
        case .char(let c): return String(c)
        case .ctrl(let c): return "Ctrl-" + String(c).uppercased()
        case .up: return "↑"
        case .down: return "↓"
        case .left: return "←"
        case .right: return "→"
        case .pageUp: return "PgUp"
        case .pageDown: return "PgDn"
        case .home: return "Home"
        case .end: return "End"
        case .enter: return "Enter"
        case .escape: return "Esc"
        case .tab: return "Tab"
        case .backTab: return "S-Tab"
        case .backspace: return "Bksp"
        }
    }
}

/// Where a command applies: anywhere while browsing, or only with one pane focused.
public enum CommandScope: Sendable { case any, list, detail }

/// One row of the command table: it drives both key handling and the help screen.
public struct Command: Sendable {
    public var name: String
    public var keys: [Key]
    public var help: String
    public var scope: CommandScope
    public var action: Action
}

public enum Commands {
    public static let table: [Command] = [
        Command(name: "down", keys: [.char("j"), .down], help: "next meeting (in the detail: scroll down)", scope: .any, action: .move(1)),
        Command(name: "up", keys: [.char("k"), .up], help: "previous meeting (in the detail: scroll up)", scope: .any, action: .move(-1)),
        Command(name: "next-meeting", keys: [.char("J")], help: "next meeting, staying in the detail", scope: .any, action: .nextMeeting(1)),
        Command(name: "prev-meeting", keys: [.char("K")], help: "previous meeting, staying in the detail", scope: .any, action: .nextMeeting(-1)),
        Command(name: "page-down", keys: [.pageDown], help: "page down (the list, or the detail when focused)", scope: .any, action: .page(1)),
        Command(name: "page-up", keys: [.pageUp], help: "page up (the list, or the detail when focused)", scope: .any, action: .page(-1)),
        Command(name: "half-down", keys: [.ctrl("d")], help: "half a page down", scope: .any, action: .halfPage(1)),
        Command(name: "half-up", keys: [.ctrl("u")], help: "half a page up", scope: .any, action: .halfPage(-1)),
        Command(name: "page-detail", keys: [.char(" ")], help: "page the article down", scope: .any, action: .pageDetail(1)),
        Command(name: "page-detail-back", keys: [.char("b")], help: "page the article up", scope: .any, action: .pageDetail(-1)),
        Command(name: "top", keys: [.char("g"), .home], help: "first meeting / top of the article", scope: .any, action: .top),
        Command(name: "bottom", keys: [.char("G"), .end], help: "last meeting / end of the article", scope: .any, action: .bottom),
        Command(name: "follow", keys: [.enter], help: "open the meeting (in the detail: follow a Related line)", scope: .detail, action: .followRelated),
        Command(name: "open", keys: [.enter, .char("l"), .right], help: "open the meeting (in the detail: follow a Related line)", scope: .any, action: .open),
        Command(name: "back", keys: [.escape, .char("h"), .left], help: "back to the list (in the list: drop the search)", scope: .any, action: .back),
        Command(name: "switch-focus", keys: [.tab], help: "switch focus between list and detail", scope: .any, action: .toggleFocus),
        Command(name: "panes", keys: [.char("v")], help: "wide screens: list and detail / list only / detail only", scope: .any, action: .cyclePanes),
        Command(name: "order", keys: [.char("o")], help: "newest or oldest first", scope: .any, action: .toggleOrder),
        Command(name: "search", keys: [.char("/")], help: "search: words in any order, \"a phrase\"; no marks needed", scope: .any, action: .startSearch),
        Command(name: "next-hit", keys: [.char("n")], help: "next search hit in the detail", scope: .any, action: .nextHit),
        Command(name: "prev-hit", keys: [.char("N")], help: "previous search hit in the detail", scope: .any, action: .prevHit),
        Command(name: "province", keys: [.char("p")], help: "pick provinces", scope: .any, action: .openPicker(.province)),
        Command(name: "year", keys: [.char("y")], help: "pick years", scope: .any, action: .openPicker(.year)),
        Command(name: "kind", keys: [.char("t")], help: "pick kinds of meeting", scope: .any, action: .openPicker(.kind)),
        Command(name: "map", keys: [.char("M")], help: "provinces as named then / the 34 of July 2025", scope: .any, action: .toggleMap),
        Command(name: "people", keys: [.char("P")], help: "people in the shown meetings; Enter filters", scope: .any, action: .openPeople),
        Command(name: "table", keys: [.char("T")], help: "province × year table; Enter filters", scope: .any, action: .openTable),
        Command(name: "export", keys: [.char("e")], help: "export the shown meetings (.md .csv .json)", scope: .any, action: .startExport),
        Command(name: "clear", keys: [.char("c")], help: "clear all filters and the search", scope: .any, action: .clearFilters),
        Command(name: "info", keys: [.char("i")], help: "more / fewer details: notes, file, related", scope: .any, action: .toggleInfo),
        Command(name: "star", keys: [.char("s")], help: "star / unstar the meeting", scope: .any, action: .toggleStar),
        Command(name: "read", keys: [.char("r")], help: "mark the meeting read / unread", scope: .any, action: .toggleRead),
        Command(name: "read-all", keys: [.char("R")], help: "mark all shown meetings read", scope: .any, action: .markAllRead),
        Command(name: "show", keys: [.char("u")], help: "show all / unread / starred", scope: .any, action: .cycleReadFilter),
        Command(name: "help", keys: [.char("?")], help: "this help (q or Esc closes it)", scope: .any, action: .toggleHelp),
        Command(name: "redraw", keys: [.ctrl("l")], help: "redraw the screen", scope: .any, action: .redraw),
        Command(name: "rescan", keys: [.ctrl("r")], help: "rescan: pick up added, changed or removed files", scope: .any, action: .rescan),
        Command(name: "quit", keys: [.char("q")], help: "quit", scope: .any, action: .quit),
    ]

    /// Keys while typing (the search line, a picker or prompt); shown in help under their own heading.
    public static let entryHelp: [(String, String)] = [
        ("Enter", "keep the search / apply the picker / write the file"), ("Esc", "drop the search / cancel"),
        ("↑ ↓", "search: earlier searches / picker: move"), ("Space", "picker: select several values"),
        ("Ctrl-W", "delete the last word"), ("Ctrl-U", "clear what was typed"),
    ]
    /// Other things worth knowing, after the typing keys.
    public static let otherHelp: [(String, String)] = [
        ("Ctrl-Z", "suspend (fg resumes)"), ("mouse", "click selects; the wheel scrolls the pane under it"),
    ]

    /// The action for a key in the current state, or nil when it means nothing there.
    public static func action(for key: Key, in state: AppState) -> Action? {
        switch state.mode {
        case .help:
            switch key {
            case .char("q"), .escape, .char("?"): return .toggleHelp
            case .char("j"), .down: return .scrollHelp(1)
            case .char("k"), .up: return .scrollHelp(-1)
            case .char(" "), .pageDown: return .scrollHelp(8)
            case .pageUp, .char("b"): return .scrollHelp(-8)
            default:
                // Any other key closes the help and does what it does in the browser.
                var browsing = state
                browsing.mode = .browse
                return browseAction(for: key, in: browsing).map { .closeHelpThen($0) } ?? .toggleHelp
            }
        case .search:
            switch key {
            case .up, .ctrl("p"): return .history(-1)
            case .down, .ctrl("n"): return .history(1)
            default: return lineEditAction(for: key)
            }
        case .export:
            return lineEditAction(for: key)
        case .picker, .people:
            switch key {
            case .up, .ctrl("p"): return .pickerMove(-1)
            case .down, .ctrl("n"), .tab: return .pickerMove(1)
            case .pageUp: return .pickerMove(-10)
            case .pageDown: return .pickerMove(10)
            case .home: return .pickerMove(-Int.max / 4)
            case .end: return .pickerMove(Int.max / 4)
            case .char(" ") where state.mode == .picker: return .pickerToggle
            default: return lineEditAction(for: key)
            }
        case .table:
            switch key {
            case .enter: return .commit
            case .escape, .char("q"), .char("T"): return .cancel
            case .up, .char("k"): return .tableMove(rows: -1, cols: 0)
            case .down, .char("j"): return .tableMove(rows: 1, cols: 0)
            case .left, .char("h"): return .tableMove(rows: 0, cols: -1)
            case .right, .char("l"): return .tableMove(rows: 0, cols: 1)
            case .pageUp: return .tableMove(rows: -10, cols: 0)
            case .pageDown: return .tableMove(rows: 10, cols: 0)
            case .ctrl("l"): return .redraw
            default: return nil
            }
        case .browse:
            return browseAction(for: key, in: state)
        }
    }

    /// The keys of every one-line input (search, export name, picker and people filters).
    static func lineEditAction(for key: Key) -> Action? {
        switch key {
        case .enter: return .commit
        case .escape: return .cancel
        case .backspace: return .deleteBackward
        case .ctrl("u"): return .clearInput
        case .ctrl("w"): return .deleteWord
        case .char(let c): return .input(String(c))
        case .ctrl("l"): return .redraw
        default: return nil
        }
    }

    static func browseAction(for key: Key, in state: AppState) -> Action? {
        let scope: CommandScope = state.focus == .detail ? .detail : .list
        if let bound = boundAction(for: key, scope: scope, bindings: state.bindings) { return bound }
        let hit = table.first { $0.keys.contains(key) && $0.scope == scope } ?? table.first { $0.keys.contains(key) && $0.scope == .any }
        return hit?.action
    }
}
