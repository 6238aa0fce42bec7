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
    for k in keys { if let a = Commands.action(for: k, in: st) { st = step(st, a) } }
    return st
}

func type(_ text: String) -> [Key] { text.map { Key.char($0) } }

/// Compares a grid with stored snapshots (Tests/TTDNUITests/Snapshots/NAME.txt for the
/// text, NAME.attr.txt for each cell's style), so a lost highlight fails as surely as lost text.
/// A missing snapshot, or TTDN_RECORD_SNAPSHOTS=1, records it and fails, so
/// that a new snapshot is always looked at once.
func assertSnapshot(_ grid: Grid, _ name: String, file: StaticString = #filePath, line: UInt = #line) {
    compareSnapshot(grid.lines().joined(separator: "\n") + "\n", name + ".txt", file: file, line: line)
    compareSnapshot(attributeSnapshot(grid), name + ".attr.txt", file: file, line: line)
}

/// One letter per cell for its style (legend on the first line): the colour and
/// attribute layer of a screen, column-aligned with the text (a wide character's
/// second cell repeats its letter).
func attributeSnapshot(_ grid: Grid) -> String {
    let letters = Array("abcdefghijklmnopqrstuvwxyz")
    let legend = Style.allCases.map { "\(letters[Int($0.rawValue)])=\($0)" }.joined(separator: " ")
    var rows = [legend]
    for y in 0..<grid.height {
        var row = ""
        for x in 0..<grid.width { row.append(letters[Int(grid[x, y].style.rawValue)]) }
        rows.append(row)
    }
    return rows.joined(separator: "\n") + "\n"
}

private func compareSnapshot(_ text: String, _ fileName: String, file: StaticString, line: UInt) {
    let dir = URL(fileURLWithPath: "\(file)").deletingLastPathComponent().appendingPathComponent("Snapshots")
    let url = dir.appendingPathComponent(fileName)
    let record = ProcessInfo.processInfo.environment["TTDN_RECORD_SNAPSHOTS"] == "1"
    if !record, let stored = try? String(contentsOf: url, encoding: .utf8) {
        if stored != text {
            let a = stored.split(separator: "\n", omittingEmptySubsequences: false), b = text.split(separator: "\n", omittingEmptySubsequences: false)
            let first = zip(a, b).enumerated().first { $0.element.0 != $0.element.1 }
            XCTFail("snapshot \(fileName) differs at row \(first?.offset ?? -1):\nwant: \(first?.element.0 ?? "")\ngot:  \(first?.element.1 ?? "")", file: file, line: line)
        }
        return
    }
    try? FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
    try? text.write(to: url, atomically: true, encoding: .utf8)
    XCTFail("recorded snapshot \(fileName); check it and run again", file: file, line: line)
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

extension AppState {
    /// The meetings of a state built from meetings in memory (timeline row i is meetings[i]).
    var meetings: [Meeting] { (source as! MemorySource).meetings }
}

/// Applies an action as the shell would: `reduce`, then every effect on the source answered.
func step(_ s: AppState, _ a: Action) -> AppState { reduce(s, a).settled() }
