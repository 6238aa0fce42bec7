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
        let loaded = try corpus.loadIndexed()
        let filter = try filters.filter()
        let (settings, problems) = try UserConfig.load(explicit: config)
        guard isatty(STDOUT_FILENO) == 1, isatty(STDIN_FILENO) == 1 else {
            Output.write(Export.render(loaded.filter(filter), as: .table, width: Output.terminalWidth()))
            return
        }
        let name = (loaded.root as NSString).lastPathComponent
        let code = MainActor.assumeIsolated {
            BrowserLoop.run(loaded: loaded, name: name, filter: filter, started: started, benchStartup: benchStartup,
                            crash: crashAfterFirstFrame, config: settings, configProblems: problems)
        }
        // Said once on the status line; all of them again here, where they stay readable.
        for p in problems { Output.note(p) }
        if case .failure(let message) = code { throw CLIError(message) }
    }
}

enum LoopResult { case ok, failure(String) }

@MainActor
enum BrowserLoop {
    static func run(loaded: LoadedCorpus, name: String, filter: MeetingFilter, started: Date, benchStartup: Bool, crash: Bool = false,
                    config: Config = Config(), configProblems: [String] = []) -> LoopResult {
        let corpus = loaded.corpus
        // Read and starred marks live apart from the index: losing the cache never loses them.
        var stateNote: String?
        var marksStore: StateStore?
        do { marksStore = try StateStore(path: StateStore.defaultPath()) } catch {
            stateNote = "\(error)"
            marksStore = try? StateStore(path: StateStore.defaultPath())
        }
        let marks = marksStore?.marks(for: loaded.root) ?? StateStore.Marks()
        let term: Terminal
        do { term = try Terminal(theme: config.resolvedTheme(noColor: UserConfig.noColor)) } catch { return .failure("\(error)") }
        defer { term.restore() }
        var state = AppState(meetings: corpus.meetings, corpusName: name, size: term.size, filter: filter,
                             store: loaded.store, read: marks.read, starred: marks.starred)
        config.apply(to: &state)
        if !corpus.skipped.isEmpty { state.message = "\(corpus.skipped.count) file(s) skipped — `ttdn check` lists them" }
        if let n = stateNote { state.message = n }
        if let first = configProblems.first {
            state.message = first + (configProblems.count > 1 ? " (and \(configProblems.count - 1) more, listed on exit)" : "")
        }
        var saved = marks
        var lastRedraw = state.redrawCount
        term.draw(render(state), fullRedraw: false)
        if crash { Thread.sleep(forTimeInterval: 0.5); fatalError("crash requested by --crash-after-first-frame") }
        if benchStartup {
            let ms = Date().timeIntervalSince(started) * 1000
            term.restore()
            FileHandle.standardError.write(Data(String(format: "first frame after %.1f ms\n", ms).utf8))
            return .ok
        }
        while !state.shouldQuit {
            if term.pendingSignal != 0 { break }
            let action: Action?
            switch term.read() {
            case .none: continue
            case .resize(let size): action = .resize(size)
            case .key(let key): action = Commands.action(for: key, in: state)
            case .mouse(let x, let y, let button):
                switch button {
                case .left: action = .click(x: x, y: y)
                case .wheelUp: action = .wheel(x: x, y: y, delta: -1)
                case .wheelDown: action = .wheel(x: x, y: y, delta: 1)
                }
            }
            guard let a = action else { continue }
            state = reduce(state, a)
            // Effects `reduce` asked for (it does no I/O): run them here and report back.
            while !state.effects.isEmpty {
                let effect = state.effects.removeFirst()
                state = reduce(state, .effectDone(Effects.run(effect, state: state)))
            }
            if state.read != saved.read || state.starred != saved.starred {
                saved = StateStore.Marks(read: state.read, starred: state.starred)
                do { try marksStore?.set(saved, for: loaded.root) } catch { state.message = "could not save read/starred marks: \(error)" }
            }
            if state.shouldQuit { break }
            // A size the shell reports may differ from the event's (resize storms): trust the window.
            if state.size != term.size { state = reduce(state, .resize(term.size)) }
            let full = state.redrawCount != lastRedraw
            lastRedraw = state.redrawCount
            term.draw(render(state), fullRedraw: full)
        }
        return .ok
    }
}

/// The shell's side of `Effect`: the only place the browser writes files.
enum Effects {
    static func run(_ effect: Effect, state: AppState) -> String {
        switch effect {
        case .export(let path, let format, let ids):
            let meetings = ids.compactMap { state.meeting(id: $0) }
            let expanded = (path as NSString).expandingTildeInPath
            let url = URL(fileURLWithPath: expanded, relativeTo: URL(fileURLWithPath: FileManager.default.currentDirectoryPath))
            do {
                try Data(Export.render(meetings, as: format).utf8).write(to: url, options: .atomic)
                return "wrote \(meetings.count) meetings to \(url.standardizedFileURL.path)"
            } catch {
                return "could not write \(url.standardizedFileURL.path): \((error as NSError).localizedDescription)"
            }
        }
    }
}
