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
