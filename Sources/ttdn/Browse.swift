import ArgumentParser
import Foundation
import TTDNCore
import TTDNIndex
import TTDNUI

struct Browse: ParsableCommand {
    static let configuration = CommandConfiguration(abstract: "Open the browser (prints the list when stdout is not a terminal).")
    @OptionGroup var corpus: CorpusOptions
    @OptionGroup var filters: FilterOptions
    @Option(name: .long, help: ArgumentHelp("Configuration file (default: $XDG_CONFIG_HOME/ttdn/config, else ~/.config/ttdn/config). See `man ttdn`, CONFIGURATION.", valueName: "FILE"))
    var config: String?
    @Flag(name: .customLong("bench-startup"), help: .hidden) var benchStartup = false
    /// Crashes after the first frame: lets the terminal tests check the crash path restores the terminal.
    @Flag(name: .customLong("crash-after-first-frame"), help: .hidden) var crashAfterFirstFrame = false

    func run() throws {
        let started = Date()
        let filter = try filters.filter()
        let (settings, problems) = try UserConfig.load(explicit: config)
        guard isatty(STDOUT_FILENO) == 1, isatty(STDIN_FILENO) == 1 else {
            let loaded = try corpus.loadIndexed()
            Output.write(Export.render(loaded.filter(filter), as: .table, width: Output.terminalWidth()))
            return
        }
        let opened = try BrowserSource.open(corpus)
        let name = (opened.root as NSString).lastPathComponent
        let code = MainActor.assumeIsolated {
            BrowserLoop.run(opened: opened, name: name, filter: filter, started: started, benchStartup: benchStartup,
                            crash: crashAfterFirstFrame, config: settings, configProblems: problems)
        }
        // Said once on the status line; all of them again here, where they stay readable.
        for p in problems { Output.note(p) }
        if case .failure(let message) = code { throw CLIError(message) }
    }
}

/// What the browser opens on, found without parsing or checking a single file: the index's
/// stored timeline (or nothing yet, on a first run), and how to bring it up to date later.
struct BrowserSource {
    var root: String
    var source: any MeetingSource
    /// The index's path, when there is one to sync in the background (nil: in memory, no sync).
    var indexPath: String?
    var notes: [String] = []

    static func open(_ options: CorpusOptions) throws -> BrowserSource {
        let dir = try options.folder()
        var isDir: ObjCBool = false
        guard FileManager.default.fileExists(atPath: dir, isDirectory: &isDir) else { throw CLIError("no such folder: \(dir)") }
        if !options.noCache {
            let path = IndexStore.defaultPath(for: dir)
            let (store, notes) = IndexStore.openOrRebuild(path: path)
            if let store {
                let source: any MeetingSource = IndexSource.open(store) ?? MemorySource([])
                return BrowserSource(root: dir, source: source, indexPath: path, notes: notes)
            }
            for n in notes { Output.note(n) }
        }
        let c: Corpus
        do { c = try Corpus.load(path: dir) } catch let e as CorpusError { throw CLIError(e.description) }
        return BrowserSource(root: dir, source: MemorySource(c.meetings), indexPath: nil)
    }
}

enum LoopResult { case ok, failure(String) }

/// Answers from the worker threads for the UI thread, which waits on them (or on a key).
final class Mailbox: @unchecked Sendable {
    private let cond = NSCondition()
    private var items: [Action] = []
    /// Written to wake the UI thread's poll(2) when an answer arrives.
    let wakeRead: Int32
    private let wakeWrite: Int32

    init() {
        var fds: [Int32] = [0, 0]
        _ = pipe(&fds)
        wakeRead = fds[0]
        wakeWrite = fds[1]
        _ = fcntl(wakeRead, F_SETFL, O_NONBLOCK)
        _ = fcntl(wakeWrite, F_SETFL, O_NONBLOCK)
    }

    func post(_ a: Action) {
        cond.lock()
        items.append(a)
        cond.signal()
        cond.unlock()
        var b: UInt8 = 1
        _ = write(wakeWrite, &b, 1)
    }

    /// Everything posted so far; waits up to `timeout` for the first one when there is none.
    func take(waiting timeout: TimeInterval = 0) -> [Action] {
        cond.lock()
        if items.isEmpty && timeout > 0 { _ = cond.wait(until: Date(timeIntervalSinceNow: timeout)) }
        let out = items
        items.removeAll()
        cond.unlock()
        var buf = [UInt8](repeating: 0, count: 64)
        while read(wakeRead, &buf, 64) > 0 {}
        return out
    }
}

/// Runs effects off the UI thread. Searches, people and the People view share one serial
/// queue, records for the detail another (so a slow search never holds up the article); on
/// each, only the newest request of a kind runs — typing "lang son" fast asks the index once or
/// twice, not eight times (bubbletea's Cmd, with stale answers dropped by generation in `reduce`).
final class EffectRunner: @unchecked Sendable {
    let mailbox: Mailbox
    private let queries = DispatchQueue(label: "ttdn.queries")
    private let details = DispatchQueue(label: "ttdn.details")
    private let files = DispatchQueue(label: "ttdn.files")
    private let lock = NSLock()
    private var latest: [String: Int] = [:]
    private var ticket = 0

    init(mailbox: Mailbox) { self.mailbox = mailbox }

    /// Submits `effect`; `kind` names what a newer request replaces.
    func submit(_ effect: Effect, source: any MeetingSource, kind: String) {
        lock.lock(); ticket += 1; let mine = ticket; latest[kind] = mine; lock.unlock()
        let queue = kind == "detail" ? details : queries
        queue.async { [self] in
            lock.lock(); let stale = latest[kind] != mine; lock.unlock()
            if stale { return }
            if let answer = perform(effect, source: source) { mailbox.post(answer) }
        }
    }

    /// Runs file work (exports, marks) in order, off the UI thread.
    func onFiles(_ work: @escaping @Sendable () -> Action?) {
        files.async { [self] in if let a = work() { mailbox.post(a) } }
    }
}

/// Brings the index up to date in the background: a first build shows meetings as they are
/// indexed (a provisional timeline from the records parsed so far), a later sync swaps in the
/// new timeline when it is done. Its own connections, so the UI's queries never wait for it.
final class BackgroundSync: @unchecked Sendable {
    let root: String
    let path: String
    let mailbox: Mailbox
    private let lock = NSLock()
    private var running = false

    init(root: String, path: String, mailbox: Mailbox) {
        self.root = root
        self.path = path
        self.mailbox = mailbox
    }

    /// `announce`: say when nothing changed (a rescan the user asked for); a start only says what changed.
    func start(showPartial: Bool, announce: Bool) {
        lock.lock()
        if running { lock.unlock(); return }
        running = true
        lock.unlock()
        let t = Thread { [self] in
            run(showPartial: showPartial, announce: announce)
            lock.lock(); running = false; lock.unlock()
        }
        t.stackSize = 8 << 20
        t.start()
    }

    private func run(showPartial: Bool, announce: Bool) {
        let (writer, _) = IndexStore.openOrRebuild(path: path)
        let (reader, _) = IndexStore.openOrRebuild(path: path)
        guard let writer, let reader else {
            mailbox.post(.setProgress(nil))
            mailbox.post(.effectDone("the index cannot be used; restart with --no-cache"))
            return
        }
        let partial = PartialTimeline(store: reader)
        let box = self
        let lastShown = LockedValue(Date.distantPast)
        do {
            let changed = try writer.sync(root: root, progress: { done, total in
                box.mailbox.post(.setProgress("indexing \(done.formatted())/\(total.formatted())"))
                // A first build: show what is indexed so far, at most once a second.
                if showPartial, lastShown.get().timeIntervalSinceNow < -1, let s = partial.update() {
                    lastShown.set(Date())
                    box.mailbox.post(.sourceReplaced(SourceBox(s)))
                }
            }, decodeCached: false)
            if changed != nil || showPartial, let s = IndexSource.open(reader) {
                mailbox.post(.sourceReplaced(SourceBox(s)))
                let st = writer.lastSync
                mailbox.post(.effectDone("index up to date: \(st.parsed) parsed, \(st.removed) removed, \(st.reused) unchanged"))
            } else if changed == nil, announce {
                mailbox.post(.effectDone("no file added, changed or removed"))
            }
        } catch {
            mailbox.post(.effectDone("could not bring the index up to date: \(error)"))
        }
        mailbox.post(.setProgress(nil))
    }
}

/// The records a first build has committed so far, in date order, as a source.
final class PartialTimeline: @unchecked Sendable {
    let store: IndexStore
    private var heads: [Meeting] = []
    private var lastKey = 0
    init(store: IndexStore) { self.store = store }

    func update() -> (any MeetingSource)? {
        let new = store.parsedHeads(after: lastKey)
        guard !new.isEmpty else { return nil }
        lastKey = new.map(\.storeKey).max() ?? lastKey
        heads += new
        let sorted = heads.sorted { a, b in
            switch (a.date, b.date) {
            case let (x?, y?): return x != y ? x < y : a.id < b.id
            case (nil, nil): return a.id < b.id
            case (nil, _): return false
            case (_, nil): return true
            }
        }
        return IndexSource(store: store, timeline: Timeline(sorted))
    }
}

final class LockedValue<T>: @unchecked Sendable {
    private let lock = NSLock()
    private var value: T
    init(_ v: T) { value = v }
    func get() -> T { lock.lock(); defer { lock.unlock() }; return value }
    func set(_ v: T) { lock.lock(); value = v; lock.unlock() }
}

/// Read and starred marks, saved off the UI thread in the order they were made: a row per mark,
/// committed before the next one (`StateStore`), so quitting or a crash loses none.
final class MarkSaver: @unchecked Sendable {
    let store: StateStore?
    let root: String
    init(store: StateStore?, root: String) {
        self.store = store
        self.root = root
    }

    /// Called on the runner's file queue (one at a time).
    func save(ids: [String], kind: MarkKind, on: Bool) -> Action? {
        guard let store else { return nil }
        do { _ = try store.setMarks(root: root, ids: ids, kind: kind == .read ? .read : .starred, on: on) } catch {
            return .effectDone("could not save read/starred marks: \(error)")
        }
        return nil
    }
}

@MainActor
enum BrowserLoop {
    static func run(opened: BrowserSource, name: String, filter: MeetingFilter, started: Date, benchStartup: Bool, crash: Bool = false,
                    config: Config = Config(), configProblems: [String] = []) -> LoopResult {
        // Read and starred marks live apart from the index: losing the cache never loses them.
        var stateNote: String?
        var marksStore: StateStore?
        do { marksStore = try StateStore(path: StateStore.defaultPath()) } catch {
            stateNote = "\(error)"
            marksStore = try? StateStore(path: StateStore.defaultPath())
        }
        let marks = marksStore?.marks(for: opened.root) ?? StateStore.Marks()
        let saver = MarkSaver(store: marksStore, root: opened.root)
        let term: Terminal
        do { term = try Terminal(theme: config.resolvedTheme(noColor: UserConfig.noColor)) } catch { return .failure("\(error)") }
        defer { term.restore() }
        let mailbox = Mailbox()
        let runner = EffectRunner(mailbox: mailbox)
        var state = AppState(source: opened.source, corpusName: name, size: term.size, filter: filter,
                             read: marks.read, starred: marks.starred)
        config.apply(to: &state)
        state.requestDetail()   // the configuration may have moved the selection (`set order newest`)
        if let n = opened.notes.first { state.message = n }
        if let n = stateNote { state.message = n }
        if let first = configProblems.first {
            state.message = first + (configProblems.count > 1 ? " (and \(configProblems.count - 1) more, listed on exit)" : "")
        }
        let sync = opened.indexPath.map { BackgroundSync(root: opened.root, path: $0, mailbox: mailbox) }
        let firstRun = opened.source.timeline.count == 0
        if sync != nil && firstRun { state = reduce(state, .setProgress("indexing…")) }

        /// Hands the state's effects to the workers; true when one of them is a record for the detail.
        func dispatchEffects() -> Bool {
            var detail = false
            while !state.effects.isEmpty {
                let e = state.effects.removeFirst()
                switch e {
                case .search: runner.submit(e, source: state.source, kind: "search")
                case .findPeople: runner.submit(e, source: state.source, kind: "people")
                case .summarizePeople: runner.submit(e, source: state.source, kind: "summary")
                case .loadDetail: runner.submit(e, source: state.source, kind: "detail"); detail = true
                case .export(let path, let format, let rows):
                    let source = state.source
                    runner.onFiles { Effects.export(path: path, format: format, rows: rows, source: source) }
                case .saveMarks(let ids, let kind, let on):
                    runner.onFiles { saver.save(ids: ids, kind: kind, on: on) }
                case .rescan:
                    if let sync { sync.start(showPartial: state.timeline.count == 0, announce: true) } else {
                        state = reduce(state, .effectDone("no index (--no-cache): restart to read the folder again"))
                    }
                }
            }
            return detail
        }

        // The first frame: with the record of the first meeting when it comes quickly.
        if dispatchEffects() { for a in mailbox.take(waiting: 0.05) { state = reduce(state, a) }; _ = dispatchEffects() }
        var lastRedraw = state.redrawCount
        term.draw(render(state), fullRedraw: false)
        if crash { Thread.sleep(forTimeInterval: 0.5); fatalError("crash requested by --crash-after-first-frame") }
        if benchStartup {
            let ms = Date().timeIntervalSince(started) * 1000
            term.restore()
            FileHandle.standardError.write(Data(String(format: "first frame after %.1f ms\n", ms).utf8))
            return .ok
        }
        // Then the folder is checked (and indexed) in the background; the browser stays live.
        sync?.start(showPartial: firstRun, announce: false)

        term.setInputTimeout(0)
        while !state.shouldQuit {
            if term.pendingSignal != 0 { break }
            // Wait for a key, an answer from a worker, or (for signals and resizes) 150 ms.
            var fds = [pollfd(fd: STDIN_FILENO, events: Int16(POLLIN), revents: 0), pollfd(fd: mailbox.wakeRead, events: Int16(POLLIN), revents: 0)]
            _ = poll(&fds, 2, 150)
            var changed = false
            // Every key already typed is applied before one frame is drawn (keys coalesce).
            while true {
                let action: Action?
                switch term.read() {
                case .none: action = nil
                case .ignored: continue
                case .resize(let size): action = .resize(size)
                case .key(let key):
                    guard let a = Commands.action(for: key, in: state) else { continue }
                    action = a
                case .mouse(let x, let y, let button):
                    switch button {
                    case .left: action = .click(x: x, y: y)
                    case .wheelUp: action = .wheel(x: x, y: y, delta: -1)
                    case .wheelDown: action = .wheel(x: x, y: y, delta: 1)
                    }
                }
                guard let a = action else { break }
                state = reduce(state, a)
                changed = true
                if state.shouldQuit { break }
            }
            if state.shouldQuit { break }
            var answers = mailbox.take()
            if dispatchEffects() && answers.isEmpty {
                // A record for the detail usually takes well under a millisecond: wait a little
                // for it, so a move draws the new article in the same frame instead of "Reading…".
                answers = mailbox.take(waiting: 0.008)
            }
            for a in answers { state = reduce(state, a); changed = true }
            _ = dispatchEffects()
            // A size the shell reports may differ from the event's (resize storms): trust the window.
            if state.size != term.size { state = reduce(state, .resize(term.size)); changed = true }
            guard changed else { continue }
            let full = state.redrawCount != lastRedraw
            lastRedraw = state.redrawCount
            term.draw(render(state), fullRedraw: full)
        }
        return .ok
    }
}

/// The shell's file work for `Effect`s: the only place the browser writes files.
enum Effects {
    static func export(path: String, format: ExportFormat, rows: [Int], source: any MeetingSource) -> Action {
        let meetings = source.heads(rows: rows)
        let expanded = (path as NSString).expandingTildeInPath
        let url = URL(fileURLWithPath: expanded, relativeTo: URL(fileURLWithPath: FileManager.default.currentDirectoryPath))
        do {
            try Data(Export.render(meetings, as: format).utf8).write(to: url, options: .atomic)
            return .effectDone("wrote \(meetings.count) meetings to \(url.standardizedFileURL.path)")
        } catch {
            return .effectDone("could not write \(url.standardizedFileURL.path): \((error as NSError).localizedDescription)")
        }
    }
}
