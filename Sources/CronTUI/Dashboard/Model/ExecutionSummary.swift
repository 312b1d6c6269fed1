import Engine
import Foundation

/// One execution as a History row shows it.
struct ExecutionSummary: Sendable, Hashable, Identifiable {
    /// The execution number (`#8812`).
    var id: Int64
    var scheduleID: String
    /// The schedule's (job's) name (untrusted text).
    var job: String
    var attempt: Int
    var maxAttempts: Int
    var status: ExecutionStatus
    /// The target's HTTP status, when a response came back.
    var httpStatus: Int?
    var startedAt: Date
    /// Set once finished.
    var duration: Duration?
    var trigger: Trigger
    /// The execution this one reran, for `r` reruns.
    var rerunOf: Int64?
}
