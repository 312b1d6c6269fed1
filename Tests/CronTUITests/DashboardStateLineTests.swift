import Foundation
import Testing

@testable import CronTUI

/// The header says one thing about how current the screen is, and the queue's pause in other words.
@Suite struct DashboardStateLineTests {
    private static let size = TerminalSize(columns: 200, rows: 50)

    private static func header(_ state: DashboardState) -> String {
        String(DashboardRenderer.render(state, size: state.size).text.prefix { $0 != "\n" })
    }

    @Test func liveShowsTheRefreshIntervalAsSuch() {
        let state = DashboardFixture.state(size: Self.size)
        let header = Self.header(state)
        #expect(header.contains("● live │ refresh 2s │ updated 1s ago"), "\(header)")
        #expect(StateLine(state).kind == .live)
    }

    @Test func disconnectedReplacesLiveAndSaysWhatAndSinceWhen() {
        var state = DashboardFixture.state(size: Self.size)
        _ = state.update(.snapshotFailed("redis://127.0.0.1:6492/0: no reply within the timeout", at: DashboardFixture.now))
        _ = state.update(.snapshotFailed("redis://127.0.0.1:6492/0: connection refused", at: DashboardFixture.now.addingTimeInterval(10)))
        _ = state.update(.tick(DashboardFixture.now.addingTimeInterval(30)))
        let header = Self.header(state)
        #expect(header.contains("✗ disconnected since 14:02:31 (30s)"), "\(header)")
        #expect(header.contains("connection refused"))
        #expect(!header.contains("live"), "\(header)")
        #expect(!header.contains("stale"), "\(header)")
        let screen = DashboardRenderer.render(state, size: state.size)
        // Red, and the last good data stays.
        #expect((0..<screen.width).contains { screen[$0, 0].glyph == "✗" && screen[$0, 0].role == .error })
        #expect(screen.text.contains("sync-users"))
        _ = state.update(.snapshotLoaded(DashboardFixture.data.snapshot, at: DashboardFixture.now.addingTimeInterval(31)))
        #expect(Self.header(state).contains("● live"))
        #expect(!Self.header(state).contains("disconnected"))
    }

    /// PostgreSQL away, Redis answering: the queue's figures stay live, the schedules stay as last
    /// read, and the header says which part is current.
    @Test func withoutPostgreSQLTheFiguresStayLiveAndTheSchedulesAsLastRead() {
        var state = DashboardFixture.state(size: Self.size)
        let schedules = DashboardFixture.data.snapshot.schedules
        var partial = DashboardFixture.data.snapshot
        partial.schedules = []
        partial.stats.waiting = 4_321
        partial.databaseProblem = "database: connection failed: Connection refused"
        _ = state.update(.snapshotLoaded(partial, at: DashboardFixture.now.addingTimeInterval(1)))
        _ = state.update(.snapshotLoaded(partial, at: DashboardFixture.now.addingTimeInterval(11)))
        _ = state.update(.tick(DashboardFixture.now.addingTimeInterval(12)))
        #expect(state.snapshot?.schedules == schedules)
        #expect(state.snapshot?.stats.waiting == 4_321)
        let header = Self.header(state)
        #expect(header.contains("○ live from Redis; PostgreSQL down since 14:02:32 (11s)"), "\(header)")
        #expect(header.contains("Connection refused"), "\(header)")
        #expect(!header.contains("disconnected"), "\(header)")
        let screen = DashboardRenderer.render(state, size: state.size).text
        #expect(screen.contains("WAIT 4321"), "\(screen)")
        _ = state.update(.snapshotLoaded(DashboardFixture.data.snapshot, at: DashboardFixture.now.addingTimeInterval(13)))
        #expect(StateLine(state).kind == .live)
    }

    @Test func noUpdateForSeveralRefreshesIsStaleNotLive() {
        var state = DashboardFixture.state(size: Self.size)
        _ = state.update(.tick(DashboardFixture.now.addingTimeInterval(5)))
        #expect(StateLine(state).kind == .live)
        _ = state.update(.tick(DashboardFixture.now.addingTimeInterval(9)))
        let header = Self.header(state)
        #expect(header.contains("○ stale: no update for 5 refreshes"), "\(header)")
        #expect(!header.contains("live"))
        #expect(header.contains("updated 10s ago"))
    }

    @Test func frozenAndQueuePausedSayWhoAndNeverTheSameWord() {
        var state = DashboardFixture.state(size: Self.size)
        var paused = DashboardFixture.data.snapshot
        paused.stats.paused = true
        _ = state.update(.snapshotLoaded(paused, at: DashboardFixture.now))
        _ = state.update(.key(.char("Z")))
        let header = Self.header(state)
        #expect(header.contains("‖ frozen by you (Z resumes)"), "\(header)")
        #expect(header.contains("⏸ queue paused"), "\(header)")
        #expect(!header.contains("PAUSED") && !header.contains("live"), "\(header)")
        // Frozen through an outage: disconnected comes first, and frozen is still said.
        _ = state.update(.snapshotFailed("connection refused", at: DashboardFixture.now))
        let down = Self.header(state)
        #expect(down.contains("✗ disconnected") && down.contains("frozen by you"), "\(down)")
    }

    @Test func theStateStaysWhenTheHeaderIsNarrow() {
        var state = DashboardFixture.state(size: TerminalSize(columns: 60, rows: 15))
        _ = state.update(.snapshotFailed("redis://127.0.0.1:6492/0: no reply within the timeout", at: DashboardFixture.now))
        let header = Self.header(state)
        #expect(header.contains("✗ disconnected since 14:02:31"), "\(header)")
        #expect(header.contains("14:02:31 UTC"))
    }

    @Test func theASCIIStateLine() {
        var state = DashboardFixture.state(size: Self.size, options: DashboardOptions(ascii: true))
        #expect(Self.header(state).contains("* live | refresh 2s"))
        _ = state.update(.key(.char("Z")))
        #expect(Self.header(state).contains("|| frozen by you"))
    }
}
