import Foundation
import XCTest
@testable import TTDNCore
@testable import TTDNIndex

/// The word index (segments of sorted terms and varint postings) and the docs file: looked up,
/// merged, damaged, compacted — and, through the index, answering exactly what the in-memory
/// search answers.
final class WordIndexTests: XCTestCase {
    func tokens(_ words: String, marked: String = "") -> WordIndex.Tokens {
        WordIndex.tokens(folded: VietFold.fold(words), marked: Array(marked.utf8))
    }

    func keys(_ seg: WordIndex.Segment, _ postings: [UInt8], _ terms: Range<Int>) -> [Int] {
        var out: [Int] = []
        for k in terms {
            postings[seg.postings(k)].withUnsafeBytes { WordIndex.forEachKey($0) { out.append($0) } }
        }
        return out.sorted()
    }

    func testSegmentsAnswerWholeWordsAndPrefixesAndMergeAsOne() throws {
        let rows: [(Int, WordIndex.Tokens)] = [
            (3, tokens("lang son lang", marked: "Lạng Sơn")),
            (7, tokens("lao cai 2019")),
            (8, tokens("langbiang son la", marked: "Sơn")),
            (300, tokens("son tay")),
        ]
        var all = WordIndex.Builder()
        for (k, t) in rows { all.add(key: k, t) }
        XCTAssertEqual(all.rows, 4)
        let (d, p) = all.encode()
        XCTAssertTrue(all.isEmpty, "encode starts a fresh builder")
        let seg = try XCTUnwrap(WordIndex.Segment(id: 1, dictionary: d))
        XCTAssertEqual(seg.postingsSize, p.count)
        XCTAssertEqual(keys(seg, p, seg.terms(prefix: Array("lang".utf8))), [3, 8], "lang, langbiang")
        XCTAssertEqual(keys(seg, p, seg.terms(prefix: Array("la".utf8))), [3, 7, 8, 8], "lang, lao, langbiang, la")
        XCTAssertEqual(keys(seg, p, seg.term(equalTo: Array("lang".utf8)).map { $0..<($0 + 1) } ?? 0..<0), [3], "a token repeated in a row is posted once")
        XCTAssertNil(seg.term(equalTo: Array("lan".utf8)))
        XCTAssertEqual(keys(seg, p, seg.terms(prefix: Array("son".utf8))), [3, 8, 300])
        XCTAssertEqual(keys(seg, p, seg.terms(prefix: [WordIndex.markedTag] + Array("Sơn".utf8))), [3, 8], "marked words are their own tokens")
        XCTAssertEqual(keys(seg, p, seg.terms(prefix: Array("zz".utf8))), [])
        XCTAssertEqual(seg.terms(prefix: []).count, seg.count)
        for k in 1..<seg.count { XCTAssertTrue(seg.term(k - 1).lexicographicallyPrecedes(seg.term(k)), "terms sorted") }

        // Two segments (rows split as two commits would) merge into the segment of one build.
        var a = WordIndex.Builder(), b = WordIndex.Builder()
        for (k, t) in rows.prefix(2) { a.add(key: k, t) }
        for (k, t) in rows.suffix(2) { b.add(key: k, t) }
        let (da, pa) = a.encode(), (db, pb) = b.encode()
        let sa = try XCTUnwrap(WordIndex.Segment(id: 1, dictionary: da)), sb = try XCTUnwrap(WordIndex.Segment(id: 2, dictionary: db))
        let merged = WordIndex.merge([sa, sb], postings: [pa, pb])
        XCTAssertEqual(merged.dictionary, d)
        XCTAssertEqual(merged.postings, p)

        // Many segments of random words (shared, prefixes of one another, some in one segment only)
        // merge into the segment one builder makes of all their rows.
        var rng = SystemRandomNumberGenerator()
        let syllables = ["a", "ab", "abc", "b", "ba", "lang", "lan", "son", "so", "z", "đồng", "đông", "1", "10"]
        var everything = WordIndex.Builder(), parts: [WordIndex.Builder] = Array(repeating: WordIndex.Builder(), count: 7)
        var key = 0
        for segment in 0..<7 {
            for _ in 0..<Int.random(in: 1...12, using: &rng) {
                key += Int.random(in: 1...300, using: &rng)
                let words = (0..<Int.random(in: 1...9, using: &rng)).map { _ in syllables.randomElement(using: &rng)! }
                let t = WordIndex.tokens(folded: VietFold.fold(words.joined(separator: " ")), marked: MarkedWords.bytes(of: [words.joined(separator: " ")]))
                everything.add(key: key, t)
                parts[segment].add(key: key, t)
            }
        }
        var encoded: [(dictionary: [UInt8], postings: [UInt8])] = []
        for i in parts.indices { encoded.append(parts[i].encode()) }
        let segs = try encoded.enumerated().map { try XCTUnwrap(WordIndex.Segment(id: $0.offset + 1, dictionary: $0.element.dictionary)) }
        let whole = everything.encode(), many = WordIndex.merge(segs, postings: encoded.map { $0.postings })
        XCTAssertEqual(many.dictionary, whole.0)
        XCTAssertEqual(many.postings, whole.1)

        // Dead rows are left out of a merge; a term left with no row is dropped.
        let pruned = WordIndex.merge([sa, sb], postings: [pa, pb], dead: [7, 300])
        let ps = try XCTUnwrap(WordIndex.Segment(id: 3, dictionary: pruned.dictionary))
        XCTAssertEqual(keys(ps, pruned.postings, ps.terms(prefix: [])).filter { $0 == 7 || $0 == 300 }, [])
        XCTAssertNil(ps.term(equalTo: Array("lao".utf8)), "only row 7 held it")
        XCTAssertNil(ps.term(equalTo: Array("tay".utf8)))
        XCTAssertEqual(keys(ps, pruned.postings, ps.terms(prefix: Array("son".utf8))), [3, 8])

        // A damaged dictionary is refused, never misread.
        XCTAssertNil(WordIndex.Segment(id: 9, dictionary: Array(d.dropLast())))
        XCTAssertNil(WordIndex.Segment(id: 9, dictionary: Array("not a segment".utf8)))
        var swapped = d
        swapped[WordIndex.Segment.magic.count + 12 + 8 + 4] = 0xFF   // the second term's postings offset past the end
        XCTAssertNil(WordIndex.Segment(id: 9, dictionary: swapped))
    }

    func testVarintsRoundTrip() {
        var b: [UInt8] = []
        let values: [UInt64] = [0, 1, 127, 128, 300, 16_383, 16_384, 1 << 35, UInt64(Int.max)]
        for v in values { WordIndex.appendVarint(v, to: &b) }
        var got: [UInt64] = []
        b.withUnsafeBytes { r in var i = 0; while i < r.count { got.append(WordIndex.readVarint(r, &i)) } }
        XCTAssertEqual(got, values)
    }

    func testPlansSayWhatTheTokensDecide() {
        func plan(_ q: String) -> WordIndex.Plan { WordIndex.plan(SearchQuery(q).terms[0]) }
        XCTAssertEqual(plan("Lang"), .init(lookups: [.init(key: Array("lang".utf8), prefix: true)], exact: true))
        let phrase = plan("\"lang son\"")
        XCTAssertEqual(phrase.lookups, [.init(key: Array("lang".utf8), prefix: false), .init(key: Array("son".utf8), prefix: false)])
        XCTAssertFalse(phrase.exact, "a phrase is checked on the text")
        XCTAssertFalse(plan("5/7").exact, "punctuation inside a term is checked on the text")
        XCTAssertEqual(plan("5/7").lookups.map(\.prefix), [false, true])
        let marked = plan("uỷ")
        XCTAssertTrue(marked.exact, "one marked word: two lookups decide it")
        XCTAssertEqual(marked.lookups, [.init(key: Array("uy".utf8), prefix: true),
                                        .init(key: [WordIndex.markedTag] + Array(ToneStyle.canonical("uỷ").utf8), prefix: true)])
        XCTAssertEqual(plan("ủy").lookups, marked.lookups, "old and new tone placement look up the same token")
        XCTAssertFalse(plan("\"Lạng Sơn\"").exact)
    }

    // MARK: - Through the index

    var dir: URL!
    var corpus: String { dir.appendingPathComponent("c").path }
    var dbPath: String { dir.appendingPathComponent("cache/i.sqlite").path }

    override func setUpWithError() throws {
        dir = FileManager.default.temporaryDirectory.appendingPathComponent("ttdn-words-\(UUID().uuidString)")
        try FileManager.default.createDirectory(atPath: corpus, withIntermediateDirectories: true)
    }
    override func tearDownWithError() throws { try? FileManager.default.removeItem(at: dir) }

    /// Articles written for this test: punctuation inside phrases, both tone placements, a word
    /// split by a line break, NFD marks, đ.
    let articles: [String: String] = [
        "a": "Hội nghị tổng kết công tác thông tin đối ngoại tỉnh Lạng Sơn năm 2019\n\nSáng nay (5/7), Tỉnh ủy Lạng Sơn tổ chức hội nghị tổng kết công tác thông tin đối ngoại.\n\nĐồng chí Nguyễn Văn An, Phó Bí thư Tỉnh ủy, chủ trì hội nghị.",
        "b": "Giao ban công tác thông tin đối ngoại quý II\n\nChiều 12/4, Ban Tuyên giáo Tỉnh uỷ Sơn La tổ chức giao ban. Nhiệm vụ được giao.\n\nBan Tuyên giáo nêu rõ các việc cần làm.",
        "c": "Tập huấn nghiệp vụ thông tin đối ngoại năm 2020\n\nNgày 3-9-2020, tại thành phố Lào Cai, hơn 100 học viên dự lớp tập huấn về thông tin đối ngoại.\n\nLang son là tên một loại sơn mài, không phải địa danh.",
        "d": "Sơ kết 6 tháng đầu năm công tác TTĐN tỉnh Hà Giang\n\nNgày 10/7/2021, Ban Chỉ đạo công tác TTĐN tỉnh Hà Giang họp sơ kết. Đ/c Trần Thị Bình phát biểu.\n\nHội nghị kết thúc lúc 11h30.",
        "e": "Làm việc với đoàn công tác Trung ương về thông tin đối ngoại\n\nNgày 2/3/2022 tại Lạng\nSơn, đoàn công tác làm việc với Tỉnh ủy.\n\nTin: Hoàng Minh",
        "f": "Hội nghị trực tuyến về thông tin đối ngoại năm 2023\n\nNgày 5/5/2023, Tỉnh u\u{0309}y Quảng Ninh tổ chức hội nghị (lần thứ 2) về công tác đối ngoại.",
    ]

    let queries = [
        "lang son", "\"lang son\"", "Lạng Sơn", "\"Lạng Sơn\"", "uy", "ủy", "uỷ", "\"tinh uy\"", "Tỉnh ủy", "\"Tỉnh uỷ Sơn La\"",
        "nay 5/7", "\"nay (5/7)\"", "\"nay 5\"", "(5/7)", "3-9-2020", "\"giao ban\"", "\"giao ban\" hoang", "\"giao. ban\"",
        "dong chi", "Đồng chí", "d/c", "đ/c", "son", "sơn", "sơ", "la", "\"la\"", "Lào", "lao cai", "thong tin doi ngoai",
        "\"thong tin doi ngoai\"", "2019", "20", "11h30", "11h", "tin:", "\"lan thu 2\"", "\"doi ngoai.\"", "ttdn", "TTĐN",
        "zzz", "\"\"", "...", "quang ninh", "Tỉnh u\u{0309}y", "\"hội nghị\" \"sơ kết\"", "hoang minh", "an", "\"an\"",
    ]

    func write(_ name: String, _ text: String) throws {
        try text.write(toFile: corpus + "/" + name + ".txt", atomically: true, encoding: .utf8)
    }

    func assertIndexEqualsMemory(_ store: IndexStore, _ label: String, file: StaticString = #filePath, line: UInt = #line) throws {
        let fresh = try Corpus.load(path: corpus)
        for text in queries {
            let q = SearchQuery(text)
            guard !q.isEmpty else { XCTAssertNil(store.matches(q)); continue }
            let want = Set(fresh.meetings.filter { q.matches($0) }.map(\.id))
            XCTAssertEqual(store.matches(q), want, "\(label): \(text)", file: file, line: line)
        }
    }

    func testIndexAnswersWhatTheInMemorySearchAnswersThroughChanges() throws {
        for (name, text) in articles { try write(name, text) }
        let store = try IndexStore(path: dbPath)
        _ = try store.load(root: corpus)
        try assertIndexEqualsMemory(store, "first build")
        let fresh = try Corpus.load(path: corpus)
        XCTAssertTrue(fresh.meetings.contains { SearchQuery("\"nay 5\"").matches($0) } == false, "the reference: a phrase does not jump over punctuation")
        XCTAssertEqual(store.matches(SearchQuery("lang son")), ["a", "c", "e"], "a line break does not split a search")

        // Changes, one sync each: each writes a segment and buries replaced rows until a merge.
        for round in 0..<7 {
            try write("b", articles["b"]! + "\n\nVòng \(round): Lạng Sơn góp ý.")
            if round == 2 { try FileManager.default.removeItem(atPath: corpus + "/c.txt") }
            if round == 4 { try write("c", articles["c"]!.replacingOccurrences(of: "Lào Cai", with: "Lai Châu")) }
            _ = try store.load(root: corpus)
            try assertIndexEqualsMemory(store, "round \(round)")
            XCTAssertEqual(store.matches(SearchQuery("\"vong \(round)\"")), ["b"])
            if round > 0 { XCTAssertEqual(store.matches(SearchQuery("\"vong \(round - 1)\"")), [], "the replaced text is not found") }
        }
        let words = try store.db.scalarInt("SELECT count(*) FROM words") ?? 0
        XCTAssertLessThanOrEqual(words, 5, "segments are merged once there are more than 4")
        XCTAssertLessThan(try store.db.scalarInt("SELECT count(*) FROM dead") ?? 0, 7, "a merge empties dead")
    }

    func testDocRecordsRoundTripAndDamageFallsBackToTheFile() throws {
        for (name, text) in articles { try write(name, text) }
        let store = try IndexStore(path: dbPath)
        _ = try store.load(root: corpus)
        let fresh = try Corpus.load(path: corpus)
        for m in fresh.meetings {
            let rec = try XCTUnwrap(DocRecord.decode(DocRecord.encode(m)))
            XCTAssertEqual(rec, DocRecord(title: m.title, byline: m.byline, siteLinks: m.siteLinks, paragraphs: m.paragraphs, searchText: m.searchText))
            // Where the parser said the rebuilt part ends, and where rebuilding it finds that: one record.
            XCTAssertGreaterThanOrEqual(m.searchTextRebuilt, 0, m.id)
            XCTAssertEqual(Array(m.searchText.prefix(m.searchTextRebuilt)), ArticleParser.searchText(of: m), m.id)
            var unknown = m
            unknown.searchTextRebuilt = -1
            XCTAssertEqual(DocRecord.encode(unknown), DocRecord.encode(m), m.id)
            XCTAssertEqual(store.paragraphs(for: m.id), m.paragraphs, m.id)
        }
        XCTAssertNil(DocRecord.decode([9, 9, 9]))

        // The docs file cut short (a crash between its write and the commit, a disk that lost it):
        // the records read as missing, the articles' files are parsed again, nothing changes for the user.
        let docs = try FileManager.default.contentsOfDirectory(atPath: dir.appendingPathComponent("cache").path).filter { $0.contains("-docs-") }
        XCTAssertEqual(docs.count, 1)
        let docsPath = dir.appendingPathComponent("cache/" + docs[0]).path
        XCTAssertEqual(truncate(docsPath, 10), 0)
        let again = try IndexStore(path: dbPath)
        for m in fresh.meetings { XCTAssertEqual(again.paragraphs(for: m.id), m.paragraphs, "\(m.id) after damage") }
        try assertIndexEqualsMemory(again, "docs damaged")
        // Flipped bytes fail the checksum the same way.
        XCTAssertEqual(truncate(docsPath, 0), 0)
        try Data(repeating: 0x41, count: 100_000).write(to: URL(fileURLWithPath: docsPath))
        for m in fresh.meetings { XCTAssertEqual(try IndexStore(path: dbPath).paragraphs(for: m.id), m.paragraphs) }
    }

    func testReplacedRecordsAreGivenBackByACompaction() throws {
        for (name, text) in articles { try write(name, text) }
        let store = try IndexStore(path: dbPath)
        _ = try store.load(root: corpus)
        let cache = dir.appendingPathComponent("cache").path
        func docsFiles() throws -> [String] { try FileManager.default.contentsOfDirectory(atPath: cache).filter { $0.contains("-docs-") } }
        func docsSize() throws -> Int { try docsFiles().map { (try FileManager.default.attributesOfItem(atPath: cache + "/" + $0)[.size] as? Int) ?? 0 }.reduce(0, +) }
        let before = try docsSize()
        let long = String(repeating: "Các đại biểu thảo luận về thông tin đối ngoại. ", count: 400)
        for round in 0..<5 {
            try write("a", articles["a"]! + "\n\n" + long + "Vòng \(round).")
            _ = try store.load(root: corpus)
        }
        let grown = try docsSize()
        XCTAssertGreaterThan(grown, before + 4 * long.utf8.count, "each rewrite appends its record (below the slack, kept)")
        try store.compactDocs(slack: 0)
        XCTAssertEqual(try docsFiles().count, 1, "the old generation is removed")
        XCTAssertLessThan(try docsSize(), grown / 2)
        let fresh = try Corpus.load(path: corpus)
        for m in fresh.meetings { XCTAssertEqual(store.paragraphs(for: m.id), m.paragraphs, "\(m.id) after compaction") }
        XCTAssertEqual(try IndexStore(path: dbPath).paragraphs(for: "a"), fresh.meetings.first { $0.id == "a" }?.paragraphs, "another connection reads the new generation")
        try assertIndexEqualsMemory(store, "after compaction")
        let compacted = try docsFiles()
        try store.compactDocs(slack: 0)
        XCTAssertEqual(try docsFiles(), compacted, "nothing to give back: left as it is")
    }
}
