/// Per-job policies: how many attempts, how long between them, how long one may run.
package struct JobOptions: Sendable, Equatable {
    /// Attempts in all, the first included (default 3).
    package var attempts: Int
    /// Delay between attempts (default exponential from 1 s).
    package var backoff: Backoff
    /// An attempt running longer is cancelled and counts as failed; nil for no limit.
    package var timeout: Duration?

    /// Creates options; the defaults are 3 attempts, ``Backoff/standard`` and no timeout.
    package init(attempts: Int = 3, backoff: Backoff = .standard, timeout: Duration? = nil) {
        self.attempts = max(1, attempts)
        self.backoff = backoff
        self.timeout = timeout
    }

    /// The stored form: `attempts|backoff|timeout ms` (0 for no timeout).
    var stored: String { "\(attempts)|\(backoff)|\(timeout?.milliseconds ?? 0)" }

    /// Parses the stored form.
    init?(stored text: String) {
        let parts = text.split(separator: "|", omittingEmptySubsequences: false)
        guard parts.count == 3, let attempts = Int(parts[0]), let backoff = Backoff(stored: String(parts[1])), let timeout = Int64(parts[2])
        else { return nil }
        self.init(attempts: attempts, backoff: backoff, timeout: timeout > 0 ? .milliseconds(timeout) : nil)
    }
}
