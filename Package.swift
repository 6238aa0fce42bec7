// swift-tools-version:6.0
import PackageDescription

// Modules (see ARCHITECTURE.md):
//   TTDNCore  – model, parsing, Vietnamese text, corpus, queries, export. Foundation only.
//   TTDNUI    – app state, Action, reduce, render into a cell grid. Pure; no terminal.
//   TTDNIndex – the persistent SQLite index (incremental, FTS5 over folded text) and read/star state.
//   CNcursesw – system library: ncursesw module map and a small C shim.
//   CSignals  – async-signal-safe handlers (flag on SIGINT/TERM/HUP, terminal reset on a crash).
//   ttdn      – command line and the only code that talks to ncurses.
let package = Package(
    name: "ttdn",
    products: [.executable(name: "ttdn", targets: ["ttdn"])],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.5.0"),
    ],
    targets: [
        .systemLibrary(name: "CNcursesw", providers: [.apt(["libncurses-dev"])]),
        .target(name: "CSignals"),
        .target(name: "TTDNCore"),
        .target(name: "TTDNUI", dependencies: ["TTDNCore"]),
        .systemLibrary(name: "CSQLite", providers: [.apt(["libsqlite3-dev"])]),
        .target(name: "TTDNIndex", dependencies: ["TTDNCore", "CSQLite"]),
        .executableTarget(
            name: "ttdn",
            dependencies: [
                "TTDNCore", "TTDNUI", "TTDNIndex", "CNcursesw", "CSignals",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ]),
        .testTarget(name: "TTDNCoreTests", dependencies: ["TTDNCore"]),
        .testTarget(name: "TTDNUITests", dependencies: ["TTDNUI", "TTDNCore"], exclude: ["Snapshots"]),
        .testTarget(name: "TTDNIndexTests", dependencies: ["TTDNIndex", "TTDNCore"]),
    ],
    swiftLanguageModes: [.v6]
)
