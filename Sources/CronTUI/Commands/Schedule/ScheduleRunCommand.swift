import ArgumentParser
import Engine

/// `crontui schedule run <name|id>`: enqueue one job now; prints its job id and trace id.
struct ScheduleRunCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "run", abstract: "Enqueue a job of the schedule now (paused or not); print its job id and trace id.")
    @OptionGroup var target: ScheduleTarget

    func run() async throws {
        let run = try await target.withSystem { try await $0.runSchedule(target.reference, by: ScheduleCommand.caller) }
        ScheduleCommand.output("job \(run.jobID)\ntrace \(run.traceID)")
    }
}
