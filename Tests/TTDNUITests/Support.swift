import Foundation
import XCTest
@testable import TTDNCore
@testable import TTDNUI

/// The project's seeds/ folder, found from this source file.
let projectRoot = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
let seedsPath = projectRoot.appendingPathComponent("seeds").path

func loadSeeds() throws -> Corpus { try Corpus.load(path: seedsPath) }

func state(_ corpus: Corpus, _ w: Int, _ h: Int) -> AppState {
    AppState(meetings: corpus.meetings, corpusName: "seeds", size: Size(width: w, height: h))
}

/// Applies a script of keys through the command table, as the shell would.
func press(_ s: AppState, _ keys: [Key]) -> AppState {
    var st = s
    for k in keys { if let a = Commands.action(for: k, in: st) { st = reduce(st, a) } }
    return st
}

func type(_ text: String) -> [Key] { text.map { Key.char($0) } }

/// Compares a grid with a stored text snapshot (Tests/TTDNUITests/Snapshots/NAME.txt).
/// A missing snapshot, or TTDN_RECORD_SNAPSHOTS=1, records it and fails, so
/// that a new snapshot is always looked at once.
func assertSnapshot(_ grid: Grid, _ name: String, file: StaticString = #filePath, line: UInt = #line) {
    let dir = URL(fileURLWithPath: "\(file)").deletingLastPathComponent().appendingPathComponent("Snapshots")
    let url = dir.appendingPathComponent(name + ".txt")
    let text = grid.lines().joined(separator: "\n") + "\n"
    let record = ProcessInfo.processInfo.environment["TTDN_RECORD_SNAPSHOTS"] == "1"
    if !record, let stored = try? String(contentsOf: url, encoding: .utf8) {
        if stored != text {
            let a = stored.split(separator: "\n", omittingEmptySubsequences: false), b = text.split(separator: "\n", omittingEmptySubsequences: false)
            let first = zip(a, b).enumerated().first { $0.element.0 != $0.element.1 }
            XCTFail("snapshot \(name) differs at row \(first?.offset ?? -1):\nwant: \(first?.element.0 ?? "")\ngot:  \(first?.element.1 ?? "")", file: file, line: line)
        }
        return
    }
    try? FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
    try? text.write(to: url, atomically: true, encoding: .utf8)
    XCTFail("recorded snapshot \(name); check it and run again", file: file, line: line)
}

/// Meetings parsed from the seed files' text transformed by `transform`, with the seeds' own ids and paths.
func seedMeetings(_ transform: (String) -> String = { $0 }) throws -> [Meeting] {
    var ms: [Meeting] = []
    for f in try FileManager.default.contentsOfDirectory(atPath: seedsPath).sorted() where f.hasSuffix(".txt") {
        let text = try String(contentsOfFile: seedsPath + "/" + f, encoding: .utf8)
        let (m, _) = Corpus.parse(data: Data(transform(text).utf8), relative: f, display: "seeds/" + f)
        if let m { ms.append(m) }
    }
    var c = Corpus(root: seedsPath, meetings: ms)
    c.resolve()
    return c.meetings
}
