import ArgumentParser
import Foundation
import TTDNCore

struct Browse: ParsableCommand {
    static let configuration = CommandConfiguration(abstract: "Open the browser (prints the list when stdout is not a terminal).")
    @OptionGroup var corpus: CorpusOptions
    @OptionGroup var filters: FilterOptions

    func run() throws {
        let c = try corpus.load()
        let rows = try filters.filter().apply(c.meetings)
        Output.write(Export.render(rows, as: .table, width: Output.terminalWidth()))
    }
}
