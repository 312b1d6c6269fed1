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

    @Flag(help: "Every queue in sight: those QUEUES (or QUEUE_NAME) names and those schedules name (with --json, an array).")
    var allQueues = false

    /// What `stats` reads: the queue's figures, its live workers and the leader.
    struct Figures {
        var queue: String
        var stats: Engine.QueueStats
        var workers: [String]
        var leader: String?
    }

    func run() async throws {
        let all = allQueues
        let queues = try await connection.withSystem(checkSchema: false) { system in
            var figures: [Figures] = []
            for name in all ? await Self.queuesInSight(system) : [system.queueName] { figures.append(try await Self.figures(system, queue: name)) }
            return figures
        }
        if output.json {
            var writer = JSONWriter()
            if all {
                writer.array { a in
                    for figures in queues { Self.write(figures, to: &a) }
                }
            } else {
                Self.write(queues[0], to: &writer)
            }
            CronTUICommand.printLine(Sanitizer.json(String(decoding: writer.bytes, as: UTF8.self)))
            return
        }
        for figures in queues { Self.print(figures) }
    }

    /// The object of `GET /api/cron/queue/stats`, and the workers and the leader.
    static func write(_ figures: Figures, to writer: inout JSONWriter) {
        figures.stats.writeJSON(to: &writer, queue: figures.queue) { o in
            o.int("workers", figures.workers.count)
            o.array("worker_ids") { a in
                for id in figures.workers { a.element(id) }
            }
            o.string("leader", figures.leader ?? "none")
        }
    }

    /// The queues the configuration names and those schedules name; only the first when PostgreSQL
    /// cannot say (stats answer during a PostgreSQL outage), which is said on standard error.
    static func queuesInSight(_ system: CronSystem) async -> [String] {
        do {
            return try await system.queuesInSight()
        } catch {
            CronTUICommand.printNote(
                "PostgreSQL cannot say which queues schedules name (\(error)): only \(system.workedQueueNames.joined(separator: ", ")) shown")
            return system.workedQueueNames
        }
    }

    /// The figures of the queue `name`, read from Redis (the schema is not needed: stats never
    /// touch PostgreSQL, so they answer during a PostgreSQL outage).
    static func figures(_ system: CronSystem, queue name: String) async throws -> Figures {
        do {
            return Figures(
                queue: name, stats: try await system.stats(ofQueue: name), workers: try await system.liveWorkers(queue: name).sorted(),
                leader: try await system.leader(queue: name))
        } catch {
            throw RuntimeError("cannot read stats from Redis at \(system.configuration.redis): \(error)")
        }
    }

    static func print(_ figures: Figures) {
        let s = figures.stats
        CronTUICommand.printLine("queue \(Sanitizer.line(figures.queue))\(s.paused ? " (paused)" : "")")
        CronTUICommand.printLine("  waiting \(s.waiting)  active \(s.active)  delayed \(s.delayed)  completed \(s.completed)  failed \(s.failed)")
        CronTUICommand.printLine(
            "  throughput: \(s.lastMinuteThroughput)/min in the last whole minute; \(s.completedTotal) completed, \(s.failedTotal) failed in all")
        CronTUICommand.printLine("  oldest waiting: " + (s.oldestWaiting.map { "\(Double($0.milliseconds) / 1000) s" } ?? "none"))
        CronTUICommand.printLine(
            "  workers: \(figures.workers.count)"
                + (figures.workers.isEmpty ? "" : " (" + figures.workers.map { Sanitizer.line($0) }.joined(separator: ", ") + ")"))
        CronTUICommand.printLine("  leader: \(Sanitizer.line(figures.leader ?? "none"))")
    }
}
