/// The scheduler's wall clock: now, in epoch milliseconds, and a way to wait for an instant.
///
/// Fire times are wall-clock instants, so the scheduler reads the real-time clock and re-reads it
/// after every wait (a clock stepped by NTP is followed). Tests inject a clock they move by hand,
/// so a day of fires passes in milliseconds.
package protocol SchedulerClock: QueueClock {
    /// Returns once ``QueueClock/nowMilliseconds()`` has reached `deadline`; throws
    /// `CancellationError` when the waiting task is cancelled first.
    func sleep(untilMilliseconds deadline: Int64) async throws
}

/// The system's real-time clock.
package struct SystemSchedulerClock: SchedulerClock {
    private let clock = SystemQueueClock()

    /// Creates the clock.
    package init() {}

    package func nowMilliseconds() -> Int64 { clock.nowMilliseconds() }

    /// On a ``DedicatedThreadExecutor`` bound as the current one (the scheduler's), its own timer
    /// wakes the task, so a busy cooperative pool cannot make the instant late.
    package func sleep(untilMilliseconds deadline: Int64) async throws {
        while true {
            let left = deadline - nowMilliseconds()
            if left <= 0 { return }
            try await DedicatedThreadExecutor.sleep(for: .milliseconds(left))
        }
    }
}
