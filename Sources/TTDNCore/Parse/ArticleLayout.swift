import Foundation

/// The layout of a scraped news page once site chrome is peeled off:
/// headline, publish lines, lead, body (with captions and sub-headings set
/// apart), byline. Rules come from how Vietnamese news sites lay pages out,
/// not from any one site: blank lines separate blocks, captions are short
/// unpunctuated lines (often repeated as alt text), the byline is a short
/// name at the end, and the footer starts at a known widget heading.
///
/// The classifiers read each unit's `LayoutLine` (bytes, counts, lower case, found once); text
/// that is not plain (see `LayoutLine`) goes through their String versions below.
public struct ArticleLayout: Sendable {
    public var title: String = ""
    /// Lines that state only a date/time (publish line or page header), with
    /// whether they stood before the headline.
    public var dateLines: [(text: String, beforeTitle: Bool)] = []
    public var lead: String = ""
    /// Site code that prefixed the lead ("LSO-"), if any.
    public var siteCode: String?
    public var paragraphs: [Paragraph] = []   // lead first, as body
    public var byline: String?
    public var footer: [String] = []
    /// "Từ khóa: …" / "Tags: …" lines: chrome for reading, but what a researcher searches by.
    public var keywordLines: [String] = []

    static func isKeywordLine(_ s: String) -> Bool {
        let low = s.prefix(12).fastLowercased()
        return low.hasPrefix("từ khóa:") || low.hasPrefix("từ khoá:") || low.hasPrefix("tags:") || low.hasPrefix("thẻ:")
    }

    static func isKeywordLine(_ u: LayoutLine) -> Bool {
        guard u.plain else { return isKeywordLine(u.text) }
        // Plain: the first 12 Characters lower-cased start as the whole does.
        let low = u.lower
        return keywordPrefixes.contains { LayoutScan.hasPrefix(low, $0) }
    }
    static let keywordPrefixes: [[UInt8]] = ["từ khóa:", "từ khoá:", "tags:", "thẻ:"].map { Array($0.utf8) }

    /// Headlines listed in a related-news footer ("Tin liên quan", "Các tin khác" …), and keyword lines.
    public var siteLinks: [String] {
        var out: [String] = keywordLines
        var inList = false
        for text in footer {
            let line = LayoutLine(text)
            if line.isFooterStart {
                if line.plain {
                    inList = ArticleLayout.linkListStartBytes.contains { LayoutScan.hasPrefix(line.lower, $0) }
                } else {
                    let low = text.fastLowercased()
                    inList = ArticleLayout.linkListStarts.contains { low.hasPrefix($0) }
                }
                continue
            }
            if ArticleLayout.isKeywordLine(line) { out.append(text); continue }
            if inList && line.wordCount >= 4 && !line.isChrome { out.append(text) }
        }
        return out
    }
    static let linkListStarts = ["tin liên quan", "bài liên quan", "các tin khác", "tin khác", "tin cùng chuyên mục",
                                 "bài viết liên quan", "tin tức liên quan", "có thể bạn quan tâm", "tin đã đưa", "các bài viết khác"]
    static let linkListStartBytes = linkListStarts.map { Array($0.utf8) }
    public var droppedChrome: Int = 0
    /// Units above the chosen headline that are not plain chrome (menus, banners): kept for search only.
    public var aboveHeadline: [String] = []

    public static func parse(_ text: String) -> ArticleLayout {
        var layout = ArticleLayout()
        var units = makeUnits(text)
        // A page scraped onto one line: recover headline and lead around the first date.
        if units.count == 1, units[0].line.hasMoreCharacters(than: 400) {
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
            let u = units[i].line
            if u.isChrome || (titleIndex.map { i < $0 } ?? false) && !isDateLine(i) {
                // Not shown, but still searchable: a banner or a line above the headline may name the province.
                if !u.isChrome { layout.aboveHeadline.append(u.text) }
                layout.droppedChrome += 1; i += 1; continue
            }
            if isDateLine(i) { layout.dateLines.append((u.text, true)); i += 1; continue }
            layout.title = stripEndMark(u)
            i += 1
            break
        }
        // 2. Everything up to the footer.
        var body: [Unit] = []
        var bodyHasProse = false   // whether any unit of `body` looks like prose, kept as units are added
        while i < units.count {
            let u = units[i].line
            if u.isFooterStart && (!body.isEmpty || !layout.title.isEmpty) {
                layout.footer = units[i...].map(\.text)
                break
            }
            if u.isChrome {
                if isKeywordLine(u) { layout.keywordLines.append(u.text) }
                layout.droppedChrome += 1; i += 1; continue
            }
            if body.isEmpty || !bodyHasProse, isDateLine(i) {
                layout.dateLines.append((u.text, false)); i += 1; continue
            }
            body.append(units[i])
            if !bodyHasProse && u.looksLikeProse { bodyHasProse = true }
            i += 1
        }
        // 3. Byline: the last short name-like unit.
        if let last = body.last, let byline = last.line.byline {
            layout.byline = byline
            body.removeLast()
        }
        // 4. Lead: the first unit that reads as prose; what precedes it is caption or sub-heading.
        let leadIndex = body.firstIndex { $0.line.looksLikeProse }
        for (k, unit) in body.enumerated() {
            let u = unit.line
            if k == leadIndex {
                var t = u.text
                if let (code, rest) = splitSiteCode(t) { layout.siteCode = code; t = rest }
                t = stripEndMark(t)
                layout.lead = t
                layout.paragraphs.append(Paragraph(t, .body))
                continue
            }
            let role: ParagraphRole
            if unit.repeated || (leadIndex.map { k < $0 } ?? false) && isCaptionLike(u) { role = .caption }
            else if u.looksLikeProse || u.endsSentence { role = .body }
            else if isCaptionLike(u) { role = .caption }
            else { role = .subheading }
            layout.paragraphs.append(Paragraph(role == .body ? stripEndMark(u) : u.text, role))
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
        let leads = units.prefix(60).indices.filter { units[$0].line.looksLikeProse && units[$0].line.wordCount >= 20 }
        let firstLead = leads.first { !isBanner(units[$0].line) }
        // A unit's score depends on the lead only through `leadFollows`: keep both scores of each unit.
        var scoreMemo = [Int?](repeating: nil, count: 2 * units.count)
        func score(_ k: Int, lead: Int) -> Int {
            let leadFollows = k + 1 == lead || k + 2 == lead
            let key = 2 * k + (leadFollows ? 1 : 0)
            if let s = scoreMemo[key] { return s }
            let s = headlineScore(units[k].line, leadFollows: leadFollows,
                                  nextIsDateOrByline: { ((k + 1)..<min(units.count, k + 3)).contains { isDateLine($0) || units[$0].line.byline != nil } })
            scoreMemo[key] = s
            return s
        }
        var candidateMemo = [Bool?](repeating: nil, count: units.count)
        func isCandidate(_ k: Int) -> Bool {
            if let c = candidateMemo[k] { return c }
            let u = units[k].line
            let c = !(u.isChrome || isDateLine(k) || u.isFooterStart)
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
    static let navigationMarkBytes = navigationMarks.map { Array($0.utf8) }
    static let genreWords = ["hoi nghi", "tap huan", "doi ngoai", "thong tin", "lam viec", "hoi dam", "huu nghi", "doan ",
                             "tiep ", "ky niem", "dai hoi", "to chuc", "trien khai", "tong ket", "so ket", "giao ban",
                             "hoi thao", "toa dam", "boi duong", "tuyen truyen", "hop tac", "bien gioi", "ban chi dao"]
    static let genreWordBytes = genreWords.map { Array($0.utf8) }

    /// Slogans across the top of a page: mostly capitals, or a greeting.
    static func isBanner(_ s: String) -> Bool {
        var letters = 0, upper = 0
        // CharacterSet.letters is L* and M*; uppercaseLetters is Lu and Lt.
        for c in s.unicodeScalars.prefix(400) {
            let cls = LayoutScan.bannerClass(c)
            if cls & LayoutScan.isLetter != 0 { letters += 1 }
            if cls & LayoutScan.isCapital != 0 { upper += 1 }
        }
        // Only a "c" or "C" lower-cases to the "c" it starts with.
        return upper * 2 > letters || (s.utf8.first == 0x63 || s.utf8.first == 0x43) && s.fastLowercased().hasPrefix("chào mừng")
    }

    /// `isBanner` reading the scalars' classes from the table.
    static func isBanner(_ u: LayoutLine) -> Bool {
        guard u.plain else { return isBanner(u.text) }
        var letters = 0, upper = 0
        u.bytes.withUnsafeBufferPointer { b in
            var i = 0, scalars = 0
            while i < b.count && scalars < 400 {
                let (traits, width) = LayoutScan.traits(b, at: i)
                if traits & LayoutScan.isLetter != 0 { letters += 1 }
                if traits & LayoutScan.isCapital != 0 { upper += 1 }
                i += width
                scalars += 1
            }
        }
        return upper * 2 > letters || (u.bytes.first == 0x63 || u.bytes.first == 0x43) && LayoutScan.hasPrefix(u.lower, "chào mừng")
    }

    /// `CharacterSet.decimalDigits`: general category Nd.
    @inline(__always) static func isDecimalDigit(_ c: Unicode.Scalar) -> Bool {
        if c.value < 0x80 { return c.value >= 0x30 && c.value <= 0x39 }
        return c.properties.generalCategory == .decimalNumber
    }

    /// `nextIsDateOrByline`: is one of the next two units a date line or a byline (asked only when needed).
    static func headlineScore(_ u: LayoutLine, leadFollows: Bool, nextIsDateOrByline: () -> Bool) -> Int {
        let words = u.wordCount
        var score = 0
        switch words {
        case 5...40: score += 4
        case 3...4: score += 1
        default: return 0
        }
        let low = u.lower
        if navigationMarkBytes.contains(where: { LayoutScan.contains(low, $0) }) { score -= 6 }
        if u.byline != nil { score -= 4 }
        // Digits: in plain text only ASCII ones are of category Nd.
        var digits = 0
        if u.plain {
            for b in u.bytes where b >= 0x30 && b <= 0x39 { digits += 1 }
        } else {
            for c in u.text.unicodeScalars where isDecimalDigit(c) { digits += 1 }
        }
        if digits * 3 > u.scalarCount { score -= 6 }
        let folded = VietFold.fold(u.text)
        if genreWordBytes.contains(where: { LayoutScan.contains(folded, $0) }) { score += 3 }
        if leadFollows || nextIsDateOrByline() { score += 2 }
        if isCaptionLike(u) { score -= 1 }
        return score
    }

    // MARK: - Units

    struct Unit {
        let line: LayoutLine
        var repeated: Bool
        var text: String { line.text }
    }

    /// Lines → units: blank lines separate blocks; inside a block, lines that
    /// repeat (captions doubled as alt text) merge, a lone word that begins
    /// the next line (truncated alt text: "Các" / "Các đại biểu …") drops, and
    /// a line ending in a comma continues on the next (wrapped captions).
    static func makeUnits(_ text: String) -> [Unit] {
        var blocks: [[LayoutLine]] = [[]]
        for line in cleanLines(text) {
            if line.bytes.isEmpty {
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
                && block.filter { $0.hasMoreCharacters(than: 39) && !$0.endsSentence }.count * 2 >= block.count
            var merged: [Unit] = []
            var k = 0
            while k < block.count {
                var line = block[k]
                if k + 1 < block.count {
                    let next = block[k + 1]
                    if !line.bytes.contains(32) && startsWithWordOf(next, line) { k += 1; continue }
                }
                var part = line
                while endsWithComma(part), k + 1 < block.count, !part.hasMoreCharacters(than: 119), !block[k + 1].isFooterStart {
                    k += 1
                    part = block[k]
                    line = LayoutLine(joining: line, part)
                }
                // Text hard-wrapped inside sentences ("Ngày" / "28/7, tại …" / "phối hợp với …"): a line
                // that does not end a sentence continues on a next line that starts in lower case or a digit.
                while k + 1 < block.count, !line.endsSentence, continuesSentence(block[k + 1]) || hardWrapped && line.hasMoreCharacters(than: 29),
                      !block[k + 1].isFooterStart {
                    k += 1
                    line = LayoutLine(joining: line, block[k])
                }
                if let prev = merged.last, sameText(prev.line, line) {   // cleanLine already collapsed spaces
                    merged[merged.count - 1].repeated = true
                } else {
                    merged.append(Unit(line: line, repeated: false))
                }
                k += 1
            }
            units.append(contentsOf: merged)
        }
        return units
    }

    /// `next.hasPrefix(word + " ")`.
    static func startsWithWordOf(_ next: LayoutLine, _ word: LayoutLine) -> Bool {
        guard next.simple && word.simple else { return next.text.hasPrefix(word.text + " ") }
        return next.bytes.count > word.bytes.count && next.bytes[word.bytes.count] == 0x20 && LayoutScan.hasPrefix(next.bytes, word.bytes)
    }

    /// `line.hasSuffix(",")`.
    static func endsWithComma(_ line: LayoutLine) -> Bool { line.simple ? line.bytes.last == 0x2C : line.text.hasSuffix(",") }

    /// `a.text == b.text`.
    static func sameText(_ a: LayoutLine, _ b: LayoutLine) -> Bool { a.simple && b.simple ? a.bytes == b.bytes : a.text == b.text }

    /// The text's lines, cleaned (`cleanLine`), with their facts. One pass over each line's bytes
    /// answers `Sanitize.line` (nothing to remove), `isClean` and the facts; only a line with
    /// something to remove goes through `cleanLine` as a String.
    static func cleanLines(_ text: String) -> [LayoutLine] {
        var text = text
        text.makeContiguousUTF8()
        let u = text.utf8
        return u.withContiguousStorageIfAvailable { b -> [LayoutLine] in
            var lines: [LayoutLine] = []
            guard let base = b.baseAddress else { return [LayoutLine("")] }
            var start = 0
            while start <= b.count {
                let rest = b.count - start
                let hit = rest > 0 ? memchr(base + start, 0x0A, rest) : nil
                let end = hit.map { UnsafeRawPointer(base).distance(to: UnsafeRawPointer($0)) } ?? b.count
                let slice = UnsafeBufferPointer(rebasing: b[start..<end])
                let facts = LineFacts.scan(slice)
                // Lines end at a "\n" scalar, so the offsets are scalar boundaries, all a Substring needs
                // (as `lines(omittingEmpty:)` sliced them).
                let raw = text[u.index(u.startIndex, offsetBy: start)..<u.index(u.startIndex, offsetBy: end)]
                if facts.suspicious {
                    lines.append(LayoutLine(cleanLine(String(raw))))
                } else if facts.clean {
                    lines.append(LayoutLine(String(raw), bytes: Array(slice), facts: facts))
                } else {
                    let cleaned = collapseSpaces(slice)
                    lines.append(LayoutLine(String(decoding: cleaned, as: UTF8.self), bytes: cleaned,
                                            facts: cleaned.withUnsafeBufferPointer { LineFacts.scan($0) }))
                }
                start = end + 1
            }
            return lines
        }!
    }

    /// Trims spaces and NBSP, collapses runs of them, removes control characters.
    /// Spaces are U+0020, NBSP, U+3000, U+2000–U+200A and U+202F; the walk is on UTF-8 bytes.
    static func cleanLine(_ s: String) -> String {
        var sanitized = Sanitize.line(s)
        if isClean(&sanitized) { return sanitized }
        return sanitized.withUTF8 { String(decoding: collapseSpaces($0), as: UTF8.self) }
    }

    /// `cleanLine`'s collapsing of spaces, on text with nothing for `Sanitize.line` to remove. The
    /// result is never longer than the text, so it is written in place of an array's storage.
    static func collapseSpaces(_ b: UnsafeBufferPointer<UInt8>) -> [UInt8] {
        let n = b.count
        return [UInt8](unsafeUninitializedCapacity: n) { out, written in
            var w = 0
            var pendingSpace = false
            var i = 0
            while i < n {
                let c = b[i]
                var spaceBytes = 0
                if c == 0x20 { spaceBytes = 1 }
                else if c == 0xC2 && i + 1 < n && b[i + 1] == 0xA0 { spaceBytes = 2 }
                else if c == 0xE3 && i + 2 < n && b[i + 1] == 0x80 && b[i + 2] == 0x80 { spaceBytes = 3 }
                else if c == 0xE2 && i + 2 < n && b[i + 1] == 0x80 && (b[i + 2] <= 0x8A || b[i + 2] == 0xAF) { spaceBytes = 3 }
                if spaceBytes > 0 {
                    pendingSpace = w > 0
                    i += spaceBytes
                    continue
                }
                if pendingSpace { out[w] = 0x20; w += 1; pendingSpace = false }   // a space replaced ≥ 1 byte
                out[w] = c
                w += 1
                i += 1
            }
            written = w
        }
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

    /// `continuesSentence` on simple text: the first scalar lower-case, or `leadingDayMonth`
    /// matching — in simple text \d is an ASCII digit, so the pattern is: one or two digits, one of
    /// "/", ".", "-", a digit.
    static func continuesSentence(_ next: LayoutLine) -> Bool {
        guard next.simple else { return continuesSentence(next.text) }
        let b = next.bytes
        guard !b.isEmpty else { return false }
        let first = b.withUnsafeBufferPointer { LayoutScan.traits($0, at: 0).0 }
        if first & LayoutScan.isLowercase != 0 { return true }
        @inline(__always) func digit(_ i: Int) -> Bool { i < b.count && b[i] >= 0x30 && b[i] <= 0x39 }
        @inline(__always) func separator(_ i: Int) -> Bool { i < b.count && (b[i] == 0x2F || b[i] == 0x2E || b[i] == 0x2D) }
        guard digit(0) else { return false }
        return (separator(1) && digit(2)) || (digit(1) && separator(2) && digit(3))
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
    static let gluedFooterMarkerBytes = gluedFooterMarkers.map { Array($0.utf8) }

    /// `unglueFooter`, which a line holding none of the markers after its start passes through.
    static func unglueFooter(_ line: LayoutLine) -> [LayoutLine] {
        let b = line.bytes
        let glued = b.withUnsafeBytes { hay in
            gluedFooterMarkerBytes.contains { m in m.withUnsafeBytes { findBytes(hay, from: 0, $0).map { $0 > 0 } ?? false } }
        }
        guard glued else { return [line] }
        let pieces = unglueFooter(line.text)
        return pieces.count == 1 ? [line] : pieces.map(LayoutLine.init)
    }

    /// A page on one line: headline, then a dateline or the lead's first date.
    static func splitRunOn(_ text: String) -> [Unit] {
        let window = text.prefixCharacters(600)
        guard let hit = DateExtractor.firstDateCue(in: window), hit > 10 else {
            return [Unit(line: LayoutLine(text), repeated: false)]
        }
        let idx = window.index(window.startIndex, offsetBy: hit)
        var head = String(text[..<idx]).trimmingSpaces()
        var units: [Unit] = []
        // A publish time glued after the headline ("… cuối năm 21:24, 08/07/2019").
        if let m = DateLine.trailing(in: head) {
            units.append(Unit(line: LayoutLine(m.head), repeated: false))
            units.append(Unit(line: LayoutLine(m.dateLine), repeated: false))
            head = ""
        } else {
            units.append(Unit(line: LayoutLine(head), repeated: false))
        }
        units.append(Unit(line: LayoutLine(String(text[idx...])), repeated: false))
        return units
    }

    // MARK: - Classifiers

    static let chromeExact: Set<String> = [
        "skip to main content", "bỏ qua nội dung", "chuyển đến nội dung", "chia sẻ", "facebook", "zalo",
        "twitter", "in bài viết", "gửi cho bạn bè", "lưu bài viết", "bình luận", "email", "print", "tweet",
        "like", "share", "in", "gửi bài", "bản in", "lưu", "copy link", "theo dõi", "trở lại", "quay lại",
        "về đầu trang", "đầu trang", "xem thêm", "đọc tiếp", "nghe đọc bài", "cỡ chữ", "a+", "a-",
    ]
    static let chromeExactBytes = chromeExact.map { Array($0.utf8) }

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

    static func isChrome(_ u: LayoutLine) -> Bool {
        guard u.plain else { return isChrome(u.text) }
        if u.bytes.count > 60, !(u.startsWith("Trang") || u.startsWith("TRANG") || u.startsWith("Từ") || u.startsWith("Tags") || u.startsWith("Thẻ")) {
            return false
        }
        let low = u.lower
        if chromeExactBytes.contains(where: { $0 == low }) { return true }
        if LayoutScan.hasPrefix(low, "trang chủ") {
            let b = u.bytes
            if b.contains(0x2F) || b.contains(0x3E) || b.contains(0x7C) || b.containsBytes([0xC2, 0xBB]) || u.scalarCount < 12 { return true }   // / > | »
        }
        return keywordPrefixes.contains { LayoutScan.hasPrefix(low, $0) }
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
    static let footerFormBytes: [(start: [UInt8], withColon: [UInt8], withSpace: [UInt8], endsColon: Bool, spaceOK: Bool)] =
        footerForms.map { (Array($0.start.utf8), Array($0.withColon.utf8), Array($0.withSpace.utf8), $0.endsColon, $0.spaceOK) }
    /// The first bytes footer starts begin with: most units begin otherwise and need no lower-casing.
    static let footerFirstBytes: Set<UInt8> = Set(footerStarts.flatMap { [$0.utf8.first!, $0.uppercased().utf8.first!] })
    static let isFooterFirstByte: [Bool] = (0..<256).map { footerFirstBytes.contains(UInt8($0)) }

    static func isFooterStart(_ s: String) -> Bool {
        guard s.utf8.count < 90, let first = s.utf8.first, footerFirstBytes.contains(first) else { return false }
        let low = s.fastLowercased()
        return footerForms.contains { f in
            low == f.start || low.hasPrefix(f.withColon) || (f.endsColon && low.hasPrefix(f.start)) || (f.spaceOK && low.hasPrefix(f.withSpace))
        }
    }

    static func isFooterStart(_ u: LayoutLine) -> Bool {
        guard u.bytes.count < 90, let first = u.bytes.first, isFooterFirstByte[Int(first)] else { return false }
        guard u.plain else { return isFooterStart(u.text) }
        let low = u.lower
        return footerFormBytes.contains { f in
            low == f.start || LayoutScan.hasPrefix(low, f.withColon) || (f.endsColon && LayoutScan.hasPrefix(low, f.start))
                || (f.spaceOK && LayoutScan.hasPrefix(low, f.withSpace))
        }
    }

    static func endsSentence(_ s: String) -> Bool {
        guard let last = s.unicodeScalars.last else { return false }
        return ".…!?;:".unicodeScalars.contains(last) || s.hasSuffix(".”") || s.hasSuffix(".\"") || s.hasSuffix("./.") || s.hasSuffix(".)")
    }

    /// Prose: a long unit, or a punctuated sentence of some length.
    static func looksLikeProse(_ u: LayoutLine) -> Bool {
        if u.bytes.count >= 260 && u.scalarCount >= 260 { return true }   // a scalar takes at least a byte
        return u.endsSentence && u.wordCount >= 9
    }

    static let captionCues = ["phát biểu", "quang cảnh", "đại biểu", "tham dự", "dự hội nghị", "ảnh:", "(ảnh", "trao ",
                              "tặng", "chụp ảnh", "lắng nghe", "khảo sát", "tại hội nghị", "tại buổi", "học viên",
                              "truyền đạt", "toàn cảnh", "báo cáo viên", "chủ trì", "kết luận", "thăm", "làm việc tại",
                              "các đồng chí", "đồng chí"]
    static let captionCueBytes = captionCues.map { Array($0.utf8) }

    static func isCaptionLike(_ u: LayoutLine) -> Bool {
        let closes = u.simple ? u.bytes.last == 0x29 : u.text.hasSuffix(")")
        guard u.scalarCount < 320, !u.endsSentence || closes else { return false }
        let low = u.lower
        return captionCueBytes.contains { LayoutScan.contains(low, $0) }
    }

    static let bylinePrefixes = ["tin, ảnh:", "tin và ảnh:", "bài, ảnh:", "bài và ảnh:", "tin:", "bài:", "ảnh:", "nguồn:", "theo ", "tin ảnh:", "tin/ảnh:"]
    static let bylinePrefixBytes = bylinePrefixes.map { Array($0.utf8) }

    /// "Bích Diệp", "PHÙNG KHIÊM", "Tin, ảnh: Thu Hằng", "Theo Báo Lạng Sơn".
    static func bylineText(_ s0: String) -> String? {
        var s = s0
        if s.hasSuffix("./.") { return nil }
        guard s.count <= 80, !s.hasSuffix(".") || s.hasSuffix("TTXVN.") else { return nil }
        let low = s.fastLowercased()
        for p in bylinePrefixes where low.hasPrefix(p) {
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

    static func bylineText(_ u: LayoutLine) -> String? {
        guard u.plain else { return bylineText(u.text) }
        if u.endsWith("./.") { return nil }
        guard u.scalarCount <= 80, !u.endsWith(".") || u.endsWith("TTXVN.") else { return nil }
        let low = u.lower
        if bylinePrefixBytes.contains(where: { LayoutScan.hasPrefix(low, $0) }) { return u.text }
        // Words of the text (without the parentheses around it), each starting with a capital, no digit in any.
        var lo = 0, hi = u.bytes.count
        if u.startsWith("(") && u.endsWith(")") { lo = 1; hi = max(1, hi - 1) }
        var words = 0
        let ok = u.bytes.withUnsafeBufferPointer { b -> Bool in
            var i = lo, wordStart = true
            while i < hi {
                if b[i] == 0x20 { wordStart = true; i += 1; continue }
                let (traits, width) = LayoutScan.traits(b, at: i)
                if wordStart {
                    words += 1
                    if words > 6 || traits & LayoutScan.isUppercase == 0 { return false }
                    wordStart = false
                }
                if traits & LayoutScan.isNumber != 0 { return false }
                i += width
            }
            return true
        }
        return ok && words >= 1 ? u.text : nil
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

    static func stripEndMark(_ u: LayoutLine) -> String {
        guard u.simple else { return stripEndMark(u.text) }
        return u.endsWith("./.") ? String(decoding: u.bytes.dropLast(2), as: UTF8.self) : u.text
    }
}
