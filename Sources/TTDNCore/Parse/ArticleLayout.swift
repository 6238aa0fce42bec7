import Foundation

/// The layout of a scraped news page once site chrome is peeled off:
/// headline, publish lines, lead, body (with captions and sub-headings set
/// apart), byline. Rules come from how Vietnamese news sites lay pages out,
/// not from any one site: blank lines separate blocks, captions are short
/// unpunctuated lines (often repeated as alt text), the byline is a short
/// name at the end, and the footer starts at a known widget heading.
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

    /// Headlines listed in a related-news footer ("Tin liên quan", "Các tin khác" …), and keyword lines.
    public var siteLinks: [String] {
        var out: [String] = keywordLines
        var inList = false
        for line in footer {
            if ArticleLayout.isFooterStart(line) {
                let low = line.fastLowercased()
                inList = ArticleLayout.linkListStarts.contains { low.hasPrefix($0) }
                continue
            }
            if ArticleLayout.isKeywordLine(line) { out.append(line); continue }
            if inList && line.wordCount >= 4 && !ArticleLayout.isChrome(line) { out.append(line) }
        }
        return out
    }
    static let linkListStarts = ["tin liên quan", "bài liên quan", "các tin khác", "tin khác", "tin cùng chuyên mục",
                                 "bài viết liên quan", "tin tức liên quan", "có thể bạn quan tâm", "tin đã đưa", "các bài viết khác"]
    public var droppedChrome: Int = 0
    /// Units above the chosen headline that are not plain chrome (menus, banners): kept for search only.
    public var aboveHeadline: [String] = []

    public static func parse(_ text: String) -> ArticleLayout {
        var layout = ArticleLayout()
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
        var sanitized = Sanitize.line(s)
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
