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

    private let movedCount = Atomic<Int>(0)
    private let askCount = Atomic<Int>(0)
    private let mapReadCount = Atomic<Int>(0)

    /// `MOVED` replies a cluster client followed.
    package var moved: Int { movedCount.load(ordering: .relaxed) }
    /// `ASK` replies a cluster client followed.
    package var asked: Int { askCount.load(ordering: .relaxed) }
    /// Times a cluster client read the slot map.
    package var mapReads: Int { mapReadCount.load(ordering: .relaxed) }

    func recordMoved() { movedCount.add(1, ordering: .relaxed) }
    func recordAsk() { askCount.add(1, ordering: .relaxed) }
    func recordMapRead() { mapReadCount.add(1, ordering: .relaxed) }

    func record(commands: Int) {
        roundTripCount.add(1, ordering: .relaxed)
        commandCount.add(commands, ordering: .relaxed)
    }
}
