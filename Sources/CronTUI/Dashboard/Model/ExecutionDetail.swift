import Engine

/// Everything the detail view (`Enter`) shows of one execution: the attempt as recorded, and the
/// request its schedule makes (the record keeps only the method and URL).
struct ExecutionDetail: Sendable, Equatable {
    var record: ExecutionRecord
    /// The schedule's request template, when the schedule still exists.
    var request: HTTPJob.Request?
    /// The schedule's cron expression, when it still exists.
    var cron: String?
}
