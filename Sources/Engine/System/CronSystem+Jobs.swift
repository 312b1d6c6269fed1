extension CronSystem {
    /// A job made by ``rerunJob(_:by:)``.
    public typealias Rerun = QueueService.Rerun

    /// Runs the failed job `id` of the queue `name` (nil: the default queue) again from its first
    /// attempt. Audited.
    public func retryJob(_ id: String, queue name: String? = nil, by caller: Caller) async throws(QueueError) {
        try await queueService.retry(id, queue: name, by: caller)
    }

    /// Copies the finished job `id` of the queue `name` (nil: the default queue) into a new job of
    /// that queue linked to it. Audited.
    public func rerunJob(_ id: String, queue name: String? = nil, by caller: Caller) async throws(QueueError) -> Rerun {
        try await queueService.rerun(id, queue: name, by: caller)
    }

    /// Pauses (`paused` true) or resumes the queue `name` (nil: the default queue); whether that
    /// changed anything (only a change is audited).
    @discardableResult
    public func setQueuePaused(_ paused: Bool, queue name: String? = nil, by caller: Caller) async throws(QueueError) -> Bool {
        try await queueService.setPaused(paused, queue: name, by: caller)
    }

    /// The newest audit entries, before the entry `beforeID` when given.
    public func auditLog(before beforeID: Int64? = nil, limit: Int = 50) async throws(PostgresError) -> [AuditEntry] {
        try await queueService.audit.recent(before: beforeID, limit: limit)
    }
}
