import ArgumentParser
import CommandSupport
import Engine
import Logging

/// `crontui bench worker` (hidden): a worker pool that runs no-op jobs until stopped. The chaos test
/// kills it with SIGKILL mid-run to prove no job is lost.
package struct BenchWorkerCommand: AsyncParsableCommand {
    package init() {}

    package static let configuration = CommandConfiguration(
        commandName: "worker",
        abstract: "Run no-op jobs from a queue until stopped (for failure tests).",
        shouldDisplay: false
    )

    @OptionGroup var connection: ConnectionOptions

    @Option(help: "Jobs run at once.")
    var concurrency: Int = 5

    @Option(name: .customLong("lock-ms"), help: "Lock duration in milliseconds.")
    var lockMilliseconds: Int = 30_000

    @Option(name: .customLong("job-ms"), help: "How long each no-op job takes, in milliseconds.")
    var jobMilliseconds: Int = 0

    @Option(help: "Queues to work, comma-separated, each with a pool of its own sharing --concurrency (default: the --queue).")
    var queues: String?

    package func validate() throws {
        try UsageError.checking {
            try UsageError.check("--concurrency", concurrency, in: 1...1_000)
            try UsageError.check("--lock-ms", lockMilliseconds, in: 100...3_600_000)
            try UsageError.check("--job-ms", jobMilliseconds, in: 0...60_000)
            if let queues, queues.split(separator: ",").isEmpty { throw UsageError("--queues: name at least one queue") }
        }
    }

    package func run() async throws {
        let config = try connection.configuration()
        let names = queues.map { $0.split(separator: ",").map(String.init) } ?? [config.queueName]
        let redis = config.redis.makeClient(poolSize: 2)
        defer { redis.close() }
        var queueOptions = QueueOptions()
        queueOptions.lockDuration = .milliseconds(lockMilliseconds)
        queueOptions.keepCompleted = -1
        var options = WorkerPoolOptions()
        options.concurrency = max(1, concurrency / names.count)
        let delay = Duration.milliseconds(jobMilliseconds)
        let pools = names.map { name in
            WorkerPool(
                queue: JobQueue(name: name, redis: redis, options: queueOptions), options: options, logger: Logger(label: "crontui.worker")
            ) { _ in
                if delay > .zero { try await Task.sleep(for: delay) }
            }
        }
        print("worker \(options.workerID) ready")
        await withTaskGroup(of: Void.self) { group in
            for pool in pools { group.addTask { await pool.run() } }
        }
    }
}
