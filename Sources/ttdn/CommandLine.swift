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
        let dir = try folder()
        let report: (@Sendable (Int, Int) -> Void)? = progress ? CorpusOptions.reportProgress : nil
        do {
            if !noCache {
                let (store, notes) = IndexStore.openOrRebuild(path: IndexStore.defaultPath(for: dir))
                for n in notes { Output.note(n) }
                if let store {
                    do {
                        let c = try store.load(root: dir, progress: report)
                        return LoadedCorpus(root: dir, corpus: c, store: store)
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
            return LoadedCorpus(root: dir, corpus: try Corpus.load(path: dir, progress: report), store: nil)
        } catch let e as CorpusError {
            throw CLIError(e.description)
        }
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

/// Filters shared by `list` and the browser's start-up state.
struct FilterOptions: ParsableArguments {
    @Option(name: .long, help: "Province (diacritics optional: \"lang son\"). Repeat for several.")
    var province: [String] = []
    @Option(name: .long, help: "Year of the meeting. Repeat for several.")
    var year: [Int] = []
    @Option(name: .long, help: "Kind: tổng kết, sơ kết, giao ban, tập huấn, làm việc, hội thảo, hội nghị khác, khác (diacritics optional).")
    var kind: [String] = []
    @Option(name: .long, help: "Search titles and text; without diacritics it matches with or without them.")
    var search: String?

    func filter() throws -> MeetingFilter {
        var f = MeetingFilter()
        for p in province {
            guard let c = Provinces.canonical(p) else { throw ValidationError("unknown province: \(p)") }
            f.provinces.insert(c)
        }
        f.years = Set(year)
        for k in kind {
            let key = VietFold.foldedString(k)
            guard let kk = MeetingKind.allCases.first(where: { VietFold.foldedString($0.rawValue) == key || VietFold.foldedString($0.rawValue).hasPrefix(key) })
            else { throw ValidationError("unknown kind: \(k) (one of: \(MeetingKind.allCases.map(\.rawValue).joined(separator: ", ")))") }
            f.kinds.insert(kk)
        }
        if let s = search { f.search = SearchQuery(s) }
        return f
    }
}

@main
struct TTDN: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "ttdn",
        abstract: "Browse news reports of Vietnamese foreign-information (TTĐN) meetings.",
        discussion: "With no subcommand on a terminal, opens the browser; otherwise prints the list.",
        subcommands: [Browse.self, List.self, Show.self, Stats.self, Check.self, ExportState.self, ImportState.self, BenchKeys.self, Manual.self],
        defaultSubcommand: Browse.self)
}

struct List: ParsableCommand {
    static let configuration = CommandConfiguration(abstract: "List meetings, sorted by date.")
    @OptionGroup var corpus: CorpusOptions
    @OptionGroup var filters: FilterOptions
    @Option(name: .long, help: "table, json, csv or md.") var format: ExportFormat = .table

    func run() throws {
        let c = try corpus.loadIndexed()
        let rows = c.filter(try filters.filter())
        Output.write(Export.render(rows, as: format, width: Output.terminalWidth()))
    }
}

struct Show: ParsableCommand {
    static let configuration = CommandConfiguration(abstract: "Show one meeting with its full text.")
    @OptionGroup var corpus: CorpusOptions
    @Argument(help: "Meeting id (as `list --format json` gives it) or file path.") var id: String
    @Option(name: .long, help: "text or json.") var format: String = "text"

    func run() throws {
        let loaded = try corpus.loadIndexed()
        let c = loaded.corpus
        let prefixed = c.meetings.filter { $0.id.hasPrefix(id) }
        guard let found = c.meetings.first(where: { $0.id == id || $0.file == id || $0.file.hasSuffix("/" + id) })
                ?? (prefixed.count == 1 ? prefixed[0] : nil)
        else { throw CLIError(prefixed.count > 1 ? "\(prefixed.count) meetings start with \(id); give more of the id" : "no meeting with id \(id)") }
        let m = loaded.full(found)
        switch format {
        case "json": Output.write(Export.jsonObject(m, withParagraphs: true) + "\n")
        case "text": Output.write(Export.text(m, width: min(100, Output.terminalWidth())))
        default: throw ValidationError("format must be text or json")
        }
    }
}

struct Stats: ParsableCommand {
    static let configuration = CommandConfiguration(abstract: "Counts by province and year, and by kind.")
    @OptionGroup var corpus: CorpusOptions
    @OptionGroup var filters: FilterOptions

    func run() throws {
        let loaded = try corpus.loadIndexed()
        let c = loaded.corpus
        let rows = loaded.filter(try filters.filter())
        let years = Array(Set(rows.map { $0.year ?? 0 })).sorted { ($0 == 0 ? 9999 : $0) < ($1 == 0 ? 9999 : $1) }
        var out = "Meetings: \(rows.count) of \(c.meetings.count)\n\nBy province and year\n"
        let head = DisplayWidth.fit("PROVINCE", 22) + years.map { DisplayWidth.fit($0 == 0 ? " ?" : String($0), 6) }.joined() + "TOTAL"
        out += head + "\n"
        for pc in TTDNCore.Stats.counts(rows, facet: .province, filter: MeetingFilter()) {
            var line = DisplayWidth.fit(pc.label, 22)
            for y in years {
                let n = rows.filter { ($0.province ?? "") == pc.value && ($0.year ?? 0) == y }.count
                line += DisplayWidth.fit(n == 0 ? "·" : String(n), 6)
            }
            out += line + String(pc.count) + "\n"
        }
        out += "\nBy kind\n"
        for kc in TTDNCore.Stats.counts(rows, facet: .kind, filter: MeetingFilter()) {
            out += DisplayWidth.fit(kc.label, 22) + String(kc.count) + "\n"
        }
        Output.write(out)
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

enum Output {
    static func write(_ s: String) {
        FileHandle.standardOutput.write(Data(s.utf8))
    }
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
