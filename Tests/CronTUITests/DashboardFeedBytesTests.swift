import Foundation
import Testing

@testable import CronTUI

/// What one new event costs on the wire, through the real ncurses painter into a pseudo-terminal:
/// the Overview's feed is full width, so the terminal scrolls it and about one row is sent.
// One at a time: curses keeps global state.
@Suite(.serialized) struct DashboardFeedBytesTests {
    @Test(arguments: [TerminalSize(columns: 80, rows: 24), TerminalSize(columns: 200, rows: 50)])
    func aNewEventCostsAboutOneRow(size: TerminalSize) throws {
        var state = DashboardFixture.state(size: size)
        let before = DashboardRenderer.render(state, size: size)
        let event = DashboardEvent(
            id: "new-1", time: DashboardFixture.now, kind: .succeeded, job: "sync-users", executionID: 8899, httpStatus: 200,
            duration: .milliseconds(120))
        _ = state.update(.eventsArrived([event]))
        let after = DashboardRenderer.render(state, size: size)
        // Every row of the feed moved up one.
        #expect(ScreenDiff.runs(from: before, to: after).count > 5)
        let bytes = try PtyOutputMeter.measure([before, after]).rest
        #expect(bytes > 0)
        // One row of text with its colour changes, and the scroll: the same at any width (a
        // repaint of the feed would be every row of it, thousands of bytes at 200×50).
        #expect(bytes <= 240, "\(bytes) bytes for one event at \(size.columns)x\(size.rows)")
    }
}
