extension CronSystem {
    /// A job made by ``rerunJob(_:by:)``.
    public typealias Rerun = QueueService.Rerun

    /// Runs the failed job `id` of the queue `name` again from its first attempt. Audited. Without
    /// a name, the default queue's job, or else the job of the one other queue history says ran it.
    public func retryJob(_ id: String, queue name: String? = nil, by caller: Caller) async throws(QueueError) {
        do {
            try await queueService.retry(id, queue: name, by: caller)
        } catch  where error.code == .notFound && name == nil {
            try await queueService.retry(id, queue: try await queueThatRan(id, notFound: error), by: caller)
        }
    }

    /// Copies the finished job `id` of the queue `name` into a new job of that queue linked to it.
    /// Audited. Without a name, the default queue's job, or else the job of the one other queue
    /// history says ran it.
    public func rerunJob(_ id: String, queue name: String? = nil, by caller: Caller) async throws(QueueError) -> Rerun {
        do {
            return try await queueService.rerun(id, queue: name, by: caller)
        } catch  where error.code == .notFound && name == nil {
            return try await queueService.rerun(id, queue: try await queueThatRan(id, notFound: error), by: caller)
        }
    }

    /// The queue other than the default one whose attempts of job `id` history recorded; throws
    /// `notFound` when there is none (or history cannot be read), and names the queues when
    /// there are several.
    private func queueThatRan(_ id: String, notFound: QueueError) async throws(QueueError) -> String {
        guard let page = try? await history(ExecutionQuery(jobID: id, limit: 100)) else { throw notFound }
        let queues = Set(page.records.compactMap(\.queue)).subtracting([queueName]).sorted()
        switch queues.count {
        case 0: throw notFound
        case 1: return queues[0]
        default:
            throw QueueError(
                .notFound, "job \(id) is not in queue \(queueName); queues \(queues.joined(separator: ", ")) ran a job of that id: name one")
        }
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
