import Foundation

/// What happened to one file while loading: read (maybe with warnings) or skipped.
public struct FileReport: Sendable, Equatable {
    public enum Status: String, Sendable { case loaded, skipped }
    public var file: String
    public var status: Status
    public var messages: [String]
    public init(file: String, status: Status, messages: [String]) {
        self.file = file
        self.status = status
        self.messages = messages
    }
}

public enum CorpusError: Error, CustomStringConvertible {
    case missingFolder(String)
    case notAFolder(String)
    case unreadableFolder(String, String)

    public var description: String {
        switch self {
        case .missingFolder(let p): return "corpus folder not found: \(p)"
        case .notAFolder(let p): return "corpus path is not a folder: \(p)"
        case .unreadableFolder(let p, let why): return "cannot read corpus folder \(p): \(why)"
        }
    }
}

/// A folder of article scrapes, parsed and resolved.
public struct Corpus: Sendable {
    public var root: String
    public var meetings: [Meeting]
    public var reports: [FileReport]

    public var skipped: [FileReport] { reports.filter { $0.status == .skipped } }

    /// Files larger than this are not articles; they are reported and skipped.
    public static let maxFileBytes = 32 << 20

    public static func load(path: String, progress: (@Sendable (Int, Int) -> Void)? = nil) throws -> Corpus {
        let files = try FileWalker.textFiles(under: path)
        let results = readAndParse(files.found, progress: progress)
        var corpus = Corpus(root: path, meetings: results.compactMap(\.0), reports: files.problems + results.map(\.1))
        corpus.resolve()
        return corpus
    }

    public init(root: String, meetings: [Meeting], reports: [FileReport] = []) {
        self.root = root
        self.meetings = meetings
        self.reports = reports
    }

    /// Reads and parses files on every core, in order; `progress` gets (done, total).
    public static func readAndParse(_ files: [FileWalker.Found], progress: (@Sendable (Int, Int) -> Void)? = nil) -> [(Meeting?, FileReport)] {
        let box = ResultBox(count: files.count)
        let counter = ProgressCounter()
        DispatchQueue.concurrentPerform(iterations: files.count) { i in
            box.set(i, readAndParse(files[i]))
            if let progress { progress(counter.increment(), files.count) }
        }
        return box.items.map { $0! }
    }

    /// Reads one file and parses it, or says why it was skipped.
    public static func readAndParse(_ f: FileWalker.Found) -> (Meeting?, FileReport) {
        let data: Data
        switch FileWalker.read(f.path, limit: maxFileBytes) {
        case .failure(let why): return (nil, FileReport(file: f.display, status: .skipped, messages: [why.description]))
        case .success(let d): data = d
        }
        return parse(data: data, relative: f.relative, display: f.display)
    }

    public static func parse(data: Data, relative: String, display: String) -> (Meeting?, FileReport) {
        if data.isEmpty { return (nil, FileReport(file: display, status: .skipped, messages: ["empty file"])) }
        if TextDecoding.looksBinary(data) { return (nil, FileReport(file: display, status: .skipped, messages: ["binary data, not text"])) }
        let decoded = TextDecoding.decode(data)
        var notes: [String] = []
        if decoded.invalidSequences > 0 { notes.append("\(decoded.invalidSequences) invalid UTF-8 sequence(s) replaced with U+FFFD") }
        if decoded.hadNFD { notes.append("decomposed (NFD) text normalised to NFC") }
        if !decoded.text.unicodeScalars.contains(where: { !$0.properties.isWhitespace && $0 != "\u{FEFF}" }) {
            return (nil, FileReport(file: display, status: .skipped, messages: ["no text (only white space)"]))
        }
        let id = relative.hasSuffix(".txt") || relative.hasSuffix(".TXT") ? String(relative.dropLast(4)) : relative
        var m = ArticleParser.parse(text: decoded.text, id: id, file: display)
        m.diagnostics = notes.map { "file: " + $0 } + m.diagnostics
        return (m, FileReport(file: display, status: .loaded, messages: notes))
    }

    // MARK: - Corpus-level resolution

    /// Infers what one article leaves open from the others: the province of
    /// an article that never names it (from people and reporters who appear in
    /// articles that do), related reports of the same event, and the date of an
    /// undated report from its related one.
    public mutating func resolve() {
        inferProvinces()
        linkRelated()
        sortTimeline()
    }

    /// `meetings.sort(by: Corpus.timelineOrder)`, as fast as it can be: keys computed once, row
    /// numbers sorted (stable, like `sort`), the meetings moved once — sorting the large structs
    /// themselves copied each of them ~17 times (a third of a resolve at 100,000).
    mutating func sortTimeline() {
        let n = meetings.count
        var dated = [Bool](repeating: false, count: n), day = [Int](repeating: 0, count: n)
        var tie: [(String, String)] = []
        tie.reserveCapacity(n)
        for (i, m) in meetings.enumerated() {
            if let d = m.date { dated[i] = true; day[i] = (d.year * 13 + (d.month ?? 0)) * 32 + (d.day ?? 0) }
            tie.append((m.province ?? "~", m.id))
        }
        let order = (0..<n).sorted { a, b in
            switch (dated[a], dated[b]) {
            case (true, true) where day[a] != day[b]: return day[a] < day[b]
            case (false, true): return false
            case (true, false): return true
            default: return tie[a] < tie[b]
            }
        }
        let old = meetings
        meetings = order.map { old[$0] }
    }

    public static func timelineOrder(_ a: Meeting, _ b: Meeting) -> Bool {
        switch (a.date, b.date) {
        case let (x?, y?) where x != y: return x < y
        case (nil, _?): return false
        case (_?, nil): return true
        default: return (a.province ?? "~", a.id) < (b.province ?? "~", b.id)
        }
    }

    static func evidenceNames(_ m: Meeting) -> [String] {
        var names = m.people.map(\.name)
        if let b = m.byline { names.append(b.uppercased()) }
        return names
    }

    mutating func inferProvinces() {
        var byName: [String: [String: Int]] = [:]
        for m in meetings {
            guard let p = m.province, p != Provinces.central, m.provinceBasis != .corpus else { continue }
            for n in Set(Corpus.evidenceNames(m)) { byName[n, default: [:]][p, default: 0] += 1 }
        }
        for i in meetings.indices where meetings[i].province == nil {
            var votes: [String: Double] = [:]
            var witnesses: [String: [String]] = [:]
            for n in Set(Corpus.evidenceNames(meetings[i])) {
                guard let dist = byName[n] else { continue }
                let total = Double(dist.values.reduce(0, +))
                for (p, c) in dist {
                    votes[p, default: 0] += Double(c) / total
                    witnesses[p, default: []].append(n)
                }
            }
            let sum = votes.values.reduce(0, +)
            guard let best = votes.max(by: { $0.value < $1.value }), sum > 0, best.value / sum >= 0.6 else { continue }
            meetings[i].province = best.key
            meetings[i].provinceBasis = .corpus
            let who = witnesses[best.key, default: []].sorted().map { $0.capitalized(vietnamese: true) }.joined(separator: ", ")
            meetings[i].diagnostics.removeAll { $0.hasPrefix("province:") }
            meetings[i].diagnostics.append("province: not named; inferred from \(who), named in reports from \(best.key)")
        }
    }

    /// Related reports, by hashing on keys (province, kind, day; then people's names), never all
    /// pairs: the result — and the order of every `related` list — is what comparing every pair of
    /// one province and kind, in the corpus's order, gives.
    /// Reports of one day compared pair by pair up to this many (tests lower it to try the table).
    nonisolated(unsafe) static var pairwiseLimit = 16
    /// At most this many related reports per meeting (the first in the corpus's order); a note
    /// says when there were more. Copies of one report by the thousand stay linear.
    public static let relatedLimit = 20
    static let moreRelatedNote = "related: more than \(relatedLimit) reports of the same event; the first \(relatedLimit) are listed"

    static func noteMoreRelated(_ m: inout Meeting) {
        if !m.diagnostics.contains(moreRelatedNote) { m.diagnostics.append(moreRelatedNote) }
    }

    mutating func linkRelated() {
        var byKey: [String: [Int]] = [:]
        for (i, m) in meetings.enumerated() {
            guard let p = m.province else { continue }
            byKey["\(p)|\(m.kind.rawValue)", default: []].append(i)
        }
        for (_, idxs) in byKey where idxs.count > 1 {
            // Same province, kind and day, sharing a person: the same event.
            var byDay: [MeetingDate: [Int]] = [:]
            for a in idxs { if let d = meetings[a].date, d.precision == .day { byDay[d, default: []].append(a) } }
            for (_, same) in byDay where same.count > 1 {
                let names = same.map { Set(meetings[$0].people.map(\.name)) }
                if same.count <= Corpus.pairwiseLimit {
                    for (x, a) in same.enumerated() {
                        for (y, b) in same.enumerated() where y != x {
                            guard !names[x].isDisjoint(with: names[y]) || (names[x].isEmpty && names[y].isEmpty) else { continue }
                            if meetings[a].related.count >= Corpus.relatedLimit { Corpus.noteMoreRelated(&meetings[a]); break }
                            meetings[a].related.append(meetings[b].id)
                        }
                    }
                    continue
                }
                // Many reports of one day: who shares a name, through a table of names.
                var byName: [String: [Int]] = [:]
                var nameless: [Int] = []
                for (x, ns) in names.enumerated() {
                    if ns.isEmpty { nameless.append(x) }
                    for n in ns { byName[n, default: []].append(x) }
                }
                for (x, a) in same.enumerated() {
                    // The smallest others first, merged from the name lists (each ascending), and
                    // no more than the limit: a day with thousands of copies of one report links
                    // each to `relatedLimit` of them, not to all (which was quadratic).
                    let lists = names[x].isEmpty ? [nameless] : names[x].map { byName[$0]! }
                    var cursor = [Int](repeating: 0, count: lists.count)
                    var last = -1, taken = 0
                    while true {
                        var best = Int.max
                        for k in lists.indices {
                            while cursor[k] < lists[k].count, lists[k][cursor[k]] <= last || lists[k][cursor[k]] == x { cursor[k] += 1 }
                            if cursor[k] < lists[k].count { best = min(best, lists[k][cursor[k]]) }
                        }
                        if best == Int.max { break }
                        if taken == Corpus.relatedLimit { Corpus.noteMoreRelated(&meetings[a]); break }
                        meetings[a].related.append(meetings[same[best]].id)
                        taken += 1
                        last = best
                    }
                }
            }
            // An undated report sharing two or more people with dated reports of one event only.
            var datedByName: [String: [Int]] = [:]
            var hasUndated = false
            for d in idxs {
                guard let dd = meetings[d].date else {
                    if meetings[d].people.count >= 2 { hasUndated = true }
                    continue
                }
                guard dd.precision == .day, meetings[d].dateBasis != .relatedReport else { continue }
                for n in Set(meetings[d].people.map(\.name)) { datedByName[n, default: []].append(d) }
            }
            guard hasUndated else { continue }
            // The dated reports in `datedByName` keep their dates through this loop (only undated
            // ones change), so the events depend on the people and years alone: worked out once
            // per (people, years), which keeps copies of one undated report linear.
            struct Evidence: Hashable { let people: Set<String>; let years: Set<Int> }
            var eventsOf: [Evidence: (events: [MeetingDate: [Int]], heads: Set<String>)] = [:]
            var backLinksFull = Set<Int>()
            for u in idxs where meetings[u].date == nil {
                let pu = Set(meetings[u].people.map(\.name))
                guard pu.count >= 2 else { continue }
                let years = Set(meetings[u].yearsInText)
                let evidence = Evidence(people: pu, years: years)
                let events: [MeetingDate: [Int]], heads: Set<String>
                if let known = eventsOf[evidence] { (events, heads) = known } else {
                    var sharedCount: [Int: Int] = [:]
                    for n in pu { for d in datedByName[n] ?? [] where d != u { sharedCount[d, default: 0] += 1 } }
                    var found: [MeetingDate: [Int]] = [:]
                    for d in sharedCount.filter({ $0.value >= 2 }).keys.sorted() {
                        // Still dated from the text: a report dated above from its related one does not count.
                        guard let dd = meetings[d].date, meetings[d].dateBasis != .relatedReport else { continue }
                        if !years.isEmpty && !years.contains(dd.year) { continue }
                        found[dd, default: []].append(d)
                    }
                    // A delegation head named in the related report leads this one too.
                    let sources = found.count == 1 ? found.first!.value : []
                    let h = Set(sources.flatMap { meetings[$0].people.filter { $0.role == .delegationHead }.map(\.name) })
                    eventsOf[evidence] = (found, h)
                    (events, heads) = (found, h)
                }
                guard events.count == 1, let (date, sources) = events.first else {
                    if events.count > 1 { meetings[u].diagnostics.append("date: several dated reports share its people (\(events.count) dates); left unknown") }
                    continue
                }
                meetings[u].date = date
                meetings[u].dateBasis = .relatedReport
                meetings[u].related += sources.prefix(Corpus.relatedLimit).map { meetings[$0].id }
                if sources.count > Corpus.relatedLimit { Corpus.noteMoreRelated(&meetings[u]) }
                meetings[u].diagnostics.removeAll { $0.hasPrefix("date:") }
                meetings[u].diagnostics.append("date: not stated; taken from the related report \(meetings[sources[0]].id)")
                for s in sources where !backLinksFull.contains(s) && !meetings[s].related.contains(meetings[u].id) {
                    if meetings[s].related.count >= Corpus.relatedLimit { Corpus.noteMoreRelated(&meetings[s]); backLinksFull.insert(s); continue }
                    meetings[s].related.append(meetings[u].id)
                }
                for k in meetings[u].people.indices where heads.contains(meetings[u].people[k].name) && meetings[u].people[k].role > .delegationHead {
                    meetings[u].people[k].role = .delegationHead
                }
            }
        }
    }

}

extension String {
    /// "BÍCH DIỆP" → "Bích Diệp"; names keep their own case otherwise.
    func capitalized(vietnamese: Bool) -> String {
        guard self == uppercased() else { return self }
        return split(separator: " ").map { $0.prefix(1) + $0.dropFirst().lowercased() }.joined(separator: " ")
    }
}

final class ResultBox: @unchecked Sendable {
    var items: [(Meeting?, FileReport)?]
    let lock = NSLock()
    init(count: Int) { items = Array(repeating: nil, count: count) }
    func set(_ i: Int, _ v: (Meeting?, FileReport)) { lock.lock(); items[i] = v; lock.unlock() }
}

final class ProgressCounter: @unchecked Sendable {
    private var n = 0
    private let lock = NSLock()
    func increment() -> Int { lock.lock(); defer { lock.unlock() }; n += 1; return n }
}
