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

/// `ArticleLayout` as it was before it read bytes (`LayoutLine`), kept verbatim as the reference:
/// the layout of any text must not change.
struct ReferenceLayout {
    var title: String = ""
    /// Lines that state only a date/time (publish line or page header), with
    /// whether they stood before the headline.
    var dateLines: [(text: String, beforeTitle: Bool)] = []
    var lead: String = ""
    /// Site code that prefixed the lead ("LSO-"), if any.
    var siteCode: String?
    var paragraphs: [Paragraph] = []   // lead first, as body
    var byline: String?
    var footer: [String] = []
    /// "Từ khóa: …" / "Tags: …" lines: chrome for reading, but what a researcher searches by.
    var keywordLines: [String] = []

    static func isKeywordLine(_ s: String) -> Bool {
        let low = s.prefix(12).fastLowercased()
        return low.hasPrefix("từ khóa:") || low.hasPrefix("từ khoá:") || low.hasPrefix("tags:") || low.hasPrefix("thẻ:")
    }

    /// Headlines listed in a related-news footer ("Tin liên quan", "Các tin khác" …), and keyword lines.
    var siteLinks: [String] {
        var out: [String] = keywordLines
        var inList = false
        for line in footer {
            if ReferenceLayout.isFooterStart(line) {
                let low = line.fastLowercased()
                inList = ReferenceLayout.linkListStarts.contains { low.hasPrefix($0) }
                continue
            }
            if ReferenceLayout.isKeywordLine(line) { out.append(line); continue }
            if inList && line.wordCount >= 4 && !ReferenceLayout.isChrome(line) { out.append(line) }
        }
        return out
    }
    static let linkListStarts = ["tin liên quan", "bài liên quan", "các tin khác", "tin khác", "tin cùng chuyên mục",
                                 "bài viết liên quan", "tin tức liên quan", "có thể bạn quan tâm", "tin đã đưa", "các bài viết khác"]
    var droppedChrome: Int = 0
    /// Units above the chosen headline that are not plain chrome (menus, banners): kept for search only.
    var aboveHeadline: [String] = []

    static func parse(_ text: String) -> ReferenceLayout {
        var layout = ReferenceLayout()
        var units = makeUnits(text)
        // A page scraped onto one line: recover headline and lead around the first date.
        if units.count == 1, units[0].text.count > 400 {
            // Line breaks flattened to spaces leave runs of 2+ spaces between blocks.
            let rebroken = regex(#"[ \u00A0]{2,}"#, []).stringByReplacingMatches(
                in: text, range: NSRange(location: 0, length: (text as NSString).length), withTemplate: "\n\n")
            units = makeUnits(rebroken)
            if units.count == 1 { units = splitRunOn(units[0].text) }
        }

        var i = 0
        // Whether each unit is a date line: asked several times per unit, and the patterns are costly.
        var dateLineMemo = [UInt8](repeating: 0, count: units.count)   // 0 unknown, 1 no, 2 yes
        let isDateLine = { (k: Int) -> Bool in
            if dateLineMemo[k] == 0 { dateLineMemo[k] = DateLine.parse(units[k].text) == nil ? 1 : 2 }
            return dateLineMemo[k] == 2
        }
        // 1. Chrome and publish lines before the headline; the headline.
        let titleIndex = headlineIndex(units, isDateLine: isDateLine)
        while i < units.count {
            let u = units[i].text
            if isChrome(u) || (titleIndex.map { i < $0 } ?? false) && !isDateLine(i) {
                // Not shown, but still searchable: a banner or a line above the headline may name the province.
                if !isChrome(u) { layout.aboveHeadline.append(u) }
                layout.droppedChrome += 1; i += 1; continue
            }
            if isDateLine(i) { layout.dateLines.append((u, true)); i += 1; continue }
            layout.title = stripEndMark(u)
            i += 1
            break
        }
        // 2. Everything up to the footer.
        var body: [Unit] = []
        var bodyHasProse = false   // whether any unit of `body` looks like prose, kept as units are added
        while i < units.count {
            let u = units[i].text
            if isFooterStart(u) && (!body.isEmpty || !layout.title.isEmpty) {
                layout.footer = units[i...].map(\.text)
                break
            }
            if isChrome(u) {
                if isKeywordLine(u) { layout.keywordLines.append(u) }
                layout.droppedChrome += 1; i += 1; continue
            }
            if body.isEmpty || !bodyHasProse, isDateLine(i) {
                layout.dateLines.append((u, false)); i += 1; continue
            }
            body.append(units[i])
            if !bodyHasProse && looksLikeProse(units[i].text) { bodyHasProse = true }
            i += 1
        }
        // 3. Byline: the last short name-like unit.
        if let last = body.last, let byline = bylineText(last.text) {
            layout.byline = byline
            body.removeLast()
        }
        // 4. Lead: the first unit that reads as prose; what precedes it is caption or sub-heading.
        var leadIndex: Int? = nil
        for (k, u) in body.enumerated() where looksLikeProse(u.text) { leadIndex = k; break }
        for (k, u) in body.enumerated() {
            var t = u.text
            if k == leadIndex {
                if let (code, rest) = splitSiteCode(t) { layout.siteCode = code; t = rest }
                t = stripEndMark(t)
                layout.lead = t
                layout.paragraphs.append(Paragraph(t, .body))
                continue
            }
            let role: ParagraphRole
            if u.repeated || (leadIndex.map { k < $0 } ?? false) && isCaptionLike(t) { role = .caption }
            else if looksLikeProse(t) || endsSentence(t) { role = .body }
            else if isCaptionLike(t) { role = .caption }
            else { role = .subheading }
            layout.paragraphs.append(Paragraph(role == .body ? stripEndMark(t) : t, role))
        }
        return layout
    }

    /// Which unit is the headline. Pages put menus, banners, hotlines, language
    /// switches and breadcrumbs above it, so the first line is often not it: of
    /// the units before the first paragraph of prose, the headline is the one
    /// that reads like one (a phrase of 4–40 words, not navigation, not a date
    /// or a byline), preferring words of the genre and a date, byline or the
    /// lead right after it. nil: keep the first unit that is not chrome.
    static func headlineIndex(_ units: [Unit], isDateLine: (Int) -> Bool) -> Int? {
        // A banner of slogans above the page can read as prose too: try the next paragraph.
        let leads = units.prefix(60).indices.filter { looksLikeProse(units[$0].text) && units[$0].text.wordCount >= 20 }
        let firstLead = leads.first { !isBanner(units[$0].text) }
        // A unit's score depends on the lead only through `leadFollows`: keep both scores of each unit.
        var scoreMemo: [Int: Int] = [:]
        func score(_ k: Int, lead: Int) -> Int {
            let leadFollows = k + 1 == lead || k + 2 == lead
            let key = 2 * k + (leadFollows ? 1 : 0)
            if let s = scoreMemo[key] { return s }
            let s = headlineScore(units[k].text, leadFollows: leadFollows,
                                  nextIsDateOrByline: { ((k + 1)..<min(units.count, k + 3)).contains { isDateLine($0) || bylineText(units[$0].text) != nil } })
            scoreMemo[key] = s
            return s
        }
        var candidateMemo: [Int: Bool] = [:]
        func isCandidate(_ k: Int) -> Bool {
            if let c = candidateMemo[k] { return c }
            let u = units[k].text
            let c = !(isChrome(u) || isDateLine(k) || isFooterStart(u))
            candidateMemo[k] = c
            return c
        }
        for lead in leads.prefix(3) where lead > 0 && lead <= (firstLead ?? lead) {
            var best: (score: Int, index: Int)?
            for k in 0..<lead {
                if !isCandidate(k) { continue }
                let score = score(k, lead: lead)
                if score > 0 && (best == nil || score > best!.score) { best = (score, k) }
            }
            // The earliest strong candidate: a real headline first, captions under it after.
            if let b = best {
                for k in 0..<b.index where isCandidate(k) {
                    let sc = score(k, lead: lead)
                    if sc >= max(5, b.score - 2) { return k }
                }
                return b.index
            }
        }
        return nil
    }

    static let navigationMarks = ["|", ">>", "»", "›", "hotline", "đường dây nóng", "tiếng việt", "english", "trang chủ",
                                  "menu", "banner", "welcome", "cập nhật trong ngày", "xuất bản thông tin", "tìm kiếm",
                                  "breaking news", "tin nóng", "tương phản", "điện thoại", "email:", "đăng nhập", "video",
                                  "podcast", "emagazine", "infographic", "thông tin mới nhất", "tin hoạt động"]
    static let genreWords = ["hoi nghi", "tap huan", "doi ngoai", "thong tin", "lam viec", "hoi dam", "huu nghi", "doan ",
                             "tiep ", "ky niem", "dai hoi", "to chuc", "trien khai", "tong ket", "so ket", "giao ban",
                             "hoi thao", "toa dam", "boi duong", "tuyen truyen", "hop tac", "bien gioi", "ban chi dao"]

    /// Slogans across the top of a page: mostly capitals, or a greeting.
    static func isBanner(_ s: String) -> Bool {
        var letters = 0, upper = 0
        // CharacterSet.letters is L* and M*; uppercaseLetters is Lu and Lt.
        for c in s.unicodeScalars.prefix(400) {
            switch c.value {
            case 0x41...0x5A: letters += 1; upper += 1
            case 0x61...0x7A: letters += 1
            case 0..<0x80: break
            default:
                switch c.properties.generalCategory {
                case .uppercaseLetter, .titlecaseLetter: letters += 1; upper += 1
                case .lowercaseLetter, .modifierLetter, .otherLetter, .nonspacingMark, .spacingMark, .enclosingMark: letters += 1
                default: break
                }
            }
        }
        // Only a "c" or "C" lower-cases to the "c" it starts with.
        return upper * 2 > letters || (s.utf8.first == 0x63 || s.utf8.first == 0x43) && s.fastLowercased().hasPrefix("chào mừng")
    }

    /// `nextIsDateOrByline`: is one of the next two units a date line or a byline (asked only when needed).
    /// `CharacterSet.decimalDigits`: general category Nd.
    @inline(__always) static func isDecimalDigit(_ c: Unicode.Scalar) -> Bool {
        if c.value < 0x80 { return c.value >= 0x30 && c.value <= 0x39 }
        return c.properties.generalCategory == .decimalNumber
    }

    static func headlineScore(_ u: String, leadFollows: Bool, nextIsDateOrByline: () -> Bool) -> Int {
        let words = u.wordCount
        var score = 0
        switch words {
        case 5...40: score += 4
        case 3...4: score += 1
        default: return 0
        }
        let low = u.fastLowercased()
        if navigationMarks.contains(where: { low.fastContains($0) }) { score -= 6 }
        if bylineText(u) != nil { score -= 4 }
        var digits = 0, scalars = 0
        for c in u.unicodeScalars {
            scalars += 1
            if isDecimalDigit(c) { digits += 1 }
        }
        if digits * 3 > scalars { score -= 6 }
        let folded = VietFold.foldedString(u)
        if genreWords.contains(where: { folded.fastContains($0) }) { score += 3 }
        if leadFollows || nextIsDateOrByline() { score += 2 }
        if isCaptionLike(u) { score -= 1 }
        return score
    }

    // MARK: - Units

    struct Unit { var text: String; var repeated: Bool }

    /// Lines → units: blank lines separate blocks; inside a block, lines that
    /// repeat (captions doubled as alt text) merge, a lone word that begins
    /// the next line (truncated alt text: "Các" / "Các đại biểu …") drops, and
    /// a line ending in a comma continues on the next (wrapped captions).
    static func makeUnits(_ text: String) -> [Unit] {
        var blocks: [[String]] = [[]]
        // "\n" is always a Character of its own, so splitting the bytes splits the same lines.
        for raw in text.lines(omittingEmpty: false) {
            let line = cleanLine(String(raw))
            if line.isEmpty {
                if !blocks[blocks.count - 1].isEmpty { blocks.append([]) }
            } else {
                blocks[blocks.count - 1].append(contentsOf: unglueFooter(line))
            }
        }
        var units: [Unit] = []
        for block in blocks where !block.isEmpty {
            // A block wrapped at a fixed width: most of its lines are long and end mid-sentence.
            // (Paragraphs one per line are longer than any wrap width.)
            let hardWrapped = block.count >= 3 && block.allSatisfy { !$0.hasMoreCharacters(than: 110) }
                && block.filter { $0.hasMoreCharacters(than: 39) && !endsSentence($0) }.count * 2 >= block.count
            var merged: [Unit] = []
            var k = 0
            while k < block.count {
                var line = block[k]
                if k + 1 < block.count {
                    let next = block[k + 1]
                    if !line.utf8.contains(32) && next.hasPrefix(line + " ") { k += 1; continue }
                }
                var part = line
                while part.hasSuffix(","), k + 1 < block.count, !part.hasMoreCharacters(than: 119), !isFooterStart(block[k + 1]) {
                    k += 1
                    part = block[k]
                    line += " " + part
                }
                // Text hard-wrapped inside sentences ("Ngày" / "28/7, tại …" / "phối hợp với …"): a line
                // that does not end a sentence continues on a next line that starts in lower case or a digit.
                while k + 1 < block.count, !endsSentence(line), continuesSentence(block[k + 1]) || hardWrapped && line.hasMoreCharacters(than: 29),
                      !isFooterStart(block[k + 1]) {
                    k += 1
                    line += " " + block[k]
                }
                if let prev = merged.last, prev.text == line {   // cleanLine already collapsed spaces
                    merged[merged.count - 1].repeated = true
                } else {
                    merged.append(Unit(text: line, repeated: false))
                }
                k += 1
            }
            units.append(contentsOf: merged)
        }
        return units
    }

    /// Trims spaces and NBSP, collapses runs of them, removes control characters.
    /// Spaces are U+0020, NBSP, U+3000, U+2000–U+200A and U+202F; the walk is on UTF-8 bytes.
    static func cleanLine(_ s: String) -> String {
        var sanitized = ReferenceDecoding.mayBeSuspicious(s) ? Sanitize.line(s) : s
        if isClean(&sanitized) { return sanitized }
        var out: [UInt8] = []
        var pendingSpace = false
        sanitized.withUTF8 { b in
            out.reserveCapacity(b.count)
            let n = b.count
            var i = 0
            while i < n {
                let c = b[i]
                var spaceBytes = 0
                if c == 0x20 { spaceBytes = 1 }
                else if c == 0xC2 && i + 1 < n && b[i + 1] == 0xA0 { spaceBytes = 2 }
                else if c == 0xE3 && i + 2 < n && b[i + 1] == 0x80 && b[i + 2] == 0x80 { spaceBytes = 3 }
                else if c == 0xE2 && i + 2 < n && b[i + 1] == 0x80 && (b[i + 2] <= 0x8A || b[i + 2] == 0xAF) { spaceBytes = 3 }
                if spaceBytes > 0 {
                    pendingSpace = !out.isEmpty
                    i += spaceBytes
                    continue
                }
                if pendingSpace { out.append(0x20); pendingSpace = false }
                out.append(c)
                i += 1
            }
        }
        return String(decoding: out, as: UTF8.self)
    }

    nonisolated(unsafe) static let leadingDayMonth = regex(#"^\d{1,2}[/.\-]\d{1,2}"#, [])

    /// Nothing for `cleanLine` to do: no space at either end, no two in a row, no other kind of space.
    static func isClean(_ s: inout String) -> Bool {
        s.withUTF8 { b in
            let n = b.count
            if n == 0 { return true }
            if b[0] == 0x20 || b[n - 1] == 0x20 { return false }
            var i = 0
            while i < n {
                let c = b[i]
                if c == 0x20 && b[i + 1] == 0x20 { return false }   // never the last byte (checked above)
                if c == 0xC2 && i + 1 < n && b[i + 1] == 0xA0 { return false }
                if c == 0xE3 && i + 2 < n && b[i + 1] == 0x80 && b[i + 2] == 0x80 { return false }
                if c == 0xE2 && i + 2 < n && b[i + 1] == 0x80 && (b[i + 2] <= 0x8A || b[i + 2] == 0xAF) { return false }
                i += 1
            }
            return true
        }
    }

    static func continuesSentence(_ next: String) -> Bool {
        guard let f = next.first else { return false }
        return f.isLowercase || (f.isNumber && leadingDayMonth.firstMatch(in: next, range: NSRange(location: 0, length: (next as NSString).length)) != nil)
    }

    static func squash(_ s: String) -> String { s.split(separator: " ").joined(separator: " ") }

    /// "Đào DoanNội dung:" → "Đào Doan", "Nội dung:": a byline glued to the next widget.
    static func unglueFooter(_ line: String) -> [String] {
        for marker in gluedFooterMarkers {
            guard let r = line.fastRange(of: marker), r.lowerBound > line.startIndex else { continue }
            let before = line[line.index(before: r.lowerBound)]
            if before.isLowercase || before == "." {
                let head = String(line[..<r.lowerBound]).trimmingSpaces()
                return [head, String(line[r.lowerBound...])]
            }
        }
        return [line]
    }
    static let gluedFooterMarkers = ["Nội dung:", "Giá vàng", "Tỷ giá", "Có thể bạn quan tâm", "Tin liên quan", "Bài liên quan", "Chia sẻ"]

    /// A page on one line: headline, then a dateline or the lead's first date.
    static func splitRunOn(_ text: String) -> [Unit] {
        let window = text.prefixCharacters(600)
        guard let hit = DateExtractor.firstDateCue(in: window), hit > 10 else {
            return [Unit(text: text, repeated: false)]
        }
        let idx = window.index(window.startIndex, offsetBy: hit)
        var head = String(text[..<idx]).trimmingSpaces()
        var units: [Unit] = []
        // A publish time glued after the headline ("… cuối năm 21:24, 08/07/2019").
        if let m = DateLine.trailing(in: head) {
            units.append(Unit(text: m.head, repeated: false))
            units.append(Unit(text: m.dateLine, repeated: false))
            head = ""
        } else {
            units.append(Unit(text: head, repeated: false))
        }
        units.append(Unit(text: String(text[idx...]), repeated: false))
        return units
    }

    // MARK: - Classifiers

    static let chromeExact: Set<String> = [
        "skip to main content", "bỏ qua nội dung", "chuyển đến nội dung", "chia sẻ", "facebook", "zalo",
        "twitter", "in bài viết", "gửi cho bạn bè", "lưu bài viết", "bình luận", "email", "print", "tweet",
        "like", "share", "in", "gửi bài", "bản in", "lưu", "copy link", "theo dõi", "trở lại", "quay lại",
        "về đầu trang", "đầu trang", "xem thêm", "đọc tiếp", "nghe đọc bài", "cỡ chữ", "a+", "a-",
    ]

    static func isChrome(_ s: String) -> Bool {
        // Chrome is short; breadcrumbs and keyword lines start with a known word.
        let n = s.utf8.count
        if n > 60, !(s.hasPrefix("Trang") || s.hasPrefix("TRANG") || s.hasPrefix("Từ") || s.hasPrefix("Tags") || s.hasPrefix("Thẻ")) { return false }
        let low = s.fastLowercased()
        if chromeExact.contains(low) { return true }
        if low.hasPrefix("trang chủ") && (s.contains("/") || s.contains("»") || s.contains(">") || s.contains("|") || s.count < 12) { return true }
        if low.hasPrefix("từ khóa:") || low.hasPrefix("từ khoá:") || low.hasPrefix("tags:") || low.hasPrefix("thẻ:") { return true }
        return false
    }

    static let footerStarts: [String] = [
        "có thể bạn quan tâm", "tin liên quan", "bài liên quan", "các tin khác", "tin khác", "tin cùng chuyên mục",
        "tin mới", "tin mới nhất", "mới nhất", "xem nhiều nhất", "đọc nhiều nhất", "đọc nhiều", "phản hồi",
        "thông tin người gửi phản hồi", "ý kiến bạn đọc", "gửi bình luận", "gửi ý kiến", "liên kết website",
        "nội dung:", "giá vàng", "tỷ giá", "lịch phát sóng", "thời tiết", "bài viết liên quan", "tin đã đưa",
        "các bài viết khác", "xem thêm tin", "tin tức liên quan",
    ]

    /// Each footer start with the forms it may take at the start of a line, built once.
    static let footerForms: [(start: String, withColon: String, withSpace: String, endsColon: Bool, spaceOK: Bool)] =
        footerStarts.map { ($0, $0 + ":", $0 + " ", $0.hasSuffix(":"), $0 == "giá vàng" || $0 == "tỷ giá") }
    /// The first bytes footer starts begin with: most units begin otherwise and need no lower-casing.
    static let footerFirstBytes: Set<UInt8> = Set(footerStarts.flatMap { [$0.utf8.first!, $0.uppercased().utf8.first!] })

    static func isFooterStart(_ s: String) -> Bool {
        guard s.utf8.count < 90, let first = s.utf8.first, footerFirstBytes.contains(first) else { return false }
        let low = s.fastLowercased()
        return footerForms.contains { f in
            low == f.start || low.hasPrefix(f.withColon) || (f.endsColon && low.hasPrefix(f.start)) || (f.spaceOK && low.hasPrefix(f.withSpace))
        }
    }

    static func endsSentence(_ s: String) -> Bool {
        guard let last = s.unicodeScalars.last else { return false }
        return ".…!?;:".unicodeScalars.contains(last) || s.hasSuffix(".”") || s.hasSuffix(".\"") || s.hasSuffix("./.") || s.hasSuffix(".)")
    }

    /// Prose: a long unit, or a punctuated sentence of some length.
    static func looksLikeProse(_ s: String) -> Bool {
        if s.utf8.count >= 260 && s.scalarCount >= 260 { return true }   // a scalar takes at least a byte
        return endsSentence(s) && s.wordCount >= 9
    }

    static let captionCues = ["phát biểu", "quang cảnh", "đại biểu", "tham dự", "dự hội nghị", "ảnh:", "(ảnh", "trao ",
                              "tặng", "chụp ảnh", "lắng nghe", "khảo sát", "tại hội nghị", "tại buổi", "học viên",
                              "truyền đạt", "toàn cảnh", "báo cáo viên", "chủ trì", "kết luận", "thăm", "làm việc tại",
                              "các đồng chí", "đồng chí"]

    static func isCaptionLike(_ s: String) -> Bool {
        guard s.scalarCount < 320, !endsSentence(s) || s.hasSuffix(")") else { return false }
        let low = s.fastLowercased()
        return captionCues.contains { low.fastContains($0) }
    }

    /// "Bích Diệp", "PHÙNG KHIÊM", "Tin, ảnh: Thu Hằng", "Theo Báo Lạng Sơn".
    static func bylineText(_ s0: String) -> String? {
        var s = s0
        if s.hasSuffix("./.") { return nil }
        guard s.count <= 80, !s.hasSuffix(".") || s.hasSuffix("TTXVN.") else { return nil }
        let low = s.fastLowercased()
        for p in ["tin, ảnh:", "tin và ảnh:", "bài, ảnh:", "bài và ảnh:", "tin:", "bài:", "ảnh:", "nguồn:", "theo ", "tin ảnh:", "tin/ảnh:"] where low.hasPrefix(p) {
            return s
        }
        if s.hasPrefix("(") && s.hasSuffix(")") { s = String(s.dropFirst().dropLast()) }
        let words = s.split(separator: " ")
        guard (1...6).contains(words.count) else { return nil }
        for w in words {
            guard let f = w.first, f.isUppercase else { return nil }
            if w.contains(where: { $0.isNumber }) { return nil }
        }
        return s0
    }

    /// "LSO-Sáng nay …", "(QBĐT) - Sáng 15/3 …", "BGĐT – …".
    static func splitSiteCode(_ s: String) -> (String, String)? {
        var code = ""
        var idx = s.startIndex
        var paren = false
        if s.first == "(" { paren = true; idx = s.index(after: idx) }
        while idx < s.endIndex, s[idx].isUppercase || s[idx].isNumber || (s[idx] == "&" && !code.isEmpty) {
            code.append(s[idx]); idx = s.index(after: idx)
        }
        guard code.count >= 2, code.count <= 8 else { return nil }
        if paren { guard idx < s.endIndex, s[idx] == ")" else { return nil }; idx = s.index(after: idx) }
        while idx < s.endIndex, s[idx] == " " { idx = s.index(after: idx) }
        guard idx < s.endIndex, "-–—".contains(s[idx]) else { return nil }
        idx = s.index(after: idx)
        while idx < s.endIndex, s[idx] == " " { idx = s.index(after: idx) }
        return (code, String(s[idx...]))
    }

    static func stripEndMark(_ s: String) -> String {
        s.hasSuffix("./.") ? String(s.dropLast(2)) : s
    }
}

/// Hand-written page text (not taken from any page): headlines, publish lines, prose, captions,
/// bylines, chrome and footers of the kinds the layout tells apart.
enum LayoutSamples {
    static let titles = [
        "Hội nghị tổng kết công tác thông tin đối ngoại năm 2023",
        "Tập huấn kỹ năng phát ngôn và cung cấp thông tin cho báo chí",
        "Đoàn công tác tỉnh thăm và làm việc tại Vân Nam (Trung Quốc)",
        "TRIỂN KHAI KẾ HOẠCH THÔNG TIN ĐỐI NGOẠI GIAI ĐOẠN 2021 - 2025",
        "Hội đàm giữa lãnh đạo hai tỉnh biên giới./.",
    ]
    static let dateLines = ["08:45, 12/03/2024", "Thứ Ba, 12/03/2024 - 08:45", "Cập nhật: 12/03/2024 08:45", "12/03/2024",
                            "Ngày 5 tháng 6 năm 2022", "15:02 | 30/11/2021"]
    static let prose = [
        "Sáng 12/3, Ban Chỉ đạo công tác thông tin đối ngoại tỉnh tổ chức hội nghị triển khai nhiệm vụ năm 2024.",
        "Tham dự hội nghị có lãnh đạo các sở, ban, ngành, đoàn thể và đại diện Ủy ban nhân dân các huyện, thị xã, thành phố.",
        "Phát biểu kết luận, đồng chí Phó Chủ tịch Ủy ban nhân dân tỉnh đề nghị các đơn vị tiếp tục đổi mới nội dung và hình thức tuyên truyền./.",
        "Theo báo cáo, trong năm qua toàn tỉnh đã tổ chức 45 đoàn ra, đón 30 đoàn vào, góp phần quảng bá hình ảnh địa phương.",
        "Hội nghị cũng đã nghe các báo cáo viên trình bày chuyên đề về tình hình biên giới, biển, đảo và công tác bảo vệ chủ quyền!",
        "LSO-Chiều 5/6, tại Trung tâm Hội nghị tỉnh, Sở Thông tin và Truyền thông tổ chức lớp bồi dưỡng nghiệp vụ cho 120 học viên.",
        "(QBĐT) - Ngày 20/10, đoàn đại biểu tỉnh bạn đến thăm và làm việc với lãnh đạo tỉnh về hợp tác kinh tế, văn hóa.",
        "BGĐT – Các đại biểu đã thảo luận sôi nổi về giải pháp nâng cao hiệu quả công tác thông tin đối ngoại trong tình hình mới…",
        "Ông nói: “Chúng tôi sẽ tiếp tục phối hợp chặt chẽ để triển khai các nội dung đã ký kết giữa hai bên trong thời gian tới.”",
    ]
    static let captions = ["Quang cảnh hội nghị", "Đồng chí Trưởng ban phát biểu tại hội nghị", "Các đại biểu tham dự lớp tập huấn (Ảnh: Hồng Nhung)",
                           "Lãnh đạo tỉnh tặng hoa chúc mừng các đơn vị,", "Toàn cảnh buổi làm việc", "Những kết quả nổi bật"]
    static let bylines = ["Minh Châu", "NGUYỄN THANH TÙNG", "Tin, ảnh: Lê Hoàng", "Theo Báo Điện tử Chính phủ", "(Trần Mai)", "Hoài An - TTXVN.",
                          "Bài và ảnh: Quốc Tuấn", "Nguồn: Cổng thông tin điện tử", "Hà Linh 2"]
    static let chrome = ["Chia sẻ", "Facebook", "In bài viết", "Trang chủ / Thời sự / Đối ngoại", "Trang chủ » Tin tức", "Trang chủ",
                         "Từ khóa: thông tin đối ngoại, hội nghị", "Tags: đối ngoại", "Thẻ: biên giới", "Cỡ chữ", "A+", "Quay lại", "ZALO",
                         "TRANG CHỦ | GIỚI THIỆU | TIN TỨC | LIÊN HỆ | SƠ ĐỒ TRANG WEB CỦA CỔNG THÔNG TIN ĐIỆN TỬ TỈNH NHÀ"]
    static let footers = ["Tin liên quan", "Có thể bạn quan tâm", "Các tin khác:", "Giá vàng hôm nay", "Tỷ giá ngoại tệ", "Thông tin người gửi phản hồi",
                          "Ý kiến bạn đọc", "Nội dung: không quá 500 ký tự", "Tin mới nhất", "Xem thêm tin"]
    static let related = ["Tăng cường hợp tác giáo dục với các địa phương của nước bạn Lào",
                          "Hội thảo về quảng bá du lịch vùng biên tổ chức tại thành phố", "Gặp mặt phóng viên nước ngoài nhân dịp đầu xuân"]
    static let navigation = ["Hotline: 0912 345 678", "Tiếng Việt | English", "Đường dây nóng", "Tìm kiếm", "Trang chủ >> Tin tức >> Đối ngoại",
                             "CHÀO MỪNG KỶ NIỆM 70 NĂM NGÀY GIẢI PHÓNG THỦ ĐÔ VÀ ĐẠI HỘI ĐẢNG BỘ CÁC CẤP NHIỆM KỲ MỚI CỦA TỈNH NHÀ TA",
                             "Chào mừng quý khách đến với cổng thông tin điện tử của tỉnh, nơi cập nhật tin tức hằng ngày cho mọi người dân."]
    static let glued = ["Thanh HàNội dung: ý kiến của bạn", "Bảo Ngọc.Tin liên quan", "Nội dung: gửi ý kiến", "giá Giá vàng tăng"]
    static let wrapped = ["Ngày", "15/7, tại Hà Nội, Bộ Ngoại giao chủ trì", "phối hợp với các địa phương tổ chức hội thảo về", "công tác người Việt Nam ở nước ngoài."]

    static let all = titles + dateLines + prose + captions + bylines + chrome + footers + related + navigation + glued + wrapped

    /// Pieces a line is built from: letters with and without marks, both cases, digits and the
    /// separators of dates, the punctuation the classifiers look at, every kind of space, and text
    /// that is not plain (NFD, İ, marks on their own, controls, other scripts).
    static let fragments = [
        "Ngày", "tháng", "năm", "hội nghị", "HỘI NGHỊ", "đồng chí", "Đồng chí", "phát biểu", "tham dự", "Ảnh:", "(ảnh", "trao ", "tặng",
        "Trang", "TRANG", "Trang chủ", "trang chủ", "Từ", "Từ khóa:", "Từ khoá:", "TỪ KHÓA:", "Tags", "Tags:", "TAGS:", "Thẻ", "Thẻ:",
        "Chia sẻ", "chia sẻ", "Tin liên quan", "tin liên quan", "Có thể bạn quan tâm", "Giá vàng", "Tỷ giá", "Nội dung:", "Bài liên quan",
        "Theo ", "Tin, ảnh:", "tin:", "TTXVN.", "Chào mừng", "CHÀO MỪNG", "chào mừng", "LSO-", "(QBĐT) -", "hotline", "English", "Video",
        "thông tin", "đối ngoại", "hợp tác", "biên giới", "Nguyễn", "VĂN", "Lê", "Hoàng", "ĐÀO", "a", "B", "x",
        "12", "2019", "15", "7", "0", "/", ".", "-", "–", "—", ",", "(", ")", ":", ";", "!", "?", "…", "“", "”", "\"", "./.", ".)", ".”",
        "|", "»", ">", ">>", "›", "&",
        " ", " ", " ", "  ", "\u{A0}", "\u{3000}", "\u{2002}", "\u{202F}", "\t",
        "İ", "ẞ", "Ⱥ", "ǅ", "ß", "½", "²", "٣", "①", "\u{301}", "a\u{301}", "Ho\u{300}a", "\u{200D}", "\u{202E}", "\u{1B}[2J", "\r",
        "😀", "€", "₫", "Ω", "к", "\u{85}", "\u{FEFF}",
    ]
}

extension LayoutFragments {
    /// A line of random fragments.
    mutating func line() -> String {
        var s = ""
        for _ in 0..<rng.below(12) {
            s += pick(LayoutSamples.fragments)
            if rng.chance(0.5) { s += " " }
        }
        return s
    }

    /// A line of the samples, now and then changed: cut, cased, decomposed, glued to fragments.
    mutating func sampleLine() -> String {
        var s = pick(LayoutSamples.all)
        switch rng.below(10) {
        case 0: s = s.uppercased()
        case 1: s = s.lowercased()
        case 2: s = s.decomposedStringWithCanonicalMapping
        case 3: s = String(s.prefix(rng.below(s.count + 1)))
        case 4: s = line() + s
        case 5: s += line()
        case 6: s = "  " + s + "\u{A0}"
        default: break
        }
        return s
    }

    /// A page: blocks of lines, blank lines between them, the samples in a plausible order or not.
    mutating func page() -> String {
        var lines: [String] = []
        if rng.chance(0.5) { for _ in 0..<rng.below(4) { lines.append(pick(LayoutSamples.chrome + LayoutSamples.navigation)) } }
        if rng.chance(0.8) { lines.append(pick(LayoutSamples.titles)) }
        if rng.chance(0.7) { lines.append(pick(LayoutSamples.dateLines)) }
        for _ in 0..<rng.below(12) {
            switch rng.below(8) {
            case 0, 1, 2: lines.append(pick(LayoutSamples.prose))
            case 3: lines.append(pick(LayoutSamples.captions))
            case 4: lines.append(contentsOf: LayoutSamples.wrapped)
            case 5: let c = pick(LayoutSamples.captions); lines.append(c); lines.append(c)      // alt text doubled
            case 6: let p = pick(LayoutSamples.prose); lines.append(String(p.split(separator: " ")[0])); lines.append(p)   // truncated alt text
            default: lines.append(rng.chance(0.5) ? sampleLine() : line())
            }
        }
        if rng.chance(0.7) { lines.append(pick(LayoutSamples.bylines)) }
        if rng.chance(0.6) {
            lines.append(pick(LayoutSamples.footers))
            for _ in 0..<rng.below(4) { lines.append(pick(LayoutSamples.related + LayoutSamples.chrome)) }
        }
        var text = ""
        for (k, l) in lines.enumerated() {
            if k > 0 { text += ["\n\n", "\n", "\n \n", "\n\n\n"][rng.below(4)] }
            text += l
        }
        if rng.chance(0.05) { text = lines.joined(separator: rng.chance(0.5) ? "   " : " \u{A0} ") }   // scraped onto one line
        return text
    }
}

final class LayoutScanTests: XCTestCase {
    /// Lines to ask each classifier about: the samples, their variants, random fragments.
    func lines(_ count: Int, seed: UInt64) -> [String] {
        var f = LayoutFragments(rng: .init(state: seed))
        var out = LayoutSamples.all + LayoutSamples.fragments
        for _ in 0..<count { out.append(f.rng.chance(0.5) ? f.sampleLine() : f.line()) }
        return out
    }

    func testLineFactsMatchTheStringTests() {
        for s in lines(20_000, seed: 1) {
            var copy = s
            let facts = copy.withUTF8 { LineFacts.scan($0) }
            XCTAssertEqual(facts.suspicious, ReferenceDecoding.mayBeSuspicious(s), s.debugDescription)
            XCTAssertEqual(facts.simple, SimpleText.isSimple(s), s.debugDescription)
            XCTAssertEqual(facts.scalars, s.unicodeScalars.count, s.debugDescription)
            XCTAssertEqual(facts.words, s.utf8.split(separator: 0x20).count, s.debugDescription)   // runs of bytes but 0x20
            XCTAssertEqual(facts.dottedCapitalI, s.unicodeScalars.contains("\u{130}"), s.debugDescription)
            if !facts.suspicious { XCTAssertEqual(facts.clean, ReferenceLayout.isClean(&copy), s.debugDescription) }
        }
    }

    func testClassifiersMatchTheReference() {
        var plain = 0
        for s in lines(30_000, seed: 2) {
            let u = LayoutLine(s)
            if u.plain { plain += 1 }
            let d = s.debugDescription
            XCTAssertEqual(u.lower, Array(s.fastLowercased().utf8), d)
            XCTAssertEqual(u.characterCount, s.count, d)
            XCTAssertEqual(u.isChrome, ReferenceLayout.isChrome(s), d)
            XCTAssertEqual(u.isFooterStart, ReferenceLayout.isFooterStart(s), d)
            XCTAssertEqual(u.byline, ReferenceLayout.bylineText(s), d)
            XCTAssertEqual(u.endsSentence, ReferenceLayout.endsSentence(s), d)
            XCTAssertEqual(u.looksLikeProse, ReferenceLayout.looksLikeProse(s), d)
            XCTAssertEqual(ArticleLayout.isKeywordLine(u), ReferenceLayout.isKeywordLine(s), d)
            XCTAssertEqual(ArticleLayout.isBanner(u), ReferenceLayout.isBanner(s), d)
            XCTAssertEqual(ArticleLayout.isBanner(s), ReferenceLayout.isBanner(s), d)
            XCTAssertEqual(ArticleLayout.continuesSentence(u), ReferenceLayout.continuesSentence(s), d)
            XCTAssertEqual(ArticleLayout.isCaptionLike(u), ReferenceLayout.isCaptionLike(s), d)
            XCTAssertEqual(Array(ArticleLayout.stripEndMark(u).utf8), Array(ReferenceLayout.stripEndMark(s).utf8), d)
            for leadFollows in [false, true] {
                for next in [false, true] {
                    XCTAssertEqual(ArticleLayout.headlineScore(u, leadFollows: leadFollows, nextIsDateOrByline: { next }),
                                   ReferenceLayout.headlineScore(s, leadFollows: leadFollows, nextIsDateOrByline: { next }), d)
                }
            }
            XCTAssertEqual(ArticleLayout.unglueFooter(u).map { Array($0.text.utf8) }, ReferenceLayout.unglueFooter(s).map { Array($0.utf8) }, d)
        }
        XCTAssertGreaterThan(plain, 15_000, "most lines take the byte paths")
    }

    /// Two lines as `makeUnits` compares them: a line that begins with the other and a space, the same text.
    func testLinePairsMatchTheReference() {
        let all = lines(3_000, seed: 3)
        var r = FuzzTests.RNG(state: 4)
        for _ in 0..<30_000 {
            var a = all[r.below(all.count)], b = all[r.below(all.count)]
            if r.chance(0.3) { a = String(b.split(separator: " ").first ?? "") }
            if r.chance(0.2) { b = a }
            if r.chance(0.1) { b = a.decomposedStringWithCanonicalMapping }
            let ua = LayoutLine(a), ub = LayoutLine(b)
            XCTAssertEqual(ArticleLayout.startsWithWordOf(ub, ua), b.hasPrefix(a + " "), "\(a.debugDescription) \(b.debugDescription)")
            XCTAssertEqual(ArticleLayout.sameText(ua, ub), a == b, "\(a.debugDescription) \(b.debugDescription)")
            XCTAssertEqual(ArticleLayout.endsWithComma(ua), a.hasSuffix(","), a.debugDescription)
            let joined = LayoutLine(joining: ua, ub), whole = LayoutLine(a + " " + b)
            XCTAssertEqual(joined.facts.simple, whole.facts.simple)
            XCTAssertEqual(joined.facts.scalars, whole.facts.scalars)
            XCTAssertEqual(joined.facts.words, whole.facts.words)
            XCTAssertEqual(joined.plain, whole.plain)
        }
    }

    /// Whole pages: units, and every field of the layout, byte for byte.
    func testLayoutMatchesTheReference() {
        var f = LayoutFragments(rng: .init(state: 5))
        var pages = [LayoutSamples.all.joined(separator: "\n\n"), LayoutSamples.all.joined(separator: "\n"),
                     LayoutSamples.all.joined(separator: "   "), "", "\n\n", "Chia sẻ", "Tin liên quan\n\nx"]
        for _ in 0..<4_000 { pages.append(f.page()) }
        var withFooter = 0, withByline = 0, withTitleLater = 0, runOn = 0
        for text in pages {
            let units = ArticleLayout.makeUnits(text), want = ReferenceLayout.makeUnits(text)
            XCTAssertEqual(units.map { Array($0.text.utf8) }, want.map { Array($0.text.utf8) }, text.debugDescription)
            XCTAssertEqual(units.map(\.repeated), want.map(\.repeated), text.debugDescription)
            let got = describe(ArticleLayout.parse(text)), ref = describe(ReferenceLayout.parse(text))
            XCTAssertEqual(got, ref, text.debugDescription)
            let l = ArticleLayout.parse(text)
            if !l.footer.isEmpty { withFooter += 1 }
            if l.byline != nil { withByline += 1 }
            if !l.aboveHeadline.isEmpty { withTitleLater += 1 }
            if units.count == 1 && text.count > 400 { runOn += 1 }
        }
        // The pages reach every part of the layout.
        XCTAssertGreaterThan(withFooter, 1_000)
        XCTAssertGreaterThan(withByline, 1_000)
        XCTAssertGreaterThan(withTitleLater, 200)
        XCTAssertGreaterThan(runOn, 50)
    }

    func describe(_ l: ArticleLayout) -> [[UInt8]] {
        describe(title: l.title, dateLines: l.dateLines, lead: l.lead, siteCode: l.siteCode, paragraphs: l.paragraphs, byline: l.byline,
                 footer: l.footer, keywordLines: l.keywordLines, siteLinks: l.siteLinks, aboveHeadline: l.aboveHeadline, droppedChrome: l.droppedChrome)
    }

    func describe(_ l: ReferenceLayout) -> [[UInt8]] {
        describe(title: l.title, dateLines: l.dateLines, lead: l.lead, siteCode: l.siteCode, paragraphs: l.paragraphs, byline: l.byline,
                 footer: l.footer, keywordLines: l.keywordLines, siteLinks: l.siteLinks, aboveHeadline: l.aboveHeadline, droppedChrome: l.droppedChrome)
    }

    /// Every field as bytes (String == would take canonically equivalent texts for the same).
    func describe(title: String, dateLines: [(text: String, beforeTitle: Bool)], lead: String, siteCode: String?, paragraphs: [Paragraph],
                  byline: String?, footer: [String], keywordLines: [String], siteLinks: [String], aboveHeadline: [String], droppedChrome: Int) -> [[UInt8]] {
        var out: [[UInt8]] = [Array("title \(title)".utf8), Array("lead \(lead)".utf8), Array("code \(siteCode ?? "-")".utf8),
                              Array("byline \(byline ?? "-")".utf8), Array("dropped \(droppedChrome)".utf8)]
        out += dateLines.map { Array("date \($0.beforeTitle) \($0.text)".utf8) }
        out += paragraphs.map { Array("paragraph \($0.role) \($0.text)".utf8) }
        out += footer.map { Array("footer \($0)".utf8) }
        out += keywordLines.map { Array("keywords \($0)".utf8) }
        out += siteLinks.map { Array("link \($0)".utf8) }
        out += aboveHeadline.map { Array("above \($0)".utf8) }
        return out
    }
}
