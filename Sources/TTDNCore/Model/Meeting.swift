import Foundation

/// One news report of a meeting, as a careful reader would record it.
/// Every field that is inferred rather than read carries its basis, and
/// everything that could not be determined is said in `diagnostics`.
public struct Meeting: Sendable, Equatable {
    public var id: String
    public var file: String
    public var title: String
    public var date: MeetingDate?
    public var dateBasis: DateBasis?
    public var published: String?
    public var province: String?
    public var provinceBasis: ProvinceBasis?
    /// Where the meeting was held when the text says so ("tại Hội trường …", "tại Hà Nội").
    public var venue: String?
    public var kind: MeetingKind
    public var isMeeting: Bool
    public var chair: String?
    public var people: [Person]
    public var byline: String?
    public var excerpt: String
    public var related: [String]
    public var diagnostics: [String]
    /// How each inferred fact was read, for people to check: "date: 25/10 from the lead; year 2022 from the title".
    public var evidence: [String] = []
    public var paragraphs: [Paragraph]
    /// Folded title + text for diacritic-insensitive search (not exported).
    public var searchText: [UInt8] = []
    /// How many leading bytes of `searchText` `ArticleParser.searchText(of:)` rebuilds from the title,
    /// paragraphs, byline and links (the rest: folded lines above the headline); −1 when unknown. The
    /// index stores only the rest, without folding the text again to find where it starts.
    public var searchTextRebuilt: Int = -1
    /// Headlines the page lists under "Tin liên quan" and the like: searchable, shown apart, not body (not exported).
    public var siteLinks: [String] = []
    /// The meeting's row in an index (−1 when not from one): search answers come back as these keys.
    public var storeKey: Int = -1
    /// Years the text mentions ("năm 2018"), for matching an undated report to a related one (not exported).
    public var yearsInText: [Int] = []

    public init(id: String, file: String, title: String) {
        self.id = id
        self.file = file
        self.title = title
        self.kind = .other
        self.isMeeting = false
        self.people = []
        self.excerpt = ""
        self.related = []
        self.diagnostics = []
        self.paragraphs = []
    }

    public var year: Int? { date?.year }
    /// The province on the map in force since 1 July 2025 (34 units), from `province` as named then.
    public var province2025: String? { Provinces.province2025(of: province) }
}

public struct MeetingDate: Sendable, Hashable, Comparable, CustomStringConvertible {
    public var year: Int
    public var month: Int?
    public var day: Int?

    public init(year: Int, month: Int? = nil, day: Int? = nil) {
        self.year = year
        self.month = month
        self.day = day
    }

    public var precision: DatePrecision { day != nil ? .day : month != nil ? .month : .year }

    /// ISO 8601 at the known precision: 2018-10-31, 2018-10 or 2018.
    public var description: String {
        var s = Self.zeroPadded(year, 4)
        if let m = month { s += "-" + Self.zeroPadded(m, 2) }
        if let d = day { s += "-" + Self.zeroPadded(d, 2) }
        return s
    }

    /// `String(format: "%0*d", width, v)` without Foundation's formatter (11,000 instructions a
    /// call: a fifth of writing the index's list records). The sign counts in the width, as in C.
    static func zeroPadded(_ v: Int, _ width: Int) -> String {
        let digits = String(v.magnitude)
        let pad = max(0, width - digits.utf8.count - (v < 0 ? 1 : 0))
        return (v < 0 ? "-" : "") + String(repeating: "0", count: pad) + digits
    }

    /// Days since 1970-01-01 (proleptic Gregorian), for date arithmetic without Foundation calendars.
    public var ordinal: Int { Self.daysFromCivil(year, month ?? 1, day ?? 1) }

    public static func fromOrdinal(_ z0: Int) -> MeetingDate {
        let z = z0 + 719468
        let era = (z >= 0 ? z : z - 146096) / 146097
        let doe = z - era * 146097
        let yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365
        let doy = doe - (365 * yoe + yoe / 4 - yoe / 100)
        let mp = (5 * doy + 2) / 153
        let d = doy - (153 * mp + 2) / 5 + 1
        let m = mp < 10 ? mp + 3 : mp - 9
        return MeetingDate(year: yoe + era * 400 + (m <= 2 ? 1 : 0), month: m, day: d)
    }

    static func daysFromCivil(_ y0: Int, _ m: Int, _ d: Int) -> Int {
        let y = m <= 2 ? y0 - 1 : y0
        let era = (y >= 0 ? y : y - 399) / 400
        let yoe = y - era * 400
        let doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1
        let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy
        return era * 146097 + doe - 719468
    }

    public static func daysIn(month: Int, year: Int?) -> Int {
        switch month {
        case 2:
            guard let y = year else { return 29 }
            return (y % 4 == 0 && y % 100 != 0) || y % 400 == 0 ? 29 : 28
        case 4, 6, 9, 11: return 30
        default: return 31
        }
    }

    public static func isValid(day: Int, month: Int, year: Int?) -> Bool {
        month >= 1 && month <= 12 && day >= 1 && day <= daysIn(month: month, year: year)
    }

    public static func < (a: MeetingDate, b: MeetingDate) -> Bool {
        (a.year, a.month ?? 0, a.day ?? 0) < (b.year, b.month ?? 0, b.day ?? 0)
    }
}

public enum DatePrecision: String, Sendable { case day, month, year }

public enum DateBasis: String, Sendable, CaseIterable {
    case stated = "stated in the text"
    case publishLine = "year from the publish line"
    case reportedPeriod = "year from the reported period"
    case relatedReport = "from a related report"
    /// The day is stated; the year is read from other clues (an anniversary, a term, a nearby date, the page's one year).
    case inferred = "year inferred from the text"
}

public enum ProvinceBasis: String, Sendable, CaseIterable {
    case headline = "named in the headline"
    case text = "named in the text"
    case siteDateline = "site dateline"
    case corpus = "inferred from the corpus"
}

public enum MeetingKind: String, Sendable, CaseIterable {
    case review = "tổng kết"
    case midYearReview = "sơ kết"
    case briefing = "giao ban"
    case training = "tập huấn"
    case workingSession = "làm việc"
    case workshop = "hội thảo"
    case otherConference = "hội nghị khác"
    case other = "khác"
}

public enum PersonRole: String, Sendable, CaseIterable, Comparable {
    case chair
    case delegationHead = "delegation head"
    case host
    case speaker
    case attendee

    /// Lower is stronger: a person who chaired and spoke is the chair.
    var rank: Int { Self.allCases.firstIndex(of: self)! }
    public static func < (a: PersonRole, b: PersonRole) -> Bool { a.rank < b.rank }
}

public struct Person: Sendable, Equatable {
    public var name: String
    public var titles: [String]
    public var role: PersonRole
    public init(name: String, titles: [String], role: PersonRole) {
        self.name = name
        self.titles = titles
        self.role = role
    }
}

public enum ParagraphRole: String, Sendable { case body, caption, subheading }

public struct Paragraph: Sendable, Equatable {
    public var text: String
    public var role: ParagraphRole
    public init(_ text: String, _ role: ParagraphRole) {
        self.text = text
        self.role = role
    }
}
