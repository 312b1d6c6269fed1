/// What the history routes need: keyset pages and single attempts. The engine's
/// `PostgresExecutionStore` (`page(_:)`, `execution(id:)`) fits it through a thin adapter.
public protocol ExecutionAPIBackend: Sendable {
    /// A page of attempts matching `query`, newest first (by start, then id).
    func page(_ query: APIExecutionQuery) async throws(APIError) -> APIExecutionPage
    /// The attempt with row id `id`, nil if there is none.
    func execution(id: Int64) async throws(APIError) -> APIExecution?
}
