import Foundation

/// Everything known about one execution, for the detail view (`Enter`).
struct ExecutionDetail: Sendable, Hashable {
    var summary: ExecutionSummary
    var cron: String?
    var finishedAt: Date?
    var request: HTTPRecord?
    var response: HTTPRecord?
    /// Why it failed, when it did (untrusted text).
    var error: String?
    var traceID: String?
}
