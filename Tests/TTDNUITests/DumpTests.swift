import XCTest
@testable import TTDNCore
@testable import TTDNUI
final class DumpTests: XCTestCase {
    func testDump() throws {
        guard let spec = ProcessInfo.processInfo.environment["TTDN_DUMP"] else { return }
        let parts = spec.split(separator: ":")
        let w = Int(parts[0])!, h = Int(parts[1])!
        let keys: [Key] = parts.count > 2 ? parts[2].split(separator: ",").map { k in
            switch k { case "ENTER": return .enter; case "ESC": return .escape; case "DOWN": return .down; case "RIGHT": return .right; case "SPACE": return .char(" "); default: return .char(k.first!) }
        } : []
        let s = press(AppState(meetings: try seedMeetings(), corpusName: "seeds", size: Size(width: w, height: h)), keys)
        print(render(s).lines().joined(separator: "\n"))
    }
}
