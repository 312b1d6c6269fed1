/// A queue's figures, read in one round trip.
public struct QueueStats: Sendable, Hashable {
    /// Jobs per state.
    public var waiting = 0
    public var active = 0
    public var delayed = 0
    public var completed = 0
    public var failed = 0
    /// Whether the queue is paused.
    public var paused = false
    /// Jobs completed since the queue was created (not reduced by retention).
    public var completedTotal = 0
    /// Jobs failed for good since the queue was created.
    public var failedTotal = 0
    /// Stalled jobs recovered or failed since the queue was created.
    public var stalledTotal = 0
    /// Completed per minute, for the last 60 minutes, oldest first; the last entry is this minute.
    public var completedPerMinute: [Int] = Array(repeating: 0, count: 60)
    /// Failed per minute, aligned with ``completedPerMinute``.
    public var failedPerMinute: [Int] = Array(repeating: 0, count: 60)
    /// How long the job next in line has waited, nil when none waits.
    public var oldestWaiting: Duration?

    /// Creates empty figures.
    public init() {}
}
