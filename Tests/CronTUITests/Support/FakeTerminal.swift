import Foundation

@testable import CronTUI

/// A terminal that records the frames it is shown and takes keys from the test.
final class FakeTerminal: DashboardTerminal, @unchecked Sendable {
    let events: AsyncStream<TerminalEvent>
    let initialSize: TerminalSize
    private let continuation: AsyncStream<TerminalEvent>.Continuation
    private let lock = NSLock()
    private var shown: [Screen] = []

    init(size: TerminalSize) {
        initialSize = size
        (events, continuation) = AsyncStream<TerminalEvent>.makeStream()
    }

    /// Every frame shown so far.
    var frames: [Screen] { lock.withLock { shown } }

    func press(_ key: Key) { continuation.yield(.key(key)) }

    func resize(_ size: TerminalSize) { continuation.yield(.resize(size)) }

    func show(_ screen: Screen, repaint: Bool) {
        lock.withLock { shown.append(screen) }
    }

    func close() async {
        continuation.yield(.closed(.requested))
        continuation.finish()
    }

    /// Runs the dashboard over `source` on this terminal, started in `view`, on the wall clock, until
    /// it quits.
    func runDashboard(source: any DashboardSource, view: DashboardView) -> Task<TerminalExit, Never> {
        var options = DashboardOptions()
        options.view = view
        return Task { await DashboardRunner(source: source, terminal: self, clock: SystemDashboardClock(), options: options).run() }
    }

    /// Waits until the newest frame satisfies `condition`; false after `timeout`.
    func waitForFrame(timeout: TimeInterval = 30, _ condition: (String) -> Bool) async -> Bool {
        let deadline = Date().addingTimeInterval(timeout)
        while Date() < deadline {
            if let last = frames.last, condition(last.text) { return true }
            try? await Task.sleep(for: .milliseconds(20))
        }
        return false
    }
}
