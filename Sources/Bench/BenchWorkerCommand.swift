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

    package func validate() throws {
        try UsageError.checking {
            guard (1...1_000).contains(concurrency) else { throw UsageError("--concurrency: must be in 1-1000") }
            guard (100...3_600_000).contains(lockMilliseconds) else { throw UsageError("--lock-ms: must be in 100-3600000") }
            guard (0...60_000).contains(jobMilliseconds) else { throw UsageError("--job-ms: must be in 0-60000") }
        }
    }

    package func run() async throws {
        let config = try connection.configuration()
        let redis = RedisClient(endpoint: config.redis)
        defer { redis.close() }
        var queueOptions = QueueOptions()
        queueOptions.lockDuration = .milliseconds(lockMilliseconds)
        queueOptions.keepCompleted = -1
        let queue = JobQueue(name: config.queueName, redis: redis, options: queueOptions)
        var options = WorkerPoolOptions()
        options.concurrency = concurrency
        let delay = Duration.milliseconds(jobMilliseconds)
        let pool = WorkerPool(queue: queue, options: options, logger: Logger(label: "crontui.worker")) { _ in
            if delay > .zero { try await Task.sleep(for: delay) }
        }
        print("worker \(options.workerID) ready")
        await pool.run()
    }
}
