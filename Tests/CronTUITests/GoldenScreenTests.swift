import Foundation
import Testing

@testable import CronTUI

/// Frames rendered from fixed data at a fixed time, compared with the files in `Golden/`.
/// `UPDATE_GOLDEN=1 swift test --filter GoldenScreenTests` rewrites them after a deliberate change.
@Suite struct GoldenScreenTests {
    struct Case: CustomTestStringConvertible, Sendable {
        var name: String
        var columns: Int
        var rows: Int
        var options = DashboardOptions()
        var keys: [Key] = []
        /// Opens this execution's detail after the keys.
        var detail: Int64?
        var testDescription: String { "\(name)-\(columns)x\(rows)" }
    }

    static let cases: [Case] = [
        Case(name: "overview", columns: 80, rows: 24),
        Case(name: "overview", columns: 120, rows: 40),
        Case(name: "overview", columns: 200, rows: 50),
        Case(name: "overview", columns: 60, rows: 15),
        Case(name: "overview-ascii", columns: 60, rows: 15, options: DashboardOptions(ascii: true)),
        Case(name: "overview-ascii", columns: 80, rows: 24, options: DashboardOptions(ascii: true)),
        Case(name: "overview-ascii", columns: 120, rows: 40, options: DashboardOptions(ascii: true)),
        Case(name: "overview-ascii", columns: 200, rows: 50, options: DashboardOptions(ascii: true)),
        Case(name: "overview-readonly", columns: 60, rows: 15, options: DashboardOptions(readonly: true)),
        Case(name: "overview-readonly", columns: 80, rows: 24, options: DashboardOptions(readonly: true)),
        Case(name: "history-ascii", columns: 80, rows: 24, options: DashboardOptions(ascii: true), keys: [.char("3")]),
        Case(name: "help", columns: 60, rows: 15, keys: [.char("?")]),
        Case(name: "help-scrolled", columns: 60, rows: 15, keys: [.char("?"), .char("j"), .char("j"), .char("j")]),
        Case(name: "help-end", columns: 60, rows: 15, keys: [.char("?"), .end]),
        Case(name: "help-ascii", columns: 80, rows: 24, options: DashboardOptions(ascii: true), keys: [.char("?")]),
        Case(name: "help", columns: 200, rows: 50, keys: [.char("?")]),
        Case(name: "too-small", columns: 20, rows: 5),
        Case(name: "single-pane", columns: 70, rows: 20),
        Case(name: "too-small", columns: 59, rows: 15),
        Case(name: "schedules", columns: 120, rows: 40, keys: [.char("2"), .char("j")]),
        Case(name: "history-problems", columns: 120, rows: 40, keys: [.char("3"), .char("]")]),
        Case(name: "history", columns: 200, rows: 50, keys: [.char("3"), .char("j"), .char("j")]),
        Case(name: "events-scrolled", columns: 80, rows: 24, keys: [.char("4"), .char("k"), .char("k")]),
        Case(name: "detail", columns: 120, rows: 40, keys: [.char("3"), .char("]"), .enter]),
        Case(name: "detail-binary", columns: 80, rows: 24, keys: [.char("G")], detail: 8805),
        Case(name: "detail-hostile", columns: 120, rows: 40, keys: [.char("G")], detail: 8802),
        Case(name: "detail-nowrap", columns: 80, rows: 24, keys: [.char("w"), .char("j"), .char("j")], detail: 8804),
        Case(name: "help", columns: 80, rows: 24, keys: [.char("3"), .char("?")]),
        Case(name: "confirm", columns: 80, rows: 24, keys: [.char("r")]),
        Case(name: "filter", columns: 120, rows: 40, keys: [.char("/"), .char("s"), .char("y")]),
    ]

    @Test(arguments: cases)
    func screen(_ testCase: Case) throws {
        let size = TerminalSize(columns: testCase.columns, rows: testCase.rows)
        var state = DashboardFixture.state(size: size, options: testCase.options)
        if let id = testCase.detail {
            state.detail = DetailState(id: id)
            _ = DashboardFixture.answer([.fetchDetail(id: id)], on: &state)
        }
        for key in testCase.keys {
            _ = DashboardFixture.answer(state.update(.key(key)), on: &state)
        }
        let screen = DashboardRenderer.render(state, size: size)
        let text = screen.text
        let lines = text.split(separator: "\n", omittingEmptySubsequences: false).dropLast()
        #expect(lines.count == testCase.rows)
        for (n, line) in lines.enumerated() {
            #expect(TextWidth.of(String(line)) == testCase.columns, "row \(n) is \(TextWidth.of(String(line))) columns")
        }
        try Golden.check(text, name: testCase.testDescription)
    }

    @Test func disconnectedKeepsTheDataAndSaysSo() throws {
        var state = DashboardFixture.state(size: TerminalSize(columns: 200, rows: 50))
        _ = state.update(.snapshotFailed("connection refused", at: DashboardFixture.now))
        _ = state.update(.tick(DashboardFixture.now.addingTimeInterval(30)))
        let screen = DashboardRenderer.render(state, size: state.size)
        let header = String(screen.text.prefix { $0 != "\n" })
        #expect(header.contains("✗ disconnected since 14:02:31 (30s) │ connection refused │ retrying every 2s │ last data 31s ago"))
        #expect(!header.contains("live"))
        #expect(screen.text.contains("sync-users"))
        let x = (0..<screen.width).first { screen[$0, 0].glyph == "d" && screen[$0, 0].role == .error }
        #expect(x != nil)
    }

    @Test func staleDataTurnsTheStateAmber() {
        var state = DashboardFixture.state(size: TerminalSize(columns: 120, rows: 40))
        _ = state.update(.tick(DashboardFixture.now.addingTimeInterval(10)))
        let screen = DashboardRenderer.render(state, size: state.size)
        let roles = Set((0..<screen.width).filter { screen[$0, 0].glyph == "○" }.map { screen[$0, 0].role })
        #expect(roles == [.warning])
    }

    @Test func statusIsNeverColourAlone() {
        let state = DashboardFixture.state(size: TerminalSize(columns: 200, rows: 50))
        let screen = DashboardRenderer.render(state, size: state.size)
        for y in 0..<screen.height {
            for x in 0..<screen.width where screen[x, y].role == .failed {
                #expect(screen[x, y].glyph != " " || x > 0 && screen[x - 1, y].role == .failed)
            }
        }
    }
}

/// Reads and (with `UPDATE_GOLDEN=1`) writes the checked-in screens.
enum Golden {
    static var directory: URL {
        URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("Golden")
    }

    static func check(_ text: String, name: String) throws {
        let url = directory.appendingPathComponent(name + ".txt")
        if ProcessInfo.processInfo.environment["UPDATE_GOLDEN"] == "1" {
            try text.write(to: url, atomically: true, encoding: .utf8)
            return
        }
        let expected = try String(contentsOf: url, encoding: .utf8)
        if expected != text {
            let a = expected.split(separator: "\n", omittingEmptySubsequences: false)
            let b = text.split(separator: "\n", omittingEmptySubsequences: false)
            let first = zip(a, b).enumerated().first { $0.element.0 != $0.element.1 }
            Issue.record(
                "\(name) differs at row \(first?.offset ?? min(a.count, b.count)):\n- \(first?.element.0 ?? "")\n+ \(first?.element.1 ?? "")\n(UPDATE_GOLDEN=1 rewrites)"
            )
        }
    }
}
