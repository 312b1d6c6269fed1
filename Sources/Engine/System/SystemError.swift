/// What the façade refuses on its own account: a schema that is behind, a service that cannot be
/// used. The subsystems' errors (``ScheduleError``, ``QueueError``) pass through unchanged.
public struct SystemError: SubsystemError {
    /// The kind of refusal.
    public enum Code: String, Sendable {
        /// The database's schema is older than this build's: run `crontui migrate`.
        case schemaBehind = "schema_behind"
        /// Redis or PostgreSQL cannot be used right now.
        case unavailable
        /// A setting cannot be used as written (a connection parameter's value libpq refuses):
        /// trying again will not help.
        case misconfigured
    }

    /// The kind of refusal.
    public var code: Code
    /// One line for a person.
    public var message: String

    /// An error of `code`.
    public init(_ code: Code, _ message: String) {
        self.code = code
        self.message = message
    }
}
