import Synchronization

/// Counts what a client sends: round trips (one per ``RedisConnection/pipeline(_:)`` or
/// ``RedisConnection/send(_:)`` call, however many commands it carries) and commands.
package final class RedisStatistics: Sendable {
    private let roundTripCount = Atomic<Int>(0)
    private let commandCount = Atomic<Int>(0)

    /// Starts at zero.
    package init() {}

    /// Round trips so far.
    package var roundTrips: Int { roundTripCount.load(ordering: .relaxed) }
    /// Commands so far.
    package var commands: Int { commandCount.load(ordering: .relaxed) }

    func record(commands: Int) {
        roundTripCount.add(1, ordering: .relaxed)
        commandCount.add(commands, ordering: .relaxed)
    }
}
