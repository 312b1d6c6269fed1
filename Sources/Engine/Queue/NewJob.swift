/// A job to enqueue.
package struct NewJob: Sendable {
    /// A caller-chosen id makes enqueueing idempotent: the same id twice gives one job. Nil: the queue
    /// numbers it. Ids may not contain `{`, `}` or whitespace.
    package var id: String?
    /// Opaque bytes for the worker.
    package var payload: [UInt8]
    /// Attempts, backoff, timeout.
    package var options: JobOptions
    /// Run no earlier than this long from now.
    package var delay: Duration
    /// The trace id carried from the fire to the outgoing request.
    package var traceID: String
    /// The job this one reruns, if any.
    package var rerunOf: String?
    /// The name of the schedule it runs for, if any: kept with the job (and its reruns) and carried
    /// by every event about it, so readers of the events need not look it up.
    package var schedule: String?

    /// Creates a job.
    package init(
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
