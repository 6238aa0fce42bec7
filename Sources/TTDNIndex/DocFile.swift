import Foundation
import TTDNCore

/// What the index keeps of an article besides its head: its paragraphs (the detail pane, `show`)
/// and what checking a search on its text needs (title, byline, links, and the folded search text).
/// The search text is stored as the part that cannot be rebuilt from the rest: the folded lines
/// above the headline that `ArticleParser` appends after `searchText(of:)`.
struct DocRecord: Equatable {
    var title: String
    var byline: String?
    var siteLinks: [String]
    var paragraphs: [Paragraph]
    var searchText: [UInt8]

    static let version = 1

    /// The record of a parsed meeting (with its paragraphs and search text).
    static func encode(_ m: Meeting) -> [UInt8] {
        var w = MeetingCodec.Writer()
        w.int(version)
        w.str(m.title); w.optStr(m.byline); w.strs(m.siteLinks)
        w.int(m.paragraphs.count)
        for p in m.paragraphs { w.str(p.text); w.str(p.role.rawValue) }
        // Where the rebuilt part ends: as the parser recorded it, or found by rebuilding it.
        var head = m.searchTextRebuilt
        if head < 0 || head > m.searchText.count {
            let rebuilt = ArticleParser.searchText(of: m)
            let isHead = m.searchText.count >= rebuilt.count && m.searchText.withUnsafeBytes { a in
                rebuilt.withUnsafeBytes { b in b.isEmpty || memcmp(a.baseAddress!, b.baseAddress!, b.count) == 0 }
            }
            head = isHead ? rebuilt.count : -1
        }
        if head >= 0 {
            w.int(0)
            w.int(m.searchText.count - head)
            w.bytes.append(contentsOf: m.searchText[head...])
        } else {
            w.int(1)
            w.int(m.searchText.count)
            w.bytes.append(contentsOf: m.searchText)
        }
        return w.bytes
    }

    /// Decodes a record; with `searchText` false the folded text is left empty (the detail pane
    /// needs only the paragraphs).
    static func decode(_ bytes: [UInt8], searchText wanted: Bool = true) -> DocRecord? {
        var r = MeetingCodec.Reader(bytes)
        guard r.int() == version, let title = r.str() else { return nil }
        let byline = r.optStr()
        let links = r.strs()
        let n = r.int()
        guard !r.failed, n >= 0, n < 1_000_000 else { return nil }
        var ps: [Paragraph] = []
        ps.reserveCapacity(n)
        for _ in 0..<n {
            guard let t = r.str(), let role = r.str().flatMap(ParagraphRole.init(rawValue:)) else { return nil }
            ps.append(Paragraph(t, role))
        }
        var rec = DocRecord(title: title, byline: byline, siteLinks: links, paragraphs: ps, searchText: [])
        guard wanted else { return r.failed ? nil : rec }
        let full = r.int() == 1
        guard let tail = r.slice(), !r.failed else { return nil }
        if full { rec.searchText = Array(tail) } else {
            var m = Meeting(id: "", file: "", title: title)
            m.byline = byline; m.siteLinks = links; m.paragraphs = ps
            rec.searchText = ArticleParser.searchText(of: m) + tail
        }
        return rec
    }
}

/// The file of `DocRecord`s beside the index (`<index>-docs-<generation>`): records appended in
/// each build commit, read by offset. In SQLite the same bodies were written twice (WAL, then the
/// database) and cost a B-tree insert each. A row of `files` holds its record's offset, length and
/// checksum; a record that does not check out (a crash cut the file, another generation) reads as
/// nil, and the caller parses the article's file again.
///
/// Appends happen only under the index's write lock (inside `BEGIN IMMEDIATE`), at the file's end
/// as it is then: two processes building one index never write at once. Bytes of replaced or
/// removed articles stay until `IndexStore.compactDocs` copies the live records to a new
/// generation.
final class DocFile: @unchecked Sendable {
    let path: String
    private let fd: Int32

    static func path(forIndex index: String, generation: String) -> String { index + "-docs-" + generation }

    init?(path: String) {
        self.path = path
        fd = open(path, O_RDWR | O_CREAT | O_CLOEXEC, 0o644)
        if fd < 0 { return nil }
    }

    deinit { close(fd) }

    /// The file's size now (where the next append goes).
    func size() -> Int {
        var st = stat()
        return fstat(fd, &st) == 0 ? Int(st.st_size) : -1
    }

    /// Writes `bytes` at `offset`; false when not all of it could be written.
    func write(_ bytes: [UInt8], at offset: Int) -> Bool {
        var done = 0
        return bytes.withUnsafeBytes { b in
            while done < b.count {
                let n = pwrite(fd, b.baseAddress! + done, b.count - done, off_t(offset + done))
                if n <= 0 { if n < 0 && errno == EINTR { continue }; return false }
                done += n
            }
            return true
        }
    }

    /// The `count` bytes at `offset` when their checksum is `sum`.
    func read(at offset: Int, count: Int, sum: Int) -> [UInt8]? {
        guard offset >= 0, count >= 0, count < 1 << 30 else { return nil }
        var out = [UInt8](repeating: 0, count: count)
        var done = 0
        let ok = out.withUnsafeMutableBytes { b -> Bool in
            while done < count {
                let n = pread(fd, b.baseAddress! + done, count - done, off_t(offset + done))
                if n <= 0 { if n < 0 && errno == EINTR { continue }; return false }
                done += n
            }
            return true
        }
        return ok && Self.checksum(out) == sum ? out : nil
    }

    func sync() -> Bool { fsync(fd) == 0 }

    /// `HashSet64.hashLong` of the bytes, as a SQLite integer (changing it is a new schema version).
    static func checksum(_ bytes: [UInt8]) -> Int {
        Int(Int64(bitPattern: bytes.withUnsafeBytes { HashSet64.hashLong($0) }))
    }
}
