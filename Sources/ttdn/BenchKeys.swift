import ArgumentParser
import Foundation
import TTDNCore
import TTDNUI

/// Measures the browser's search path per keystroke: each character of a
/// fixed list of queries goes through `Commands.action` → `reduce` → `render`,
/// exactly as typed in the browser (with the index's full-text search).
struct BenchKeys: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "bench-keys", abstract: "Time search keystrokes in the browser's path (for make bench).", shouldDisplay: false)
    @OptionGroup var corpus: CorpusOptions

    static let queries = ["lang son", "dong chi hoang", "tong ket nam 2019", "Hưng Yên", "uy ban nhan dan", "giao ban quy",
                          "hoa binh", "tap huan", "doan cong tac", "nguyen van", "thong tin doi ngoai", "sơ kết 6 tháng"]

    func run() throws {
        let loaded = try corpus.loadIndexed(progress: false)
        var times: [Double] = []
        for q in Self.queries {
            var s = AppState(meetings: loaded.corpus.meetings, corpusName: "bench", size: Size(width: 120, height: 40), store: loaded.store)
            s = reduce(s, .startSearch)
            for ch in q {
                let t0 = DispatchTime.now().uptimeNanoseconds
                if let a = Commands.action(for: .char(ch), in: s) { s = reduce(s, a) }
                _ = render(s)
                times.append(Double(DispatchTime.now().uptimeNanoseconds - t0) / 1e6)
            }
        }
        times.sort()
        func pct(_ p: Double) -> Double { times[min(times.count - 1, Int(Double(times.count - 1) * p))] }
        Output.write(String(format: "keystrokes %d p50 %.2f ms p95 %.2f ms max %.2f ms\n", times.count, pct(0.5), pct(0.95), times.last ?? 0))
    }
}
