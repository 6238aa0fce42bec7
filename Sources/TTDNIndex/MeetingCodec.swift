import TTDNCore

/// A compact binary form of a parsed meeting for the index: length-prefixed
/// UTF-8 strings and varints. JSON decoding of 100,000 records would cost
/// seconds at start-up; this costs milliseconds. The article body is encoded
/// separately, so start-up never reads it.
enum MeetingCodec {
    static func encodeHead(_ m: Meeting) -> [UInt8] {
        var w = Writer()
        w.str(m.id); w.str(m.file); w.str(m.title)
        w.int(m.date?.year ?? 0); w.int(m.date?.month ?? 0); w.int(m.date?.day ?? 0)
        w.optStr(m.dateBasis?.rawValue); w.optStr(m.published)
        w.optStr(m.province); w.optStr(m.provinceBasis?.rawValue)
        w.str(m.kind.rawValue); w.int(m.isMeeting ? 1 : 0); w.optStr(m.chair)
        w.int(m.people.count)
        for p in m.people { w.str(p.name); w.strs(p.titles); w.str(p.role.rawValue) }
        w.optStr(m.byline); w.str(m.excerpt)
        w.strs(m.related); w.strs(m.diagnostics)
        w.int(m.yearsInText.count); for y in m.yearsInText { w.int(y) }
        w.strs(m.siteLinks)
        w.optStr(m.venue); w.strs(m.evidence)
        return w.bytes
    }

    static func decodeHead(_ bytes: [UInt8]) -> Meeting? { decodeHead(bytes, throughPeople: false) }

    /// `throughPeople`: stop after the people (what a person filter and the People view read),
    /// leaving byline, excerpt, evidence… empty — a third of the work.
    static func decodeHead(_ bytes: [UInt8], throughPeople: Bool) -> Meeting? {
        var r = Reader(bytes)
        guard let id = r.str(), let file = r.str(), let title = r.str() else { return nil }
        var m = Meeting(id: id, file: file, title: title)
        let y = r.int(), mo = r.int(), d = r.int()
        if y > 0 { m.date = MeetingDate(year: y, month: mo == 0 ? nil : mo, day: d == 0 ? nil : d) }
        m.dateBasis = r.optStr().flatMap(DateBasis.init(rawValue:))
        m.published = r.optStr()
        m.province = r.optStr()
        m.provinceBasis = r.optStr().flatMap(ProvinceBasis.init(rawValue:))
        m.kind = r.str().flatMap(MeetingKind.init(rawValue:)) ?? .other
        m.isMeeting = r.int() == 1
        m.chair = r.optStr()
        let n = r.int()
        guard n >= 0, n < 10_000 else { return nil }
        for _ in 0..<n {
            guard let name = r.str() else { return nil }
            let titles = r.strs()
            let role = r.str().flatMap(PersonRole.init(rawValue:)) ?? .attendee
            m.people.append(Person(name: name, titles: titles, role: role))
        }
        if throughPeople { return r.failed ? nil : m }
        m.byline = r.optStr()
        m.excerpt = r.str() ?? ""
        m.related = r.strs()
        m.diagnostics = r.strs()
        let ny = r.int()
        if ny > 0 && ny < 1000 { m.yearsInText = (0..<ny).map { _ in r.int() } }
        m.siteLinks = r.strs()
        m.venue = r.optStr()
        m.evidence = r.strs()
        return r.failed ? nil : m
    }

    static func encodeBody(_ ps: [Paragraph]) -> [UInt8] {
        var w = Writer()
        w.int(ps.count)
        for p in ps { w.str(p.text); w.str(p.role.rawValue) }
        return w.bytes
    }

    static func decodeBody(_ bytes: [UInt8]) -> [Paragraph]? {
        var r = Reader(bytes)
        let n = r.int()
        guard n >= 0, n < 1_000_000 else { return nil }
        var out: [Paragraph] = []
        out.reserveCapacity(n)
        for _ in 0..<n {
            guard let t = r.str(), let role = r.str().flatMap(ParagraphRole.init(rawValue:)) else { return nil }
            out.append(Paragraph(t, role))
        }
        return r.failed ? nil : out
    }

    /// The paragraphs' texts of an encoded body as UTF-8 slices (no strings made): for checking a search.
    static func bodyTexts(_ bytes: [UInt8]) -> [ArraySlice<UInt8>]? {
        var r = Reader(bytes)
        let n = r.int()
        guard n >= 0, n < 1_000_000 else { return nil }
        var out: [ArraySlice<UInt8>] = []
        out.reserveCapacity(n)
        for _ in 0..<n {
            guard let t = r.slice(), r.slice() != nil else { return nil }
            out.append(t)
        }
        return r.failed ? nil : out
    }

    struct Writer {
        var bytes: [UInt8] = []
        mutating func int(_ v: Int) {
            var u = UInt64(bitPattern: Int64(v))
            repeat {
                let b = UInt8(u & 0x7F)
                u >>= 7
                bytes.append(u == 0 ? b : b | 0x80)
            } while u != 0
        }
        mutating func str(_ s: String) { int(s.utf8.count); bytes.append(contentsOf: s.utf8) }
        mutating func optStr(_ s: String?) { if let s { int(1); str(s) } else { int(0) } }
        mutating func strs(_ a: [String]) { int(a.count); for s in a { str(s) } }
    }

    /// Reads what `Writer` wrote; a truncated or garbled record sets `failed` instead of crashing.
    struct Reader {
        let b: [UInt8]
        var i = 0
        var failed = false
        init(_ b: [UInt8]) { self.b = b }
        mutating func int() -> Int {
            var u: UInt64 = 0
            var shift: UInt64 = 0
            while i < b.count, shift < 64 {
                let x = b[i]; i += 1
                u |= UInt64(x & 0x7F) << shift
                if x & 0x80 == 0 { return Int(Int64(bitPattern: u)) }
                shift += 7
            }
            failed = true
            return 0
        }
        mutating func str() -> String? {
            let n = int()
            guard !failed, n >= 0, i + n <= b.count else { failed = true; return nil }
            defer { i += n }
            return String(decoding: b[i..<(i + n)], as: UTF8.self)
        }
        mutating func slice() -> ArraySlice<UInt8>? {
            let n = int()
            guard !failed, n >= 0, i + n <= b.count else { failed = true; return nil }
            defer { i += n }
            return b[i..<(i + n)]
        }
        mutating func optStr() -> String? { int() == 1 ? str() : nil }
        mutating func strs() -> [String] {
            let n = int()
            guard !failed, n >= 0, n < 100_000 else { failed = true; return [] }
            return (0..<n).compactMap { _ in str() }
        }
    }
}
