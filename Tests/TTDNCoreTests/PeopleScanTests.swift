import Foundation
import XCTest
@testable import TTDNCore

// PeopleExtractor reads mentions on bytes (PeopleScan) when a paragraph is simple text. The String
// code it had is kept as `PeopleExtractor.mentionsString(in:)` (cueMatches(in:), readPerson(_:),
// role(before:after:) as they were on main) and the regex `PeopleExtractor.cue` it stands for: both are
// the reference here. The byte code is compared with them on sentences written for these tests and on
// text built at random (fixed seed) from the fragments that matter: cue words in every case, names
// and title words with and without marks, verbs and role cues, digits of several scripts,
// separators, NBSP and other spaces, İ (which lower-cases to two scalars), combining marks, NFD, CR.

/// A fixed-seed generator (SplitMix64), so that a failure can be replayed.
struct PeopleRandom {
    var state: UInt64
    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
    mutating func int(_ n: Int) -> Int { Int(next() % UInt64(n)) }
    mutating func pick<T>(_ a: [T]) -> T { a[int(a.count)] }
}

final class PeopleScanTests: XCTestCase {
    static let cues = ["đồng chí", "Đồng chí", "Đ/c", "đ/c", "Đ/C", "ông", "Ông", "bà", "Bà", "BÀ", "ÔNG", "Đồng chí:", "xông", "Ông,", "bàn", "Cùng bà"]
    static let names = ["Nguyễn", "Văn", "Thị", "Hùng", "Lê", "Trần", "Minh", "Thanh", "Hoàng", "Đoàn", "Hà", "Y", "Ksor", "Phước",
                        "Đồng", "Cao", "Hồng", "Lan", "Sơn", "NGUYỄN", "H", "A", "Bình,", "Dũng.", "Tuấn;", "(Hải)", "“Mai”", "Kim:", "Nam2"]
    static let titles = ["Phó Chủ tịch", "Chủ tịch UBND tỉnh", "Bí thư Tỉnh ủy", "Trưởng ban Tuyên giáo", "Giám đốc Sở Ngoại vụ", "Ủy viên",
                         "Thứ trưởng", "Đại sứ", "UBND", "HĐND", "Tỉnh", "Sở", "Ban", "Văn", "Công", "Trung", "Bộ", "Ngày", "Các", "Tổng",
                         "Thượng tá", "(Bộ Ngoại giao)", "Phó Giám đốc Công an"]
    static let verbs = ["chủ trì", "đồng chủ trì", "phát biểu", "làm Trưởng đoàn", "làm trưởng đoàn", "dẫn đầu", "dự", "dự và",
                        "cho biết", "đề nghị", "nhấn mạnh", "tiếp đoàn", "tiếp và làm việc với", "đã tiếp", "tiếp, làm việc",
                        "có buổi làm việc với Đoàn", "làm việc với đoàn có", "tiếp đón đoàn có", "Đoàn công tác do", "đoàn",
                        "chủ trì có", "khai mạc", "thông tin", "sẽ", "là", "cùng", "và các", "được", "nói", "trao", "tặng", "tiếp"]
    static let words = ["hội nghị", "tại", "tỉnh", "Lạng Sơn", "năm", "2024", "15", "١٢", "５", "và", "các", "đại biểu", "Việt Nam", "Lào",
                        "İstanbul", "İ", "Ωmega", "ǅ", "ʰ", "e\u{301}", "Ta\u{300}i", "😀", "中文"]
    static let seps = [", ", ". ", ",", ".", "; ", ";", ": ", "(", ")", " - ", " – ", "“", "”", "\"", "'", "…", "/"]
    static let spaces = [" ", " ", " ", " ", "  ", "\u{A0}", "\t", "\u{2009}", "\u{202F}", "\n", "\r\n", "\u{3000}", "\u{85}", "\u{200B}"]

    static func randomParagraph(_ r: inout PeopleRandom, simpleOnly: Bool) -> String {
        var s = ""
        for _ in 0..<(3 + r.int(40)) {
            switch r.int(12) {
            case 0, 1: s += r.pick(cues)
            case 2, 3, 4: s += r.pick(names)
            case 5, 6: s += r.pick(titles)
            case 7, 8: s += r.pick(verbs)
            case 9: s += r.pick(words)
            default: s += r.pick(seps)
            }
            s += r.int(5) == 0 ? r.pick(spaces) : " "
        }
        if r.int(10) == 0 { s = s.decomposedStringWithCanonicalMapping }
        if simpleOnly {
            var b = Array(s.utf8)
            if !b.withUnsafeBufferPointer({ SimpleText.isSimple($0, limit: .max) }) {
                s = String(s.unicodeScalars.filter { SimpleText.isSimple(String($0)) }.map(Character.init))
                b = Array(s.utf8)
            }
        }
        return s
    }

    static let written = [
        "Sáng 12/3, đồng chí Nguyễn Văn Hùng, Phó Chủ tịch UBND tỉnh, Trưởng ban Chỉ đạo chủ trì hội nghị.",
        "Dự hội nghị có ông Trần Minh Tuấn, Giám đốc Sở Ngoại vụ cũng cho biết kết quả; bà Lê Thị Lan, Phó Giám đốc phát biểu.",
        "Đoàn công tác do đồng chí Phó Bí thư Tỉnh ủy Hoàng Văn Sơn dẫn đầu đã đến thăm.",
        "Tiếp đoàn có đồng chí Hà Thị Mai, Chủ tịch HĐND tỉnh. Đ/c Y Thanh Hà Niê Kđăm, Ủy viên nhấn mạnh.",
        "Ông  Ksor Phước Hà, Thượng tá (Bộ Quốc phòng), Trưởng đoàn, làm việc với đoàn có bà Cao Hồng Lan.",
        "Các đại biểu và ông NGUYỄN VĂN A cùng bà Đoàn Thị B; Ông Đồng Sỹ Cao, Chánh Văn phòng, đồng chủ trì.",
        "Bà İpek Lê, Đại sứ, khẳng định quan hệ. ông\u{A0}Phạm Văn Cường, Chủ tịch UBND tỉnh đã tiếp đoàn.",
        "Đồng chí Trưởng ban Tuyên giáo Tỉnh ủy Trần Thị Thanh Thủy, phát biểu; đồng chí Trần Văn B 2024, Phó Chủ tịch.",
    ]

    /// `PeopleExtractor.cue` as the regex reads it, in UTF-8 offsets.
    static func regexCues(_ s: String) -> [(Int, Int)] {
        let ns = s as NSString
        return PeopleExtractor.cue.matches(in: s, range: NSRange(location: 0, length: ns.length)).map { m in
            let r = Range(m.range, in: s)!
            return (s.utf8.distance(from: s.startIndex, to: r.lowerBound), s.utf8.distance(from: s.startIndex, to: r.upperBound))
        }
    }

    static func byteCues(_ s: String) -> [(Int, Int)] {
        var c = s
        return c.withUTF8 { PeopleScan.cueMatches($0) }.map { ($0.start, $0.end) }
    }

    static func describe(_ ms: [PeopleExtractor.Mention]) -> [String] {
        ms.map { "\($0.name)|\($0.titles.joined(separator: "#"))|\($0.role)" }
    }

    func testCueScanMatchesTheRegex() {
        var r = PeopleRandom(state: 11)
        var found = 0
        for s in Self.written + (0..<4000).map({ _ in Self.randomParagraph(&r, simpleOnly: false) }) {
            let want = Self.regexCues(s), got = Self.byteCues(s)
            found += want.count
            XCTAssertTrue(want.elementsEqual(got, by: { $0 == $1 }), "cues of \(s.debugDescription): \(want) vs \(got)")
        }
        XCTAssertGreaterThan(found, 3000)   // the comparison sees many cues, not only their absence
    }

    func testMentionsMatchTheStringCode() {
        var r = PeopleRandom(state: 2026)
        var people = 0, titled = 0
        var roles = Set<String>()
        let texts = Self.written + (0..<6000).map { k in Self.randomParagraph(&r, simpleOnly: k % 3 != 0) }
        for s in texts {
            let want = Self.describe(PeopleExtractor.mentionsString(in: s))
            let got = Self.describe(PeopleExtractor.mentions(in: s))
            XCTAssertEqual(want, got, "mentions of \(s.debugDescription)")
            let ms = PeopleExtractor.mentionsString(in: s)
            people += ms.count
            titled += ms.filter { !$0.titles.isEmpty }.count
            for m in ms { roles.insert("\(m.role)") }
        }
        // Enough real work for the comparison to mean something: names, titles, every role.
        XCTAssertGreaterThan(people, 1000)
        XCTAssertGreaterThan(titled, 250)
        XCTAssertEqual(roles.count, 5, "roles seen: \(roles)")
    }

    func testWrittenSentences() {
        let got = PeopleExtractor.extract(from: Self.written)
        XCTAssertTrue(got.contains { $0.name == "Nguyễn Văn Hùng" && $0.role == .chair && $0.titles.first == "Phó Chủ tịch UBND tỉnh" })
        XCTAssertTrue(got.contains { $0.name == "Hoàng Văn Sơn" && $0.role == .delegationHead })
        XCTAssertTrue(got.contains { $0.name == "Hà Thị Mai" && $0.role == .host })
    }

    func testSimpleTestAndWordSets() {
        var r = PeopleRandom(state: 7)
        for _ in 0..<3000 {
            let s = Self.randomParagraph(&r, simpleOnly: false)
            var c = s
            let want = SimpleText.isSimple(s)
            XCTAssertEqual(c.withUTF8 { PeopleScan.isSimple($0) }, want, s.debugDescription)
        }
        let sets: [(Set<String>, ByteWordSet)] = [(PeopleExtractor.titleWords, PeopleExtractor.titleWordSet),
                                                  (PeopleExtractor.surnames, PeopleExtractor.surnameSet),
                                                  (PeopleExtractor.nameSyllablesAlsoTitles, PeopleExtractor.alsoTitleSet)]
        for (strings, bytes) in sets {
            for w in strings {
                XCTAssertEqual(Array(w.utf8), Array(w.precomposedStringWithCanonicalMapping.utf8), "\(w) is not NFC")
            }
            let probes = Array(strings) + Self.names + Self.titles + Self.words + ["", "Phó Chủ", "Nguyễnn", "nguyễn", "Ủy", "Uỷ", "Tỉnhh", "Ngày1234567890123"]
            for w in probes {
                var c = w
                XCTAssertEqual(c.withUTF8 { bytes.contains($0, 0, $0.count) }, strings.contains(w), w)
            }
        }
    }
}
