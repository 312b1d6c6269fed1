/// One recorded attempt as the API shows it: the fields of `crontui history --json`, instants as
/// epoch milliseconds (the API writes them in ISO 8601).
public struct APIExecution: Sendable, Equatable {
    /// The row id.
    public var id: Int64
    /// The keyset cursor of this row (`<µs>.<id>`): a page that ends here continues after it.
    public var cursor: String?
    /// The attempt's idempotency key.
    public var recordID: String
    /// The queue job.
    public var jobID: String
    /// This attempt's number, from 1.
    public var attempt: Int
    /// Attempts the job may make.
    public var maxAttempts: Int
    /// `cron`, `manual`, `retry` or `rerun`.
    public var trigger: String
    /// `succeeded`, `failed`, `retrying`, `running` or `timed_out`.
    public var status: String
    /// `success`, `retryable`, `permanent`, `interrupted`; nil while it runs.
    public var outcome: String?
    /// What went wrong (`http`, `timeout`, `connection`, ...).
    public var errorKind: String?
    /// A one-line explanation of a failure.
    public var error: String?
    /// The response status.
    public var httpStatus: Int?
    /// How long it took.
    public var durationMs: Int64?
    /// The schedule's id, name when the job was made, and the fire.
    public var scheduleID: Int64?
    public var scheduleName: String?
    public var fireID: Int64?
    /// The job a rerun copies.
    public var rerunOf: String?
    /// Instants, epoch ms.
    public var scheduledFor: Int64?
    public var enqueuedAt: Int64?
    public var startedAt: Int64
    public var finishedAt: Int64?
    /// The request.
    public var method: String
    public var url: String
    /// Response headers (secret values masked), shown by the single-execution route only.
    public var responseHeaders: [[String]]?
    /// The full response size in bytes.
    public var responseSize: Int64?
    /// The first bytes of the response body, shown by the single-execution route only.
    public var responseBody: [UInt8]?
    /// The worker.
    public var worker: String?
    /// The trace id.
    public var traceID: String

    /// Creates an execution view.
    public init(
        id: Int64, cursor: String? = nil, recordID: String = "", jobID: String, attempt: Int = 1, maxAttempts: Int = 1, trigger: String = "cron",
        status: String, outcome: String? = nil, errorKind: String? = nil, error: String? = nil, httpStatus: Int? = nil, durationMs: Int64? = nil,
        scheduleID: Int64? = nil, scheduleName: String? = nil, fireID: Int64? = nil, rerunOf: String? = nil, scheduledFor: Int64? = nil,
        enqueuedAt: Int64? = nil, startedAt: Int64, finishedAt: Int64? = nil, method: String = "GET", url: String = "",
        responseHeaders: [[String]]? = nil, responseSize: Int64? = nil, responseBody: [UInt8]? = nil, worker: String? = nil, traceID: String = ""
    ) {
        self.id = id
        self.cursor = cursor
        self.recordID = recordID
        self.jobID = jobID
        self.attempt = attempt
        self.maxAttempts = maxAttempts
        self.trigger = trigger
        self.status = status
        self.outcome = outcome
        self.errorKind = errorKind
        self.error = error
        self.httpStatus = httpStatus
        self.durationMs = durationMs
        self.scheduleID = scheduleID
        self.scheduleName = scheduleName
        self.fireID = fireID
        self.rerunOf = rerunOf
        self.scheduledFor = scheduledFor
        self.enqueuedAt = enqueuedAt
        self.startedAt = startedAt
        self.finishedAt = finishedAt
        self.method = method
        self.url = url
        self.responseHeaders = responseHeaders
        self.responseSize = responseSize
        self.responseBody = responseBody
        self.worker = worker
        self.traceID = traceID
    }
}
