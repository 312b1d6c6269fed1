/// A field that holds a duration (a flag, an environment variable, a body field), with the least
/// and most it accepts, so every front end reads it with ``DurationText``'s grammar and words a bad
/// value the same way: `'2h' is not a duration from 1ms to 1h (e.g. 500ms, 30s, 5m)`.
public struct DurationField: Sendable {
    /// The shortest duration accepted, in milliseconds.
    public var least: Int64
    /// The longest duration accepted, in milliseconds.
    public var most: Int64
    /// Values shown in the error, e.g. `["500ms", "30s"]`.
    public var examples: [String]

    /// A field accepting `least...most` milliseconds.
    public init(from least: Int64, to most: Int64, examples: [String]) {
        self.least = least
        self.most = most
        self.examples = examples
    }

    /// The duration `text` spells, in milliseconds, when it is within the limits; else nil.
    public func milliseconds(_ text: String) -> Int64? {
        DurationText.milliseconds(text, max: most).flatMap { $0 >= least ? $0 : nil }
    }

    /// What the field accepts: `a duration from 1ms to 1h (e.g. 500ms, 30s, 5m)`.
    public var expectation: String {
        let limits =
            least == 0
            ? "up to " + DurationText.format(milliseconds: most)
            : "from \(DurationText.format(milliseconds: least)) to \(DurationText.format(milliseconds: most))"
        return "a duration " + limits + (examples.isEmpty ? "" : " (e.g. " + examples.joined(separator: ", ") + ")")
    }

    /// Why `text` is refused, on one line: `'2h' is not a duration from 1ms to 1h (e.g. 500ms, 30s, 5m)`.
    public func reason(_ text: String) -> String {
        ErrorText.quote(text) + " is not " + expectation
    }
}

extension DurationField {
    /// `JOB_LOCK_TTL`: 1 s to 1 h.
    public static let jobLockTTL = DurationField(from: 1_000, to: 3_600_000, examples: ["10s", "1m"])
    /// `LOGIN_DEADLINE`: 1 s to 1 h.
    public static let loginDeadline = DurationField(from: 1_000, to: 3_600_000, examples: ["30s", "5m"])
    /// `DEDUPE_WINDOW`: up to 24 h (0 turns it off).
    public static let dedupeWindow = DurationField(from: 0, to: 86_400_000, examples: ["0", "500ms", "30s", "5m"])

    /// A retention period (`HISTORY_RETENTION`, `QUEUE_FAILED_MAX_AGE`, ...): `least` to 3650 days;
    /// 0 keeps for ever, which the reader checks first.
    public static func retention(least: Int64) -> DurationField {
        DurationField(from: least, to: 3_650 * 86_400_000, examples: ["12h", "30d"])
    }
}
