import Engine

/// What ``DashboardState/update(_:)`` asks its owner to do; the owner does the I/O and reports back
/// with a ``DashboardInput``.
enum Effect: Sendable, Hashable {
    /// Poll the snapshot of the queue `queue` (nil: the source's default queue).
    case fetchSnapshot(queue: String?)
    case fetchHistory(ExecutionQuery)
    case fetchDetail(id: Int64)
    /// Find the execution of the feed's event `eventID` (an attempt that had none when it arrived).
    case findExecution(eventID: String, jobID: String, attempt: Int)
    /// Fill the feed with the recent events of the queue `queue` (nil: the source's default queue)
    /// and follow its new ones, in place of any earlier subscription; the answers carry
    /// `subscription`, so that those of an earlier one still on their way are told apart.
    case subscribeEvents(queue: String?, subscription: Int)
    case perform(OperatorCommand)
    /// Poll at a new interval.
    case setRefreshInterval(Duration)
    /// Redraw every cell (Ctrl-L).
    case repaint
    case quit
}
