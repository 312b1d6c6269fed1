import ArgumentParser
import Bench

/// `crontui bench ...`: measurements recorded in BENCHMARKS.md.
struct BenchCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "bench",
        abstract: "Measure crontui's speed (use a release build).",
        subcommands: [
            BenchCronCommand.self, BenchRedisCommand.self, BenchQueueCommand.self, BenchHTTPCommand.self, BenchSchedulerCommand.self,
            BenchDashboardCommand.self, BenchWorkerCommand.self,
        ]
    )
}
