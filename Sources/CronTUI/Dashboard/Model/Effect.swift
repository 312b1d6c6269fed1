import Engine

/// What ``DashboardState/update(_:)`` asks its owner to do; the owner does the I/O and reports back
/// with a ``DashboardInput``.
enum Effect: Sendable, Hashable {
    case fetchSnapshot
    case fetchHistory(ExecutionQuery)
    case fetchDetail(id: Int64)
    /// Find the execution of the feed's event `eventID` (an attempt that had none when it arrived).
    case findExecution(eventID: String, jobID: String, attempt: Int)
    /// Fill the feed with recent events and follow new ones.
    case subscribeEvents
    case perform(OperatorCommand)
    /// Poll at a new interval.
    case setRefreshInterval(Duration)
    /// Redraw every cell (Ctrl-L).
    case repaint
    case quit
}
