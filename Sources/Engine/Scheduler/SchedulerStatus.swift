/// What a scheduler is doing, for status lines, the dashboard and tests.
public struct SchedulerStatus: Sendable, Equatable {
    /// This scheduler's instance id.
    public var instanceID: String = ""
    /// Whether it holds the leader lease and fires.
    public var isLeader = false
    /// Whether it listens for schedule changes (live reload); while not, changes arrive with the
    /// periodic resync.
    public var listening = false
    /// Enabled schedules loaded (while leading).
    public var schedules = 0
    /// The earliest next fire, epoch milliseconds.
    public var nextDue: Int64?
    /// How long the last full load took.
    public var lastLoadDuration: Duration?
    /// Fires this scheduler claimed and enqueued.
    public var enqueued = 0
    /// Slots recorded as missed.
    public var missed = 0
    /// Slots recorded as skipped.
    public var skipped = 0
    /// Schedules paused automatically.
    public var autoPaused = 0

    /// An empty status.
    public init() {}
}
