/// A stored schedule: its id, what the operator set, and what the system keeps about it.
public struct Schedule: Sendable, Equatable, Identifiable, Codable {
    /// The id, assigned when it was created.
    public var id: Int64
    /// What the operator set.
    public var definition: ScheduleDefinition
    /// Failed jobs in a row (reset by a success), for ``ScheduleDefinition/pauseAfterFailures``.
    public var consecutiveFailures: Int
    /// When it was created, epoch milliseconds.
    public var createdAt: Int64
    /// When it was last changed, epoch milliseconds.
    public var updatedAt: Int64
    /// Since when its slots count: created, resumed, or its cron or zone changed. Earlier slots
    /// are never missed ones.
    public var activeSince: Int64

    /// Creates a stored schedule.
    public init(id: Int64, definition: ScheduleDefinition, consecutiveFailures: Int = 0, createdAt: Int64, updatedAt: Int64, activeSince: Int64) {
        self.id = id
        self.definition = definition
        self.consecutiveFailures = consecutiveFailures
        self.createdAt = createdAt
        self.updatedAt = updatedAt
        self.activeSince = activeSince
    }

    /// The name.
    public var name: String { definition.name }

    /// The HTTP request one fire makes.
    public var request: HTTPJob.Request {
        HTTPJob.Request(
            method: definition.method, url: definition.url, headers: definition.headers.map { [$0.name, $0.value] }, body: definition.body,
            timeoutMs: definition.timeoutMs)
    }

    /// The queue options of its jobs: attempts, backoff, and the worker pool's limit on one attempt.
    ///
    /// The request's own timeout (``HTTPJob/Request/timeoutMs``) is the one that decides an attempt
    /// timed out: the executor records it as `timed_out`, and it retries like any retryable failure.
    /// The pool's limit is a backstop ``poolTimeoutMargin`` beyond it, so it never cuts a slow
    /// request short before the executor has classified it.
    package var jobOptions: JobOptions {
        JobOptions(
            attempts: definition.attempts, backoff: definition.backoff, timeout: .milliseconds(definition.timeoutMs) + Self.poolTimeoutMargin)
    }

    /// How much longer than the request's timeout the worker pool lets an attempt of a schedule's
    /// job run before cancelling it: enough for the executor's timer, its classification and the
    /// recording to happen first on a loaded machine.
    public static let poolTimeoutMargin = Duration.seconds(5)
}

extension Schedule {
    /// The URL as listings show it: a password in it (`https://user:secret@host/`) becomes `***`.
    public var displayURL: String {
        Redaction.message(definition.url)
    }
}
