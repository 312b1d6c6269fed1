/// What a scheduler is doing, for status lines, the dashboard and tests.
package struct SchedulerStatus: Sendable, Equatable {
    /// This scheduler's instance id.
    package var instanceID: String = ""
    /// Whether it holds the leader lease and fires.
    package var isLeader = false
    /// Whether it listens for schedule changes (live reload); while not, changes arrive with the
    /// periodic resync.
    package var listening = false
    /// Enabled schedules loaded (while leading).
    package var schedules = 0
    /// The earliest next fire, epoch milliseconds.
    package var nextDue: Int64?
    /// How long the last full load took.
    package var lastLoadDuration: Duration?
    /// Fires this scheduler claimed and enqueued.
    package var enqueued = 0
    /// Slots recorded as missed.
    package var missed = 0
    /// Slots recorded as skipped.
    package var skipped = 0
    /// Schedules paused automatically.
    package var autoPaused = 0

    /// An empty status.
    package init() {}
}
