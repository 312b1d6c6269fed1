import Engine

/// What the dashboard reads and asks of the system. The engine adapts its façade to this
/// (``EngineDashboardSource``); tests give their own.
///
/// Every method may throw when the system is unreachable: the dashboard keeps its last good data and
/// shows "disconnected, retrying". Strings in the values are untrusted and are sanitized when drawn.
protocol DashboardSource: Sendable {
    /// The counters of the queue `queue` (nil: the default queue), workers, leader, schedules and
    /// the queues in sight, taken now. Throws when Redis fails; when only PostgreSQL does, the
    /// snapshot carries the Redis part and says why the schedules are missing
    /// (``DashboardSnapshot/databaseProblem``).
    func snapshot(queue: String?) async throws -> DashboardSnapshot

    /// One page of executions, newest first, filtered by the database (so pages stay full).
    func history(_ query: ExecutionQuery) async throws -> ExecutionPage

    /// One execution in full; nil when it no longer exists.
    func execution(id: Int64) async throws -> ExecutionDetail?

    /// The id of the execution that recorded `attempt` of job `jobID`; nil while it is not recorded.
    func executionID(jobID: String, attempt: Int) async throws -> Int64?

    /// The newest `limit` events of the queue `queue` (nil: the default queue), oldest first, to
    /// fill the feed on start, after a reconnect and after a switch of queue.
    func recentEvents(limit: Int, queue: String?) async throws -> [DashboardEvent]

    /// The events of the queue `queue` (nil: the default queue) after the one with id `lastID`
    /// (nil: those from now on), as they happen, until the stream fails or the consumer stops
    /// iterating. After a failure the feed asks again from the last id it saw, so nothing is lost
    /// or shown twice.
    func events(after lastID: String?, queue: String?) -> AsyncThrowingStream<DashboardEvent, any Error>

    /// Carries out an operator's command and says what happened in one line (shown as a flash
    /// message and in the event feed); throws when it was refused or failed.
    func perform(_ command: OperatorCommand) async throws -> String
}
