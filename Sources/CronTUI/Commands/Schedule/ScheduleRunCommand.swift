import ArgumentParser
import Engine

/// `crontui schedule run <name|id>`: enqueue one job now; prints its job id and trace id.
struct ScheduleRunCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "run", abstract: "Enqueue a job of the schedule now (paused or not); print its job id and trace id.")
    @OptionGroup var target: ScheduleTarget

    func run() async throws {
        try await target.perform({ try await $0.runSchedule($1, by: $2) }) { "job \($0.jobID)\ntrace \($0.traceID)" }
    }
}
