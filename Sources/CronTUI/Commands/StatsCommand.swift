import ArgumentParser
import Engine
import Foundation

/// `crontui stats`: the queue's figures, live workers and the scheduler's leader, from Redis.
struct StatsCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "stats",
        abstract: "Show queue counts, throughput, the oldest wait, live workers and the leader."
    )

    @OptionGroup var connection: ConnectionOptions

    @Flag(help: "Print one JSON object.")
    var json = false

    struct Output: Encodable {
        var queue: String
        var waiting, active, delayed, completed, failed: Int
        var paused: Bool
        var completedTotal, failedTotal, stalledTotal: Int
        var throughputPerMinute: Int
        var completedPerMinute: [Int]
        var failedPerMinute: [Int]
        var oldestWaitingMs: Int64?
        var workers: Int
        var workerIDs: [String]
        var leader: String

        enum CodingKeys: String, CodingKey {
            case queue, waiting, active, delayed, completed, failed, paused, workers, leader
            case completedTotal = "completed_total"
            case failedTotal = "failed_total"
            case stalledTotal = "stalled_total"
            case throughputPerMinute = "throughput_per_minute"
            case completedPerMinute = "completed_per_minute"
            case failedPerMinute = "failed_per_minute"
            case oldestWaitingMs = "oldest_waiting_ms"
            case workerIDs = "worker_ids"
        }
    }

    func run() async throws {
        let output = try await connection.withSystem(checkSchema: false) { system in
            try await Self.output(system)
        }
        if json {
            let encoder = JSONEncoder()
            encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
            CronTUICommand.printLine(Sanitizer.json(String(decoding: try encoder.encode(output), as: UTF8.self)))
            return
        }
        Self.print(output)
    }

    /// The figures, read from Redis (the schema is not needed: stats never touch PostgreSQL).
    static func output(_ system: CronSystem) async throws -> Output {
        let configuration = system.configuration
        do {
            let stats = try await system.stats()
            let workers = try await system.liveWorkers()
            let leader = try await system.leader()
            // The last complete minute: the current one is still filling.
            let lastMinute = stats.completedPerMinute[58] + stats.failedPerMinute[58]
            return Output(
                queue: configuration.queueName, waiting: stats.waiting, active: stats.active, delayed: stats.delayed, completed: stats.completed,
                failed: stats.failed, paused: stats.paused, completedTotal: stats.completedTotal, failedTotal: stats.failedTotal,
                stalledTotal: stats.stalledTotal, throughputPerMinute: lastMinute, completedPerMinute: stats.completedPerMinute,
                failedPerMinute: stats.failedPerMinute, oldestWaitingMs: stats.oldestWaiting?.milliseconds, workers: workers.count,
                workerIDs: workers.sorted(), leader: leader ?? "none")
        } catch {
            throw RuntimeError("cannot read stats from Redis at \(configuration.redis): \(error)")
        }
    }

    static func print(_ output: Output) {
        CronTUICommand.printLine("queue \(Sanitizer.line(output.queue))\(output.paused ? " (paused)" : "")")
        CronTUICommand.printLine(
            "  waiting \(output.waiting)  active \(output.active)  delayed \(output.delayed)  completed \(output.completed)  failed \(output.failed)")
        CronTUICommand.printLine(
            "  throughput: \(output.throughputPerMinute)/min last minute; \(output.completedTotal) completed, \(output.failedTotal) failed in all")
        CronTUICommand.printLine("  oldest waiting: " + (output.oldestWaitingMs.map { "\(Double($0) / 1000) s" } ?? "none"))
        CronTUICommand.printLine(
            "  workers: \(output.workers)"
                + (output.workerIDs.isEmpty ? "" : " (" + output.workerIDs.map { Sanitizer.line($0) }.joined(separator: ", ") + ")"))
        CronTUICommand.printLine("  leader: \(Sanitizer.line(output.leader))")
    }
}
