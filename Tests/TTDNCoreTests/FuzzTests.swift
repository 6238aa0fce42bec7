import Foundation
import XCTest
@testable import TTDNCore

/// Property-based fuzzing of the parser and the text layer with a fixed seed:
/// random bytes, truncated UTF-8, NFD/NFC mixes, huge lines, deep runs of
/// combining marks, escape sequences, and every seed mutated. Each input must
/// go through decoding, parsing, folding, width, wrapping and sanitising
/// without a crash, and the outputs must keep their invariants.
/// `make fuzz` runs it in release for TTDN_FUZZ_SECONDS with more iterations.
final class FuzzTests: XCTestCase {
    /// SplitMix64: small, fast, and the same sequence on every machine.
    struct RNG {
        var state: UInt64
        mutating func next() -> UInt64 {
            state &+= 0x9E3779B97F4A7C15
            var z = state
            z = (z ^ (z >> 30)) &* 0xBF58476D1CE4E5B9
            z = (z ^ (z >> 27)) &* 0x94D049BB133111EB
            return z ^ (z >> 31)
        }
        mutating func below(_ n: Int) -> Int { n <= 0 ? 0 : Int(next() % UInt64(n)) }
        mutating func chance(_ p: Double) -> Bool { Double(next() % 1_000_000) / 1_000_000 < p }
    }

    static let pieces: [[UInt8]] = [
        Array("\u{1B}[2J".utf8), Array("\u{1B}]52;c;ZXZpbA==\u{07}".utf8), Array("\u{1B}]8;;http://x\u{1B}\\".utf8), [0x0D], [0x08], [0xC2, 0x9B],
        Array("\u{202E}".utf8), Array("\u{200D}".utf8), Array("\u{0301}\u{0323}\u{0300}".utf8), [0xFF], [0xC3], [0xE1, 0xBB], [0xF0, 0x9F, 0x98],
        Array("\u{A0}".utf8), Array("Ngày 31/10/2018, ".utf8), Array("Sáng nay (4/7)".utf8), Array("9/11 huyện".utf8), Array("đồng chí Hoàng Văn ".utf8),
        Array("\n\n".utf8), Array("\r\n".utf8), Array("Tỉnh uỷ Lạng Sơn".utf8), Array("中文😀🇻🇳".utf8), [0x00], Array("Có thể bạn quan tâm\n".utf8),
        Array("LSO-".utf8), Array("21:24, 08/07/2019\n".utf8), Array("Trong 2 ngày (15-16/6)".utf8), Array("Đào DoanNội dung:\n".utf8),
    ]

    func seeds() throws -> [[UInt8]] {
        let dir = projectRoot.appendingPathComponent("seeds").path
        return try FileManager.default.contentsOfDirectory(atPath: dir).sorted().filter { $0.hasSuffix(".txt") }.map {
            Array(try Data(contentsOf: URL(fileURLWithPath: dir + "/" + $0)))
        }
    }

    func makeInput(_ r: inout RNG, seeds: [[UInt8]], iteration: Int) -> [UInt8] {
        switch r.below(7) {
        case 0: return (0..<r.below(300)).map { _ in UInt8(truncatingIfNeeded: r.next()) }
        case 1:   // a window of a seed, cut anywhere (truncated UTF-8 at both ends)
            let s = seeds[r.below(seeds.count)]
            let a = r.below(s.count), n = r.below(900)
            return Array(s[a..<min(s.count, a + n)])
        case 2:   // NFD/NFC mix
            let s = String(decoding: seeds[r.below(seeds.count)].prefix(1500), as: UTF8.self)
            return Array(s.split(separator: " ").map { r.chance(0.5) ? $0.decomposedStringWithCanonicalMapping : String($0) }.joined(separator: " ").utf8)
        case 3:   // deep runs of combining marks
            var out = Array("Lạng".utf8)
            for _ in 0..<r.below(400) { out += Array(["\u{0300}", "\u{0301}", "\u{0323}", "\u{0309}", "\u{0303}", "\u{20DD}"][r.below(6)].utf8) }
            return out + Array(" Sơn".utf8)
        default:  // a seed with byte mutations and hostile pieces spliced in
            let s = seeds[r.below(seeds.count)]
            var out = iteration % 997 == 0 ? s : Array(s[r.below(max(1, s.count - 1200))...].prefix(1200))
            for _ in 0..<(1 + r.below(8)) {
                guard !out.isEmpty else { break }
                let at = r.below(out.count)
                switch r.below(5) {
                case 0: out[at] ^= UInt8(1 << r.below(8))
                case 1: out.insert(UInt8(truncatingIfNeeded: r.next()), at: at)
                case 2: out.remove(at: at)
                case 3: out.insert(contentsOf: Self.pieces[r.below(Self.pieces.count)], at: at)
                default: out.insert(contentsOf: out[at..<min(out.count, at + r.below(64))], at: at)
                }
            }
            return out
        }
    }

    /// Inputs that reached the parser, and how many of them still gave a date and a province
    /// (the final assertions check the fuzzing exercised the parser, not only the binary filter).
    var parsed = 0, dated = 0, placed = 0

    func check(_ bytes: [UInt8], _ r: inout RNG) {
        let data = Data(bytes)
        let decoded = TextDecoding.decode(data)
        let text = decoded.text
        if TextDecoding.looksBinary(data) { return }
        let m = ArticleParser.parse(text: text, id: "f", file: "f.txt")
        parsed += 1
        if m.date != nil { dated += 1 }
        if m.province != nil { placed += 1 }
        // Invariants: nothing the screen gets carries a control character; dates are valid.
        for s in [m.title, m.excerpt] + m.paragraphs.map(\.text) + m.people.map(\.name) {
            for u in s.unicodeScalars where u.value < 0x20 || (u.value >= 0x7F && u.value < 0xA0) || u == "\u{1B}" {
                XCTFail("control U+\(String(u.value, radix: 16)) in parsed text"); return
            }
        }
        if let d = m.date, let day = d.day, let month = d.month { XCTAssertTrue(MeetingDate.isValid(day: day, month: month, year: d.year)) }
        let line = String(text.prefix(400))
        let clean = Sanitize.line(line)
        XCTAssertFalse(clean.unicodeScalars.contains { $0.value < 0x20 || ($0.value >= 0x7F && $0.value < 0xA0) })
        let folded = VietFold.fold(line)
        XCTAssertNotNil(String(validating: folded, as: UTF8.self), "folding keeps UTF-8 valid")
        let w = 1 + r.below(120)
        XCTAssertEqual(DisplayWidth.of(DisplayWidth.fit(clean, w)), w)
        // A line holds at most `w` columns, unless one grapheme is wider (emoji + skin tone: 4 columns).
        let widest = clean.map { DisplayWidth.of($0) }.max() ?? 0
        for l in DisplayWidth.wrap(clean, width: w) { XCTAssertLessThanOrEqual(DisplayWidth.of(l.text), max(w, widest)) }
        _ = SearchQuery(String(line.prefix(20))).matches(m)
    }

    func testFuzzParserAndTextLayer() throws {
        let env = ProcessInfo.processInfo.environment
        let iterations = Int(env["TTDN_FUZZ_ITERATIONS"] ?? "") ?? 12_000   // `make test` budget; `make fuzz` runs for minutes
        let seconds = Double(env["TTDN_FUZZ_SECONDS"] ?? "") ?? .infinity
        let all = try seeds()
        var r = RNG(state: UInt64(env["TTDN_FUZZ_SEED"] ?? "") ?? 20_261_122)
        let start = Date()
        var n = 0
        while n < iterations && Date().timeIntervalSince(start) < seconds {
            let input = makeInput(&r, seeds: all, iteration: n)
            check(input, &r)
            n += 1
        }
        // A few huge inputs: a 2 MB line and a 1 MB run of marks.
        var big = Array(String(repeating: "Lạng Sơn tổ chức hội nghị, ", count: 70_000).utf8)
        check(big, &r)
        big = Array("A".utf8) + Array(repeating: Array("\u{0301}".utf8), count: 500_000).flatMap { $0 }
        check(big, &r)
        let rate = Double(n) / max(0.001, Date().timeIntervalSince(start))
        print(String(format: "fuzz: %d executions in %.1f s (%.0f/s), 0 crashes", n, Date().timeIntervalSince(start), rate))
        XCTAssertGreaterThan(n, 0, "the fuzz loop ran")
        if seconds == .infinity { XCTAssertEqual(n, iterations) }
        // Most inputs are mutated seeds: most reach the parser, and many keep a date and a province.
        XCTAssertGreaterThan(parsed, n / 2, "inputs reached the parser (\(parsed) of \(n))")
        XCTAssertGreaterThan(dated, parsed / 10, "dates still found in mutated articles (\(dated) of \(parsed))")
        XCTAssertGreaterThan(placed, parsed / 10, "provinces still found in mutated articles (\(placed) of \(parsed))")
    }
}
