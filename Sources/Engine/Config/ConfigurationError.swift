/// A configuration value that cannot be used. `field` names the variable or flag, `reason` says why;
/// `description` is the one line shown to the operator.
public struct ConfigurationError: Error, Equatable, Sendable, CustomStringConvertible {
    /// The environment variable or flag that holds the bad value, e.g. `REDIS_URL` or `--redis-url`.
    public var field: String
    /// Why the value cannot be used.
    public var reason: String

    /// Creates an error for `field`.
    public init(field: String, reason: String) {
        self.field = field
        self.reason = reason
    }

    public var description: String { "\(field): \(reason)" }
}
