import TTDNCore

/// How a cell is drawn; the terminal shell maps these to attributes and colours.
public enum Style: UInt8, Sendable, CaseIterable {
    case normal, dim, bold, selected, selectedDim, header, status, hit, caption, subheading, year, yearSelected, border, overlay, overlaySelected, warning, key, info
}

/// One terminal cell: a grapheme (with any combining marks) and its style.
/// A wide grapheme occupies its cell and a `continuation` cell after it.
public struct Cell: Sendable, Equatable {
    public var text: String
    public var width: UInt8
    public var style: Style
    public static let blank = Cell(text: " ", width: 1, style: .normal)
    public var isContinuation: Bool { width == 0 }
}

/// What `render` produces: exactly `width × height` cells. Writing is clipped
/// and sanitised, so no content can put a control character on the terminal
/// or push a row past the edge.
public struct Grid: Sendable, Equatable {
    public let width: Int
    public let height: Int
    public private(set) var cells: [Cell]

    public init(width: Int, height: Int) {
        self.width = max(0, width)
        self.height = max(0, height)
        cells = Array(repeating: .blank, count: self.width * self.height)
    }

    public subscript(x: Int, y: Int) -> Cell { cells[y * width + x] }

    public mutating func fill(x: Int, y: Int, w: Int, h: Int = 1, style: Style) {
        for yy in max(0, y)..<min(height, y + h) {
            for xx in max(0, x)..<min(width, x + w) { cells[yy * width + xx] = Cell(text: " ", width: 1, style: style) }
        }
    }

    /// Writes `text` at (x, y), at most `maxWidth` columns; returns columns used.
    @discardableResult
    public mutating func put(_ text: String, x: Int, y: Int, maxWidth: Int = .max, style: Style) -> Int {
        guard y >= 0, y < height, x < width else { return 0 }
        let limit = maxWidth >= width ? width : min(width, x + max(0, maxWidth))
        var col = x
        for ch in Sanitize.line(text) {
            var w = DisplayWidth.of(ch)
            var g = String(ch)
            if w == 0 {
                // A mark with no base (or another zero-width cluster) gets a visible base.
                if ch.unicodeScalars.allSatisfy({ DisplayWidth.of($0) == 0 }) { g = "\u{25CC}" + g; w = 1 } else { continue }
            }
            if w > 2 { g = "\u{FFFD}"; w = 1 }
            if col + w > limit { break }
            if col >= 0 {
                clearWide(at: col, y: y)
                cells[y * width + col] = Cell(text: g, width: UInt8(w), style: style)
                if w == 2 {
                    clearWide(at: col + 1, y: y)
                    cells[y * width + col + 1] = Cell(text: "", width: 0, style: style)
                }
            }
            col += w
        }
        return col - x
    }

    /// Overwriting half of a wide character blanks its other half.
    private mutating func clearWide(at x: Int, y: Int) {
        guard x >= 0, x < width else { return }
        let c = cells[y * width + x]
        if c.width == 2, x + 1 < width { cells[y * width + x + 1] = Cell(text: " ", width: 1, style: c.style) }
        if c.width == 0, x > 0 { cells[y * width + x - 1] = Cell(text: " ", width: 1, style: cells[y * width + x - 1].style) }
    }

    /// The grid as text lines (continuation cells omitted), for snapshots.
    public func lines() -> [String] {
        (0..<height).map { y in
            var s = ""
            for x in 0..<width where !self[x, y].isContinuation { s += self[x, y].text }
            return s
        }
    }

    /// Display width of each row: always `width` for a well-formed grid.
    public func rowWidths() -> [Int] {
        (0..<height).map { y in (0..<width).reduce(0) { $0 + (self[$1, y].isContinuation ? 0 : Int(self[$1, y].width)) } }
    }
}

public struct Rect: Sendable, Equatable {
    public var x, y, w, h: Int
    public init(x: Int, y: Int, w: Int, h: Int) { self.x = x; self.y = y; self.w = max(0, w); self.h = max(0, h) }
    public func contains(_ px: Int, _ py: Int) -> Bool { px >= x && px < x + w && py >= y && py < y + h }
    public static let zero = Rect(x: 0, y: 0, w: 0, h: 0)
}

public struct Size: Sendable, Equatable {
    public var width, height: Int
    public init(width: Int, height: Int) { self.width = width; self.height = height }
}

/// Where everything goes at a given size; shared by `render` and `reduce`
/// (paging and mouse hits need the same geometry the screen shows).
public struct ScreenLayout: Sendable, Equatable {
    public static let minimum = Size(width: 20, height: 6)
    public static let wideFrom = 100

    public var tooSmall: Bool
    public var wide: Bool
    public var header: Rect
    public var strip: Rect
    public var list: Rect
    public var detail: Rect
    public var status: Rect

    /// `pane` chooses what a wide screen shows; `listWant` is the width the list's columns would like
    /// (the list takes it, leaving the detail at least 45% of the screen); `wideFrom` is the width
    /// from which list and detail sit side by side (config `set split`).
    public init(size: Size, detailOpen: Bool, pane: PaneMode = .split, listWant: Int = 0, wideFrom: Int = ScreenLayout.wideFrom) {
        tooSmall = size.width < Self.minimum.width || size.height < Self.minimum.height
        wide = size.width >= wideFrom
        header = Rect(x: 0, y: 0, w: size.width, h: 1)
        status = Rect(x: 0, y: size.height - 1, w: size.width, h: 1)
        let hasStrip = size.height >= 12
        strip = hasStrip ? Rect(x: 0, y: 1, w: size.width, h: 1) : .zero
        let top = hasStrip ? 2 : 1
        let bodyH = size.height - top - 1
        if tooSmall {
            list = .zero; detail = .zero
        } else if wide && pane == .list {
            list = Rect(x: 0, y: top, w: size.width, h: bodyH)
            detail = .zero
        } else if wide && pane == .detail {
            list = .zero
            detail = Rect(x: 0, y: top, w: size.width, h: bodyH)
        } else if wide {
            let base = min(max(52, size.width * 9 / 20), 90)
            let lw = max(base, min(listWant, size.width - max(60, size.width * 45 / 100) - 1))
            list = Rect(x: 0, y: top, w: lw, h: bodyH)
            detail = Rect(x: lw + 1, y: top, w: size.width - lw - 1, h: bodyH)
        } else if detailOpen {
            list = .zero
            detail = Rect(x: 0, y: top, w: size.width, h: bodyH)
        } else {
            list = Rect(x: 0, y: top, w: size.width, h: bodyH)
            detail = .zero
        }
    }
}
