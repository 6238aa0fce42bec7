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

    static func mentions(in text: String) -> [Mention] {
        let ns = text as NSString
        let cues = cue.matches(in: text, range: NSRange(location: 0, length: ns.length))
        var out: [Mention] = []
        var prevEnd = 0
        for (k, c) in cues.enumerated() {
            let start = NSMaxRange(c.range)
            let nextCue = k + 1 < cues.count ? cues[k + 1].range.location : ns.length
            let span = ns.substring(with: NSRange(location: start, length: nextCue - start))
            guard let (name, titles, consumed) = readPerson(span) else { continue }
            let sentenceStart = max(prevEnd, lastSentenceBreak(in: ns, before: c.range.location))
            let before = ns.substring(with: NSRange(location: sentenceStart, length: c.range.location - sentenceStart))
            let afterText = String(span.dropFirst(consumed))
            let after = String(afterText.prefix(upTo: afterText.range(of: ". ")?.lowerBound ?? afterText.endIndex).prefix(220))
            out.append(Mention(name: name, titles: titles, role: role(before: before, after: after)))
            prevEnd = c.range.location
        }
        return out
    }

    static func lastSentenceBreak(in ns: NSString, before loc: Int) -> Int {
        let r = ns.range(of: ". ", options: .backwards, range: NSRange(location: 0, length: loc))
        return r.location == NSNotFound ? 0 : NSMaxRange(r)
    }

    /// Reads "NAME, TITLE, TITLE" or "TITLE NAME" at the start of `span`.
    /// Returns the name, titles and how many Characters were consumed.
    static func readPerson(_ span: String) -> (String, [String], Int)? {
        let words = span.prefix(600).split(separator: " ", omittingEmptySubsequences: true).prefix(40).map(String.init)
        guard let first = words.first else { return nil }
        let bare = { (w: String) in w.trimmingCharacters(in: CharacterSet(charactersIn: ",.;:()“”\"")) }
        func isCap(_ w: String) -> Bool { bare(w).first?.isUppercase == true && !(bare(w).allSatisfy { $0.isUppercase } && bare(w).count > 1) }

        var nameStart = 0
        var titleBefore: [String] = []
        if titleWords.contains(bare(first)) && !(surnames.contains(bare(first)) && words.count > 1 && isCap(words[1]) && !titleWords.contains(bare(words[1]))) {
            // "đồng chí Trưởng ban Tuyên giáo Tỉnh ủy Trần Thị Thanh Thủy": find the surname.
            var j = 1
            var found = -1
            while j < min(words.count - 1, 16) {
                let w = words[j - 1]
                if w.hasSuffix(",") || w.hasSuffix(".") || w.hasSuffix(";") { break }
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
            if w.hasSuffix(",") { endedWithComma = true; break }
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
            let sentence = rest.prefix(upTo: rest.range(of: ". ")?.lowerBound ?? rest.range(of: ";")?.lowerBound ?? rest.endIndex)
            var used = 1
            for chunk0 in sentence.components(separatedBy: ", ") {
                var chunk = chunk0.trimmingCharacters(in: .whitespaces)
                guard let f = chunk.first, f.isUppercase || f == "(" else { break }
                // Cut at the earliest verb: "… UBND tỉnh Lạng Sơn cũng cho biết" → "… UBND tỉnh Lạng Sơn".
                let padded = chunk + " "
                var cutAt: String.Index? = nil
                for v in verbCuts {
                    let probe = v.hasSuffix(" ") ? v : v + " "
                    guard padded.fastContains(probe), let r = padded.range(of: probe) else { continue }
                    if cutAt == nil || r.lowerBound < cutAt! { cutAt = r.lowerBound }
                }
                let cut = cutAt != nil
                if let c = cutAt { chunk = String(padded[..<c]) }
                if chunk.hasSuffix(".") { chunk.removeLast() }
                chunk = chunk.trimmingCharacters(in: .whitespaces)
                if chunk.split(separator: " ").count > 14 { break }
                if !chunk.isEmpty { titles.append(chunk) }
                if cut { used += chunk.count + 1; break }   // leave the verb for the role
                used += chunk0.count + 2
            }
            consumed += min(used, rest.count + 1)
        }
        return (name, titles, consumed)
    }

    static func role(before: String, after: String) -> PersonRole {
        let b = before.lowercased()
        let a = after.lowercased()
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
