import Foundation
import TTDNUI

/// Reads the configuration file (`--config FILE`, else `$XDG_CONFIG_HOME/ttdn/config`,
/// else `~/.config/ttdn/config`); parsing is `Config.parse` in TTDNUI.
enum UserConfig {
    static func defaultPath() -> String {
        let env = ProcessInfo.processInfo.environment
        if let x = env["XDG_CONFIG_HOME"], x.hasPrefix("/") { return x + "/ttdn/config" }
        let home = env["HOME"].flatMap { $0.isEmpty ? nil : $0 } ?? NSHomeDirectory()
        return home + "/.config/ttdn/config"
    }

    /// The configuration and its problems, each as "PATH line N: message".
    /// A missing default file is no problem; a missing `--config FILE` is.
    static func load(explicit: String?) throws -> (Config, [String]) {
        let path = explicit ?? defaultPath()
        guard FileManager.default.fileExists(atPath: path) else {
            if let e = explicit { throw CLIError("config file not found: \(e)") }
            return (Config(), [])
        }
        guard let data = FileManager.default.contents(atPath: path) else {
            let m = "config \(path): cannot be read"
            if explicit != nil { throw CLIError(m) }
            return (Config(), [m])
        }
        let (c, problems) = Config.parse(String(decoding: data, as: UTF8.self))
        return (c, problems.map { "config \(path) \($0)" })
    }

    /// NO_COLOR: any non-empty value (https://no-color.org).
    static var noColor: Bool { !(ProcessInfo.processInfo.environment["NO_COLOR"] ?? "").isEmpty }
}
