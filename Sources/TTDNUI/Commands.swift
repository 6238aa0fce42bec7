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
        Command(name: "page-down", keys: [.pageDown], help: "page down", scope: .list, action: .page(1)),
        Command(name: "page-up", keys: [.pageUp], help: "page up", scope: .list, action: .page(-1)),
        Command(name: "detail-page-down", keys: [.pageDown], help: "page the detail down", scope: .detail, action: .pageDetail(1)),
        Command(name: "detail-page-up", keys: [.pageUp], help: "page the detail up", scope: .detail, action: .pageDetail(-1)),
        Command(name: "half-down", keys: [.ctrl("d")], help: "half a page down", scope: .any, action: .halfPage(1)),
        Command(name: "half-up", keys: [.ctrl("u")], help: "half a page up", scope: .any, action: .halfPage(-1)),
        Command(name: "top", keys: [.char("g"), .home], help: "first meeting / top of the article", scope: .any, action: .top),
        Command(name: "bottom", keys: [.char("G"), .end], help: "last meeting / end of the article", scope: .any, action: .bottom),
        Command(name: "open", keys: [.enter, .char("l"), .right], help: "open the meeting / focus the detail", scope: .any, action: .open),
        Command(name: "back", keys: [.escape, .char("h"), .left], help: "back to the list (in the list: drop the search)", scope: .any, action: .back),
        Command(name: "switch-focus", keys: [.tab], help: "switch focus between list and detail", scope: .any, action: .toggleFocus),
        Command(name: "page-detail", keys: [.char(" ")], help: "page the detail down", scope: .any, action: .pageDetail(1)),
        Command(name: "page-detail-back", keys: [.char("b")], help: "page the detail up", scope: .any, action: .pageDetail(-1)),
        Command(name: "search", keys: [.char("/")], help: "search titles and text (no diacritics needed)", scope: .any, action: .startSearch),
        Command(name: "next-hit", keys: [.char("n")], help: "next search hit in the detail", scope: .any, action: .nextHit),
        Command(name: "prev-hit", keys: [.char("N")], help: "previous search hit in the detail", scope: .any, action: .prevHit),
        Command(name: "province", keys: [.char("p")], help: "pick provinces", scope: .any, action: .openPicker(.province)),
        Command(name: "year", keys: [.char("y")], help: "pick years", scope: .any, action: .openPicker(.year)),
        Command(name: "kind", keys: [.char("t")], help: "pick kinds of meeting", scope: .any, action: .openPicker(.kind)),
        Command(name: "clear", keys: [.char("c")], help: "clear all filters and the search", scope: .any, action: .clearFilters),
        Command(name: "info", keys: [.char("i")], help: "more / fewer details: notes, file, related", scope: .any, action: .toggleInfo),
        Command(name: "star", keys: [.char("s")], help: "star / unstar the meeting", scope: .any, action: .toggleStar),
        Command(name: "show", keys: [.char("u")], help: "show all / unread / starred", scope: .any, action: .cycleReadFilter),
        Command(name: "help", keys: [.char("?")], help: "this help", scope: .any, action: .toggleHelp),
        Command(name: "redraw", keys: [.ctrl("l")], help: "redraw the screen", scope: .any, action: .redraw),
        Command(name: "quit", keys: [.char("q")], help: "quit", scope: .any, action: .quit),
    ]

    /// Keys of the text-entry modes (search prompt, picker); shown in help too.
    public static let entryHelp: [(String, String)] = [
        ("Enter", "search: keep it / picker: apply"), ("Esc", "search: drop it / picker: cancel"),
        ("Space", "picker: select several values"), ("↑ ↓", "picker: move"), ("Ctrl-U", "clear what was typed"),
        ("Ctrl-Z", "suspend (fg resumes)"), ("mouse", "click selects; the wheel scrolls the pane under it"),
    ]

    /// The action for a key in the current state, or nil when it means nothing there.
    public static func action(for key: Key, in state: AppState) -> Action? {
        switch state.mode {
        case .help:
            switch key {
            case .char("q"): return .quit
            case .char("j"), .down: return .scrollHelp(1)
            case .char("k"), .up: return .scrollHelp(-1)
            case .char(" "), .pageDown: return .scrollHelp(8)
            case .pageUp, .char("b"): return .scrollHelp(-8)
            default: return .toggleHelp
            }
        case .search:
            switch key {
            case .enter: return .commit
            case .escape: return .cancel
            case .backspace: return .deleteBackward
            case .ctrl("u"): return .clearInput
            case .up: return .move(-1)
            case .down: return .move(1)
            case .char(let c): return .input(String(c))
            case .ctrl("l"): return .redraw
            default: return nil
            }
        case .picker:
            switch key {
            case .enter: return .commit
            case .escape: return .cancel
            case .backspace: return .deleteBackward
            case .ctrl("u"): return .clearInput
            case .up, .ctrl("p"): return .pickerMove(-1)
            case .down, .ctrl("n"), .tab: return .pickerMove(1)
            case .pageUp: return .pickerMove(-10)
            case .pageDown: return .pickerMove(10)
            case .char(" "): return .pickerToggle
            case .char(let c): return .input(String(c))
            case .ctrl("l"): return .redraw
            default: return nil
            }
        case .browse:
            let scope: CommandScope = state.focus == .detail ? .detail : .list
            if let bound = boundAction(for: key, scope: scope, bindings: state.bindings) { return bound }
            let hit = table.first { $0.keys.contains(key) && $0.scope == scope } ?? table.first { $0.keys.contains(key) && $0.scope == .any }
            return hit?.action
        }
    }
}
