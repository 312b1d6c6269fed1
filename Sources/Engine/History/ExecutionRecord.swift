import Foundation

/// One attempt of one job: the row of `executions` it becomes, and what the outbox carries while
/// PostgreSQL is away.
///
/// An attempt may be recorded twice with the same ``recordID``: once when it starts (no outcome,
/// status `running`) and once when it ends. The store keeps one row per record id, and a finished
/// record is never overwritten, so replays and late arrivals are harmless.
public struct ExecutionRecord: Codable, Sendable, Hashable {
    /// The idempotency key: written once, however often the record is delivered.
    public var recordID: UUID
    /// The row id, once stored (nil in records not read from the database).
    public var id: Int64?
    /// The queue job.
    public var jobID: String
    /// This attempt's number, from 1.
    public var attempt: Int
    /// Attempts the job may make in all.
    public var maxAttempts: Int
    /// Why this attempt ran: `cron`, `manual`, `rerun`, or `retry` for attempts after the first.
    public var trigger: HTTPJob.Trigger
    /// The schedule, when the job came from one.
    public var scheduleID: Int64?
    /// The schedule's name when the job was made.
    public var scheduleName: String?
    /// The fire ledger row (cron jobs).
    public var fireID: Int64?
    /// The job this one reruns.
    public var rerunOf: String?
    /// When the fire was due, epoch ms.
    public var scheduledFor: Int64?
    /// When the job was enqueued, epoch ms.
    public var enqueuedAt: Int64?
    /// When the attempt started, epoch ms.
    public var startedAt: Int64
    /// When it ended, epoch ms; nil while it runs.
    public var finishedAt: Int64?
    /// How long it took, in milliseconds (monotonic clock).
    public var durationMs: Int64?
    /// The request's method.
    public var method: String
    /// The request's URL, credentials removed.
    public var url: String
    /// The response status, when a response came.
    public var httpStatus: Int?
    /// Response header name/value pairs in order; sensitive values are `***`.
    public var responseHeaders: [[String]]?
    /// The first bytes of the response body (up to the configured limit), byte for byte.
    public var responseBody: Data?
    /// The full size of the response body in bytes, of which ``responseBody`` is the start.
    public var responseSize: Int64?
    /// How the attempt ended; nil while it runs.
    public var outcome: ExecutionOutcome?
    /// What went wrong, for attempts that did not succeed.
    public var errorKind: ExecutionErrorKind?
    /// A one-line explanation of a failure.
    public var error: String?
    /// Whether the queue runs the job again after this attempt.
    public var willRetry: Bool
    /// The worker that ran it.
    public var worker: String?
    /// The queue that ran it; nil in attempts recorded before the queue was (schema version 7),
    /// whose queue is not known.
    public var queue: String?
    /// The job's trace id, the one sent in `traceparent`.
    public var traceID: String

    /// The name history shows and ``NameFilter`` matches: the schedule's, or the job id of an
    /// attempt without one.
    public var name: String { scheduleName ?? jobID }

    /// The status history shows, derived from the outcome.
    public var status: ExecutionStatus { ExecutionStatus(outcome: outcome, errorKind: errorKind, willRetry: willRetry) }

    enum CodingKeys: String, CodingKey {
        case recordID = "record_id"
        case id
        case jobID = "job_id"
        case attempt
        case maxAttempts = "max_attempts"
        case trigger
        case scheduleID = "schedule_id"
        case scheduleName = "schedule_name"
        case fireID = "fire_id"
        case rerunOf = "rerun_of"
        case scheduledFor = "scheduled_for"
        case enqueuedAt = "enqueued_at"
        case startedAt = "started_at"
        case finishedAt = "finished_at"
        case durationMs = "duration_ms"
        case method, url
        case httpStatus = "http_status"
        case responseHeaders = "response_headers"
        case responseBody = "response_body"
        case responseSize = "response_size"
        case outcome
        case errorKind = "error_kind"
        case error
        case willRetry = "will_retry"
        case worker
        case queue
        case traceID = "trace_id"
    }

    /// A record of an attempt that has just started.
    public init(
        recordID: UUID = UUID(), jobID: String, attempt: Int, maxAttempts: Int, trigger: HTTPJob.Trigger, scheduleID: Int64? = nil,
        scheduleName: String? = nil, fireID: Int64? = nil, rerunOf: String? = nil, scheduledFor: Int64? = nil, enqueuedAt: Int64? = nil,
        startedAt: Int64, method: String, url: String, worker: String? = nil, queue: String? = nil, traceID: String
    ) {
        self.recordID = recordID
        self.jobID = jobID
        self.attempt = attempt
        self.maxAttempts = maxAttempts
        self.trigger = trigger
        self.scheduleID = scheduleID
        self.scheduleName = scheduleName
        self.fireID = fireID
        self.rerunOf = rerunOf
        self.scheduledFor = scheduledFor
        self.enqueuedAt = enqueuedAt
        self.startedAt = startedAt
        self.method = method
        self.url = url
        self.willRetry = false
        self.worker = worker
        self.queue = queue
        self.traceID = traceID
    }
}
