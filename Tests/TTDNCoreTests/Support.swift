import Foundation
import XCTest
@testable import TTDNCore

let projectRoot = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
let seedsPath = projectRoot.appendingPathComponent("seeds").path

/// A fresh temporary folder, removed when the test ends.
func temporaryFolder(_ test: XCTestCase) throws -> URL {
    let url = FileManager.default.temporaryDirectory.appendingPathComponent("ttdn-test-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
    test.addTeardownBlock { try? FileManager.default.removeItem(at: url) }
    return url
}

/// Parses an article given as text (lines joined with blank lines between paragraphs).
func article(_ paragraphs: String...) -> Meeting {
    ArticleParser.parse(text: paragraphs.joined(separator: "\n\n"), id: "t", file: "t.txt")
}
