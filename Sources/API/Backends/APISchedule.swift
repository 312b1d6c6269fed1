import Engine

/// A schedule as the API shows it. Secrets are already masked: header values such as
/// `Authorization` and a password in the URL read `***`.
public struct APISchedule: Sendable, Equatable {
    /// The id.
    public var id: Int64
    /// The unique name.
    public var name: String
    /// The cron expression, as written.
    public var cron: String
    /// The IANA zone it is evaluated in.
    public var timeZone: String
    /// The request's method.
    public var method: String
    /// The request's URL, a password masked.
    public var url: String
    /// `Name: value` lines, secret values masked.
    public var headers: [String]
    /// The request body as text, if any.
    public var body: String?
    /// How long one attempt may take, in milliseconds.
    public var timeoutMs: Int
    /// Attempts per fire.
    public var attempts: Int
    /// The backoff in its text form (`exponential:1s:5m`).
    public var backoff: String
    /// The missed-fire policy in its text form (`skip`, `run_once`, `run_all:N`).
    public var missed: String
    /// The overlap policy (`allow`, `skip`, `queue_one`).
    public var overlap: String
    /// False while paused.
    public var enabled: Bool
    /// Pause after this many consecutive failures; nil never.
    public var pauseAfterFailures: Int?
    /// Failed jobs in a row.
    public var consecutiveFailures: Int
    /// Created, epoch ms.
    public var createdAt: Int64
    /// Last changed, epoch ms.
    public var updatedAt: Int64

    /// Creates a schedule view.
    public init(
        id: Int64, name: String, cron: String, timeZone: String = "UTC", method: String = "GET", url: String, headers: [String] = [],
        body: String? = nil, timeoutMs: Int = 30_000, attempts: Int = ScheduleDefinition.defaultAttempts, backoff: String = "exponential:1s:5m",
        missed: String = "skip",
        overlap: String = "allow", enabled: Bool = true, pauseAfterFailures: Int? = nil, consecutiveFailures: Int = 0, createdAt: Int64,
        updatedAt: Int64
    ) {
        self.id = id
        self.name = name
        self.cron = cron
        self.timeZone = timeZone
        self.method = method
        self.url = url
        self.headers = headers
        self.body = body
        self.timeoutMs = timeoutMs
        self.attempts = attempts
        self.backoff = backoff
        self.missed = missed
        self.overlap = overlap
        self.enabled = enabled
        self.pauseAfterFailures = pauseAfterFailures
        self.consecutiveFailures = consecutiveFailures
        self.createdAt = createdAt
        self.updatedAt = updatedAt
    }
}
