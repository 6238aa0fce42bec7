import Foundation

/// Officials named in the text. Vietnamese reports introduce a person as
/// "đồng chí|Đ/c|ông|bà NAME, TITLE, TITLE …" or "đồng chí TITLE NAME"; a name
/// is 2–5 capitalised syllables. The role comes from the words around the
/// mention: "chủ trì" (chair), "làm Trưởng đoàn"/"dẫn đầu" (delegation head),
/// "tiếp đoàn", "có buổi làm việc với Đoàn" (host), "Dự hội nghị có" (attendee),
/// "phát biểu", "đề nghị", "nhấn mạnh" … (speaker).
public enum PeopleExtractor {
    nonisolated(unsafe) static let cue = regex(#"(?<![\p{L}\p{M}])(?:[Đđ]ồng chí|[Đđ]/[Cc]|[Ôô]ng|[Bb]à)\s+(?=\p{Lu})"#, [])

    /// Words that open a title or an organisation, never a name.
    static let titleWords: Set<String> = [
        "Phó", "Bí", "Chủ", "Trưởng", "Ủy", "Uỷ", "Giám", "Vụ", "Cục", "Thứ", "Bộ", "Tổng", "Chánh", "Đại", "Thiếu",
        "Trung", "Thượng", "Ban", "Sở", "Tỉnh", "Thành", "UBND", "HĐND", "Nguyên", "Trợ", "Chuyên", "Thư", "Giáo",
        "Tiến", "Thạc", "Viện", "Học", "Hiệu", "Ủỷ", "Cán", "Đảng", "Chính", "Văn", "Hội", "Liên", "Đoàn", "Báo",
        "Đài", "Tổ", "Công", "Quyền", "Đồng", "Ông", "Bà", "Các", "Những", "Tại", "Trong", "Theo", "Ngày", "Sáng",
    ]
    /// "Văn", "Hội", "Công" … begin titles only when first; inside a name they are syllables.
    static let nameSyllablesAlsoTitles: Set<String> = ["Văn", "Công", "Hội", "Đoàn", "Đài", "Tiến", "Thành", "Trung", "Chính", "Quyền", "Thư", "Giáo", "Hiệu", "Học", "Liên", "Đồng", "Thạc", "Đảng", "Tổ", "Đại", "Thượng", "Bộ", "Hồng", "Cao"]
    static let surnames: Set<String> = [
        "Nguyễn", "Trần", "Lê", "Phạm", "Hoàng", "Huỳnh", "Phan", "Vũ", "Võ", "Đặng", "Bùi", "Đỗ", "Hồ", "Ngô",
        "Dương", "Lý", "Nông", "Đinh", "Lương", "Trịnh", "Đào", "Mai", "Hà", "Lò", "Triệu", "Tô", "Phùng", "Lục",
        "Chu", "Vi", "Cao", "Tạ", "Lâm", "Thái", "Đoàn", "Văn", "Kiều", "Quách", "Lại", "Khổng", "Tăng", "Hứa",
        "La", "Lưu", "Giáp", "Đàm", "Âu", "Thân", "Tống", "Khúc", "Hầu", "Bế", "Y", "H", "Giàng", "Sùng", "Mùa",
        "Vàng", "Thào", "Ksor", "Rơ", "Siu", "Danh", "Thạch", "Sơn", "Kim", "Lã", "Mạc", "Nghiêm", "Ninh", "Tôn",
        "Từ", "Diệp", "Doãn", "Châu", "Vương", "Lường", "Cầm", "Quàng", "Hà", "Mông", "Mã", "Trương", "Đồng",
    ]
    static let verbCuts = [" chủ trì", " phát biểu", " làm Trưởng đoàn", " làm trưởng đoàn", " làm Trưởng Đoàn", " dẫn đầu",
                           " dự và", " dự ", " cho biết", " đề nghị", " nhấn mạnh", " khẳng định", " yêu cầu", " ghi nhận",
                           " đánh giá", " đã ", " cũng ", " kết luận", " tham dự", " trình bày", " báo cáo", " thông tin về",
                           " chia sẻ", " phát động", " trao ", " tặng", " tiếp ", " cùng ", " và các", " tới dự", " đến dự",
                           " lưu ý", " quán triệt", " khai mạc", " bế mạc", " điều hành", " chỉ đạo hội", " nêu", " đồng chủ trì",
                           " mong muốn", " bày tỏ", " gửi", " chúc", " vui mừng", " thăm", " nói", " được", " sẽ ", " là "]

    struct Mention { var name: String; var titles: [String]; var role: PersonRole }

    public static func extract(from texts: [String]) -> [Person] {
        var order: [String] = []
        var people: [String: Person] = [:]
        for text in texts {
            for m in mentions(in: text) {
                if var p = people[m.name] {
                    if m.role < p.role { p.role = m.role }
                    if m.titles.count > p.titles.count { p.titles = m.titles }
                    people[m.name] = p
                } else {
                    people[m.name] = Person(name: m.name, titles: m.titles, role: m.role)
                    order.append(m.name)
                }
            }
        }
        return order.map { people[$0]! }
    }

    /// Where `cue` matches in `text`, as UTF-8 offsets (start of the cue word, end of the spaces
    /// after it). A byte scan with the pattern's exact rules: not after a letter or mark, one of
    /// the cue words (case as written), white space, then an upper-case letter.
    static func cueMatches(in text: String) -> [(start: Int, end: Int)] {
        let scalars = text.unicodeScalars
        let utf8 = text.utf8
        var out: [(start: Int, end: Int)] = []
        var text = text
        text.withUTF8 { b in
            let n = b.count
            @inline(__always) func has(_ lit: [UInt8], at i: Int) -> Bool {
                guard i + lit.count <= n else { return false }
                for k in 0..<lit.count where b[i + k] != lit[k] { return false }
                return true
            }
            var i = 0
            while i < n {
                let c = b[i]
                var litEnd = -1
                if c == 0xC4 && i + 1 < n && (b[i + 1] == 0x90 || b[i + 1] == 0x91) {          // Đ đ
                    if has(cueDongChi, at: i + 2) { litEnd = i + 2 + cueDongChi.count }
                    else if i + 3 < n && b[i + 2] == 0x2F && (b[i + 3] == 0x43 || b[i + 3] == 0x63) { litEnd = i + 4 }   // Đ/c
                } else if c == 0xC3 && i + 1 < n && (b[i + 1] == 0x94 || b[i + 1] == 0xB4) {   // Ô ô
                    if has(cueNg, at: i + 2) { litEnd = i + 4 }
                } else if c == 0x42 || c == 0x62 {                                               // B b
                    if has(cueA, at: i + 1) { litEnd = i + 3 }
                }
                guard litEnd > 0 else { i += 1; continue }
                if i > 0 {
                    let before = scalars[scalars.index(before: utf8.index(utf8.startIndex, offsetBy: i))]
                    if isLetterOrMark(before) { i += 1; continue }
                }
                // \s+ then an upper-case letter.
                var j = utf8.index(utf8.startIndex, offsetBy: litEnd)
                var spaces = 0
                while j < utf8.endIndex, Scalars.isRegexSpace(scalars[j]) { j = scalars.index(after: j); spaces += 1 }
                guard spaces > 0, j < utf8.endIndex, scalars[j].properties.generalCategory == .uppercaseLetter else { i += 1; continue }
                let end = utf8.distance(from: utf8.startIndex, to: j)
                out.append((i, end))
                i = end
            }
        }
        return out
    }
    static let cueDongChi = Array("ồng chí".utf8)
    static let cueNg = Array("ng".utf8)
    static let cueA = Array("à".utf8)

    @inline(__always) static func isLetterOrMark(_ s: Unicode.Scalar) -> Bool {
        switch s.properties.generalCategory {
        case .uppercaseLetter, .lowercaseLetter, .titlecaseLetter, .modifierLetter, .otherLetter,
             .nonspacingMark, .spacingMark, .enclosingMark: return true
        default: return false
        }
    }

    /// The mentions of one paragraph: on bytes (`PeopleScan`) when the text is simple (one scalar
    /// per Character, as in NFC Vietnamese), else with the String code below.
    static func mentions(in text: String) -> [Mention] {
        var bytes = text
        return bytes.withUTF8 { b in
            // The cue scan is exact on any text; the rest reads Characters as scalars.
            let cues = PeopleScan.cueMatches(b)
            guard !cues.isEmpty else { return [] }
            guard PeopleScan.isSimple(b) else { return mentionsString(in: text) }
            var scan = PeopleScan(b)
            return scan.mentions(at: cues)
        }
    }

    /// The String implementation: used for text that is not simple, and the reference of PeopleScanTests.
    static func mentionsString(in text: String) -> [Mention] {
        let cues = cueMatches(in: text)
        guard !cues.isEmpty else { return [] }
        let utf8 = text.utf8
        @inline(__always) func at(_ offset: Int) -> String.Index { utf8.index(utf8.startIndex, offsetBy: offset) }
        var out: [Mention] = []
        var prevEnd = 0
        for (k, c) in cues.enumerated() {
            let nextCue = k + 1 < cues.count ? cues[k + 1].start : utf8.count
            let span = String(text[at(c.end)..<at(nextCue)])
            guard let (name, titles, consumed) = readPerson(span) else { continue }
            let sentenceStart = max(prevEnd, lastSentenceBreak(in: text, before: c.start))
            let before = String(text[at(sentenceStart)..<at(c.start)])
            let afterText = span.dropFirstCharacters(consumed)
            let after = afterText.prefix(upTo: afterText.fastRange(of: ". ")?.lowerBound ?? afterText.endIndex).prefixCharacters(220)
            out.append(Mention(name: name, titles: titles, role: role(before: before, after: after)))
            prevEnd = c.start
        }
        return out
    }

    /// UTF-8 offset just after the last ". " before `loc`, or 0.
    static func lastSentenceBreak(in text: String, before loc: Int) -> Int {
        var i = loc - 2
        var text = text
        return text.withUTF8 { b in
            while i >= 0 {
                if b[i] == 0x2E && b[i + 1] == 0x20 { return i + 2 }
                i -= 1
            }
            return 0
        }
    }

    /// Reads "NAME, TITLE, TITLE" or "TITLE NAME" at the start of `span`.
    /// Returns the name, titles and how many Characters were consumed.
    static func readPerson(_ span: String) -> (String, [String], Int)? {
        // No more than words[20] is ever read (a surname before words[16], then at most five name
        // words), and `words.count` only matters below 17: 24 words give the answers 40 gave.
        let words = SimpleText.words(span, maxCharacters: 600, maxWords: 24)
            ?? span.prefix(600).split(separator: " ", omittingEmptySubsequences: true).prefix(24).map(String.init)
        guard let first = words.first else { return nil }
        let bare = { (w: String) in w.trimmingScalars(where: Scalars.isWordPunctuation) }
        func isCap(_ w: String) -> Bool {
            let b = bare(w)
            return b.first?.isUppercase == true && !(b.allSatisfy { $0.isUppercase } && b.count > 1)
        }

        var nameStart = 0
        var titleBefore: [String] = []
        if titleWords.contains(bare(first)) && !(surnames.contains(bare(first)) && words.count > 1 && isCap(words[1]) && !titleWords.contains(bare(words[1]))) {
            // "đồng chí Trưởng ban Tuyên giáo Tỉnh ủy Trần Thị Thanh Thủy": find the surname.
            var j = 1
            var found = -1
            while j < min(words.count - 1, 16) {
                let w = words[j - 1]
                if w.endsWithASCII(0x2C) || w.endsWithASCII(0x2E) || w.endsWithASCII(0x3B) { break }
                let next = bare(words[j + 1])
                if surnames.contains(bare(words[j])) && isCap(words[j + 1]) && (!titleWords.contains(next) || nameSyllablesAlsoTitles.contains(next)) { found = j; break }
                j += 1
            }
            guard found > 0 else { return nil }
            nameStart = found
            titleBefore = [words[0..<found].joined(separator: " ")]
        }
        var nameWords: [String] = []
        var k = nameStart
        var endedWithComma = false
        while k < words.count && nameWords.count < 5 {
            let w = words[k]
            let b = bare(w)
            guard isCap(w), !b.isEmpty else { break }
            if !nameWords.isEmpty && titleWords.contains(b) && !nameSyllablesAlsoTitles.contains(b) { break }
            if b.contains(where: { $0.isNumber }) { break }
            nameWords.append(b)
            k += 1
            if w.endsWithASCII(0x2C) { endedWithComma = true; break }
            if w.last.map({ ".;:()“”\"".contains($0) }) == true { break }
        }
        guard nameWords.count >= 2, nameWords.count <= 5 else { return nil }
        if nameStart == 0 && titleWords.contains(nameWords[0]) && !surnames.contains(nameWords[0]) { return nil }
        let name = nameWords.joined(separator: " ")
        var consumed = words[0..<k].joined(separator: " ").count
        var titles = titleBefore
        if endedWithComma {
            // Titles run to the end of the sentence, comma-separated, each starting capitalised.
            let rest = String(span.dropFirst(consumed + 1))
            let sentence = rest.prefix(upTo: rest.fastRange(of: ". ")?.lowerBound ?? rest.fastRange(of: ";")?.lowerBound ?? rest.endIndex)
            var used = 1
            for chunk0 in sentence.fastComponents(separatedBy: ", ") {
                var chunk = chunk0.trimmingSpaces()
                guard let f = chunk.first, f.isUppercase || f == "(" else { break }
                // Cut at the earliest verb: "… UBND tỉnh Lạng Sơn cũng cho biết" → "… UBND tỉnh Lạng Sơn".
                let padded = chunk + " "
                var cutAt: String.Index? = nil
                if let at = earliestVerbCut(in: padded) { cutAt = padded.utf8.index(padded.startIndex, offsetBy: at) }
                let cut = cutAt != nil
                if let c = cutAt { chunk = String(padded[..<c]) }
                if chunk.endsWithASCII(0x2E) { chunk.removeLast() }
                chunk = chunk.trimmingSpaces()
                if chunk.split(separator: " ").count > 14 { break }
                if !chunk.isEmpty { titles.append(chunk) }
                if cut { used += chunk.count + 1; break }   // leave the verb for the role
                used += chunk0.count + 2
            }
            // min(used, rest.count + 1), counting no further than needed.
            consumed += rest.hasMoreCharacters(than: used - 2) ? used : rest.count + 1
        }
        return (name, titles, consumed)
    }

    /// The verbs, each with a space after it, as bytes.
    static let verbCutProbes = SpaceLedNeedles(verbCuts.map { Array(($0.hasSuffix(" ") ? $0 : $0 + " ").utf8) })

    /// UTF-8 offset of the earliest verb in `padded`.
    static func earliestVerbCut(in padded: String) -> Int? {
        var padded = padded
        return padded.withUTF8 { verbCutProbes.earliest(in: UnsafeRawBufferPointer($0)) }
    }

    static func role(before: String, after: String) -> PersonRole {
        let b = before.fastLowercased()
        let a = after.fastLowercased()
        if a.fastContains("chủ trì") && !a.fastContains("đồng chủ trì") || b.hasSuffix("chủ trì có ") { return .chair }
        if a.fastContains("trưởng đoàn") || a.fastContains("dẫn đầu") || b.fastContains("đoàn công tác do") && a.fastContains("đoàn") { return .delegationHead }
        if a.fastContains("buổi làm việc với đoàn") || a.fastContains("tiếp và làm việc với") || a.fastContains("tiếp đoàn")
            || a.fastContains("làm việc với đoàn") || a.fastContains("đã tiếp") || a.fastContains("tiếp, làm việc") { return .host }
        let tail = String(b.suffix(60))
        if tail.fastContains("tiếp đoàn có") || tail.fastContains("tiếp và làm việc với đoàn có") || tail.fastContains("tiếp đón đoàn có")
            || tail.fastContains("làm việc với đoàn có") { return .host }
        let speaking = ["phát biểu", "cho biết", "đề nghị", "nhấn mạnh", "báo cáo", "kết luận", "khẳng định", "yêu cầu",
                        "ghi nhận", "đánh giá", "trình bày", "chia sẻ", "lưu ý", "quán triệt", "khai mạc", "thông tin"]
        if speaking.contains(where: { a.fastContains($0) }) || tail.fastContains("phát biểu") { return .speaker }
        return .attendee
    }
}
