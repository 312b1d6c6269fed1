import Foundation

/// Everything an operator sets on a schedule: when it fires, the HTTP request it makes, and its
/// policies. ``validate()`` checks every field; the store writes nothing that does not pass.
public struct ScheduleDefinition: Sendable, Equatable, Codable {
    /// Unique; 1-128 characters, not all digits (a number names a schedule by id).
    public var name: String
    /// The cron expression (`cron-semantics.md`), as written.
    public var cron: String
    /// The IANA zone the expression is evaluated in (default `UTC`).
    public var timeZone: String
    /// GET, POST, PUT, PATCH, DELETE, HEAD or OPTIONS.
    public var method: String
    /// An absolute http or https URL.
    public var url: String
    /// Request headers, in order.
    public var headers: [ScheduleHeader]
    /// The request body, if any.
    public var body: Data?
    /// How long one attempt may take: 1 ms to 1 h (default 30 s).
    public var timeoutMs: Int
    /// Attempts per fire, the first included: 1-100 (default ``defaultAttempts``).
    public var attempts: Int
    /// The delay between attempts (default exponential from 1 s, capped at 5 min).
    public var backoff: Backoff
    /// What happens to slots missed during downtime (default `skip`).
    public var missed: MissedFirePolicy
    /// What happens to a slot due while the previous run is unfinished (default `allow`).
    public var overlap: OverlapPolicy
    /// False while paused.
    public var enabled: Bool
    /// Pause automatically after this many consecutive failed jobs; nil never (the default).
    public var pauseAfterFailures: Int?
    /// The queue its jobs go to (``QueueName``); nil: the default queue, the `QUEUE_NAME` of the
    /// processes that work it. A snapshot written before queues existed decodes as nil.
    public var queue: String?

    /// The methods a schedule may use.
    public static let methods: Set<String> = ["GET", "POST", "PUT", "PATCH", "DELETE", "HEAD", "OPTIONS"]
    /// The shortest and longest timeout, in milliseconds.
    public static let timeoutRange = 1...3_600_000
    /// The fewest and most attempts.
    public static let attemptsRange = 1...100
    /// The attempts of a schedule created without saying: the first and two retries, with the
    /// ``Backoff/standard`` backoff between them.
    public static let defaultAttempts = 3
    /// The most consecutive failures `pauseAfterFailures` may wait for.
    public static let pauseAfterRange = 1...1_000
    /// The most headers a request may carry.
    public static let maximumHeaders = 100

    /// A definition with the defaults for everything but what must be given.
    public init(
        name: String, cron: String, timeZone: String = "UTC", method: String = "GET", url: String, headers: [ScheduleHeader] = [],
        body: Data? = nil, timeoutMs: Int = 30_000, attempts: Int = Self.defaultAttempts, backoff: Backoff = .standard,
        missed: MissedFirePolicy = .skip,
        overlap: OverlapPolicy = .allow, enabled: Bool = true, pauseAfterFailures: Int? = nil, queue: String? = nil
    ) {
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
        self.queue = queue
    }

    /// Checks every field, in the order of the command-line flags, and returns the evaluated cron
    /// schedule. Throws a ``ScheduleError`` naming the first bad field.
    @discardableResult
    public func validate() throws(ScheduleError) -> CronSchedule {
        try Self.checkName(name)
        let expression: CronExpression
        do {
            expression = try CronExpression(cron)
        } catch {
            throw .invalid("cron", error.description)
        }
        let zone: CronTimeZone
        do {
            zone = try CronTimeZone(identifier: timeZone)
        } catch {
            throw .invalid("tz", error.description)
        }
        guard Self.methods.contains(method) else {
            throw .invalid("method", "\(ErrorText.quote(method)) is not one of \(Self.methods.sorted().joined(separator: ", "))")
        }
        try Self.checkURL(url)
        guard headers.count <= Self.maximumHeaders else { throw .invalid("header", "more than \(Self.maximumHeaders) headers") }
        for header in headers { _ = try ScheduleHeader(line: header.name + ": " + header.value) }
        if let body, body.count > 1_048_576 { throw .invalid("body", "longer than 1 MiB") }
        guard Self.timeoutRange.contains(timeoutMs) else { throw .invalid("timeout", "must be from 1ms to 1h") }
        guard Self.attemptsRange.contains(attempts) else { throw .invalid("attempts", "must be a whole number from 1 to 100") }
        try Self.checkBackoff(backoff)
        if case .runAll(let cap) = missed, !(1...MissedFirePolicy.maximumCap).contains(cap) {
            throw .invalid("missed", "the run_all cap must be from 1 to \(MissedFirePolicy.maximumCap)")
        }
        if let pauseAfterFailures, !Self.pauseAfterRange.contains(pauseAfterFailures) {
            throw .invalid("pause-after-failures", "must be off or a whole number from 1 to \(Self.pauseAfterRange.upperBound)")
        }
        if let queue, let problem = QueueName.problem(queue) { throw .invalid("queue", problem) }
        return CronSchedule(expression: expression, timeZone: zone)
    }

    static func checkName(_ name: String) throws(ScheduleError) {
        guard !name.isEmpty else { throw .invalid("name", "must not be empty") }
        guard name.count <= 128 else { throw .invalid("name", "longer than 128 characters") }
        guard name.trimmingBlanks().count == name.count else { throw .invalid("name", "must not start or end with a blank") }
        guard !name.unicodeScalars.contains(where: { $0.value < 0x20 || (0x7F...0x9F).contains($0.value) }) else {
            throw .invalid("name", "must not hold control characters")
        }
        guard !name.allSatisfy({ $0.isASCII && $0.isNumber }) else {
            throw .invalid("name", "must not be all digits (a number names a schedule by its id)")
        }
    }

    static func checkURL(_ url: String) throws(ScheduleError) {
        guard url.utf8.count <= 4_096 else { throw .invalid("url", "longer than 4096 bytes") }
        guard !url.unicodeScalars.contains(where: { $0.value <= 0x20 || $0.value == 0x7F }) else {
            throw .invalid("url", "must not hold spaces or control characters")
        }
        guard let parsed = URLComponents(string: url), let scheme = parsed.scheme?.lowercased() else {
            throw .invalid("url", "\(ErrorText.quote(Redaction.message(url))) is not an absolute URL")
        }
        guard scheme == "http" || scheme == "https" else {
            throw .invalid("url", "scheme '\(scheme)' is not http or https")
        }
        guard let host = parsed.host, !host.isEmpty else {
            throw .invalid("url", "\(ErrorText.quote(Redaction.message(url))) has no host")
        }
        if let port = parsed.port, !(1...65_535).contains(port) {
            throw .invalid("url", "port \(port) is not in 1-65535")
        }
    }

    static func checkBackoff(_ backoff: Backoff) throws(ScheduleError) {
        let day: Int64 = 86_400_000
        switch backoff {
        case .none: return
        case .fixed(let delay):
            guard (0...day).contains(delay.milliseconds) else { throw .invalid("backoff", "the delay must be from 0s to 24h") }
        case .exponential(let base, let cap, let jitter):
            guard (1...day).contains(base.milliseconds), (base.milliseconds...day).contains(cap.milliseconds), (0...1).contains(jitter) else {
                throw .invalid("backoff", "the base must be from 1ms to 24h and the cap from the base to 24h")
            }
        }
    }
}
