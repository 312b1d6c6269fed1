/// What a task waiting for a connection is given.
enum PoolLease: Sendable {
    /// An open connection to use.
    case connection(PostgresConnection)
    /// A free slot: the task opens a connection itself.
    case open
    /// No connection: the pool is closed or the task was cancelled.
    case failure(PostgresError)
}
