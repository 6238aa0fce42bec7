import Foundation

/// Who chaired: the person the text says "chủ trì" ("đồng chủ trì", "cùng chủ
/// trì"), never one who only attends, speaks, leads a delegation or "dự và chỉ
/// đạo", and never an organisation ("Sở Ngoại vụ chủ trì"). Forms covered:
/// "Đồng chí A, Title, chủ trì …", "Title B chủ trì …", "… do đồng chí C chủ
/// trì", "Chủ trì hội nghị có (là) đồng chí D, …".
///
/// A name is a run of 2–5 capitalised syllables that is not a title word or a
/// province; it counts only where a person is clearly meant: after "đồng chí",
/// "ông", "bà", or after a title, or followed by a title. Surnames are one
/// feature among these, never a gate, so "Y Thanh Hà Niê Kđăm" or "Ksor Phước
/// Hà" are names too.
enum ChairFinder {
    /// Case-sensitive: "… Hà Sỹ Đồng chủ trì" is a name ending in Đồng, "đồng chủ trì" a co-chair.
    static let chairVerb = regex(#"(?:đồng\s+|[Cc]ùng\s+)?[Cc]hủ\s+trì"#, [])
    /// Words of titles: a capitalised run starting here is a title, not a name.
    static let titleHeads: Set<String> = [
        "phó", "chủ", "bí", "trưởng", "ủy", "uỷ", "giám", "thứ", "bộ", "tổng", "chánh", "đại", "thiếu", "trung", "thượng",
        "ban", "sở", "tỉnh", "thành", "ubnd", "hđnd", "nguyên", "trợ", "chuyên", "thư", "viện", "hiệu", "cán", "đảng",
        "chính", "hội", "liên", "báo", "đài", "tổ", "công", "quyền", "các", "những", "tại", "trong", "theo",
        "ngày", "sáng", "chiều", "hội nghị", "ông", "bà", "tiến", "thạc", "giáo", "pgs", "pgs.ts", "ts", "ths", "gs",
        "mặt", "ủy ban", "cục", "vụ", "phòng", "quân", "bộ đội", "biên", "đồn", "hải", "lãnh", "đại diện", "trưởng ban",
        "bảo", "nhà", "người", "lào", "campuchia", "trung quốc", "đ/c", "dự", "tham", "về", "với", "và",
        "kết", "phát", "khai", "hiệp", "mttq", "tw", "t.ư", "cộng", "nhân", "quốc", "đối", "thông", "tuyên", "ngoại",
    ]
    /// Inside a run of capitals, these start a title: "Nguyễn Văn A Phó Chủ tịch" ends before "Phó".
    static let runBreakers: Set<String> = ["Phó", "Chủ", "Bí", "Trưởng", "Ủy", "Uỷ", "Giám", "Thứ", "Bộ", "Tổng", "Chánh",
                                           "UBND", "HĐND", "Tỉnh", "Sở", "Ban", "Thượng", "Thiếu", "Ông", "Bà"]
    static let titleWords = ["chủ tịch", "bí thư", "trưởng", "giám đốc", "thứ trưởng", "bộ trưởng", "tướng", "đại sứ", "chánh",
                             "phó", "ủy viên", "uỷ viên", "tổng thư ký", "chủ nhiệm", "tỉnh trưởng", "thống đốc", "thủ tướng", "đại tá", "thiếu tá", "trung tá"]

    static func find(in texts: [String]) -> (name: String, quote: String)? {
        // Every form of the verb ends in "trì": most paragraphs have none, and the pattern is the costly part.
        for text in texts where text.fastContains("trì") {
            for v in verbContexts(in: text) {
                if let found = chair(before: v.before, verb: v.verb, after: v.after) { return found }
            }
        }
        return nil
    }

    /// Each match of `chairVerb` in `text`, with up to 600 UTF-16 units before it and 240 after it.
    /// In simple text (one scalar per Character, all in the BMP: a UTF-16 unit is a scalar) the
    /// matches are found on bytes (`verbMatches`); other text goes through the regex.
    static func verbContexts(in text: String) -> [(before: String, verb: String, after: String)] {
        var copy = text
        let onBytes: [(before: String, verb: String, after: String)]? = copy.withUTF8 { b in
            guard PeopleScan.isSimple(b) else { return nil }
            @inline(__always) func string(_ lo: Int, _ hi: Int) -> String {
                String(decoding: UnsafeBufferPointer(rebasing: b[lo..<hi]), as: UTF8.self)
            }
            return verbMatches(b).map { m in
                var lo = m.start
                var units = 0
                while lo > 0 && units < 600 {
                    lo -= 1
                    if b[lo] & 0xC0 != 0x80 { units += 1 }
                }
                let hi = SimpleScalars.advance(b, m.end, by: 240, limit: b.count)
                return (string(lo, m.start), string(m.start, m.end), string(m.end, hi))
            }
        }
        if let onBytes { return onBytes }
        let ns = text as NSString
        return chairVerb.matches(in: text, range: NSRange(location: 0, length: ns.length)).map { m in
            // A clause and what follows the verb are short: never copy the whole paragraph around them.
            (ns.tail(before: m.range.location, 600), ns.substring(with: m.range),
             ns.substring(with: NSRange(location: NSMaxRange(m.range), length: min(240, ns.length - NSMaxRange(m.range)))))
        }
    }

    /// `chairVerb` on bytes, `(?:đồng\s+|[Cc]ùng\s+)?[Cc]hủ\s+trì` (case as written), in UTF-8 offsets.
    /// Each match holds one "[Cc]hủ\s+trì"; it starts earlier when "đồng" or "[Cc]ùng" and white
    /// space stand just before it (the leftmost start ICU finds). Matches cannot overlap: a prefix
    /// never fits inside the "trì" of the match before. Exact on any UTF-8.
    static func verbMatches(_ b: UnsafeBufferPointer<UInt8>) -> [(start: Int, end: Int)] {
        let n = b.count
        var out: [(start: Int, end: Int)] = []
        let table = SimpleScalars.table
        @inline(__always) func isSpace(_ v: UInt32) -> Bool {
            let slot = SimpleScalars.slot(v)
            return (slot >= 0 ? table[slot] : SimpleScalars.computeFlags(v)) & SimpleScalars.regexSpace != 0
        }
        var from = 0
        while let at = SimpleScalars.find(hu, in: b, from, n) {   // "hủ"
            from = at + 1
            guard at > 0, b[at - 1] == 0x43 || b[at - 1] == 0x63 else { continue }
            var j = at + hu.count
            var spaces = 0
            while j < n {
                let (v, len) = SimpleScalars.decode(b, at: j)
                guard isSpace(v) else { break }
                j += len
                spaces += 1
            }
            guard spaces > 0, j + 4 <= n, b[j] == 0x74, b[j + 1] == 0x72, b[j + 2] == 0xC3, b[j + 3] == 0xAC else { continue }
            let end = j + 4
            var start = at - 1
            // White space back from the verb, then "đồng" or "[Cc]ùng".
            var w = start
            while w > 0 {
                var p = w - 1
                while p > 0 && b[p] & 0xC0 == 0x80 { p -= 1 }
                guard isSpace(SimpleScalars.decode(b, at: p).value) else { break }
                w = p
            }
            if w < start {
                if w >= 7 && b[w - 7] == 0xC4 && b[w - 6] == 0x91 && b[w - 5] == 0xE1 && b[w - 4] == 0xBB && b[w - 3] == 0x93
                    && b[w - 2] == 0x6E && b[w - 1] == 0x67 { start = w - 7 }
                else if w >= 5 && (b[w - 5] == 0x43 || b[w - 5] == 0x63) && b[w - 4] == 0xC3 && b[w - 3] == 0xB9
                    && b[w - 2] == 0x6E && b[w - 1] == 0x67 { start = w - 5 }
            }
            out.append((start, end))
            from = end
        }
        return out
    }
    static let hu = Array("hủ".utf8)

    /// The chair named around one match of the verb, if any.
    static func chair(before: String, verb: String, after: String) -> (name: String, quote: String)? {
        // "Sở … chủ trì, phối hợp với …" assigns a duty; it names no meeting's chair.
        let low = after.fastLowercased()
        if low.hasPrefix(" phối hợp") || low.hasPrefix(", phối hợp") { return nil }
        let clause = clauseBefore(before)
        if let n = name(in: clause, verbFollows: true) { return (n, String((clause + verb).suffix(120))) }
        // "Chủ trì hội nghị có (là) đồng chí D, …".
        let tail = after.prefixCharacters(200)
        if let intro = chairIntro.firstMatch(in: tail, range: NSRange(location: 0, length: (tail as NSString).length)),
           let r = Range(intro.range, in: tail),
           let n = name(in: String(tail[r.upperBound...].prefix(140)), verbFollows: false) {
            return (n, String((verb + tail).prefix(120)))
        }
        return nil
    }

    /// Back from the verb to the start of its clause (sentence, or ";").
    static func clauseBefore(_ s: String) -> String {
        var start = s.startIndex
        for sep in [". ", "\n"] {
            if let r = s.fastRange(of: sep, backwards: true), r.upperBound > start { start = r.upperBound }
        }
        // "Các đồng chí: A - Title; B - Title chủ trì": the list after the colon chairs together.
        // The colon is part of the match: without one there is nothing to look for.
        if s.utf8[start...].contains(0x3A), let r = s[start...].range(of: "đồng chí:", options: [.backwards, .caseInsensitive]) {
            start = r.upperBound
        } else {
            for sep in ["; ", ": "] {
                if let r = s.fastRange(of: sep, backwards: true), r.upperBound > start { start = r.upperBound }
            }
        }
        var c = String(s[start...])
        if let r = c.fastRange(of: " do ", backwards: true) { c = String(c[r.upperBound...]) }
        return c
    }

    /// The first person's name in `text`.
    static func name(in text: String, verbFollows: Bool) -> String? {
        let words = text.split(separator: " ", omittingEmptySubsequences: true).map(String.init)
        var i = 0
        while i < words.count {
            defer { i += 1 }
            guard isCapital(words[i]), !titleHeads.contains(words[i].fastLowercased().trimmingScalars(where: isPunct)), !isGlued(words[i]) else { continue }
            var run: [String] = []
            var j = i
            while j < words.count, run.count < 8 {   // room for a province's name before the person's
                let w = words[j]
                let bare = w.trimmingScalars(where: isPunct)
                guard isCapital(bare), bare.count <= 12, !bare.contains(where: \.isNumber), !isGlued(bare) else { break }
                if !run.isEmpty && runBreakers.contains(bare) { break }
                run.append(bare)
                // A name ends at punctuation or a joined title ("Tổng-Chủ tịch").
                if w != bare || w.contains("-") { break }
                j += 1
            }
            if let dash = run.last?.firstIndex(of: "-") { run[run.count - 1] = String(run.last![..<dash]) }
            // "… UBND tỉnh Ninh Bình Phạm Quang Ngọc": the province's name ends the title, not begins the name.
            var start = i
            for n in [3, 2] where run.count > n + 1 {
                let head = run[0..<n].joined(separator: " ")
                if ProvinceLookup.canonical(head) != nil || head == "Việt Nam" { run.removeFirst(n); start += n; break }
            }
            guard run.count >= 2, run.count <= 5 else { continue }
            let candidate = run.joined(separator: " ")
            if ProvinceLookup.canonical(candidate) != nil { continue }
            let left = words[max(0, start - 14)..<start].joined(separator: " ").fastLowercased()
            let right = words[min(words.count, start + run.count)..<min(words.count, start + run.count + 3)].joined(separator: " ").fastLowercased()
            let cue = personCueAtEnd.firstMatch(in: left, range: NSRange(location: 0, length: (left as NSString).length)) != nil
                || right.hasPrefix("nguyên ") || right.hasPrefix("- nguyên")
            let titled = titleWords.contains { left.fastContains($0) } || titleWords.contains { right.hasPrefix($0) || right.hasPrefix("- " + $0) || right.hasPrefix("– " + $0) }
            let nextIsVerb = verbFollows && start + run.count >= words.count - 1
            if cue || titled || nextIsVerb { return candidate }
        }
        return nil
    }

    /// "HàTĩnh": two words glued by a typo, never one syllable of a name ("H'Yim" is: the capital follows an apostrophe).
    static func isGlued(_ w: String) -> Bool {
        var prev: Character?
        for c in w {
            if c.isUppercase, let p = prev, p.isLowercase { return true }
            prev = c
        }
        return false
    }

    /// The punctuation a word is trimmed of: `,;:()“”"'.`.
    static func isPunct(_ s: Unicode.Scalar) -> Bool { Scalars.isWordPunctuation(s) || s == "'" }
    /// "Chủ trì hội nghị có (là) …": what introduces the chair after the verb.
    nonisolated(unsafe) static let chairIntro = regex(#"^[^.;]{0,60}?\s(?:có|là|gồm|của|do)\s"#, [])
    /// A word that names a person just before a name: "đồng chí", "ông", "TS.".
    nonisolated(unsafe) static let personCueAtEnd = regex(#"(?:đồng chí|đ/c|ông|bà|ngài|pgs\.?\s?ts\.?|gs\.?\s?ts\.?|ts\.|ths\.|tiến sĩ|thạc sĩ)$"#, [])
    static func isCapital(_ w: String) -> Bool { w.first.map { $0.isUppercase } ?? false }
}

/// `Provinces.canonical` with every folded name computed once: it folds all 63 names and their
/// spellings on each call, and the chair finder asks it for every run of capitals.
enum ProvinceLookup {
    static let centralKey = VietFold.foldedString(Provinces.central)
    /// Folded name or spelling → the first province (in `Provinces.all` order) that has it.
    static let exact: [String: String] = {
        var d: [String: String] = [:]
        for e in Provinces.all {
            for k in [e.name] + e.patterns + e.cityOnlyPatterns {
                let key = VietFold.foldedString(k)
                if d[key] == nil { d[key] = e.name }
            }
        }
        return d
    }()
    static let foldedNames: [(folded: String, name: String)] = Provinces.all.map { (VietFold.foldedString($0.name), $0.name) }

    static func canonical(_ input: String) -> String? {
        let key = VietFold.foldedString(input).trimmingSpaces()
        if key.isEmpty { return nil }
        if key == centralKey || key == "tw" { return Provinces.central }
        if let name = exact[key] { return name }
        // Unambiguous prefix ("lang" → Lạng Sơn).
        var hit: String?
        for (folded, name) in foldedNames where folded.hasPrefix(key) {
            if hit != nil { return nil }
            hit = name
        }
        return hit
    }
}
