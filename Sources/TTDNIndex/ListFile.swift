import Foundation

/// The objects `list --format json` prints, rendered when the timeline is resolved and kept in a
/// file beside the index (`<index>-list`), in timeline order, each with its id. `list` then copies
/// the bytes of the rows it keeps: rows kept are read in ascending order, runs of neighbours in one
/// read. In SQLite the same objects cost a B-tree walk and an 8 KiB page read per row, and twice
/// their size in writes (WAL, then the database) at every resolve.
///
/// The file is replaced whole (written aside, renamed) and carries a generation that the index
/// stores with the timeline in the same transaction: a reader takes the file only when the two
/// agree, else renders from the stored heads (the same bytes, slower).
///
/// Layout: magic, then per row [id length: UInt32][id][object], then the offset of each row and
/// of the end (UInt64 each), the generation (16 hex digits), the row count (UInt64), magic.
final class ListFile {
    static let magic: [UInt8] = Array("TTDNLF1\n".utf8)
    static func path(forIndex index: String) -> String { index + "-list" }

    let count: Int
    private let fd: Int32
    private let offsets: [UInt64]

    /// Writes the rows `object(i)` gives for i in 0..<count to `path` (aside, then renamed into
    /// place) and returns the generation to store with the timeline.
    /// `object` is called from two threads at once (rendering JSON is most of the cost).
    static func write(to path: String, count: Int, object: @Sendable (Int) -> (id: String, json: [UInt8])) throws -> String {
        let generation = String(format: "%016llx", UInt64.random(in: 0...UInt64.max))
        let temp = path + ".tmp\(getpid())"
        guard let f = fopen(temp, "wb") else { throw CocoaError(.fileWriteUnknown) }
        var failed = false
        var offsets: [UInt64] = []
        offsets.reserveCapacity(count + 1)
        var at = UInt64(magic.count)
        var buffer: [UInt8] = magic
        buffer.reserveCapacity(1 << 20 + 65536)
        func flush() {
            if !buffer.isEmpty && fwrite(buffer, 1, buffer.count, f) != buffer.count { failed = true }
            buffer.removeAll(keepingCapacity: true)
        }
        func le<T: FixedWidthInteger>(_ v: T) { withUnsafeBytes(of: v.littleEndian) { buffer.append(contentsOf: $0) } }
        // Rendered a chunk at a time, half of it on each core, and written in order.
        final class Chunk: @unchecked Sendable { var rows: [(id: String, json: [UInt8])] = [] }
        let size = 1024
        for start in stride(from: 0, to: count, by: size) {
            let end = min(count, start + size), mid = (start + end) / 2
            let halves = [Chunk(), Chunk()]
            DispatchQueue.concurrentPerform(iterations: 2) { h in
                halves[h].rows = (h == 0 ? start..<mid : mid..<end).map(object)
            }
            for (id, json) in halves[0].rows + halves[1].rows {
                offsets.append(at)
                let before = buffer.count
                le(UInt32(id.utf8.count))
                buffer.append(contentsOf: id.utf8)
                buffer.append(contentsOf: json)
                at += UInt64(buffer.count - before)
                if buffer.count >= 1 << 20 { flush() }
            }
        }
        offsets.append(at)
        for o in offsets { le(o) }
        buffer.append(contentsOf: generation.utf8)
        le(UInt64(count))
        buffer.append(contentsOf: magic)
        flush()
        // On disk before the rename and before the generation is committed: after a power cut the
        // generation must never name a file whose rows did not reach the disk.
        if fflush(f) != 0 || fsync(fileno(f)) != 0 { failed = true }
        if fclose(f) != 0 { failed = true }
        guard !failed, rename(temp, path) == 0 else {
            unlink(temp)
            throw CocoaError(.fileWriteUnknown)
        }
        return generation
    }

    /// The file at `path` when it is the one of `generation` with `count` rows; nil otherwise.
    init?(path: String, generation: String, count: Int) {
        let fd = open(path, O_RDONLY | O_CLOEXEC)
        guard fd >= 0 else { return nil }
        var st = stat()
        let tail = 16 + 8 + Self.magic.count   // generation, count, magic
        let table = (count + 1) * 8
        guard fstat(fd, &st) == 0, Int(st.st_size) >= Self.magic.count + table + tail else { close(fd); return nil }
        let size = Int(st.st_size)
        var footer = [UInt8](repeating: 0, count: tail + table)
        let got = footer.withUnsafeMutableBytes { pread(fd, $0.baseAddress, $0.count, off_t(size - tail - table)) }
        let suffix = footer[table...]
        guard got == footer.count, Array(suffix.suffix(Self.magic.count)) == Self.magic,
              String(decoding: suffix.prefix(16), as: UTF8.self) == generation,
              footer.withUnsafeBytes({ UInt64(littleEndian: $0.loadUnaligned(fromByteOffset: table + 16, as: UInt64.self)) }) == UInt64(count)
        else { close(fd); return nil }
        offsets = footer.withUnsafeBytes { raw in (0...count).map { UInt64(littleEndian: raw.loadUnaligned(fromByteOffset: $0 * 8, as: UInt64.self)) } }
        guard offsets.first == UInt64(Self.magic.count), offsets.last == UInt64(size - tail - table),
              zip(offsets, offsets.dropFirst()).allSatisfy({ $0 + 4 <= $1 }) else { close(fd); return nil }
        self.fd = fd
        self.count = count
    }

    deinit { close(fd) }

    /// Hands `body` the id and object of each of `rows` (ascending timeline rows), in that order, and
    /// returns how many it handed: fewer than `rows.count` when the file could not be read (the
    /// caller renders the rest from the stored heads).
    func read(rows: [Int], _ body: (String, UnsafeRawBufferPointer) -> Void) -> Int {
        var buffer: [UInt8] = []
        var i = 0
        while i < rows.count {
            guard rows[i] >= 0, rows[i] < count else { return i }
            // A run of neighbouring rows (up to 1 MiB) in one read.
            var j = i + 1
            while j < rows.count, rows[j] == rows[j - 1] + 1, rows[j] < count, offsets[rows[j] + 1] - offsets[rows[i]] <= 1 << 20 { j += 1 }
            let start = offsets[rows[i]], end = offsets[rows[j - 1] + 1]
            let n = Int(end - start)
            if buffer.count < n { buffer = [UInt8](repeating: 0, count: n) }
            let ok = buffer.withUnsafeMutableBytes { raw -> Bool in
                var done = 0
                while done < n {
                    let r = pread(fd, raw.baseAddress! + done, n - done, off_t(start) + off_t(done))
                    if r <= 0 { return false }
                    done += r
                }
                // Every record of the run checked before any is handed out: on damage the caller
                // renders from this run on, and nothing is printed twice.
                var spans: [(id: Range<Int>, object: Range<Int>)] = []
                for r in rows[i..<j] {
                    let a = Int(offsets[r] - start), b = Int(offsets[r + 1] - start)
                    let idLength = Int(UInt32(littleEndian: raw.loadUnaligned(fromByteOffset: a, as: UInt32.self)))
                    guard a + 4 + idLength <= b else { return false }
                    spans.append(((a + 4)..<(a + 4 + idLength), (a + 4 + idLength)..<b))
                }
                for s in spans {
                    body(String(decoding: UnsafeRawBufferPointer(rebasing: raw[s.id]), as: UTF8.self), UnsafeRawBufferPointer(rebasing: raw[s.object]))
                }
                return true
            }
            if !ok { return i }
            i = j
        }
        return rows.count
    }
}
