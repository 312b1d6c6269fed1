import Logging
import Synchronization

/// Watches a buffer with a maximum size (the execution outbox; any Redis list that parks records
/// while PostgreSQL is away): reports its size as a gauge, counts the entries dropped because it was
/// full, logs an error when that happens and a warning when it holds more than half its bound, each
/// line at most once per quiet period (30 s; see ``BoundedBufferState``).
///
/// The owner calls ``observe(size:dropped:)`` whenever it learns the size, typically from the reply
/// of the append that also trimmed (see ``BoundedRedisList``):
/// ```swift
/// let monitor = BoundedBufferMonitor(
///     name: "outbox", queue: "default", bound: 100_000, sizeGauge: EngineMetricNames.outboxSize,
///     droppedCounter: EngineMetricNames.outboxDropped, logger: logger)
/// let (size, dropped) = try await list.append(entries)
/// monitor.observe(size: size, dropped: dropped)
/// ```
package final class BoundedBufferMonitor: Sendable {
    /// The buffer's name in log lines, e.g. `outbox`.
    package let name: String
    /// The queue whose buffer it is: its metrics' `queue` label.
    package let queue: String
    /// The most entries it holds.
    package let bound: Int
    /// The gauge of its size.
    package let sizeGauge: String
    /// The counter of entries dropped.
    package let droppedCounter: String
    private let metrics: EngineMetrics
    private let logger: Logger
    private let clock: any QueueClock
    private let state: Mutex<BoundedBufferState>

    /// A monitor of the buffer `name` of `queue` holding at most `bound` entries.
    package init(
        name: String, queue: String, bound: Int, sizeGauge: String, droppedCounter: String, metrics: EngineMetrics = EngineMetrics(),
        logger: Logger, clock: any QueueClock = SystemQueueClock(), quietPeriod: Duration = .seconds(30)
    ) {
        self.name = name
        self.queue = queue
        self.bound = bound
        self.sizeGauge = sizeGauge
        self.droppedCounter = droppedCounter
        self.metrics = metrics
        self.logger = logger
        self.clock = clock
        state = Mutex(BoundedBufferState(bound: bound, quietPeriod: quietPeriod))
    }

    /// The buffer holds `size` entries; `dropped` of the oldest were dropped to make room.
    package func observe(size: Int, dropped: Int = 0) {
        metrics.bufferSize(gauge: sizeGauge, queue: queue, size)
        metrics.bufferDropped(counter: droppedCounter, queue: queue, dropped)
        let now = clock.nowMilliseconds()
        let actions = state.withLock { $0.observe(size: size, dropped: dropped, now: now) }
        for action in actions {
            switch action {
            case .reportDropped(let dropped, let size):
                logger.error(
                    "the \(name) is full (\(size) of \(bound)): its \(dropped) oldest entries were dropped",
                    metadata: ["event": "buffer.dropped", "buffer": .string(name), "dropped": "\(dropped)", "size": "\(size)", "bound": "\(bound)"])
            case .warnFilling(let size):
                logger.warning(
                    "the \(name) holds \(size) entries, more than half its bound of \(bound)",
                    metadata: ["event": "buffer.filling", "buffer": .string(name), "size": "\(size)", "bound": "\(bound)"])
            }
        }
    }
}
