import Engine
import Foundation
import Testing

@testable import CronTUI

/// Every width, every locale: the footer keeps help and quit, the too-small notice fits, read-only
/// says so and offers nothing it refuses, ASCII means ASCII, and every symbol has a legend.
@Suite struct DashboardScreenFitTests {
    private static func render(_ state: DashboardState) -> Screen {
        DashboardRenderer.render(state, size: state.size)
    }

    private static func row(_ screen: Screen, _ y: Int) -> String {
        String(screen.text.split(separator: "\n", omittingEmptySubsequences: false)[y])
    }

    @Test(arguments: [60, 61, 64, 70, 72, 79, 80, 81, 100, 119, 120, 160, 200])
    func theFooterAlwaysOffersHelpAndQuit(columns: Int) {
        for rows in [15, 24] {
            for keys in [[], [Key.char("2")], [.char("3")], [.char("4")], [.char("3"), .enter]] as [[Key]] {
                for readonly in [false, true] {
                    var state = DashboardFixture.state(
                        size: TerminalSize(columns: columns, rows: rows), options: DashboardOptions(readonly: readonly))
                    _ = DashboardFixture.answer(DashboardFixture.press(keys, on: &state), on: &state)
                    let footer = Self.row(Self.render(state), rows - 1)
                    #expect(footer.contains("? help"), "\(columns)x\(rows) \(keys): \(footer)")
                    #expect(footer.contains("q quit") || footer.contains("q back"), "\(columns)x\(rows) \(keys): \(footer)")
                    if readonly {
                        #expect(footer.contains("READ-ONLY"), "\(columns)x\(rows): \(footer)")
                        #expect(!footer.contains("r rerun") && !footer.contains("p pause"), "\(columns)x\(rows): \(footer)")
                    }
                }
            }
        }
    }

    @Test func aFlashNeverPushesHelpOrQuitOut() {
        var state = DashboardFixture.state(size: TerminalSize(columns: 60, rows: 15), options: DashboardOptions(readonly: true))
        _ = state.update(.key(.char("r")))
        let footer = Self.row(Self.render(state), 14)
        #expect(footer.contains("Read-only"))
        #expect(footer.contains("? help") && footer.contains("q quit"), "\(footer)")
    }

    @Test func readOnlyHelpMarksTheRefusedKeys() {
        var state = DashboardFixture.state(size: TerminalSize(columns: 120, rows: 40), options: DashboardOptions(readonly: true))
        _ = state.update(.key(.char("?")))
        let text = Self.render(state).text
        #expect(text.contains("pause or resume the queue (off: read-only)"))
        #expect(text.contains("pause or resume the schedule (off: read-only)"))
        #expect(!text.contains("refresh now (off"))
    }

    @Test func withoutReadOnlyTheFooterOffersRerun() {
        let state = DashboardFixture.state(size: TerminalSize(columns: 120, rows: 40))
        let footer = Self.row(Self.render(state), 39)
        #expect(footer.contains("r rerun") && !footer.contains("READ-ONLY"))
    }

    @Test func theTooSmallNoticeFitsEverySize() {
        for columns in 1..<70 {
            for rows in 1..<20 where columns < 60 || rows < 15 {
                let state = DashboardFixture.state(size: TerminalSize(columns: columns, rows: rows))
                let screen = Self.render(state)
                let lines = screen.text.split(separator: "\n").map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty }
                // The words are whole, never cut with an ellipsis, whenever the shortest form fits.
                if columns >= 9 {
                    #expect(lines.joined(separator: " ").contains("too small"), "\(columns)x\(rows): \(lines)")
                    #expect(!screen.text.contains("…"), "\(columns)x\(rows): \(lines)")
                }
                if columns >= 20 && rows >= 3 {
                    #expect(lines.joined(separator: " ").contains("terminal too small"), "\(columns)x\(rows)")
                    #expect(lines.joined(separator: " ").contains("have \(columns)x\(rows)"), "\(columns)x\(rows): \(lines)")
                }
            }
        }
    }

    @Test func asciiMeansEveryCellIsASCII() {
        for size in [TerminalSize(columns: 60, rows: 15), TerminalSize(columns: 80, rows: 24), TerminalSize(columns: 200, rows: 50)] {
            for keys in [[], [Key.char("2")], [.char("3")], [.char("4")], [.char("?")], [.char("3"), .enter]] as [[Key]] {
                var state = DashboardFixture.state(size: size, options: DashboardOptions(ascii: true))
                _ = DashboardFixture.answer(DashboardFixture.press(keys, on: &state), on: &state)
                let screen = Self.render(state)
                for y in 0..<screen.height {
                    for x in 0..<screen.width where screen[x, y].width > 0 {
                        #expect(screen[x, y].base < 0x80, "\(size) \(keys): \(screen[x, y].glyph) at \(x),\(y)")
                    }
                }
            }
        }
    }

    @Test func asciiKeepsTheColumnsOfWideNames() {
        #expect(Screen.ascii("日本語レポート") == String(repeating: "?", count: 14))
        #expect(Screen.ascii("deploy-🚀-notify") == "deploy-??-notify")
        #expect(Screen.ascii("a · b…") == "a - b~")
    }

    @Test func theLocaleDecidesUnlessAFlagDoes() {
        #expect(Glyphs.useASCII(ascii: false, unicode: false, localeIsUTF8: true) == false)
        #expect(Glyphs.useASCII(ascii: false, unicode: false, localeIsUTF8: false) == true)
        #expect(Glyphs.useASCII(ascii: true, unicode: false, localeIsUTF8: true) == true)
        #expect(Glyphs.useASCII(ascii: false, unicode: true, localeIsUTF8: false) == false)
    }

    @Test func everySymbolOnScreenHasALegend() {
        for glyphs in [Glyphs.unicode, Glyphs.plain] {
            let legend = HelpLegend.entries(glyphs)
            let symbols = Set(legend.map { String($0.prefix { $0 != " " }) })
            var used = [glyphs.live, glyphs.stale, glyphs.disconnected, glyphs.frozen, glyphs.queuePaused, String(glyphs.ellipsis)]
            used += ExecutionStatus.allCases.map { StatusText.short($0, ascii: glyphs.ascii).text }
            used += ScheduleHealth.allCases.map { StatusText.health($0, last: nil, ascii: glyphs.ascii).text }.filter { !$0.isEmpty }
            if !glyphs.ascii {
                let kinds: [DashboardEvent.Kind] = [
                    .queued, .started, .succeeded, .failed, .retrying, .timedOut, .scheduleFired, .schedulePaused, .scheduleResumed,
                    .queuePaused, .queueResumed, .workerJoined, .workerLost, .leaderChanged, .operatorAction,
                ]
                used += kinds.map { String(StatusText.event($0, ascii: false).text.prefix { $0 != " " }) }
            }
            for symbol in used { #expect(symbols.contains(symbol), "no legend for \(symbol)") }
        }
    }

    @Test(arguments: [TerminalSize(columns: 60, rows: 15), TerminalSize(columns: 80, rows: 24), TerminalSize(columns: 200, rows: 50)])
    func helpShowsTheLegend(size: TerminalSize) {
        var state = DashboardFixture.state(size: size)
        _ = state.update(.key(.char("?")))
        let text = Self.render(state).text
        #expect(text.contains("q      back"))
        #expect(text.contains("? help") && text.contains("q quit"))
        // When every key and every symbol does not fit, help says so and scrolls to the rest.
        let cut = state.helpPage.maxTop > 0
        #expect(cut == (size.rows < 50))
        #expect(text.contains("more ↓") == cut)
        if cut { _ = state.update(.key(.end)) }
        let end = Self.render(state).text
        for words in ["✓ succeeded", "● live", "‖ frozen by you", "repaint the screen"] {
            #expect(end.contains(words), "\(words) not in the help at \(size.columns)x\(size.rows)")
        }
        // The help box's own bottom edge (the panes behind it mark their own lists).
        let box = state.helpPage.rect
        let screen = Self.render(state)
        let y = box.y + box.height - 1
        let start = y * screen.width + box.x
        let bottom = String(screen.row(y)[start..<start + box.width].map(\.glyph))
        #expect(!bottom.contains("more ↓"))
        #expect(bottom.contains("↑ more") == cut, "\(bottom)")
    }

    /// A flexible column takes no more than its longest value needs (a short NAME); the other
    /// flexible columns (LAST ERROR) get the rest.
    @Test func aCappedFlexibleColumnLeavesItsSpareToTheOthers() {
        let capped = TableLayout(
            [TableColumn(title: "NAME", width: 10, flexible: true, most: 16), TableColumn(title: "LAST ERROR", width: 10, flexible: true)],
            width: 61)
        #expect(capped.placed.map(\.width) == [16, 44])
        let even = TableLayout(
            [TableColumn(title: "NAME", width: 10, flexible: true), TableColumn(title: "LAST ERROR", width: 10, flexible: true)], width: 61)
        #expect(even.placed.map(\.width) == [30, 30])
        // A cap wider than an equal share changes nothing.
        let roomy = TableLayout(
            [TableColumn(title: "NAME", width: 10, flexible: true, most: 50), TableColumn(title: "LAST ERROR", width: 10, flexible: true)],
            width: 61)
        #expect(roomy.placed.map(\.width) == [30, 30])
    }

    @Test func aSnapshotFitsTheTerminalOrColumns() {
        let none: [String: String] = [:]
        #expect(
            SnapshotPrinter.size(terminal: TerminalSize(columns: 90, rows: 30), environment: ["COLUMNS": "200"], messageLines: 0)
                == TerminalSize(columns: 90, rows: 29))
        #expect(
            SnapshotPrinter.size(terminal: TerminalSize(columns: 90, rows: 30), environment: none, messageLines: 3)
                == TerminalSize(columns: 90, rows: 26))
        #expect(
            SnapshotPrinter.size(terminal: nil, environment: ["COLUMNS": "100", "LINES": "30"], messageLines: 0)
                == TerminalSize(columns: 100, rows: 30))
        #expect(SnapshotPrinter.size(terminal: nil, environment: none, messageLines: 0) == TerminalSize(columns: 120, rows: 40))
        #expect(SnapshotPrinter.size(terminal: nil, environment: ["COLUMNS": "x"], messageLines: 0).columns == 120)
        #expect(SnapshotPrinter.size(terminal: TerminalSize(columns: 30, rows: 8), environment: none, messageLines: 0) == DashboardLayout.minimum)
    }

    @Test func aSnapshotSaysWhyWhenNotAskedFor() {
        #expect(SnapshotReason(once: false, stdinIsTerminal: true, stdoutIsTerminal: true, term: "xterm") == nil)
        #expect(SnapshotReason(once: true, stdinIsTerminal: true, stdoutIsTerminal: true, term: "xterm")?.message == nil)
        #expect(SnapshotReason(once: false, stdinIsTerminal: true, stdoutIsTerminal: false, term: "xterm")?.message == nil)
        let dumb = SnapshotReason(once: false, stdinIsTerminal: true, stdoutIsTerminal: true, term: "dumb")?.message ?? ""
        #expect(dumb.contains("TERM=dumb") && dumb.contains("snapshot"))
        let unset = SnapshotReason(once: false, stdinIsTerminal: true, stdoutIsTerminal: true, term: nil)?.message ?? ""
        #expect(unset.contains("TERM is not set"))
        #expect(
            SnapshotReason(once: false, stdinIsTerminal: false, stdoutIsTerminal: true, term: "xterm")?.message?.contains("standard input") == true)
    }

    @Test func aSnapshotSaysWhenItWasTakenAndNotLiveOrFollow() {
        var options = DashboardOptions()
        options.snapshot = true
        let state = DashboardFixture.state(size: TerminalSize(columns: 120, rows: 40), options: options)
        let text = Self.render(state).text
        #expect(Self.row(Self.render(state), 0).contains("snapshot at 14:02:31 UTC"))
        #expect(!text.contains("● live"))
        #expect(!text.contains("FOLLOW"))
    }
}
