import Foundation

/// Wall time and waiting, injected so tests and benchmarks move time themselves.
protocol DashboardClock: Sendable {
    /// The current wall time.
    func now() -> Date
    /// Waits `duration`; throws when the task is cancelled.
    func sleep(for duration: Duration) async throws
}

/// The real clock.
struct SystemDashboardClock: DashboardClock {
    func now() -> Date { Date() }

    func sleep(for duration: Duration) async throws {
        try await Task.sleep(for: duration)
    }
}
