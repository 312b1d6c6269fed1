import Logging

/// The metadata every log line about a job carries: `trace_id`, `schedule_id`, `job_id`,
/// `attempt` (and the line's own `event`).
package enum JobLogMetadata {
    /// The metadata of attempt `attempt` of `jobID`.
    package static func of(jobID: String, traceID: String, scheduleID: Int64?, attempt: Int) -> Logger.Metadata {
        [
            "trace_id": .string(traceID), "job_id": .string(jobID), "attempt": .stringConvertible(attempt),
            "schedule_id": .string(scheduleID.map(String.init) ?? ""),
        ]
    }
}
