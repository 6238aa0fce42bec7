import Foundation

/// Ways to take results out: JSON (the stable machine format), CSV, Markdown,
/// and an aligned text table. All write NFC UTF-8 text with no control characters.
public enum ExportFormat: String, Sendable, CaseIterable { case table, json, csv, md }

public enum Export {
    public static func render(_ meetings: [Meeting], as format: ExportFormat, width: Int = 120) -> String {
        switch format {
        case .json: return json(meetings)
        case .csv: return csv(meetings)
        case .md: return markdown(meetings)
        case .table: return table(meetings, width: width)
        }
    }

    // MARK: JSON

    /// An array of objects with exactly the documented keys, in order.
    /// `extra` adds keys after the documented ones (the command line adds `read` and `starred`).
    public static func json(_ meetings: [Meeting], withParagraphs: Bool = false, extra: ((Meeting) -> [(String, String)])? = nil) -> String {
        var out = "[\n"
        for (i, m) in meetings.enumerated() {
            out += "  " + jsonObject(m, withParagraphs: withParagraphs, indent: "  ", extra: extra?(m) ?? [])
            out += i + 1 < meetings.count ? ",\n" : "\n"
        }
        return out + "]\n"
    }

    public static func jsonObject(_ m: Meeting, withParagraphs: Bool, indent: String = "", extra: [(String, String)] = []) -> String {
        var fields: [(String, String)] = [
            ("id", str(m.id)), ("file", str(m.file)), ("title", str(m.title)),
            ("date", m.date.map { str($0.description) } ?? "null"),
            ("date_precision", m.date.map { str($0.precision.rawValue) } ?? "null"),
            ("date_basis", m.dateBasis.map { str($0.rawValue) } ?? "null"),
            ("published", m.published.map(str) ?? "null"),
            ("province", m.province.map(str) ?? "null"),
            ("province_basis", m.provinceBasis.map { str($0.rawValue) } ?? "null"),
            ("province_2025", m.province2025.map(str) ?? "null"),
            ("venue", m.venue.map(str) ?? "null"),
            ("kind", str(m.kind.rawValue)), ("is_meeting", m.isMeeting ? "true" : "false"),
            ("chair", m.chair.map(str) ?? "null"),
            ("people", "[" + m.people.map { p in
                "{\"name\": \(str(p.name)), \"titles\": [\(p.titles.map(str).joined(separator: ", "))], \"role\": \(str(p.role.rawValue))}"
            }.joined(separator: ", ") + "]"),
            ("byline", m.byline.map(str) ?? "null"),
            ("excerpt", str(m.excerpt)),
            ("related", "[" + m.related.map(str).joined(separator: ", ") + "]"),
            ("diagnostics", "[" + m.diagnostics.map(str).joined(separator: ", ") + "]"),
            ("evidence", "[" + m.evidence.map(str).joined(separator: ", ") + "]"),
        ]
        fields += extra
        if withParagraphs {
            fields.append(("paragraphs", "[" + m.paragraphs.map { "{\"text\": \(str($0.text)), \"role\": \(str($0.role.rawValue))}" }.joined(separator: ", ") + "]"))
        }
        let inner = indent + "  "
        return "{\n" + fields.map { "\(inner)\"\($0.0)\": \($0.1)" }.joined(separator: ",\n") + "\n\(indent)}"
    }

    public static func str(_ s: String) -> String {
        var out = "\""
        for u in s.unicodeScalars {
            switch u {
            case "\"": out += "\\\""
            case "\\": out += "\\\\"
            case "\n": out += "\\n"
            case "\r": out += "\\r"
            case "\t": out += "\\t"
            default:
                if u.value < 0x20 || (u.value >= 0x7F && u.value < 0xA0) || u.value == 0x2028 || u.value == 0x2029 {
                    out += String(format: "\\u%04x", u.value)
                } else {
                    out.unicodeScalars.append(u)
                }
            }
        }
        return out + "\""
    }

    // MARK: CSV (RFC 4180)

    public static let csvColumns = ["id", "date", "date_precision", "date_basis", "province", "province_basis", "kind",
                                    "is_meeting", "chair", "title", "published", "byline", "file"]

    public static func csv(_ meetings: [Meeting]) -> String {
        var out = csvColumns.joined(separator: ",") + "\r\n"
        for m in meetings {
            let row = [m.id, m.date?.description ?? "", m.date?.precision.rawValue ?? "", m.dateBasis?.rawValue ?? "",
                       m.province ?? "", m.provinceBasis?.rawValue ?? "", m.kind.rawValue, m.isMeeting ? "true" : "false",
                       m.chair ?? "", m.title, m.published ?? "", m.byline ?? "", m.file]
            out += row.map(csvField).joined(separator: ",") + "\r\n"
        }
        return out
    }

    public static func csvField(_ s: String) -> String {
        // A leading = + - @ would run as a formula in a spreadsheet.
        var v = Sanitize.line(s)
        if let f = v.first, "=+-@".contains(f) { v = "'" + v }
        if v.contains(",") || v.contains("\"") || v.contains("\n") { return "\"" + v.replacingOccurrences(of: "\"", with: "\"\"") + "\"" }
        return v
    }

    // MARK: Markdown

    public static func markdown(_ meetings: [Meeting]) -> String {
        var out = "| Date | Province | Kind | Chair | Title |\n|---|---|---|---|---|\n"
        for m in meetings {
            let cells = [m.date?.description ?? "—", m.province ?? "—", m.kind.rawValue, m.chair ?? "—", m.title]
            out += "| " + cells.map { Sanitize.line($0).replacingOccurrences(of: "|", with: "\\|") }.joined(separator: " | ") + " |\n"
        }
        return out
    }

    // MARK: Table

    /// Columns padded and cut by display width, so Vietnamese (NFC or NFD) and wide characters align.
    /// With `idWidth` > 0 the id comes first (cut to a prefix `ttdn show` accepts); a nil `width`
    /// keeps titles whole (for pipes).
    public static func table(_ meetings: [Meeting], width: Int? = 120, idWidth: Int = 0) -> String {
        var cols: [(String, Int)] = [("DATE", 10), ("PROVINCE", 16), ("KIND", 13)]
        if idWidth > 0 { cols.insert(("ID", idWidth), at: 0) }
        let fixed = cols.reduce(0) { $0 + $1.1 + 2 }
        let titleWidth = width.map { max(20, $0 - fixed) }
        var out = cols.map { DisplayWidth.fit($0.0, $0.1) }.joined(separator: "  ") + "  " + "TITLE" + "\n"
        for m in meetings {
            var cells = [m.date?.description ?? "undated", m.province ?? "?", m.kind.rawValue]
            if idWidth > 0 { cells.insert(String(m.id.prefix(idWidth)), at: 0) }
            var line = zip(cells, cols).map { DisplayWidth.fit(Sanitize.line($0), $1.1) }.joined(separator: "  ")
            let title = Sanitize.line(m.title)
            line += "  " + (titleWidth.map { DisplayWidth.fit(title, $0) } ?? title)
            while line.hasSuffix(" ") { line.removeLast() }
            out += line + "\n"
        }
        return out
    }

    /// One meeting as readable text, for `ttdn show`.
    public static func text(_ m: Meeting, width: Int = 80) -> String {
        var out = m.title + "\n" + String(repeating: "=", count: min(width, max(4, DisplayWidth.of(m.title)))) + "\n"
        func line(_ k: String, _ v: String?) { if let v, !v.isEmpty { out += DisplayWidth.fit(k, 10) + v + "\n" } }
        line("Date", m.date.map { $0.description + (m.dateBasis.map { $0 == .stated ? "" : " (\($0.rawValue))" } ?? "") } ?? "unknown")
        line("Province", m.province.map { $0 + (m.provinceBasis.map { $0 == .headline || $0 == .text ? "" : " (\($0.rawValue))" } ?? "") } ?? "unknown")
        if let p25 = m.province2025, p25 != m.province { line("Map 2025", p25) }
        line("Venue", m.venue)
        line("Kind", m.kind.rawValue + (m.isMeeting ? "" : " (not a meeting report)"))
        line("Chair", m.chair)
        for p in m.people { line("Person", "\(p.name) — \(p.role.rawValue)" + (p.titles.isEmpty ? "" : "; " + p.titles.joined(separator: ", "))) }
        line("Byline", m.byline)
        line("Published", m.published)
        line("File", m.file)
        for r in m.related { line("Related", r) }
        for e in m.evidence { line("Evidence", e) }
        for d in m.diagnostics { line("Note", d) }
        out += "\n"
        for p in m.paragraphs {
            let prefix = p.role == .caption ? "[Ảnh] " : p.role == .subheading ? "## " : ""
            for l in DisplayWidth.wrap(prefix + p.text, width: width) { out += l.text + "\n" }
            out += "\n"
        }
        return out
    }
}
