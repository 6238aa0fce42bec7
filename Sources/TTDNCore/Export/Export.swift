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
        var out = JSONBytes()
        out.raw("[\n")
        for (i, m) in meetings.enumerated() {
            out.raw("  ")
            out.object(m, withParagraphs: withParagraphs, indent: "  ", extra: extra?(m) ?? [])
            out.raw(i + 1 < meetings.count ? ",\n" : "\n")
        }
        out.raw("]\n")
        return out.string
    }

    public static func jsonObject(_ m: Meeting, withParagraphs: Bool, indent: String = "", extra: [(String, String)] = []) -> String {
        var out = JSONBytes()
        out.object(m, withParagraphs: withParagraphs, indent: indent, extra: extra)
        return out.string
    }

    /// `jsonObject`'s UTF-8 bytes, appended to `bytes`.
    public static func appendJSONObject(_ m: Meeting, withParagraphs: Bool, indent: String = "", to bytes: inout [UInt8]) {
        var out = JSONBytes()
        swap(&out.bytes, &bytes)
        out.object(m, withParagraphs: withParagraphs, indent: indent, extra: [])
        swap(&out.bytes, &bytes)
    }

    public static func str(_ s: String) -> String {
        var out = JSONBytes()
        out.string(s)
        return out.string
    }

    /// JSON written as UTF-8 bytes: Strings concatenated per field and per object cost ~0.4 s of CPU
    /// for the 10,000 objects a first build stores (its list file), and as much again for a
    /// `list --format json` that renders them.
    struct JSONBytes {
        var bytes: [UInt8] = []
        var string: String { String(decoding: bytes, as: UTF8.self) }

        mutating func raw(_ s: StaticString) {
            s.withUTF8Buffer { bytes.append(contentsOf: $0) }
        }
        mutating func raw(_ s: String) { bytes.append(contentsOf: s.utf8) }

        /// The members of a record's object, in the documented order (`extra` after them, then the
        /// paragraphs when asked), one per line under `indent`.
        mutating func object(_ m: Meeting, withParagraphs: Bool, indent: String, extra: [(String, String)]) {
            let inner = indent + "  "
            var first = true
            func key(_ k: StaticString) {
                raw(first ? "{\n" : ",\n")
                first = false
                raw(inner)
                raw("\"")
                raw(k)
                raw("\": ")
            }
            func optional(_ k: StaticString, _ v: String?) {
                key(k)
                if let v { string(v) } else { raw("null") }
            }
            func list(_ k: StaticString, _ vs: [String]) {
                key(k)
                raw("[")
                for (i, v) in vs.enumerated() {
                    if i > 0 { raw(", ") }
                    string(v)
                }
                raw("]")
            }
            key("id"); string(m.id)
            key("file"); string(m.file)
            key("title"); string(m.title)
            optional("date", m.date?.description)
            optional("date_precision", m.date?.precision.rawValue)
            optional("date_basis", m.dateBasis?.rawValue)
            optional("published", m.published)
            optional("province", m.province)
            optional("province_basis", m.provinceBasis?.rawValue)
            optional("province_2025", m.province2025)
            optional("venue", m.venue)
            key("kind"); string(m.kind.rawValue)
            key("is_meeting"); raw(m.isMeeting ? "true" : "false")
            optional("chair", m.chair)
            key("people")
            raw("[")
            for (i, p) in m.people.enumerated() {
                if i > 0 { raw(", ") }
                raw("{\"name\": "); string(p.name)
                raw(", \"titles\": [")
                for (j, t) in p.titles.enumerated() {
                    if j > 0 { raw(", ") }
                    string(t)
                }
                raw("], \"role\": "); string(p.role.rawValue)
                raw("}")
            }
            raw("]")
            optional("byline", m.byline)
            key("excerpt"); string(m.excerpt)
            list("related", m.related)
            list("diagnostics", m.diagnostics)
            list("evidence", m.evidence)
            for (k, v) in extra {
                raw(",\n"); raw(inner); raw("\""); raw(k); raw("\": "); raw(v)
            }
            if withParagraphs {
                key("paragraphs")
                raw("[")
                for (i, p) in m.paragraphs.enumerated() {
                    if i > 0 { raw(", ") }
                    raw("{\"text\": "); string(p.text)
                    raw(", \"role\": "); string(p.role.rawValue)
                    raw("}")
                }
                raw("]")
            }
            raw("\n"); raw(indent); raw("}")
        }

        /// A JSON string: quote, backslash and the usual controls escaped by name, every other C0 or
        /// C1 control, DEL and U+2028/U+2029 as \\u00XX (so no terminal escape and no line break a
        /// JavaScript reader would choke on survives). On the UTF-8 bytes: only 0xC2 (C1 controls)
        /// and 0xE2 (U+2028/2029) lead bytes need a second look.
        mutating func string(_ s: String) {
            var s = s
            bytes.append(0x22)
            s.withUTF8 { b in
                let n = b.count
                var run = 0   // start of the bytes not yet copied
                var i = 0
                while i < n {
                    let c = b[i]
                    var escape: StaticString? = nil
                    var code: UInt32 = 0
                    var width = 1
                    switch c {
                    case 0x22: escape = "\\\""
                    case 0x5C: escape = "\\\\"
                    case 0x0A: escape = "\\n"
                    case 0x0D: escape = "\\r"
                    case 0x09: escape = "\\t"
                    case 0x00..<0x20, 0x7F: code = UInt32(c)
                    case 0xC2 where i + 1 < n && b[i + 1] >= 0x80 && b[i + 1] < 0xA0:
                        code = UInt32(b[i + 1]); width = 2
                    case 0xE2 where i + 2 < n && b[i + 1] == 0x80 && (b[i + 2] == 0xA8 || b[i + 2] == 0xA9):
                        code = 0x2000 | UInt32(b[i + 2] - 0x80); width = 3
                    default:
                        i += 1
                        continue
                    }
                    if run < i { bytes.append(contentsOf: UnsafeBufferPointer(rebasing: b[run..<i])) }
                    if let e = escape { raw(e) } else {
                        raw("\\u")
                        for shift in [12, 8, 4, 0] { bytes.append(Self.hex[Int(code >> UInt32(shift) & 0xF)]) }
                    }
                    i += width
                    run = i
                }
                if run < n { bytes.append(contentsOf: UnsafeBufferPointer(rebasing: b[run..<n])) }
            }
            bytes.append(0x22)
        }
        static let hex: [UInt8] = Array("0123456789abcdef".utf8)
    }

    // MARK: CSV (RFC 4180)

    public static let csvColumns = ["id", "date", "date_precision", "date_basis", "province", "province_basis", "kind",
                                    "is_meeting", "chair", "title", "published", "byline", "file"]

    public static func csv(_ meetings: [Meeting]) -> String {
        var out: [UInt8] = Array((csvColumns.joined(separator: ",") + "\r\n").utf8)
        // Rows rendered in chunks on every core, joined in order (100,000 rows: 0.4 s on one).
        let chunk = 2048
        let chunks = (meetings.count + chunk - 1) / chunk
        final class Parts: @unchecked Sendable { var bytes: [[UInt8]]; init(_ n: Int) { bytes = Array(repeating: [], count: n) } }
        let parts = Parts(chunks)
        DispatchQueue.concurrentPerform(iterations: chunks) { k in
            var part: [UInt8] = []
            for m in meetings[(k * chunk)..<min(meetings.count, (k + 1) * chunk)] { appendCSVRow(m, to: &part) }
            parts.bytes[k] = part
        }
        out.reserveCapacity(parts.bytes.reduce(out.count) { $0 + $1.count })
        for p in parts.bytes { out.append(contentsOf: p) }
        return String(decoding: out, as: UTF8.self)
    }

    static func appendCSVRow(_ m: Meeting, to out: inout [UInt8]) {
        let row = [m.id, m.date?.description ?? "", m.date?.precision.rawValue ?? "", m.dateBasis?.rawValue ?? "",
                   m.province ?? "", m.provinceBasis?.rawValue ?? "", m.kind.rawValue, m.isMeeting ? "true" : "false",
                   m.chair ?? "", m.title, m.published ?? "", m.byline ?? "", m.file]
        for (i, v) in row.enumerated() {
            if i > 0 { out.append(0x2C) }
            appendCSVField(v, to: &out)
        }
        out.append(0x0D); out.append(0x0A)
    }

    public static func csvField(_ s: String) -> String {
        var out: [UInt8] = []
        appendCSVField(s, to: &out)
        return String(decoding: out, as: UTF8.self)
    }

    /// One field: controls made spaces (`Sanitize.line`), a leading = + - @ defused with a quote (a
    /// spreadsheet would run it as a formula), quoted when it holds a comma, a quote or a line break.
    static func appendCSVField(_ s: String, to out: inout [UInt8]) {
        var v = Sanitize.line(s)
        if let f = v.first, "=+-@".contains(f) { v = "'" + v }
        v.withUTF8 { b in
            guard b.contains(where: { $0 == 0x2C || $0 == 0x22 || $0 == 0x0A }) else { out.append(contentsOf: b); return }
            out.append(0x22)
            for c in b {
                out.append(c)
                if c == 0x22 { out.append(0x22) }
            }
            out.append(0x22)
        }
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
