/// How an ``ExecutionRecorder`` batches.
package struct ExecutionRecorderOptions: Sendable {
    /// The longest a record waits before its batch is written (default 50 ms).
    package var flushInterval: Duration = .milliseconds(50)
    /// A batch is written at once when this many records wait (default 500).
    package var batchSize: Int = 500
    /// While PostgreSQL is unreachable, how often it is tried again (default 1 s).
    package var retryInterval: Duration = .seconds(1)
    /// Records kept in memory when neither PostgreSQL nor the Redis outbox takes them; beyond
    /// this the oldest are dropped, with an error logged (default 100,000).
    package var maxPending: Int = 100_000

    /// The defaults.
    package init() {}
}
