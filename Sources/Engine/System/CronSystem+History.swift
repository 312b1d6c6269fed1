extension CronSystem {
    /// One keyset page of recorded attempts matching `query`, newest first.
    public func history(_ query: ExecutionQuery) async throws(PostgresError) -> ExecutionPage {
        try await store.page(query)
    }

    /// The attempt with row id `id`; nil when there is none.
    public func execution(id: Int64) async throws(PostgresError) -> ExecutionRecord? {
        try await store.execution(id: id)
    }
}

extension CronSystem {
    /// The row id of each recorded attempt of `jobIDs`, by job id and then attempt number (an
    /// attempt not written yet is absent): how a reader of the events finds their executions.
    public func executionIDs(forJobs jobIDs: some Collection<String>) async throws(PostgresError) -> [String: [Int: Int64]] {
        try await store.executionIDs(forJobs: jobIDs)
    }
}
