import Engine

/// The History view's rows and where they came from.
struct HistoryState: Sendable, Equatable {
    /// Limits the view to one schedule (after `Enter` on a schedule).
    struct Scope: Sendable, Hashable {
        var scheduleID: Int64
        var name: String
        /// The view to return to with `q` or Esc.
        var returnTo: DashboardView
    }

    var rows: [ExecutionRecord] = []
    var next: ExecutionCursor?
    var cursor = ListCursor()
    var scope: Scope?
    /// The query of the page being loaded, if any; answers for other queries are stale.
    var loading: ExecutionQuery?
    /// The query `rows` answer (without its cursor).
    var loaded: ExecutionQuery?
    var error: String?
}
