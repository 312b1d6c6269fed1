/// Lets a repeated log line through once per period, and counts the ones it held back: during an
/// outage every retry fails the same way, and one line (with the count) says as much as hundreds.
public struct LogThrottle: Sendable {
    /// Milliseconds between two lines of one kind.
    public let period: Int64
    private var last: [String: Int64] = [:]
    private var held: [String: Int] = [:]

    /// A throttle letting one line of a kind through per `period` milliseconds.
    public init(period: Int64) {
        self.period = period
    }

    /// Whether a line of `kind` may be written at `now` (epoch ms), and how many were held back
    /// since the last one.
    public mutating func allow(_ kind: String, now: Int64) -> (allowed: Bool, held: Int) {
        if let previous = last[kind], now - previous < period {
            held[kind, default: 0] += 1
            return (false, 0)
        }
        last[kind] = now
        return (true, held.removeValue(forKey: kind) ?? 0)
    }

    /// Forgets `kind`, so its next line is written at once (the failure ended).
    public mutating func reset(_ kind: String) {
        last[kind] = nil
        held[kind] = nil
    }
}
