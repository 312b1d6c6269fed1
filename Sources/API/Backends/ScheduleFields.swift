/// A schedule's fields as a JSON body gives them, each nil when not given: the same text forms as the
/// `schedule add|edit` flags, so the same validators check them (a JSON number for `timeout` or
/// `attempts` arrives here as its text).
///
/// It mirrors the engine's `ScheduleInput` field for field; a backend turns it into one.
public struct ScheduleFields: Sendable, Equatable {
    /// `name`.
    public var name: String?
    /// `cron`.
    public var cron: String?
    /// `tz`.
    public var timeZone: String?
    /// `method`.
    public var method: String?
    /// `url`.
    public var url: String?
    /// `headers`: `Name: value` lines; when given, they replace every header.
    public var headers: [String]?
    /// `body`; an empty body removes it.
    public var body: String?
    /// `timeout`: `500ms`, `30s`, `5m` (a bare number is seconds).
    public var timeout: String?
    /// `attempts`: 1-100.
    public var attempts: String?
    /// `backoff`: `exponential[:base[:cap]]`, `fixed:<delay>` or `none`.
    public var backoff: String?
    /// `missed`: `skip`, `run_once` or `run_all[:cap]`.
    public var missed: String?
    /// `overlap`: `allow`, `skip` or `queue_one`.
    public var overlap: String?
    /// `pause_after_failures`: `off` or 1-1000.
    public var pauseAfterFailures: String?
    /// `enabled`: false creates it paused.
    public var enabled: Bool?

    /// Nothing given.
    public init() {}

    /// The JSON keys a body may hold, in the order the flags are checked.
    public static let keys = [
        "name", "cron", "tz", "method", "url", "headers", "body", "timeout", "attempts", "backoff", "missed", "overlap",
        "pause_after_failures", "enabled",
    ]

    /// True when nothing is given.
    public var isEmpty: Bool { self == ScheduleFields() }
}
