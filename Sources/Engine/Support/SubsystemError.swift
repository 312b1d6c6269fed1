/// The error of one subsystem (the queue, Redis, schedules, the façade): the kind of failure, and
/// one line for a person, which is also its ``description`` unless the subsystem words it otherwise.
/// Each subsystem keeps its own error type; this is what they have in common.
public protocol SubsystemError: Error, Sendable, Equatable, CustomStringConvertible {
    /// The kinds of failure of the subsystem.
    associatedtype Code: Sendable, Hashable
    /// The kind of failure.
    var code: Code { get }
    /// A one-line explanation.
    var message: String { get }
}

extension SubsystemError {
    /// The message.
    public var description: String { message }
}

/// A kind of failure of the subsystem whose error is `Subsystem`, by name; each subsystem declares
/// its codes as static members (`extension ErrorCode<QueueError>`), and new ones may be added.
public struct ErrorCode<Subsystem>: Sendable, Hashable, CustomStringConvertible {
    /// The code's name, e.g. `not found`.
    public let name: String

    init(_ name: String) { self.name = name }

    public var description: String { name }
}
