import Foundation

/// A schedule's fields as an operator types them (the `schedule add|edit` flags, the API's JSON):
/// text, each nil when not given. ``definition(updating:)`` turns it into a checked
/// ``ScheduleDefinition`` or names the first bad field.
public struct ScheduleInput: Sendable, Equatable {
    /// `--name`.
    public var name: String?
    /// `--cron`.
    public var cron: String?
    /// `--tz`.
    public var timeZone: String?
    /// `--method` (any case).
    public var method: String?
    /// `--url`.
    public var url: String?
    /// `--header 'Name: value'`, repeatable; when given, replaces every header (an empty list
    /// removes them all).
    public var headers: [String]?
    /// `--body`; an empty body removes it.
    public var body: String?
    /// `--timeout`: a duration (``DurationText``) from 1ms to 1h: `500ms`, `30s`, `5m`.
    public var timeout: String?
    /// `--attempts`: 1-100.
    public var attempts: String?
    /// `--backoff`: `exponential[:base[:cap]]`, `fixed:<delay>` or `none`.
    public var backoff: String?
    /// `--missed`: `skip`, `run_once` or `run_all[:cap]`.
    public var missed: String?
    /// `--overlap`: `allow`, `skip` or `queue_one`.
    public var overlap: String?
    /// `--pause-after-failures`: `off` or 1-1000.
    public var pauseAfterFailures: String?
    /// `--job-queue`: the queue its jobs go to; an empty one moves it back to the default queue.
    public var queue: String?
    /// False to create it paused (`--paused`); changed afterwards with pause and resume.
    public var enabled: Bool?

    /// An input with nothing given.
    public init(
        name: String? = nil, cron: String? = nil, timeZone: String? = nil, method: String? = nil, url: String? = nil, headers: [String]? = nil,
        body: String? = nil, timeout: String? = nil, attempts: String? = nil, backoff: String? = nil, missed: String? = nil,
        overlap: String? = nil, pauseAfterFailures: String? = nil, queue: String? = nil, enabled: Bool? = nil
    ) {
        self.name = name
        self.cron = cron
        self.timeZone = timeZone
        self.method = method
        self.url = url
        self.headers = headers
        self.body = body
        self.timeout = timeout
        self.attempts = attempts
        self.backoff = backoff
        self.missed = missed
        self.overlap = overlap
        self.pauseAfterFailures = pauseAfterFailures
        self.queue = queue
        self.enabled = enabled
    }

    /// True when no field is given.
    public var isEmpty: Bool { self == ScheduleInput() }

    /// The definition these fields give: a new schedule when `base` is nil (name, cron and URL
    /// are then required), or `base` with the given fields changed. Every field is checked, in the
    /// order of the flags; throws a ``ScheduleError`` naming the first bad one.
    public func definition(updating base: ScheduleDefinition? = nil) throws(ScheduleError) -> ScheduleDefinition {
        func required(_ value: String?, _ field: String) throws(ScheduleError) -> String {
            if let value { return value }
            if let base {
                switch field {
                case "name": return base.name
                case "cron": return base.cron
                default: return base.url
                }
            }
            throw .invalid(field, "is required")
        }
        var givenURL = url
        if let url { givenURL = try Self.unmasked(url: url, base: base) }
        var d = ScheduleDefinition(
            name: try required(name, "name"), cron: String(try required(cron, "cron").trimmingBlanks()), url: try required(givenURL, "url"))
        if let base {
            let (name, cron, url) = (d.name, d.cron, d.url)
            d = base
            (d.name, d.cron, d.url) = (name, cron, url)
        }
        if let timeZone { d.timeZone = String(timeZone.trimmingBlanks()) }
        if let method { d.method = String(method.trimmingBlanks()).uppercased() }
        if let headers {
            var parsed: [ScheduleHeader] = []
            for line in headers {
                let header = try ScheduleHeader(line: line)
                // The HTTP client frames the request and names the host itself; a value given here
                // would be silently replaced, or worse, disagree with the real framing.
                guard !ScheduleHeader.reservedNames.contains(header.name.lowercased()) else {
                    throw .invalid("header", "\(header.name) is set by the HTTP client and cannot be a schedule header")
                }
                parsed.append(header)
            }
            d.headers = try Self.unmasked(headers: parsed, base: base)
        }
        if let body { d.body = body.isEmpty ? nil : Data(body.utf8) }
        // The fields so far, checked before the ones below are read, so the first bad field in
        // flag order is the one named.
        try d.validate()
        if let ms = try Self.parse(timeout, "timeout", DurationField.scheduleTimeout.expectation, DurationField.scheduleTimeout.milliseconds) {
            d.timeoutMs = Int(ms)
        }
        if let n = try Self.parse(
            attempts, "attempts", "a whole number from 1 to 100",
            {
                Int($0.trimmingBlanks()).flatMap { ScheduleDefinition.attemptsRange.contains($0) ? $0 : nil }
            })
        {
            d.attempts = n
        }
        if let parsed = try Self.parse(backoff, "backoff", "exponential[:base[:cap]], fixed:<delay> or none", Backoff.init(scheduleText:)) {
            d.backoff = parsed
        }
        if let parsed = try Self.parse(missed, "missed", "skip, run_once or run_all[:cap] (cap 1-1000)", MissedFirePolicy.init(text:)) {
            d.missed = parsed
        }
        if let parsed = try Self.parse(overlap, "overlap", "allow, skip or queue_one", OverlapPolicy.init(text:)) {
            d.overlap = parsed
        }
        if let pauseAfterFailures {
            let text = pauseAfterFailures.trimmingBlanks().lowercased()
            if text == "off" || text == "0" {
                d.pauseAfterFailures = nil
            } else {
                guard let n = Int(text), ScheduleDefinition.pauseAfterRange.contains(n) else {
                    throw .invalid(
                        "pause-after-failures", "\(ErrorText.quote(pauseAfterFailures)) is not off (or 0) or a whole number from 1 to 1000")
                }
                d.pauseAfterFailures = n
            }
        }
        if let queue { d.queue = queue.isEmpty ? nil : queue }
        if let enabled { d.enabled = enabled }
        try d.validate()
        return d
    }

    /// `text` read by `parse`; nil when not given; a bad value is `field`'s error saying what was
    /// `expected`.
    private static func parse<T>(_ text: String?, _ field: String, _ expected: String, _ parse: (String) -> T?) throws(ScheduleError) -> T? {
        guard let text else { return nil }
        guard let value = parse(text) else { throw .invalid(field, "\(ErrorText.quote(text)) is not \(expected)") }
        return value
    }
}
