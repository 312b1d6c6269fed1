/// When a bounded buffer's size deserves a log line: the pure part of ``BoundedBufferMonitor``.
///
/// A warning when the buffer holds more than half its bound, and an error when entries were dropped
/// because it was full; each at most once per ``quietPeriod``, so a long outage writes a line every
/// 30 s rather than one per batch. Drops that happen within the quiet period are added up and told
/// in the next error line.
package struct BoundedBufferState: Sendable, Equatable {
    /// What the owner should log.
    package enum Action: Sendable, Equatable {
        /// The buffer holds `size` entries, more than half its bound.
        case warnFilling(size: Int)
        /// `dropped` entries were dropped since the last such line; the buffer holds `size`.
        case reportDropped(dropped: Int, size: Int)
    }

    /// The most entries the buffer holds.
    package let bound: Int
    /// The shortest time between two lines of one kind, in milliseconds.
    package let quietPeriod: Int64
    private var lastWarning: Int64?
    private var lastDropReport: Int64?
    private var unreportedDrops = 0

    /// The state of a buffer of at most `bound` entries that logs at most once per `quietPeriod`.
    package init(bound: Int, quietPeriod: Duration = .seconds(30)) {
        self.bound = max(1, bound)
        self.quietPeriod = max(0, quietPeriod.milliseconds)
    }

    /// The buffer holds `size` entries and `dropped` were dropped to make room, at `now` (epoch ms).
    package mutating func observe(size: Int, dropped: Int = 0, now: Int64) -> [Action] {
        var actions: [Action] = []
        unreportedDrops += max(0, dropped)
        if unreportedDrops > 0, lastDropReport.map({ now - $0 >= quietPeriod }) ?? true {
            actions.append(.reportDropped(dropped: unreportedDrops, size: size))
            unreportedDrops = 0
            lastDropReport = now
        }
        if size * 2 > bound, lastWarning.map({ now - $0 >= quietPeriod }) ?? true {
            actions.append(.warnFilling(size: size))
            lastWarning = now
        }
        return actions
    }
}
