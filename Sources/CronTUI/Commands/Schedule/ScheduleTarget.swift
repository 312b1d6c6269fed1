import ArgumentParser
import CommandSupport
import Engine

/// What a command on one schedule takes: the connection flags and the schedule's name or id.
struct ScheduleTarget: ParsableArguments, OperatorTarget {
    @OptionGroup var connection: ConnectionOptions

    @Argument(help: "The schedule's name or id.")
    var schedule: String

    /// The schedule named.
    var reference: ScheduleReference { ScheduleReference(schedule) }

    /// Runs `body` with the configured system; see ``ScheduleCommand/withSystem(_:_:)``.
    func withSystem<T>(_ body: (CronSystem) async throws -> T) async throws -> T {
        try await ScheduleCommand.withSystem(connection, body)
    }
}
