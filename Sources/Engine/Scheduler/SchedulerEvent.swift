/// What the other tasks of a ``Scheduler`` tell its firing loop.
enum SchedulerEvent: Sendable {
    /// The lease was taken (true) or lost (false).
    case leadership(Bool)
    /// These schedules changed (a `NOTIFY` from the trigger on `schedules`).
    case changed([Int64])
    /// Notifications may have been lost: compare every schedule with PostgreSQL.
    case resync
    /// A job finished for good: completed, or failed after its last attempt.
    case finished(jobID: String, scheduleID: Int64, failed: Bool)
    /// The store task finished its errand.
    case stored(SchedulerCore.StoreOutcome)
    /// Resume the continuation once everything due by now has been handled.
    case settle(CheckedContinuation<Void, Never>)
    /// Resume the continuation with the next slot of a schedule (nil when none is held).
    case query(Int64, CheckedContinuation<Int64?, Never>)
    /// Stop.
    case stop
}
