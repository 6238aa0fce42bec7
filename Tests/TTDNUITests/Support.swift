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
