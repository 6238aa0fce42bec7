import Foundation
import XCTest
@testable import TTDNCore

/// The text decoding as it was before it worked on bytes (Foundation's normaliser per line, the
/// scalar walks), kept as the reference the byte versions must match on any input.
enum ReferenceDecoding {
    static func looksBinary(_ data: Data) -> Bool {
        data.withUnsafeBytes { raw in
            let n = min(raw.count, 8192)
            if n == 0 { return false }
            var controls = 0
            for i in 0..<n {
                let b = raw[i]
                if b == 0 { return true }
                if b < 0x09 || (b > 0x0D && b < 0x20) { controls += 1 }
            }
            return controls * 10 > n
        }
    }

    static func decode(_ data: Data) -> TextDecoding.Decoded {
        var text = String(decoding: data, as: UTF8.self)
        var produced = 0
        for s in text.unicodeScalars where s.value == 0xFFFD { produced += 1 }
        let literal = data.count < 3 ? 0 : (0..<(data.count - 2)).filter { data[data.startIndex + $0] == 0xEF && data[data.startIndex + $0 + 1] == 0xBF && data[data.startIndex + $0 + 2] == 0xBD }.count
        let invalid = produced == 0 ? 0 : max(0, produced - literal)
        let hadCR = data.contains(0x0D)
        let hadCRLF = hadCR && text.utf8.split(separator: 0x0D, omittingEmptySubsequences: false).dropFirst().contains { $0.first == 0x0A }
        if hadCR {
            text = text.replacingOccurrences(of: "\r\n", with: "\n")
            text = text.replacingOccurrences(of: "\r", with: data.contains(0x0A) ? " " : "\n")
        }
        if text.hasPrefix("\u{FEFF}") { text.removeFirst() }
        let (nfc, hadNFD) = nfcByLine(text)
        return TextDecoding.Decoded(text: nfc, invalidSequences: invalid, hadCRLF: hadCRLF, hadNFD: hadNFD)
    }

    static func mayBeSuspicious(_ text: String) -> Bool {
        text.unicodeScalars.contains(where: Sanitize.isSuspicious)
    }

    static func nfcByLine(_ text: String) -> (String, Bool) {
        if !text.unicodeScalars.contains(where: TextDecoding.isCombining) { return (text, false) }
        var out = ""
        var first = true
        for line in text.split(separator: "\n", omittingEmptySubsequences: false) {
            if !first { out.append("\n") }
            first = false
            if line.unicodeScalars.contains(where: TextDecoding.isCombining) {
                out.append(nfcChunked(String(line)))
            } else {
                out.append(contentsOf: line)
            }
        }
        return (out, true)
    }

    static func nfcChunked(_ line: String) -> String {
        if line.utf8.count < 4096 { return line.precomposedStringWithCanonicalMapping }
        var out = ""
        var chunk = String.UnicodeScalarView()
        var n = 0
        for s in line.unicodeScalars {
            if (n >= 2048 && s == " ") || (n >= 4096 && !TextDecoding.isCombining(s)) || n >= 16384 {
                out.append(String(chunk).precomposedStringWithCanonicalMapping)
                chunk.removeAll(keepingCapacity: true)
                n = 0
            }
            chunk.append(s)
            n += 1
        }
        out.append(String(chunk).precomposedStringWithCanonicalMapping)
        return out
    }
}

/// Strings built from the fragments the layout and the decoding look at, with a fixed seed.
struct LayoutFragments {
    var rng: FuzzTests.RNG

    static let marks: [String] = ["\u{300}", "\u{301}", "\u{303}", "\u{309}", "\u{323}", "\u{302}", "\u{306}", "\u{31B}",
                                  "\u{308}", "\u{304}", "\u{327}", "\u{328}", "\u{30C}", "\u{338}", "\u{340}", "\u{344}",
                                  "\u{34F}", "\u{345}", "\u{20DD}", "\u{1DC0}", "\u{1AB0}", "\u{316}", "\u{35C}", "\u{362}"]
    static let bases: [String] = ["a", "A", "e", "o", "O", "u", "U", "i", "y", "d", "n", "s", "<", "=", ">", "\u{A8}", "ơ",
                                  "Ư", "â", "ạ", "ê", "ô", "Ấ", "æ", "ſ", "ʒ", "Ʒ", "1", " ", ".", "\u{A0}", "\u{2000}",
                                  "“", "–", "₫", "Ω", "к", "ש", "가", "\u{1100}", "\u{1161}", "ᄀ", "😀", "\u{0B47}", "\u{0B3E}", "İ"]
    static let words: [String] = ["Ngày", "tháng", "năm", "hội nghị", "Tỉnh ủy", "Hòa Bình", "đồng chí", "thông tin đối ngoại",
                                  "Tin liên quan", "Nội dung:", "Giá vàng", "Từ khóa:", "Tags:", "Trang chủ", "Chia sẻ",
                                  "Theo Báo", "TTXVN.", "./.", "(ảnh", "phát biểu", "12/4/2019", "15-16/6", "21:24,", "LSO-"]

    mutating func pick<T>(_ a: [T]) -> T { a[rng.below(a.count)] }

    /// A line of letters, marks, words and spaces, decomposed or not.
    mutating func markedLine() -> String {
        var s = ""
        for _ in 0..<rng.below(40) {
            switch rng.below(6) {
            case 0, 1: s += pick(Self.bases)
            case 2: s += pick(Self.marks)
            case 3: s += pick(Self.words)
            case 4: s += pick(Self.words).decomposedStringWithCanonicalMapping
            default: s += " "
            }
        }
        return s
    }
}

final class DecodingScanTests: XCTestCase {
    /// Every Latin starter followed by every mark of U+0300–U+036F (and the marks alone), and every
    /// starter of the blocks `LatinNFC` knows alone: the same NFC as Foundation's, or nil.
    func testLatinNFCMatchesFoundationOnEveryPair() {
        var known = 0, refused = 0
        for v in LatinNFC.starterScalars {
            let s = String(Unicode.Scalar(v)!)
            check(s, &known, &refused)
            guard v < 0x250 || (v >= 0x1E00 && v < 0x1F00) else { continue }
            for m in UInt32(0x300)...0x36F {
                check(s + String(Unicode.Scalar(m)!), &known, &refused)
            }
        }
        for m in UInt32(0x300)...0x36F { check(String(Unicode.Scalar(m)!), &known, &refused) }
        // Nearly all pairs are composed here, not handed back.
        XCTAssertGreaterThan(known, 90_000)
        XCTAssertLessThan(refused, 6_000)   // U+0340, U+0341, U+0343, U+0344, U+034F, and after < = > ¨
    }

    func check(_ s: String, _ known: inout Int, _ refused: inout Int, file: StaticString = #filePath, line: UInt = #line) {
        let want = s.precomposedStringWithCanonicalMapping
        if let got = LatinNFC.normalize(s) {
            known += 1
            XCTAssertEqual(Array(got.unicodeScalars), Array(want.unicodeScalars), scalars(s), file: file, line: line)
        } else {
            refused += 1
        }
    }

    func scalars(_ s: String) -> String { s.unicodeScalars.map { String($0.value, radix: 16) }.joined(separator: " ") }

    /// Random runs of bases and marks (several marks of one class, marks out of order, starters
    /// that compose with nothing, scripts it hands back): the NFC Foundation gives, or nil.
    func testLatinNFCMatchesFoundationOnRandomRuns() {
        var f = LayoutFragments(rng: .init(state: 20240817))
        var known = 0
        for _ in 0..<30_000 {
            var s = ""
            for _ in 0..<(1 + f.rng.below(6)) {
                s += f.pick(LayoutFragments.bases)
                for _ in 0..<f.rng.below(5) { s += f.pick(LayoutFragments.marks) }
            }
            if let got = LatinNFC.normalize(s) {
                known += 1
                XCTAssertEqual(Array(got.unicodeScalars), Array(s.precomposedStringWithCanonicalMapping.unicodeScalars), scalars(s))
            }
        }
        XCTAssertGreaterThan(known, 2_500)
        // Thirty marks are composed, thirty-one handed back.
        XCTAssertNotNil(LatinNFC.normalize("a" + String(repeating: "\u{301}", count: 30)))
        XCTAssertNil(LatinNFC.normalize("a" + String(repeating: "\u{301}", count: 31)))
    }

    func testNFCByLineMatchesTheReference() {
        var f = LayoutFragments(rng: .init(state: 7))
        for k in 0..<3_000 {
            var lines: [String] = []
            for _ in 0..<f.rng.below(6) { lines.append(f.rng.chance(0.3) ? String(f.pick(LayoutFragments.words)) : f.markedLine()) }
            if k % 200 == 0 { lines.append(String(repeating: "Lạng Sơn ".decomposedStringWithCanonicalMapping, count: 700)) }
            if k % 500 == 0 { lines.append("a" + String(repeating: "\u{301}", count: 20_000) + " b") }
            let text = lines.joined(separator: f.rng.chance(0.5) ? "\n" : "\n\n")
            let (got, gotNFD) = TextDecoding.nfcByLine(text)
            let (want, wantNFD) = ReferenceDecoding.nfcByLine(text)
            XCTAssertEqual(gotNFD, wantNFD, scalars(text))
            XCTAssertEqual(Array(got.utf8), Array(want.utf8), scalars(text))
        }
    }

    /// Whole files: CR, LF and CR LF next to marks and letters, a BOM, invalid and literal U+FFFD.
    func testDecodeMatchesTheReference() {
        var f = LayoutFragments(rng: .init(state: 11))
        let pieces: [[UInt8]] = [[0x0D], [0x0A], [0x0D, 0x0A], [0x0D, 0x0D, 0x0A], [0xEF, 0xBB, 0xBF], [0xEF, 0xBF, 0xBD], [0xFF], [0xC3],
                                 Array("\u{301}".utf8), Array("\u{323}\u{302}".utf8), Array("e\u{301}".utf8), Array("Hòa".utf8),
                                 Array("\u{85}".utf8), Array("\u{2028}".utf8), Array(" ".utf8), Array("x".utf8), [0x0D, 0xCC, 0x81]]
        var fast = 0
        for _ in 0..<20_000 {
            var bytes: [UInt8] = f.rng.chance(0.1) ? [0xEF, 0xBB, 0xBF] : []
            for _ in 0..<f.rng.below(14) {
                bytes += f.rng.chance(0.6) ? f.pick(pieces) : Array(f.markedLine().utf8)
            }
            let data = Data(bytes)
            let got = TextDecoding.decode(data), want = ReferenceDecoding.decode(data)
            XCTAssertEqual(Array(got.text.utf8), Array(want.text.utf8), "\(bytes)")
            XCTAssertEqual(got.invalidSequences, want.invalidSequences, "\(bytes)")
            XCTAssertEqual(got.hadCRLF, want.hadCRLF, "\(bytes)")
            XCTAssertEqual(got.hadNFD, want.hadNFD, "\(bytes)")
            if bytes.contains(0x0D), TextDecoding.replacingLineBreaks(String(decoding: data, as: UTF8.self), bareCR: 0x20) != nil { fast += 1 }
        }
        XCTAssertGreaterThan(fast, 2_000, "line breaks replaced on bytes")
    }

    func testSanitizeMatchesTheReference() {
        // Every scalar of the blocks the byte test decides on, alone and in a word.
        for v in Array(UInt32(0)..<0x800) + Array(UInt32(0x2000)..<0x2100) + Array(UInt32(0xFE00)..<0x10000) {
            guard let u = Unicode.Scalar(v) else { continue }
            for s in [String(u), "Lạng\(String(u))Sơn", "x" + String(u)] {
                XCTAssertEqual(Sanitize.mayBeSuspicious(s), ReferenceDecoding.mayBeSuspicious(s), String(v, radix: 16))
            }
        }
        var r = FuzzTests.RNG(state: 99)
        for _ in 0..<20_000 {
            let bytes = (0..<r.below(40)).map { _ in UInt8(truncatingIfNeeded: r.next()) }
            let s = String(decoding: bytes, as: UTF8.self)
            XCTAssertEqual(Sanitize.mayBeSuspicious(s), ReferenceDecoding.mayBeSuspicious(s), "\(bytes)")
        }
    }

    func testLooksBinaryMatchesTheReference() {
        var r = FuzzTests.RNG(state: 3)
        for k in 0..<5_000 {
            var bytes = Array("Ngày 12/4, Ban Chỉ đạo\n".utf8)
            for _ in 0..<r.below(k % 3 == 0 ? 9000 : 200) {
                bytes.append(r.chance(0.8) ? bytes[r.below(bytes.count)] : UInt8(truncatingIfNeeded: r.next() % (r.chance(0.5) ? 0x22 : 0x100)))
            }
            if r.chance(0.2) { bytes = bytes.filter { $0 != 0 } }
            XCTAssertEqual(TextDecoding.looksBinary(Data(bytes)), ReferenceDecoding.looksBinary(Data(bytes)))
        }
        XCTAssertFalse(TextDecoding.looksBinary(Data()))
    }
}
