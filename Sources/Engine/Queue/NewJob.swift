/// A job to enqueue.
public struct NewJob: Sendable {
    /// A caller-chosen id makes enqueueing idempotent: the same id twice gives one job. Nil: the queue
    /// numbers it. Ids may not contain `{`, `}` or whitespace.
    public var id: String?
    /// Opaque bytes for the worker.
    public var payload: [UInt8]
    /// Attempts, backoff, timeout.
    public var options: JobOptions
    /// Run no earlier than this long from now.
    public var delay: Duration
    /// The trace id carried from the fire to the outgoing request.
    public var traceID: String
    /// The job this one reruns, if any.
    public var rerunOf: String?
    /// The name of the schedule it runs for, if any: kept with the job (and its reruns) and carried
    /// by every event about it, so readers of the events need not look it up.
    public var schedule: String?

    /// Creates a job.
    public init(
        id: String? = nil, payload: [UInt8], options: JobOptions = JobOptions(), delay: Duration = .zero,
        traceID: String = TraceID.random(), rerunOf: String? = nil, schedule: String? = nil
    ) {
        self.id = id
        self.payload = payload
        self.options = options
        self.delay = delay
        self.traceID = traceID
        self.rerunOf = rerunOf
        self.schedule = schedule
    }
}

/// W3C-style trace ids: 32 lowercase hex digits.
public enum TraceID {
    /// A new random trace id.
    public static func random() -> String {
        FastRandom.hex(FastRandom.next()) + FastRandom.hex(FastRandom.next())
    }
}
