/// Where execution records are written: the one ability the ``ExecutionRecorder`` needs.
package protocol ExecutionStore: Sendable {
    /// Writes `records` at once. A record whose ``ExecutionRecord/recordID`` is already stored
    /// finishes the stored row if that row is still running, and changes nothing otherwise, so
    /// delivering a record again is harmless. Returns how many rows were inserted or finished.
    ///
    /// Throws a ``PostgresError``; codes such as ``PostgresError/Code/connectionFailed`` mean the
    /// database is away and the same records may be written later.
    func write(_ records: [ExecutionRecord]) async throws(PostgresError) -> Int
}

extension PostgresError {
    /// True when the database could not be reached (rather than refusing a statement): the work
    /// may succeed later unchanged.
    package var isUnavailable: Bool {
        code == .connectionFailed || code == .connectionLost || code == .closed || code == .cancelled
            || (sqlState.map { $0.hasPrefix("08") || $0.hasPrefix("57P") } ?? false)
    }
}
