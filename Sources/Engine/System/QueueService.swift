/// What the command line and the dashboard do with the queue and its jobs: pause and resume the
/// queue, retry a failed job, rerun a finished one. Every change is audited (who, from which
/// interface) with the actions and targets the HTTP API records: `queue.pause` and `queue.resume`
/// on `queue <name>`, `job.retry` and `job.rerun` on `job <id>`.
///
/// ```swift
/// let service = QueueService(queue: queue, database: pool)
/// let rerun = try await service.rerun("42:1767225600000", by: .init(actor: "ana", interface: .dashboard))
/// print(rerun.jobID, rerun.traceID)
/// ```
public struct QueueService: Sendable {
    /// Who asks, for the audit log (the same as the schedules').
    public typealias Caller = ScheduleService.Caller

    /// A job made by ``rerun(_:by:)``.
    public struct Rerun: Sendable, Equatable {
        /// The new job.
        public var jobID: String
        /// Its trace id, carried to the request.
        public var traceID: String
    }

    /// The queue acted on.
    package let queue: JobQueue
    /// The audit log.
    package let audit: AuditStore

    /// A service over `queue`, auditing in `database`.
    package init(queue: JobQueue, database: PostgresPool, clock: any QueueClock = SystemQueueClock()) {
        self.queue = queue
        self.audit = AuditStore(pool: database, clock: clock)
    }

    /// Pauses (`paused` true) or resumes the queue (or the queue `name` on the same Redis); returns
    /// whether that changed anything (only a change is audited).
    @discardableResult
    public func setPaused(_ paused: Bool, queue name: String? = nil, by caller: Caller) async throws(QueueError) -> Bool {
        let queue = name.map(self.queue.sibling(named:)) ?? self.queue
        let changed = paused ? try await queue.pause() : try await queue.resume()
        if changed { try await record(caller, paused ? "queue.pause" : "queue.resume", "queue \(queue.name)") }
        return changed
    }

    /// Runs the failed job `id` (of the queue `name` on the same Redis, when given) again from its
    /// first attempt.
    public func retry(_ id: String, queue name: String? = nil, by caller: Caller) async throws(QueueError) {
        try await (name.map(queue.sibling(named:)) ?? queue).retry(id)
        try await record(caller, "job.retry", "job \(id)")
    }

    /// Copies the finished job `id` (of the queue `name` on the same Redis, when given) into a new
    /// job linked to it, in the same queue.
    public func rerun(_ id: String, queue name: String? = nil, by caller: Caller) async throws(QueueError) -> Rerun {
        let traceID = TraceID.random()
        let queue = name.map(self.queue.sibling(named:)) ?? self.queue
        let newID = try await queue.rerun(id, traceID: traceID)
        try await record(caller, "job.rerun", "job \(id)", ["job_id": newID, "trace_id": traceID])
        return Rerun(jobID: newID, traceID: traceID)
    }

    private func record(_ caller: Caller, _ action: String, _ target: String, _ details: [String: String] = [:]) async throws(QueueError) {
        do {
            try await audit.record(AuditEntry(actor: caller.actor, interface: caller.interface, action: action, target: target, details: details))
        } catch {
            throw QueueError(.audit, "\(action) of \(target) was done, but recording it in the audit log failed: \(error)")
        }
    }
}
