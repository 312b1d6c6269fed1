import ArgumentParser
import CommandSupport
import Engine
import Foundation

/// `crontui stats`: the queue's figures, live workers and the scheduler's leader, from Redis.
struct StatsCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "stats",
        abstract: "Show queue counts, throughput, the oldest wait, live workers and the leader."
    )

    @OptionGroup var connection: ConnectionOptions

    @OptionGroup var output: JSONOutputOption

    /// What `stats` reads: the queue's figures, its live workers and the leader.
    struct Figures {
        var queue: String
        var stats: Engine.QueueStats
        var workers: [String]
        var leader: String?
    }

    func run() async throws {
        let figures = try await connection.withSystem(checkSchema: false) { system in
            try await Self.figures(system)
        }
        if output.json {
            // The object of `GET /api/cron/queue/stats`, and the workers and the leader.
            var writer = JSONWriter()
            figures.stats.writeJSON(to: &writer, queue: figures.queue) { o in
                o.int("workers", figures.workers.count)
                o.array("worker_ids") { a in
                    for id in figures.workers { a.element(id) }
                }
                o.string("leader", figures.leader ?? "none")
            }
            CronTUICommand.printLine(Sanitizer.json(String(decoding: writer.bytes, as: UTF8.self)))
            return
        }
        Self.print(figures)
    }

    /// The figures, read from Redis (the schema is not needed: stats never touch PostgreSQL, so
    /// they answer during a PostgreSQL outage).
    static func figures(_ system: CronSystem) async throws -> Figures {
        do {
            return Figures(
                queue: system.queueName, stats: try await system.stats(), workers: try await system.liveWorkers().sorted(),
                leader: try await system.leader())
        } catch {
            throw RuntimeError("cannot read stats from Redis at \(system.configuration.redis): \(error)")
        }
    }

    static func print(_ figures: Figures) {
        let s = figures.stats
        CronTUICommand.printLine("queue \(Sanitizer.line(figures.queue))\(s.paused ? " (paused)" : "")")
        CronTUICommand.printLine("  waiting \(s.waiting)  active \(s.active)  delayed \(s.delayed)  completed \(s.completed)  failed \(s.failed)")
        CronTUICommand.printLine(
            "  throughput: \(s.lastMinuteThroughput)/min last minute; \(s.completedTotal) completed, \(s.failedTotal) failed in all")
        CronTUICommand.printLine("  oldest waiting: " + (s.oldestWaiting.map { "\(Double($0.milliseconds) / 1000) s" } ?? "none"))
        CronTUICommand.printLine(
            "  workers: \(figures.workers.count)"
                + (figures.workers.isEmpty ? "" : " (" + figures.workers.map { Sanitizer.line($0) }.joined(separator: ", ") + ")"))
        CronTUICommand.printLine("  leader: \(Sanitizer.line(figures.leader ?? "none"))")
    }
}
