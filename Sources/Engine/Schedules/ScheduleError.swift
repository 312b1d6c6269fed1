/// Why a schedule operation was refused or failed: the one error type of schedules, their store and
/// their service.
///
/// For a bad value, ``field`` names it with the spelling of the command-line flag (`cron`, `url`,
/// `header`, ...) and ``description`` is the one line shown to the operator, e.g.
/// `cron: minute field: value 60 out of range 0-59`.
public struct ScheduleError: SubsystemError {
    /// What kind of failure this is; new codes may be added.
    public typealias Code = ErrorCode<ScheduleError>

    /// The kind of failure.
    public var code: Code
    /// The field at fault (`name`, `cron`, `tz`, `method`, `url`, `header`, `body`, `timeout`,
    /// `attempts`, `backoff`, `missed`, `overlap`, `pause-after-failures`), nil when no field is.
    public var field: String?
    /// A one-line explanation.
    public var message: String

    /// Creates an error.
    public init(_ code: Code, field: String? = nil, _ message: String) {
        self.code = code
        self.field = field
        self.message = message
    }

    /// A bad value of `field`.
    static func invalid(_ field: String, _ message: String) -> ScheduleError {
        ScheduleError(.invalid, field: field, message)
    }

    /// `field: message`, or the message alone.
    public var description: String {
        field.map { "\($0): \(message)" } ?? message
    }
}

extension ScheduleError {
    init(_ error: PostgresError) {
        self.init(.database, "database: \(error)")
    }

    init(_ error: QueueError) {
        self.init(.queue, "queue: \(error)")
    }
}

extension ErrorCode<ScheduleError> {
    /// A field holds a value that is not acceptable; nothing was written.
    public static var invalid: Self { Self("invalid") }
    /// No schedule has that name or id.
    public static var notFound: Self { Self("not found") }
    /// Another schedule already has that name; nothing was written.
    public static var duplicateName: Self { Self("duplicate name") }
    /// PostgreSQL failed.
    public static var database: Self { Self("database") }
    /// Redis (the queue) failed.
    public static var queue: Self { Self("queue") }
}
