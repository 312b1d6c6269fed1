/// A job as the queue stores it.
package struct Job: Sendable, Equatable {
    /// The job id.
    package var id: String
    /// Opaque bytes for the worker.
    package var payload: [UInt8]
    /// Attempts, backoff, timeout.
    package var options: JobOptions
    /// Its current state.
    package var state: JobState
    /// Attempts started so far (the running one included while active).
    package var attemptsMade: Int
    /// How many times its lock expired and it was taken back.
    package var stalls: Int
    /// Epoch milliseconds it was enqueued.
    package var enqueuedAt: Int64
    /// Epoch milliseconds its latest attempt started, if any.
    package var startedAt: Int64?
    /// Epoch milliseconds it completed or failed for good, if it has.
    package var finishedAt: Int64?
    /// The error of its latest failed attempt.
    package var lastError: String?
    /// The class of its latest failed attempt, when the worker knew it.
    package var lastErrorKind: ExecutionErrorKind?
    /// The trace id carried from the fire to the outgoing request.
    package var traceID: String
    /// The job this one reruns, if any.
    package var rerunOf: String?
    /// The worker that ran its latest attempt.
    package var worker: String?
    /// The name of the schedule it runs for, if it was enqueued with one.
    package var schedule: String?

    /// Decodes the flat field/value array of `HGETALL`; nil when the hash is missing or malformed.
    init?(id: String, fields: [RedisValue]) {
        var map: [String: RedisValue] = [:]
        var i = 0
        while i + 1 < fields.count {
            if let key = fields[i].string { map[key] = fields[i + 1] }
            i += 2
        }
        guard let state = map["state"]?.string.flatMap(JobState.init(rawValue:)) else { return nil }
        self.id = id
        self.payload = map["payload"]?.bytes ?? []
        self.options = map["opts"]?.string.flatMap(JobOptions.init(stored:)) ?? JobOptions()
        self.state = state
        self.attemptsMade = map["attempts_made"]?.int ?? 0
        self.stalls = map["stalls"]?.int ?? 0
        self.enqueuedAt = Int64(map["enqueued_at"]?.int ?? 0)
        self.startedAt = map["started_at"]?.int.map(Int64.init)
        self.finishedAt = map["finished_at"]?.int.map(Int64.init)
        self.lastError = map["last_error"]?.string
        self.lastErrorKind = map["last_error_class"]?.string.flatMap(ExecutionErrorKind.init(rawValue:))
        self.traceID = map["trace_id"]?.string ?? ""
        self.rerunOf = map["rerun_of"]?.string.flatMap { $0.isEmpty ? nil : $0 }
        self.worker = map["worker"]?.string
        self.schedule = map["schedule"]?.string.flatMap { $0.isEmpty ? nil : $0 }
    }
}

/// A job a worker holds: the job and the lock token that proves it.
package struct ActiveJob: Sendable {
    /// The job.
    package var job: Job
    /// The lock token; completion and failure are refused without it.
    package var token: String
}
