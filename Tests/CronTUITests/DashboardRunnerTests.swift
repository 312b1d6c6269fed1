import Foundation
import Testing

@testable import CronTUI

/// The runner wires source, state, render and terminal: frames appear, keys act, q ends it.
@Suite struct DashboardRunnerTests {
    /// A runner over a fake source and terminal, started; the task ends when the runner does.
    private func start(executionsPerSecond: Double = 0, options: DashboardOptions = DashboardOptions()) -> (
        FakeDashboardSource, FakeTerminal, Task<TerminalExit, Never>
    ) {
        let clock = SystemDashboardClock()
        let source = FakeDashboardSource(
            data: FakeDashboardData(now: clock.now()), clock: clock, executionsPerSecond: executionsPerSecond)
        let terminal = FakeTerminal(size: TerminalSize(columns: 120, rows: 40))
        let runner = DashboardRunner(source: source, terminal: terminal, clock: clock, options: options)
        return (source, terminal, Task { await runner.run() })
    }

    @Test func drawsReactsToKeysAndQuits() async throws {
        let (_, terminal, run) = start(executionsPerSecond: 20)

        #expect(await terminal.waitForFrame { $0.contains("WAIT 128") && $0.contains("[1 Overview]") })
        terminal.press(.char("3"))
        #expect(await terminal.waitForFrame { $0.contains("[3 History]") && $0.contains("TRIGGER") && $0.contains("#88") })
        terminal.resize(TerminalSize(columns: 80, rows: 24))
        #expect(await terminal.waitForFrame { $0.split(separator: "\n").count == 24 })
        terminal.press(.char("q"))
        #expect(await run.value == .requested)
    }

    @Test func aFailingSourceKeepsTheLastDataAndSaysSo() async throws {
        let (source, terminal, run) = start(options: DashboardOptions(refreshInterval: .milliseconds(250)))
        #expect(await terminal.waitForFrame { $0.contains("WAIT 128") })
        await source.setFailing(true)
        #expect(await terminal.waitForFrame { $0.contains("✗ disconnected since") && !$0.contains("● live") && $0.contains("WAIT 128") })
        await source.setFailing(false)
        #expect(await terminal.waitForFrame { !$0.contains("disconnected") })
        terminal.press(.ctrl("c"))
        #expect(await run.value == .requested)
    }

    @Test func rerunGoesThroughTheSourceAndShowsTheResult() async throws {
        let (_, terminal, run) = start()
        #expect(await terminal.waitForFrame { $0.contains("WAIT 128") })
        // Failures come first: filtered to one schedule, it is the selected one.
        for key in [Key.char("/")] + "sync".map(Key.char) + [.enter] { terminal.press(key) }
        #expect(await terminal.waitForFrame { $0.contains("Schedules (1)") })
        terminal.press(.char("r"))
        #expect(await terminal.waitForFrame { $0.contains("Run \"sync-users\" now? [y/N]") })
        terminal.press(.char("y"))
        #expect(await terminal.waitForFrame { $0.contains("✓ \"sync-users\" queued as #8813") })
        terminal.press(.char("4"))
        #expect(await terminal.waitForFrame { $0.contains("· queued   sync-users") })
        terminal.press(.char("q"))
        #expect(await run.value == .requested)
    }
}
