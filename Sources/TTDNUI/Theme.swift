import Foundation

/// How each `Style` looks on a terminal: a foreground, a background and
/// attributes. Pure data; the shell turns it into ncurses pairs.
///
/// The standard theme is built so that it reads on both dark and light
/// backgrounds with 8, 16 or 256 colours:
/// - text on the terminal's own background uses the terminal's own
///   foreground (colour -1), never a colour that might vanish on one of them;
/// - every accent is a *pair* (an explicit background with a foreground
///   chosen for it), so its contrast does not depend on the terminal;
/// - no black foreground is ever bold (xterm and many others draw bold black
///   as grey), and no text is dim (faint halves the contrast).
/// `ThemeContrastTests` checks every pair against xterm's palette (WCAG ≥ 4.5:1).
public enum TermColor: Sendable, Equatable, Hashable {
    /// The terminal's own foreground or background (`use_default_colors`, pair colour -1).
    case `default`
    /// A palette index: 0–7 the ANSI colours, 8–15 their bright forms, 16–255 the xterm cube and greys.
    case index(Int)

    public static let black = TermColor.index(0), red = TermColor.index(1), green = TermColor.index(2),
                      yellow = TermColor.index(3), blue = TermColor.index(4), magenta = TermColor.index(5),
                      cyan = TermColor.index(6), white = TermColor.index(7)

    public static let names = ["black", "red", "green", "yellow", "blue", "magenta", "cyan", "white"]

    /// `default`, a colour name, `bright-NAME`, or `colorN` / a bare number 0–255.
    public init?(name: String) {
        let n = name.lowercased()
        if n == "default" || n == "-1" || n == "none" { self = .default; return }
        if let i = Self.names.firstIndex(of: n) { self = .index(i); return }
        if n.hasPrefix("bright-"), let i = Self.names.firstIndex(of: String(n.dropFirst(7))) { self = .index(i + 8); return }
        let digits = n.hasPrefix("color") ? String(n.dropFirst(5)) : n
        if let v = Int(digits), (0...255).contains(v) { self = .index(v); return }
        return nil
    }

    public var name: String {
        switch self {
        case .default: return "default"
        case .index(let i) where i < 8: return Self.names[i]
        case .index(let i) where i < 16: return "bright-" + Self.names[i - 8]
        case .index(let i): return "color\(i)"
        }
    }
}

public struct TextAttributes: OptionSet, Sendable, Hashable {
    public let rawValue: UInt8
    public init(rawValue: UInt8) { self.rawValue = rawValue }
    public static let bold = TextAttributes(rawValue: 1)
    public static let reverse = TextAttributes(rawValue: 2)
    public static let underline = TextAttributes(rawValue: 4)
    public static let italic = TextAttributes(rawValue: 8)
    public static let dim = TextAttributes(rawValue: 16)

    public static let names: [(String, TextAttributes)] = [
        ("bold", .bold), ("reverse", .reverse), ("underline", .underline), ("italic", .italic), ("dim", .dim),
    ]
}

public struct StyleSpec: Sendable, Equatable, Hashable {
    public var fg: TermColor
    public var bg: TermColor
    public var attrs: TextAttributes
    public init(_ fg: TermColor = .default, _ bg: TermColor = .default, _ attrs: TextAttributes = []) {
        self.fg = fg; self.bg = bg; self.attrs = attrs
    }
    public var usesColor: Bool { fg != .default || bg != .default }
}

extension Style {
    /// The name a config file's `color` line uses: `overlay-selected`, `year-selected`, …
    public var configName: String {
        var out = ""
        for ch in String(describing: self) {
            if ch.isUppercase { out += "-" + ch.lowercased() } else { out.append(ch) }
        }
        return out
    }

    public init?(configName: String) {
        guard let s = Style.allCases.first(where: { $0.configName == configName.lowercased() }) else { return nil }
        self = s
    }

    /// Borders and rules are not text: WCAG asks 3:1 of them, 4.5:1 of text.
    public var isText: Bool { self != .border }
}

public struct Theme: Sendable, Equatable {
    public var name: String
    public var specs: [Style: StyleSpec]

    public func spec(_ s: Style) -> StyleSpec { specs[s] ?? StyleSpec() }

    public static let names = ["default", "mono"]

    public static func named(_ n: String) -> Theme? {
        switch n.lowercased() {
        case "default", "standard", "color", "colour": return .standard
        case "mono", "monochrome", "none": return .monochrome
        default: return nil
        }
    }

    /// Readable on dark and light backgrounds; accents only as explicit pairs.
    public static let standard = Theme(name: "default", specs: [
        .normal: StyleSpec(),
        .dim: StyleSpec(.default, .default, .italic),              // labels, read meetings: italic, never faint
        .bold: StyleSpec(.default, .default, .bold),
        .selected: StyleSpec(.default, .default, [.reverse, .bold]),
        .selectedDim: StyleSpec(.default, .default, .reverse),
        .header: StyleSpec(.white, .blue, .bold),                  // white on blue: 7.5:1 (bold: bright white, 9.4:1)
        .status: StyleSpec(.default, .default, .reverse),
        .hit: StyleSpec(.black, .yellow),                          // black on yellow, not bold: 12.3:1
        .caption: StyleSpec(.default, .default, .italic),
        .subheading: StyleSpec(.default, .default, [.bold, .underline]),
        .year: StyleSpec(.default, .default, .bold),
        .yearSelected: StyleSpec(.black, .cyan),                   // 10.6:1
        .border: StyleSpec(),
        .overlay: StyleSpec(.white, .blue),                        // 7.5:1
        .overlaySelected: StyleSpec(.black, .cyan),                // 10.6:1
        .warning: StyleSpec(.white, .red, .bold),                  // bright white on red: 5.8:1 (plain white 4.6:1)
        .key: StyleSpec(.yellow, .blue, .bold),                    // bright yellow on blue: 8.8:1 (plain 5.5:1)
        .info: StyleSpec(.default, .default, .italic),
    ])

    /// No colour at all: attributes only (NO_COLOR, `set theme mono`).
    public static let monochrome = Theme(name: "mono", specs: [
        .normal: StyleSpec(),
        .dim: StyleSpec(.default, .default, .italic),
        .bold: StyleSpec(.default, .default, .bold),
        .selected: StyleSpec(.default, .default, [.reverse, .bold]),
        .selectedDim: StyleSpec(.default, .default, .reverse),
        .header: StyleSpec(.default, .default, [.reverse, .bold]),
        .status: StyleSpec(.default, .default, .reverse),
        .hit: StyleSpec(.default, .default, [.reverse, .underline]),
        .caption: StyleSpec(.default, .default, .italic),
        .subheading: StyleSpec(.default, .default, [.bold, .underline]),
        .year: StyleSpec(.default, .default, .bold),
        .yearSelected: StyleSpec(.default, .default, .reverse),
        .border: StyleSpec(),
        .overlay: StyleSpec(),
        .overlaySelected: StyleSpec(.default, .default, .reverse),
        .warning: StyleSpec(.default, .default, [.bold, .reverse]),
        .key: StyleSpec(.default, .default, .bold),
        .info: StyleSpec(.default, .default, .italic),
    ])

    /// The theme with every colour removed (what `NO_COLOR` asks for).
    public var withoutColor: Theme {
        var t = self
        for (k, v) in specs where v.usesColor { t.specs[k] = Theme.monochrome.spec(k) }
        return t
    }
}

/// WCAG 2 relative luminance and contrast, and xterm's palette, for the theme check.
public enum Contrast {
    public struct RGB: Sendable, Equatable { public var r, g, b: Int; public init(_ r: Int, _ g: Int, _ b: Int) { self.r = r; self.g = g; self.b = b } }

    /// xterm's default 16 colours (XTerm-col.ad / charproc.c).
    public static let xterm16: [RGB] = [
        RGB(0x00, 0x00, 0x00), RGB(0xcd, 0x00, 0x00), RGB(0x00, 0xcd, 0x00), RGB(0xcd, 0xcd, 0x00),
        RGB(0x00, 0x00, 0xee), RGB(0xcd, 0x00, 0xcd), RGB(0x00, 0xcd, 0xcd), RGB(0xe5, 0xe5, 0xe5),
        RGB(0x7f, 0x7f, 0x7f), RGB(0xff, 0x00, 0x00), RGB(0x00, 0xff, 0x00), RGB(0xff, 0xff, 0x00),
        RGB(0x5c, 0x5c, 0xff), RGB(0xff, 0x00, 0xff), RGB(0x00, 0xff, 0xff), RGB(0xff, 0xff, 0xff),
    ]

    /// xterm's 256-colour palette: the 16 above, a 6×6×6 cube, 24 greys.
    public static func xterm256(_ i: Int) -> RGB {
        if i < 16 { return xterm16[i] }
        if i < 232 {
            let v = i - 16, steps = [0, 0x5f, 0x87, 0xaf, 0xd7, 0xff]
            return RGB(steps[v / 36], steps[(v / 6) % 6], steps[v % 6])
        }
        let g = 8 + (i - 232) * 10
        return RGB(g, g, g)
    }

    public static func luminance(_ c: RGB) -> Double {
        func lin(_ v: Int) -> Double {
            let s = Double(v) / 255
            return s <= 0.03928 ? s / 12.92 : pow((s + 0.055) / 1.055, 2.4)
        }
        return 0.2126 * lin(c.r) + 0.7152 * lin(c.g) + 0.0722 * lin(c.b)
    }

    public static func ratio(_ a: RGB, _ b: RGB) -> Double {
        let la = luminance(a), lb = luminance(b)
        return (max(la, lb) + 0.05) / (min(la, lb) + 0.05)
    }
}
