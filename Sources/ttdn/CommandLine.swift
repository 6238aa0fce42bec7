import ArgumentParser
import Foundation
import TTDNCore
import TTDNIndex

/// Options every command takes.
struct CorpusOptions: ParsableArguments {
    @Option(name: .long, help: ArgumentHelp("Folder of .txt article scrapes, read recursively (default: $TTDN_CORPUS, else the built-in seeds).", valueName: "DIR"))
    var corpus: String?

    @Flag(name: .customLong("no-cache"), help: "Read and parse every file, without the persistent index.")
    var noCache = false

    @Flag(name: .customLong("sync"), help: ArgumentHelp(
        "Check every file against the index (a stat each) before answering.",
        discussion: "Without it, list, stats and show check only the folders: a file added, removed or renamed (also how editors, cp and rsync save) changes its folder, but a file rewritten in place does not, and is picked up by the next full check (--sync, the browser, or any command after a folder changed)."))
    var fullCheck = false

    /// Resolves the corpus folder: --corpus, $TTDN_CORPUS, then the project's
    /// seeds/ found from the binary's location (so `make run` works from any cwd).
    func folder() throws -> String {
        if let c = corpus { return c }
        if let env = ProcessInfo.processInfo.environment["TTDN_CORPUS"], !env.isEmpty { return env }
        if let seeds = BuiltInCorpus.locate() { return seeds }
        throw ValidationError("the built-in corpus (seeds/) was not found next to the binary or in the current folder; pass --corpus DIR")
    }

    func load(progress: Bool = false) throws -> Corpus { try loadIndexed(progress: progress).corpus }

    /// The corpus through its index (built or brought up to date first), or
    /// parsed in full with --no-cache or when the index cannot be used; index
    /// problems are said once on stderr and never stop the command.
    func loadIndexed(progress: Bool = true) throws -> LoadedCorpus {
        guard case .memory(let c) = try source(progress: progress, decodeCached: true) else { fatalError("a decoding sync returns the corpus") }
        return c
    }

    enum Source {
        /// The index is in step with the folder (or was not synced, when asked so): ask it
        /// (`IndexQuery`, `IndexStore.find`).
        case index(root: String, store: IndexStore)
        /// The corpus in memory (--no-cache, no usable index, or files changed and were just indexed).
        case memory(LoadedCorpus)
    }

    /// The index after a sync that found nothing changed, when `decodeCached` is false (nothing is
    /// decoded), or without a sync when `syncing` is false; else the corpus in memory as
    /// `loadIndexed` gives it.
    func source(progress: Bool = true, decodeCached: Bool, syncing: Bool = true) throws -> Source {
        let dir = try folder()
        let report: (@Sendable (Int, Int) -> Void)? = progress ? CorpusOptions.reportProgress : nil
        do {
            if !noCache {
                let (store, notes) = IndexStore.openOrRebuild(path: IndexStore.defaultPath(for: dir))
                for n in notes { Output.note(n) }
                if let store {
                    if !syncing { return .index(root: dir, store: store) }
                    // The folders are as the last full check left them: no file was added, removed or
                    // renamed, so the index answers without a stat per file (see IndexStore.isCurrent).
                    if !decodeCached && !fullCheck && store.isCurrent(root: dir) { return .index(root: dir, store: store) }
                    do {
                        guard let c = try store.sync(root: dir, progress: report, decodeCached: decodeCached) else {
                            return .index(root: dir, store: store)
                        }
                        return .memory(LoadedCorpus(root: dir, corpus: c, store: store))
                    } catch let e as SQLiteError {
                        if e.isCorrupt {
                            IndexStore.removeFiles(store.path)
                            Output.note("index: \(store.path) was damaged (\(e.message)); it will be rebuilt next time")
                        } else {
                            Output.note("index: \(store.path) unusable (\(e.message)); running without it")
                        }
                    }
                }
            }
            return .memory(LoadedCorpus(root: dir, corpus: try Corpus.load(path: dir, progress: report), store: nil))
        } catch let e as CorpusError {
            throw CLIError(e.description)
        }
    }

    /// What `list` and `stats` print from: every meeting of the corpus and those the filter keeps
    /// (full heads when `heads`, else possibly light records from the index's columns). From the
    /// index when it is in step with the folder (only matching heads are decoded), else in memory.
    func answer(_ filter: MeetingFilter, heads: Bool, from known: Source? = nil) throws -> (root: String, all: [Meeting], rows: [Meeting]) {
        let c: LoadedCorpus
        switch try known ?? source(decodeCached: false) {
        case .index(let root, let store):
            if let a = IndexQuery.answer(store, filter: filter, heads: heads) { return (root, a.all, a.rows) }
            c = try loadIndexed()
        case .memory(let m):
            c = m
        }
        return (c.root, c.corpus.meetings, c.filter(filter))
    }
}

struct LoadedCorpus {
    var root: String
    var corpus: Corpus
    var store: IndexStore?

    /// A meeting with its article body (read from the index when the list holds none).
    func full(_ m: Meeting) -> Meeting {
        var m = m
        if m.paragraphs.isEmpty, let p = store?.paragraphs(for: m.id) { m.paragraphs = p }
        return m
    }

    func filter(_ f: MeetingFilter) -> [Meeting] {
        var f = f
        if !f.search.isEmpty, let store { f.searchHits = store.matchingKeys(f.search) }
        return f.apply(corpus.meetings)
    }
}

extension CorpusOptions {
    /// Progress on stderr for large corpora, so stdout stays clean for pipes.
    @Sendable static func reportProgress(_ done: Int, _ total: Int) {
        guard total >= 2000, done % 2000 == 0 || done == total else { return }
        FileHandle.standardError.write(Data("\rindexing \(done)/\(total) files".utf8))
        if done == total { FileHandle.standardError.write(Data("\n".utf8)) }
    }
}

struct CLIError: Error, CustomStringConvertible {
    let description: String
    init(_ d: String) { description = d }
}

enum BuiltInCorpus {
    static func locate() -> String? {
        var candidates: [URL] = []
        if let exe = try? FileManager.default.destinationOfSymbolicLink(atPath: "/proc/self/exe") {
            var dir = URL(fileURLWithPath: exe).deletingLastPathComponent()
            // Installed (make install): PREFIX/bin/ttdn finds PREFIX/share/ttdn/seeds.
            candidates.append(dir.deletingLastPathComponent().appendingPathComponent("share/ttdn/seeds"))
            for _ in 0..<6 {
                candidates.append(dir.appendingPathComponent("seeds"))
                dir = dir.deletingLastPathComponent()
            }
        }
        candidates.append(URL(fileURLWithPath: FileManager.default.currentDirectoryPath).appendingPathComponent("seeds"))
        for c in candidates {
            var isDir: ObjCBool = false
            if FileManager.default.fileExists(atPath: c.path, isDirectory: &isDir), isDir.boolValue,
               let items = try? FileManager.default.contentsOfDirectory(atPath: c.path), items.contains(where: { $0.hasSuffix(".txt") }) {
                return c.path
            }
        }
        return nil
    }
}

/// Filters shared by `list`, `stats` and the browser's start-up state.
struct FilterOptions: ParsableArguments {
    @Option(name: .long, help: "Province (diacritics optional: \"lang son\"). Repeat for several.")
    var province: [String] = []
    @Option(name: .long, help: "Year of the meeting (four digits). Repeat for several.")
    var year: [Int] = []
    @Option(name: .long, help: "Kind: tổng kết, sơ kết, giao ban, tập huấn, làm việc, hội thảo, hội nghị khác, khác (diacritics optional).")
    var kind: [String] = []
    @Option(name: .long, help: "Search titles and text: words in any order, \"a phrase\" in quotes; no diacritics needed.")
    var search: String?
    @Option(name: .long, help: ArgumentHelp("Meetings naming this person (any word order, diacritics optional).", valueName: "NAME"))
    var person: String?
    @Option(name: .long, help: ArgumentHelp("Meetings this person chaired.", valueName: "NAME"))
    var chair: String?
    @Option(name: .long, help: ArgumentHelp("Province names as at the meeting (then) or the 34 in force since 1 July 2025 (2025).", valueName: "then|2025"))
    var map: String = "then"

    var provinceMap: ProvinceMap { map == "2025" ? .y2025 : .atTheTime }

    func validate() throws {
        guard map == "then" || map == "2025" else { throw ValidationError("--map takes then or 2025, not \(map)") }
        for p in province { _ = try canonicalProvince(p) }
        for y in year where !(1900...2100).contains(y) {
            throw ValidationError("--year \(y): give the year in four digits\(y >= 0 && y < 100 ? " (e.g. \(2000 + y))" : "")")
        }
        for k in kind { _ = try canonicalKind(k) }
    }

    func canonicalProvince(_ p: String) throws -> String {
        let names = Provinces.names(on: provinceMap)
        if provinceMap == .y2025 {
            let key = VietFold.foldedString(p).trimmingCharacters(in: .whitespaces)
            if let hit = names.first(where: { VietFold.foldedString($0) == key }) { return hit }
            if let c = Provinces.canonical(p), let unit = Meeting.unit2025(of: c) { return unit }
        } else if let c = Provinces.canonical(p) {
            return c
        }
        if let s = Provinces.suggestion(for: p) {
            let shown = provinceMap == .y2025 ? (Meeting.unit2025(of: s) ?? s) : s
            throw ValidationError("unknown province: \(p) — did you mean \(shown)?")
        }
        throw ValidationError("unknown province: \(p) (one of: \(VietCollation.sorted(names).joined(separator: ", ")))")
    }

    func canonicalKind(_ k: String) throws -> MeetingKind {
        let key = VietFold.foldedString(k)
        guard let kk = MeetingKind.allCases.first(where: { VietFold.foldedString($0.rawValue) == key || VietFold.foldedString($0.rawValue).hasPrefix(key) })
        else { throw ValidationError("unknown kind: \(k) (one of: \(MeetingKind.allCases.map(\.rawValue).joined(separator: ", ")))") }
        return kk
    }

    func filter() throws -> MeetingFilter {
        var f = MeetingFilter()
        f.map = provinceMap
        for p in province { f.provinces.insert(try canonicalProvince(p)) }
        f.years = Set(year)
        for k in kind { f.kinds.insert(try canonicalKind(k)) }
        if let s = search { f.search = SearchQuery(s) }
        if let p = person { f.person = NameQuery(p) }
        if let c = chair { f.chair = NameQuery(c) }
        return f
    }
}

extension Meeting {
    /// The 2025 unit of a province name as it was (through the model's own rule).
    static func unit2025(of name: String) -> String? {
        var m = Meeting(id: "", file: "", title: "")
        m.province = name
        return m.province2025
    }
}

/// Read and starred marks for `list --unread/--starred` and the JSON keys `read`, `starred`.
struct MarkOptions: ParsableArguments {
    @Flag(name: .long, help: "Only meetings not yet read in the browser.") var unread = false
    @Flag(name: .long, help: "Only starred meetings.") var starred = false

    func validate() throws {
        if unread && starred { throw ValidationError("--unread and --starred cannot be combined") }
    }
}

@main
struct TTDN: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "ttdn",
        abstract: "Browse news reports of Vietnamese foreign-information (TTĐN) meetings.",
        discussion: """
        With no subcommand on a terminal, opens the browser; otherwise prints the list.

        Examples:
          ttdn                                        the browser on the built-in corpus
          ttdn --corpus ~/scrapes --province "lang son"
          ttdn list --year 2018 --search "hoang van nghiem" --format json
          ttdn list --person "nghiem hoang" --starred
          ttdn stats --map 2025 --format csv > by-province.csv
          ttdn show 000_fc2b759d

        Shell completions: ttdn --generate-completion-script bash|zsh|fish
        """,
        version: TTDNVersion.string,
        subcommands: [Browse.self, List.self, Show.self, Stats.self, Check.self, ExportState.self, ImportState.self, Manual.self],
        defaultSubcommand: Browse.self)
}

enum TTDNVersion {
    static let string = "ttdn 0.10 (parser \(ArticleParser.version))"
}

struct List: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "List meetings, sorted by date.",
        discussion: """
        The table shows each meeting's id (pass it to `ttdn show`), fitted to $COLUMNS on a
        terminal and with whole titles when piped. JSON has the documented keys plus `read`
        and `starred` (the browser's marks).

        Examples:
          ttdn list --province "lang son" --year 2018
          ttdn list --search '"giao ban" hoang' --format csv > giao-ban.csv
          ttdn list --chair "hoang van nghiem" --format md
          ttdn list --map 2025 --province "lam dong" --unread
        """)
    @OptionGroup var corpus: CorpusOptions
    @OptionGroup var filters: FilterOptions
    @OptionGroup var marks: MarkOptions
    @Option(name: .long, help: "table, json, csv or md.") var format: ExportFormat = .table

    func run() throws {
        let filter = try filters.filter()
        let source = try corpus.source(decodeCached: false)
        // JSON from the objects the index stored at build time: no head decoded, nothing rendered
        // (the same bytes as below; Tests/TTDNIndexTests/QueryTests checks it).
        if format == .json, case .index(let root, let store) = source,
           let done = store.readingAtOnce({ () -> Bool? in
               guard let a = IndexQuery.json(store, filter: filter) else { return nil }
               let state = (try? StateStore(path: StateStore.defaultPath()))?.marks(for: root)
               IndexQuery.writeJSON(store, a, keep: { id in
                   (!marks.unread || !(state?.read.contains(id) ?? false)) && (!marks.starred || (state?.starred.contains(id) ?? false))
               }, extra: { id in
                   [("read", state?.read.contains(id) == true ? "true" : "false"), ("starred", state?.starred.contains(id) == true ? "true" : "false")]
               }, to: Output.write)
               return true
           }), done { return }
        Output.timing("list source")
        let c = try corpus.answer(filter, heads: true, from: source)
        Output.timing("list answer")
        ExitReclaims.keep(c)
        if case .memory(let loaded) = source { ExitReclaims.keep(loaded.corpus) }
        if c.all.isEmpty { Output.note("no articles in \(c.root) (no readable .txt files)") }
        let state = marks.unread || marks.starred || format == .json ? (try? StateStore(path: StateStore.defaultPath()))?.marks(for: c.root) : nil
        var rows = c.rows
        if marks.unread { rows = rows.filter { !(state?.read.contains($0.id) ?? false) } }
        if marks.starred { rows = rows.filter { state?.starred.contains($0.id) ?? false } }
        switch format {
        case .json:
            Output.write(Export.json(rows) { m in
                [("read", state?.read.contains(m.id) == true ? "true" : "false"), ("starred", state?.starred.contains(m.id) == true ? "true" : "false")]
            })
        case .table:
            let piped = isatty(STDOUT_FILENO) != 1 && ProcessInfo.processInfo.environment["COLUMNS"] == nil
            Output.write(Export.table(rows, width: piped ? nil : Output.terminalWidth(), idWidth: piped ? maxIDLength(rows) : uniquePrefix(c.all)))
        default:
            Output.write(Export.render(rows, as: format, width: Output.terminalWidth()))
        }
        Output.timing("list printed")
    }

    func maxIDLength(_ rows: [Meeting]) -> Int { max(2, rows.map { $0.id.count }.max() ?? 2) }

    /// The shortest id prefix that tells every meeting of the corpus apart (at least 6 characters).
    func uniquePrefix(_ all: [Meeting]) -> Int {
        let ids = all.map(\.id).sorted()
        var need = 6
        for (a, b) in zip(ids, ids.dropFirst()) {
            let common = zip(a, b).prefix { $0 == $1 }.count
            need = max(need, common + 1)
        }
        return min(need, max(2, ids.map(\.count).max() ?? 2))
    }
}

struct Show: ParsableCommand {
    static let configuration = CommandConfiguration(abstract: "Show one meeting with its full text.")
    @OptionGroup var corpus: CorpusOptions
    @Argument(help: "Meeting id (as `list --format json` gives it) or file path.") var id: String
    @Option(name: .long, help: "text or json.") var format: String = "text"

    func run() throws {
        // From the index when it is current (the folders' stamps, or a full check that found nothing
        // changed): the one record (and its body) when its own file is unchanged too. Anything else
        // (--no-cache, no index yet, files added or removed, not found, several share the prefix,
        // its file changed) syncs and looks in memory as before.
        let source = try corpus.source(decodeCached: false)
        if case .index(_, let store) = source, case .one(let found, current: true) = store.find(id) {
            return try print(LoadedCorpus(root: "", corpus: Corpus(root: "", meetings: [], reports: []), store: store).full(found))
        }
        let loaded: LoadedCorpus
        if case .memory(let m) = source { loaded = m } else { loaded = try corpus.loadIndexed() }
        let c = loaded.corpus
        let prefixed = c.meetings.filter { $0.id.hasPrefix(id) }
        guard let found = c.meetings.first(where: { $0.id == id || $0.file == id || $0.file.hasSuffix("/" + id) })
                ?? (prefixed.count == 1 ? prefixed[0] : nil)
        else { throw CLIError(prefixed.count > 1 ? "\(prefixed.count) meetings start with \(id); give more of the id" : "no meeting with id \(id)") }
        try print(loaded.full(found))
    }

    func print(_ m: Meeting) throws {
        switch format {
        case "json": Output.write(Export.jsonObject(m, withParagraphs: true) + "\n")
        case "text": Output.write(Export.text(m, width: min(100, Output.terminalWidth())))
        default: throw ValidationError("format must be text or json")
        }
    }
}

struct Stats: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Counts of meetings by province and year, and by kind.",
        discussion: """
        Only meeting reports are counted; reports that are not meetings are said apart.

        Examples:
          ttdn stats --year 2018
          ttdn stats --map 2025 --format json
        """)
    @OptionGroup var corpus: CorpusOptions
    @OptionGroup var filters: FilterOptions
    @Option(name: .long, help: "table, json or csv.") var format: String = "table"

    func validate() throws {
        guard ["table", "json", "csv"].contains(format) else { throw ValidationError("--format takes table, json or csv") }
    }

    func run() throws {
        let filter = try filters.filter()
        let source = try corpus.source(decodeCached: false)
        // Counted by the index without a record per meeting (groups of province, year, kind).
        if case .index(_, let store) = source, let s = store.readingAtOnce({ IndexQuery.stats(store, filter: filter) }) {
            return Output.write(StatsReport.render(groups: s.groups, total: s.meetings, filter: filter, format: format))
        }
        let c = try corpus.answer(filter, heads: false, from: source)
        if c.all.isEmpty { Output.note("no articles in \(c.root) (no readable .txt files)") }
        Output.write(StatsReport.render(shown: c.rows, total: c.all.filter(\.isMeeting).count, filter: filter, format: format))
    }
}

struct Check: ParsableCommand {
    static let configuration = CommandConfiguration(abstract: "Per-file diagnostics; exits non-zero when a file could not be read.")
    @OptionGroup var corpus: CorpusOptions
    @Argument(help: "Files or folders to check (default: the corpus).") var paths: [String] = []

    func run() throws {
        var reports: [FileReport] = []
        var meetings: [Meeting] = []
        let targets = paths.isEmpty ? [try corpus.folder()] : paths
        for t in targets {
            var isDir: ObjCBool = false
            if FileManager.default.fileExists(atPath: t, isDirectory: &isDir), !isDir.boolValue {
                switch FileWalker.read(Array(t.utf8), limit: Corpus.maxFileBytes) {
                case .failure(let e): reports.append(FileReport(file: t, status: .skipped, messages: [e.description]))
                case .success(let d):
                    let (m, r) = Corpus.parse(data: d, relative: (t as NSString).lastPathComponent, display: t)
                    reports.append(r)
                    if let m { meetings.append(m) }
                }
            } else {
                do {
                    let c = try Corpus.load(path: t)
                    reports += c.reports
                    meetings += c.meetings
                } catch let e as CorpusError {
                    reports.append(FileReport(file: t, status: .skipped, messages: [e.description]))
                }
            }
        }
        let byFile = Dictionary(meetings.map { ($0.file, $0) }, uniquingKeysWith: { a, _ in a })
        var out = ""
        var unreadable = 0
        for r in reports.sorted(by: { $0.file < $1.file }) {
            if r.status == .skipped { unreadable += 1 }
            out += "\(r.status == .skipped ? "SKIP" : "ok  ") \(Sanitize.line(r.file))\n"
            for msg in r.messages { out += "      \(Sanitize.line(msg))\n" }
            if let m = byFile[r.file] {
                for d in m.diagnostics where !d.hasPrefix("file:") { out += "      \(Sanitize.line(d))\n" }
            }
        }
        out += "\(reports.count) files: \(reports.count - unreadable) read, \(unreadable) skipped\n"
        Output.write(out)
        if unreadable > 0 { throw ExitCode(1) }
    }
}

extension ExportFormat: ExpressibleByArgument {}

struct ExportState: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "export-state", abstract: "Print read and starred marks (all corpora) as JSON.")
    func run() throws {
        let store = try StateStore(path: StateStore.defaultPath())
        Output.write(String(decoding: try store.export(), as: UTF8.self) + "\n")
    }
}

struct ImportState: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "import-state", abstract: "Merge read and starred marks exported on another machine.")
    @Argument(help: "A file written by `ttdn export-state` (- for standard input).") var file: String
    func run() throws {
        let data = file == "-" ? FileHandle.standardInput.readDataToEndOfFile() : try Data(contentsOf: URL(fileURLWithPath: file))
        let store: StateStore
        do { store = try StateStore(path: StateStore.defaultPath()) } catch let e as StateStore.StateError {
            Output.note(e.description)
            store = try StateStore(path: StateStore.defaultPath())
        }
        do {
            let added = try store.merge(data)
            Output.write("imported: \(added) new marks\n")
        } catch let e as StateStore.StateError { throw CLIError(e.description) }
    }
}

/// Records a command has printed and needs no more, left for the process's exit to give back
/// at once: after a first build of 100,000 articles, freeing them field by field took 0.9 s of
/// a 27 s `list`. (The index is still closed as usual: only memory is left.)
enum ExitReclaims {
    nonisolated(unsafe) private static var kept: [Any] = []
    static func keep(_ value: Any) { kept.append(value) }
}

enum Output {
    static func write(_ s: String) {
        // From the string's own bytes: no copy into a Data first (28 MB for a 100,000-row CSV).
        var s = s
        s.withUTF8 { write(UnsafeRawBufferPointer($0)) }
    }
    /// Bytes straight to standard output (no copy), all of them.
    static func write(_ bytes: UnsafeRawBufferPointer) {
        var done = 0
        while done < bytes.count {
            let n = Glibc.write(STDOUT_FILENO, bytes.baseAddress! + done, bytes.count - done)
            if n < 0 { if errno == EINTR { continue }; return }
            done += n
        }
    }
    /// With TTDN_TIMING set: the time since the process started, on stderr, at a named point.
    static func timing(_ what: String) {
        guard timingOn else { return }
        var t = timespec()
        clock_gettime(CLOCK_MONOTONIC, &t)
        let now = Double(t.tv_sec) + Double(t.tv_nsec) / 1e9
        FileHandle.standardError.write(Data(String(format: "%@ at %.1f ms\n", what, (now - startedAt) * 1000).utf8))
    }
    static let timingOn = ProcessInfo.processInfo.environment["TTDN_TIMING"] != nil
    /// When the process started (its start time in /proc, in clock ticks since boot).
    static let startedAt: Double = {
        let stat = (try? String(contentsOfFile: "/proc/self/stat", encoding: .utf8)) ?? ""
        let fields = stat.split(separator: ")").last?.split(separator: " ") ?? []
        let ticks = fields.count > 19 ? Double(fields[19]) ?? 0 : 0
        return ticks / Double(sysconf(Int32(_SC_CLK_TCK)))
    }()
    /// A one-line notice on stderr (stdout stays clean for pipes).
    static func note(_ s: String) {
        FileHandle.standardError.write(Data(("ttdn: " + s + "\n").utf8))
    }
    static func terminalWidth() -> Int {
        if let c = ProcessInfo.processInfo.environment["COLUMNS"], let n = Int(c), n > 20 { return n }
        var ws = winsize()
        if ioctl(STDOUT_FILENO, UInt(TIOCGWINSZ), &ws) == 0, ws.ws_col > 20 { return Int(ws.ws_col) }
        return 120
    }
}
