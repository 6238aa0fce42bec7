import ArgumentParser
import Foundation
import TTDNUI

/// `ttdn man`: the manual page ttdn(1) in roff, generated from the command
/// definitions (ArgumentParser's help for each subcommand), the one key table
/// (Commands.table) and the configuration's statements — so it cannot drift
/// from the program. `make install` writes it to share/man/man1/ttdn.1.
struct Manual: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "man", abstract: "Print the manual page ttdn(1) (roff).", shouldDisplay: false)

    func run() throws { Output.write(Self.page()) }

    static let subcommands: [(String, any ParsableCommand.Type)] = [
        ("browse", Browse.self), ("list", List.self), ("show", Show.self), ("stats", Stats.self),
        ("check", Check.self), ("export-state", ExportState.self), ("import-state", ImportState.self),
    ]

    /// Escapes text for roff: backslashes, and a leading dot or quote.
    static func esc(_ s: String) -> String {
        var t = s.replacingOccurrences(of: "\\", with: "\\e").replacingOccurrences(of: "-", with: "\\-")
        if t.hasPrefix(".") || t.hasPrefix("'") { t = "\\&" + t }
        return t
    }

    static func page() -> String {
        var r: [String] = []
        r.append(".TH TTDN 1 \"\" \"ttdn\" \"User Commands\"")
        r.append(".SH NAME")
        r.append("ttdn \\- " + esc(TTDN.configuration.abstract))
        r.append(".SH SYNOPSIS")
        r.append(".B ttdn\n[\\fICOMMAND\\fR] [\\fIOPTIONS\\fR]")
        r.append(".SH DESCRIPTION")
        r.append(esc("ttdn reads plain-text scrapes of Vietnamese news reports about thông tin đối ngoại (TTĐN, foreign-information work) meetings and turns each into a meeting record: date, province, kind, chair, people, byline, related reports. It shows them as a timeline to filter by province, year and kind, searches without typing diacritics, and exports JSON, CSV or Markdown."))
        r.append(".PP")
        // The first paragraph of --help's discussion (its examples go under EXAMPLES).
        r.append(esc(TTDN.configuration.discussion.components(separatedBy: "\n\n").first ?? ""))
        r.append(".SH COMMANDS")
        for (name, cmd) in subcommands {
            r.append(".SS \"ttdn \(name)\"")
            r.append(esc(cmd.configuration.abstract))
            let help = TTDN.helpMessage(for: cmd, columns: 78)
            let body = help.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
                .drop { !$0.hasPrefix("USAGE:") }
            r.append(".PP\n.nf")
            for l in body { r.append(esc(l)) }
            r.append(".fi")
        }
        r.append(".SH KEYS")
        r.append(esc("In the browser (the keys can be changed with bind in the configuration file):"))
        // Commands that share a help text (Enter opens, or follows Related in the detail) share an entry.
        var entries: [(keys: [String], help: String, names: [String])] = []
        for c in Commands.table {
            let keys = c.keys.map(\.label)
            if let i = entries.firstIndex(where: { $0.help == c.help }) {
                entries[i].keys += keys.filter { !entries[i].keys.contains($0) }
                entries[i].names.append(c.name)
            } else {
                entries.append((keys, c.help, [c.name]))
            }
        }
        for e in entries {
            r.append(".TP\n.B " + esc(e.keys.joined(separator: " ")))
            r.append(esc(e.help) + " (command " + e.names.map { "\\fB" + esc($0) + "\\fR" }.joined(separator: ", ") + ")")
        }
        r.append(".PP\n" + esc("While typing (the search line, the pickers, People, the export file name):"))
        for (k, h) in Commands.entryHelp { r.append(".TP\n.B " + esc(k) + "\n" + esc(h)) }
        r.append(".PP\n" + esc("Also:"))
        for (k, h) in Commands.otherHelp { r.append(".TP\n.B " + esc(k) + "\n" + esc(h)) }
        r.append(".SH CONFIGURATION")
        r.append(esc("ttdn reads $XDG_CONFIG_HOME/ttdn/config (else ~/.config/ttdn/config), or the file given with --config. One statement per line; # starts a comment. A line that cannot be understood is reported with its line number (on the status line, and on standard error when the browser closes) and skipped; the others still apply."))
        r.append(".TP\n.BI \"bind \" \"KEY COMMAND\"")
        r.append(esc("Makes KEY run COMMAND in the browser, in place of what it did before. KEY is a character, a name (\(Key.namedKeys.map(\.0).joined(separator: ", "))) or Ctrl-X (also C-x, ^X, <Ctrl-x>). COMMAND is one of the command names listed under KEYS: \(Commands.names.joined(separator: ", ")). The help screen (?) shows the bindings in effect."))
        r.append(".TP\n.BI \"color \" \"ELEMENT FG BG\" \" \\fR[\\fPATTR\\fR...]\"")
        r.append(esc("Colours of one element: \(Style.allCases.map(\.configName).joined(separator: ", ")). Colours: default (the terminal's own), \(TermColor.names.joined(separator: ", ")), bright-NAME, color0 to color255. Attributes: \(TextAttributes.names.map(\.0).joined(separator: ", ")), normal."))
        r.append(".TP\n.BI \"set \" \"OPTION VALUE\"")
        r.append(esc("Options:"))
        for o in Config.options { r.append(".RS\n.TP\n.B " + esc(o.name + " " + o.values) + "\n" + esc(o.help) + "\n.RE") }
        r.append(".PP\nExample:\n.PP\n.nf")
        for l in ["# ~/.config/ttdn/config", "bind x quit", "bind <Ctrl-N> down", "color header black bright-cyan", "set order newest", "set split 120"] { r.append(esc(l)) }
        r.append(".fi")
        r.append(".SH ENVIRONMENT")
        r.append(".TP\n.B NO_COLOR\n" + esc("Any non-empty value: draw with attributes only (bold, reverse, underline, italic), no colour. color lines of the configuration still apply."))
        r.append(".TP\n.B TTDN_CORPUS\n" + esc("The corpus folder when --corpus is not given (else the built-in seeds)."))
        r.append(".TP\n.B XDG_CONFIG_HOME, XDG_CACHE_HOME, XDG_STATE_HOME\n" + esc("Where the configuration, the index and the read/starred marks live."))
        r.append(".SH FILES")
        r.append(".TP\n.I ~/.config/ttdn/config\n" + esc("The configuration (see CONFIGURATION)."))
        r.append(".TP\n.I ~/.cache/ttdn/\n" + esc("The persistent index, one per corpus folder; safe to delete."))
        r.append(".TP\n.I ~/.local/state/ttdn/marks.sqlite\n" + esc("Read and starred marks (ttdn export-state, ttdn import-state)."))
        r.append(".SH EXAMPLES")
        r.append(".nf")
        for l in ["ttdn", "ttdn list \\-\\-province \"lang son\" \\-\\-year 2018 \\-\\-format json",
                  "ttdn list \\-\\-search \"dong chi hoang\" \\-\\-kind \"tong ket\" \\-\\-format csv > out.csv",
                  "ttdn list \\-\\-person \"nghiem hoang\" \\-\\-starred",
                  "ttdn stats \\-\\-map 2025 \\-\\-format csv > by\\-province.csv",
                  "ttdn show 000_fc2b759d0bdd75d9", "ttdn stats", "ttdn check ~/scrapes"] { r.append(l) }
        r.append(".fi")
        return r.joined(separator: "\n") + "\n"
    }
}
