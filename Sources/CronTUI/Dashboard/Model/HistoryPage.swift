/// One page of history, newest first.
struct HistoryPage: Sendable, Hashable {
    var rows: [ExecutionSummary]
    /// Where the next (older) page starts; nil on the last page.
    var next: HistoryQuery.Cursor?
}
