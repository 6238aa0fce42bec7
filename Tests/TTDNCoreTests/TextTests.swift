import XCTest
@testable import TTDNCore

final class FoldTests: XCTestCase {
    func testFoldTable() {
        let cases: [(String, String)] = [
            ("Lạng Sơn", "lang son"), ("ĐỒNG CHÍ", "dong chi"), ("Đồng chí", "dong chi"),
            ("Tỉnh ủy", "tinh uy"), ("Tỉnh uỷ", "tinh uy"), ("Hoà Bình", "hoa binh"), ("Hòa Bình", "hoa binh"),
            ("Thừa Thiên – Huế", "thua thien – hue"),      // U+2013 survives intact
            ("Bà\u{A0}Rịa  -\n Vũng\tTàu", "ba ria - vung tau"), // NBSP, runs, line breaks collapse
            ("Đắk Lắk", "dak lak"), ("ƯỚC", "uoc"), ("Nghệ An", "nghe an"), ("Quảng Ngãi", "quang ngai"),
            ("Cà Mau", "ca mau"), ("thông tin đối ngoại", "thong tin doi ngoai"), ("9/11 huyện", "9/11 huyen"),
            ("北京 Tokyo", "北京 tokyo"), ("zero\u{200B}width", "zerowidth"),
        ]
        for (input, want) in cases {
            XCTAssertEqual(VietFold.foldedString(input), want, input)
            let nfd = input.decomposedStringWithCanonicalMapping
            XCTAssertEqual(VietFold.foldedString(nfd), want, "NFD of \(input)")
        }
    }

    func testEveryVietnameseLetterFoldsToASCII() {
        let letters = "aàáảãạăằắẳẵặâầấẩẫậeèéẻẽẹêềếểễệiìíỉĩịoòóỏõọôồốổỗộơờớởỡợuùúủũụưừứửữựyỳýỷỹỵđ"
        for ch in letters + letters.uppercased() {
            let f = VietFold.fold(String(ch))
            XCTAssertEqual(f.count, 1, "\(ch)")
            XCTAssertTrue(f[0] >= 97 && f[0] <= 122, "\(ch) → \(f)")
        }
    }

    func testStripMarksKeepsCase() {
        XCTAssertEqual(String(decoding: VietFold.stripMarks("Tỉnh uỷ Hoà Bình, diễn biến hòa bình"), as: UTF8.self),
                       "Tinh uy Hoa Binh, dien bien hoa binh")
    }

    /// The parser strips each paragraph once and lower-cases that for search: it must be the fold.
    func testFoldIsStrippedMarksLowerCased() {
        var texts = ["Tỉnh uỷ Hoà Bình  ĐÀ NẴNG\u{00A0}x\u{2003}y\u{200B}z", "A\u{0301}Z[@`{", "", "   ", "Ⅻ Straße ÆØÅ Ωμέγα Б"]
        // Every scalar of the planes the tables cover, between ASCII capitals and spaces.
        var all = ""
        for v in 0..<0x3000 { if let u = Unicode.Scalar(v) { all.unicodeScalars.append(u); all += v % 7 == 0 ? " Q" : "W" } }
        texts.append(all)
        for t in texts {
            var lowered: [UInt8] = [7]
            VietFold.appendLowered(VietFold.stripMarks(t), to: &lowered)
            XCTAssertEqual(Array(lowered.dropFirst()), VietFold.fold(t), t.prefix(40).description)
            XCTAssertEqual(lowered.first, 7, "what was in the array stays")
        }
        // The 8-byte steps against a byte-by-byte lower case, every byte value at every offset.
        var rng = SystemRandomNumberGenerator()
        for n in [0, 1, 7, 8, 9, 15, 16, 17, 100, 1000] {
            let bytes = (0..<n).map { i in i % 5 == 0 ? UInt8(truncatingIfNeeded: i) : UInt8.random(in: 0...255, using: &rng) }
            var out: [UInt8] = []
            VietFold.appendLowered(bytes, to: &out)
            XCTAssertEqual(out, bytes.map { $0 >= 0x41 && $0 <= 0x5A ? $0 | 0x20 : $0 }, "\(n) bytes")
        }
        XCTAssertEqual(String(decoding: { var o: [UInt8] = []; VietFold.appendLowered(Array("@AZ[`az{ ĐỨC".utf8), to: &o); return o }(), as: UTF8.self), "@az[`az{ ĐỨc")
    }

    func testFoldWithMapPointsBackToOriginal() {
        let s = "Ông Đặng Văn Hùng"
        let (folded, origin) = VietFold.foldWithMap(s)
        XCTAssertEqual(folded.count, origin.count)
        let bytes = Array(s.utf8)
        let hit = String(decoding: folded, as: UTF8.self).range(of: "dang")!
        let off = String(decoding: folded, as: UTF8.self).utf8.distance(from: String(decoding: folded, as: UTF8.self).startIndex, to: hit.lowerBound)
        XCTAssertEqual(Array(bytes[origin[off]..<origin[off] + 2]), Array("Đ".utf8))
    }
}

final class WidthTests: XCTestCase {
    func testScalarWidths() {
        let cases: [(String, Int)] = [
            ("a", 1), ("ạ", 1), ("Ữ", 1), ("đ", 1), ("\u{0301}", 0), ("\u{0323}", 0), ("中", 2), ("한", 2),
            ("😀", 2), ("—", 1), ("…", 1), ("\u{200D}", 0), ("\u{FE0F}", 0), ("Ａ", 2), ("\u{A0}", 1),
        ]
        for (s, w) in cases { XCTAssertEqual(DisplayWidth.of(s), w, s.unicodeScalars.map { String($0.value, radix: 16) }.joined(separator: " ")) }
    }

    func testNFDAndNFCHaveTheSameWidth() {
        let s = "Đồng chí Hoàng Văn Nghiệm, Phó Bí thư Thường trực Tỉnh ủy"
        XCTAssertEqual(DisplayWidth.of(s), DisplayWidth.of(s.decomposedStringWithCanonicalMapping))
        XCTAssertEqual(DisplayWidth.of(s), s.count)
    }

    func testFitPadsAndCutsByColumns() {
        for s in ["Lạng Sơn", "Lạng Sơn".decomposedStringWithCanonicalMapping, "中文标题很长很长", "ab😀cd", "x"] {
            for w in 1...12 { XCTAssertEqual(DisplayWidth.of(DisplayWidth.fit(s, w)), w, "\(s) at \(w)") }
        }
        XCTAssertEqual(DisplayWidth.fit("Hội nghị tổng kết", 8), "Hội ngh…")
    }

    func testWrapNeverExceedsWidthAndKeepsEveryWord() {
        let text = "Ngày 31/10/2018, tại Trụ sở Tỉnh ủy, đồng chí Hoàng Văn Nghiệm đã có buổi làm việc với Đoàn công tác 中文中文中文 😀😀 supercalifragilisticexpialidocious"
        for w in [1, 2, 5, 10, 17, 40, 200] {
            let lines = DisplayWidth.wrap(text, width: w)
            for l in lines { XCTAssertLessThanOrEqual(DisplayWidth.of(l.text), max(w, 2), "width \(w): \(l.text)") }
            XCTAssertEqual(lines.map(\.text).joined().filter { $0 != " " }, text.filter { $0 != " " })
        }
    }
}

final class SanitizeTests: XCTestCase {
    func testControlsAndEscapesAreRemoved() {
        let cases: [(String, String)] = [
            ("A\u{1B}[2JB", "AB"), ("A\u{1B}]52;c;aGVsbG8=\u{07}B", "AB"), ("A\u{1B}]52;c;aGVsbG8=\u{1B}\\B", "AB"),
            ("A\u{1B}]8;;http://x\u{1B}\\link\u{1B}]8;;\u{1B}\\B", "AlinkB"), ("A\rB", "A B"), ("A\u{08}B", "AB"),
            ("A\u{9B}31mB", "AB"), ("A\u{85}B", "AB"), ("A\u{202E}B\u{202C}", "AB"), ("A\u{2066}B\u{2069}", "AB"),
            ("👨\u{200D}👩", "👨👩"), ("A\u{7F}B", "AB"), ("A\u{1B}cB", "AB"), ("A\u{1B}(BB", "AB"), ("Lạng Sơn", "Lạng Sơn"),
        ]
        for (input, want) in cases { XCTAssertEqual(Sanitize.line(input), want, input.debugDescription) }
    }
}

final class DecodingTests: XCTestCase {
    func testInvalidUTF8IsReplacedAndCounted() {
        let d = TextDecoding.decode(Data([0x41, 0xFF, 0x42, 0xC3, 0x28]))
        XCTAssertEqual(d.invalidSequences, 2)
        XCTAssertTrue(d.text.hasPrefix("A\u{FFFD}B"))
    }
    func testCRLFAndNFD() {
        let d = TextDecoding.decode(Data("Ho\u{0300}a Bi\u{0300}nh\r\nx".utf8))
        XCTAssertEqual(d.text, "Hòa Bình\nx")
        XCTAssertTrue(d.hadCRLF)
        XCTAssertTrue(d.hadNFD)
    }
    func testBinaryDetection() {
        XCTAssertTrue(TextDecoding.looksBinary(Data([0x89, 0x50, 0x4E, 0x47, 0x00, 0x01])))
        XCTAssertFalse(TextDecoding.looksBinary(Data("Lạng Sơn\n".utf8)))
    }
}

/// `MarkedWords.of` (UTF-8 bytes, tables) against the plain String version it replaced, kept here
/// as the reference: the index's `marked` column must not change with the speed-up.
final class MarkedWordsTests: XCTestCase {
    static func reference(_ texts: [String]) -> String {
        var seen = Set<String>()
        var out = ""
        for text in texts {
            var word = String.UnicodeScalarView()
            var nonASCII = false
            func flush() {
                if nonASCII, !word.isEmpty {
                    let w = String(word)
                    if seen.insert(w).inserted {
                        if !out.isEmpty { out += " " }
                        out += ToneStyle.canonical(w)
                    }
                }
                word = String.UnicodeScalarView()
                nonASCII = false
            }
            for u in text.unicodeScalars {
                if u.value < 0x80 {
                    let v = u.value
                    if (v >= 0x61 && v <= 0x7A) || (v >= 0x41 && v <= 0x5A) || (v >= 0x30 && v <= 0x39) { word.append(u) } else { flush() }
                    continue
                }
                let p = u.properties
                if p.isAlphabetic || p.numericType != nil || p.generalCategory == .nonspacingMark {
                    word.append(u)
                    nonASCII = true
                } else {
                    flush()
                }
            }
            flush()
        }
        return out
    }

    func testHandWrittenCases() {
        let cases: [[String]] = [
            ["Tỉnh uỷ Hoà Bình họp; Tỉnh ủy Hòa Bình cũng họp."],
            ["ĐỒNG CHÍ Nguyễn Văn A, Uỷ viên", "đồng chí nguyễn văn a"],
            ["thuỷ thủy THUỶ Khoẻ khỏe QUÝ quý"],
            ["İstanbul ΣΟΦΟΣ Straße ǅemal", "北京 東京 ２０２５ ①"],
            ["hoa\u{300} ba\u{301}o", "e\u{301}\u{302}"],                  // leftover combining marks
            ["emoji 🇻🇳 giữa chữ Việt😀Nam", "", "   ", "a-b_c ăn-uống"],
            ["Ngày 15/8/2024, tại Hà Nội", "Bắc Ninh-Bắc Giang", "Zürich Ærø"],
        ]
        for texts in cases {
            XCTAssertEqual(MarkedWords.of(texts), Self.reference(texts), "\(texts)")
        }
        XCTAssertEqual(MarkedWords.of(["Tỉnh uỷ và Tỉnh ủy"]), "tỉnh ủy và ủy", "the written forms once each, made canonical")
    }

    func testTheSeedsAndEveryScalarOfTheTables() throws {
        for file in try FileManager.default.contentsOfDirectory(atPath: seedsPath) where file.hasSuffix(".txt") {
            let text = try String(contentsOfFile: seedsPath + "/" + file, encoding: .utf8)
            let paragraphs = text.components(separatedBy: "\n")
            XCTAssertEqual(MarkedWords.of(paragraphs), Self.reference(paragraphs), file)
        }
        // Every scalar below the tables' limit, alone and inside a Vietnamese word, in NFC as text is
        // once loaded (the reference compares words by canonical equivalence, the bytes do not: U+0340
        // and U+0300 differ only in text that was never normalised).
        var alone: [String] = [], inside: [String] = []
        for v in UInt32(0x80)..<0x3000 {
            guard let u = Unicode.Scalar(v) else { continue }
            alone.append((String(u) + " " + String(u).uppercased()).precomposedStringWithCanonicalMapping)
            inside.append("Tho\(String(u))a Uỷ\(String(u))".precomposedStringWithCanonicalMapping)
        }
        assertSameWords(MarkedWords.of(alone), Self.reference(alone), "scalars alone")
        assertSameWords(MarkedWords.of(inside), Self.reference(inside), "scalars inside words")
    }

    /// Names the first word that differs (the whole strings run to hundreds of kilobytes).
    func assertSameWords(_ got: String, _ want: String, _ label: String, file: StaticString = #filePath, line: UInt = #line) {
        // Split on the scalar U+0020 (a String split would keep a space and a combining mark together).
        let g = Array(got.unicodeScalars).split(separator: " ", omittingEmptySubsequences: false)
        let w = Array(want.unicodeScalars).split(separator: " ", omittingEmptySubsequences: false)
        if let k = zip(g, w).enumerated().first(where: { $0.element.0 != $0.element.1 })?.offset {
            XCTFail("\(label): word \(k): got \(g[k].map { String($0.value, radix: 16) }) want \(w[k].map { String($0.value, radix: 16) })", file: file, line: line)
        } else {
            XCTAssertEqual(g.count, w.count, "\(label): word count", file: file, line: line)
        }
    }
}

/// The Latin fast path of `VietCollation.key` against the key by definition (per grapheme, a
/// Foundation decomposition), and `MeetingDate`'s own zero padding against `String(format:)`.
final class CollationAndFormatTests: XCTestCase {
    func assertSameKey(_ s: String, file: StaticString = #filePath, line: UInt = #line) {
        let fast = VietCollation.key(s), slow = VietCollation.decomposedKey(s)
        XCTAssertEqual(fast.primary, slow.primary, "primary of \(s.unicodeScalars.map { String($0.value, radix: 16) })", file: file, line: line)
        XCTAssertEqual(fast.secondary, slow.secondary, "secondary of \(s.unicodeScalars.map { String($0.value, radix: 16) })", file: file, line: line)
        XCTAssertEqual(fast.tertiary, slow.tertiary, file: file, line: line)
    }

    func testFastKeyIsTheKeyByDefinition() {
        for s in ["Nguyễn Thị Thu Hà", "ĐẶNG VĂN ĐỨC", "Bạc Liêu", "Bình Định", "Hoàng Văn Nghiệm", "Lê Quý Đôn",
                  "İnönü", "Æsir Øster", "e\u{301}", "Thuỷ", "Thủy", "x\r\ny", "ǅemal", "", " ", "Đắk Lắk 2025"] {
            assertSameKey(s)
        }
        // Every scalar below the table's end alone, between Vietnamese letters, and before a
        // combining mark (which must send the string the slow way).
        for v in UInt32(0)..<0x1F00 {
            guard let u = Unicode.Scalar(v) else { continue }
            assertSameKey(String(u))
            assertSameKey("Hồ\(String(u))Ánh")
            assertSameKey("\(String(u))\u{301}")
        }
        // Random names of letters with and without marks, upper and lower case, spaces and hyphens.
        var rng = CollationRandom(seed: 7)
        let pieces = ["a", "ă", "â", "đ", "Đ", "ơ", "ư", "ệ", "Ỹ", "ồ", "ạ", "D", "o", "i", " ", "-", "'", ".", "À", "ẞ", "ß", "ǈ"]
        for _ in 0..<3000 {
            let n = Int.random(in: 0...12, using: &rng)
            assertSameKey((0..<n).map { _ in pieces.randomElement(using: &rng)! }.joined())
        }
        // The order the fast path gives is the order of the definition.
        let names = ["Bình Định", "Bạc Liêu", "Bình Dương", "Đà Nẵng", "Cà Mau", "Điện Biên", "Đắk Lắk", "Dak Lak"]
        XCTAssertEqual(VietCollation.sorted(names), ["Bạc Liêu", "Bình Dương", "Bình Định", "Cà Mau", "Dak Lak", "Đà Nẵng", "Đắk Lắk", "Điện Biên"])
    }

    func testDatesAreZeroPaddedAsPrintfDoes() {
        for v in [-12345, -1000, -999, -10, -1, 0, 1, 9, 10, 99, 100, 999, 1000, 2025, 9999, 10000, 123456] {
            XCTAssertEqual(MeetingDate.zeroPadded(v, 4), String(format: "%04d", v), "\(v)")
            XCTAssertEqual(MeetingDate.zeroPadded(v, 2), String(format: "%02d", v), "\(v)")
        }
        XCTAssertEqual(MeetingDate(year: 2018, month: 3, day: 7).description, "2018-03-07")
        XCTAssertEqual(MeetingDate(year: 987, month: 11).description, "0987-11")
    }
}

/// A fixed-seed generator (SplitMix64): the same strings on every run.
struct CollationRandom: RandomNumberGenerator {
    var state: UInt64
    init(seed: UInt64) { state = seed }
    mutating func next() -> UInt64 {
        state &+= 0x9E3779B97F4A7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58476D1CE4E5B9
        z = (z ^ (z >> 27)) &* 0x94D049BB133111EB
        return z ^ (z >> 31)
    }
}
