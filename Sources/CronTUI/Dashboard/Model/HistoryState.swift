/// The History view's rows and where they came from.
struct HistoryState: Sendable, Hashable {
    /// Limits the view to one schedule (after `Enter` on a schedule).
    struct Scope: Sendable, Hashable {
        var scheduleID: String
        var name: String
        /// The view to return to with `q` or Esc.
        var returnTo: DashboardView
    }

    var rows: [ExecutionSummary] = []
    var next: HistoryQuery.Cursor?
    var cursor = ListCursor()
    var scope: Scope?
    /// The query of the page being loaded, if any; answers for other queries are stale.
    var loading: HistoryQuery?
    /// The query `rows` answer (without its cursor).
    var loaded: HistoryQuery?
    var error: String?
}
