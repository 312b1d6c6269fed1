import Engine

/// What a command on one thing takes (a schedule, a job): the connection and the thing's reference.
/// Such a command makes one façade call as the operator and prints one line about its result.
protocol OperatorTarget {
    /// How the façade names the thing: a ``ScheduleReference``, a job id.
    associatedtype Reference
    /// The thing named on the command line.
    var reference: Reference { get }
    /// Runs `body` with the configured system, its refusals turned into the command line's errors.
    func withSystem<T>(_ body: (CronSystem) async throws -> T) async throws -> T
}

extension OperatorTarget {
    /// Calls `operation` on the thing as the operator (``OperatorIdentity/cliCaller``), then prints
    /// the line `report` makes of its result.
    func perform<T>(_ operation: (CronSystem, Reference, CronSystem.Caller) async throws -> T, report: (T) -> String) async throws {
        let result = try await withSystem { try await operation($0, reference, OperatorIdentity.cliCaller) }
        CronTUICommand.printLine(report(result))
    }
}
