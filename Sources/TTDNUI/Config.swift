import TTDNCore

/// The user's configuration, after tig's tigrc: one statement per line,
///
///     # a comment
///     bind x quit                  # KEY COMMAND — names from Commands.table
///     bind <Ctrl-N> down
///     color header white blue bold # ELEMENT FG BG [ATTR…]
///     set theme mono               # OPTION VALUE
///
/// Parsing is pure (text in, config and errors out); the shell reads the
/// file. A bad line is reported with its number and skipped; the rest applies.
public struct Config: Sendable, Equatable {
    public enum Order: String, Sendable, CaseIterable { case oldest, newest }

    /// Keys the user bound, and the command name each runs.
    public var bindings: [Key: String] = [:]
    /// `color` lines, applied over the theme.
    public var colors: [Style: StyleSpec] = [:]
    public var theme: String?
    /// Width from which list and detail show side by side (`set split`); nil: the built-in 100.
    public var splitFrom: Int?
    /// Whether the detail pane shows the full metadata (notes, file, related) from the start.
    public var info: Bool?
    public var order: Order?

    public init() {}

    /// The options `set` knows, with their values, for errors and the manual.
    public static let options: [(name: String, values: String, help: String)] = [
        ("theme", "default | mono", "colours that read on dark and light backgrounds, or attributes only"),
        ("split", "auto | never | COLUMNS", "show list and detail side by side from this width (auto: 100)"),
        ("info", "on | off", "show the detail's notes, file path and related reports from the start (the i key toggles)"),
        ("order", "oldest | newest", "timeline order: oldest meeting first (the default) or newest first (the o key toggles)"),
    ]

    public struct Problem: Sendable, Equatable, CustomStringConvertible {
        public var line: Int
        public var message: String
        public var description: String { "line \(line): \(message)" }
    }

    public static func parse(_ text: String) -> (Config, [Problem]) {
        var c = Config()
        var problems: [Problem] = []
        for (i, raw) in text.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
            let n = i + 1
            var words = raw.split(whereSeparator: { $0 == " " || $0 == "\t" || $0 == "\r" }).map(String.init)
            guard let verb = words.first, !verb.hasPrefix("#") else { continue }
            // A trailing comment; `bind # …` binds the # key itself.
            if let k = words.indices.dropFirst().first(where: { words[$0].hasPrefix("#") && !(verb == "bind" && $0 == words.count - 2) }) {
                words = Array(words[..<k])
            }
            let args = Array(words.dropFirst())
            if let message = c.apply(verb: verb, args) { problems.append(Problem(line: n, message: message)) }
        }
        return (c, problems)
    }

    /// Applies one statement; returns what was wrong with it, if anything.
    mutating func apply(verb: String, _ a: [String]) -> String? {
        switch verb {
        case "bind":
            var a = a
            if a.count == 3, ["generic", "main", "any"].contains(a[0]) { a.removeFirst() }  // tig's `bind generic KEY CMD`
            guard a.count == 2 else { return "bind needs a key and a command: bind KEY COMMAND (e.g. bind x quit)" }
            guard let key = Key(configName: a[0]) else {
                return "unknown key ‘\(a[0])’ (a character, or one of \(Key.namedKeys.map(\.0).joined(separator: ", ")), Ctrl-X)"
            }
            guard Commands.table.contains(where: { $0.name == a[1] }) else {
                return "unknown command ‘\(a[1])’ (commands: \(Commands.names.joined(separator: ", ")))"
            }
            bindings[key] = a[1]
        case "color", "colour":
            guard a.count >= 3 else { return "color needs an element and two colours: color ELEMENT FG BG [ATTR…]" }
            guard let style = Style(configName: a[0]) else {
                return "unknown element ‘\(a[0])’ (elements: \(Style.allCases.map(\.configName).joined(separator: ", ")))"
            }
            guard let fg = TermColor(name: a[1]) else { return "unknown colour ‘\(a[1])’ (default, \(TermColor.names.joined(separator: ", ")), bright-NAME, color0–color255)" }
            guard let bg = TermColor(name: a[2]) else { return "unknown colour ‘\(a[2])’ (default, \(TermColor.names.joined(separator: ", ")), bright-NAME, color0–color255)" }
            var attrs: TextAttributes = []
            for w in a.dropFirst(3) {
                if w == "normal" { continue }
                guard let at = TextAttributes.names.first(where: { $0.0 == w.lowercased() }) else {
                    return "unknown attribute ‘\(w)’ (\(TextAttributes.names.map(\.0).joined(separator: ", ")), normal)"
                }
                attrs.insert(at.1)
            }
            colors[style] = StyleSpec(fg, bg, attrs)
        case "set":
            var a = a
            if a.count == 3, a[1] == "=" { a.remove(at: 1) }   // `set theme = mono`, as tig writes it
            guard a.count == 2 else { return "set needs an option and a value: set OPTION VALUE" }
            let v = a[1].lowercased()
            switch a[0] {
            case "theme":
                guard Theme.named(v) != nil else { return "theme must be one of: \(Theme.names.joined(separator: ", "))" }
                theme = v
            case "split":
                if v == "auto" { splitFrom = ScreenLayout.wideFrom } else if v == "never" { splitFrom = Int.max }
                else if let w = Int(v), w >= ScreenLayout.minimum.width { splitFrom = w }
                else { return "split must be auto, never or a width of at least \(ScreenLayout.minimum.width) columns" }
            case "info":
                guard let b = Self.bool(v) else { return "info must be on or off" }
                info = b
            case "order":
                guard let o = Order(rawValue: v) else { return "order must be oldest or newest" }
                order = o
            default:
                return "unknown option ‘\(a[0])’ (options: \(Self.options.map(\.name).joined(separator: ", ")))"
            }
        default:
            return "unknown statement ‘\(verb)’ (bind, color or set)"
        }
        return nil
    }

    static func bool(_ v: String) -> Bool? {
        switch v { case "on", "yes", "true", "1": return true; case "off", "no", "false", "0": return false; default: return nil }
    }

    /// The theme to draw with: `set theme`, else the standard one; NO_COLOR
    /// removes every colour of the theme, and the user's own `color` lines
    /// apply last (as the NO_COLOR convention asks of user configuration).
    public func resolvedTheme(noColor: Bool) -> Theme {
        var t = theme.flatMap(Theme.named) ?? .standard
        if noColor { t = t.withoutColor }
        for (s, spec) in colors { t.specs[s] = spec }
        return t
    }

    /// The browser state with the user's bindings and options. `set order` starts the
    /// timeline in that order (what the `o` key toggles), on its first meeting.
    public func apply(to s: inout AppState) {
        s.bindings = bindings
        if let w = splitFrom { s.splitFrom = w }
        if let i = info { s.showInfo = i }
        if let o = order, (o == .newest) != s.newestFirst {
            s.newestFirst = o == .newest
            s.selectedID = s.visible.first.map { s.timeline.id($0) }
            s.anchor = ReadingAnchor()
            s.keepSelectionVisible()
        }
    }
}

extension Key {
    public static let namedKeys: [(String, Key)] = [
        ("Space", .char(" ")), ("Enter", .enter), ("Esc", .escape), ("Escape", .escape), ("Tab", .tab),
        ("S-Tab", .backTab), ("BackTab", .backTab), ("Backspace", .backspace), ("Bksp", .backspace),
        ("Up", .up), ("Down", .down), ("Left", .left), ("Right", .right),
        ("PgUp", .pageUp), ("PageUp", .pageUp), ("PgDn", .pageDown), ("PageDown", .pageDown),
        ("Home", .home), ("End", .end), ("Hash", .char("#")),
    ]

    /// `x`, `Space`, `<Enter>`, `Ctrl-N`, `C-n`, `^N` (case-insensitive names).
    public init?(configName raw: String) {
        var s = raw
        if s.count > 2, s.hasPrefix("<"), s.hasSuffix(">") { s = String(s.dropFirst().dropLast()) }
        if s.count == 1 { self = .char(s.first!); return }
        if let k = Key.namedKeys.first(where: { $0.0.lowercased() == s.lowercased() }) { self = k.1; return }
        for p in ["ctrl-", "c-", "^"] where s.lowercased().hasPrefix(p) && s.count == p.count + 1 {
            let c = Character(s.suffix(1).lowercased())
            guard c.isLetter, c.isASCII else { return nil }
            self = .ctrl(c)
            return
        }
        return nil
    }
}

extension Commands {
    public static var names: [String] { table.map(\.name) }

    /// The keys that run `c`: its own, less those the user gave to another
    /// command, plus the user's own (what the help screen shows).
    public static func keys(for c: Command, bindings: [Key: String]) -> [Key] {
        var ks = c.keys.filter { k in bindings[k].map { $0 == c.name } ?? true }
        for (k, name) in bindings.sorted(by: { $0.key.label < $1.key.label }) where name == c.name && !ks.contains(k) { ks.append(k) }
        return ks
    }

    /// The user's binding for `key` in the browser, if any.
    static func boundAction(for key: Key, scope: CommandScope, bindings: [Key: String]) -> Action? {
        guard let name = bindings[key] else { return nil }
        let named = table.filter { $0.name == name }
        return (named.first { $0.scope == scope } ?? named.first { $0.scope == .any } ?? named.first)?.action
    }
}
