import ArgumentParser
import CommandSupport
import Demo
import Engine
import Foundation
import Logging
import Synchronization

/// `crontui bench http`: N HTTP jobs through the queue, the executor and the execution history,
/// against a target on 127.0.0.1 served in-process, in a PostgreSQL schema of its own (dropped
/// afterwards) and a queue of its own.
package struct BenchHTTPCommand: AsyncParsableCommand {
    package init() {}

    package static let configuration = CommandConfiguration(
        commandName: "http",
        abstract: "Drive N HTTP jobs through queue, executor and history; print jobs/s, overhead p50/p99 and PostgreSQL rows/s."
    )

    @OptionGroup var connection: ConnectionOptions

    @OptionGroup var load: BenchLoadOptions

    @Option(name: .customLong("target-ms"), help: "How long the target takes to answer, in milliseconds.")
    var targetMilliseconds: Int = 0

    package func validate() throws {
        try UsageError.checking {
            try UsageError.check("--target-ms", targetMilliseconds, in: 0...10_000)
        }
    }

    package func run() async throws {
        let config = try connection.configuration()
        let logger = Logger.bench
        let schema = try await BenchSchema.create(prefix: "bench_", in: config.database)
        let redis = RedisClient(endpoint: config.redis)
        var queueOptions = QueueOptions()
        queueOptions.keepCompleted = 1_000
        let queue = JobQueue(name: "bench-http-" + schema.suffix, redis: redis, options: queueOptions)
        let target = try await LoopbackHTTPServer.start { [targetMilliseconds] _ in
            .json(200, #"{"ok":true}"#, delay: .milliseconds(targetMilliseconds))
        }
        let result: BenchHTTPResult
        do {
            result = try await measure(endpoint: schema.endpoint, queue: queue, target: target, logger: logger)
        } catch {
            await cleanUp(schema: schema, queue: queue, redis: redis, target: target)
            throw error
        }
        await cleanUp(schema: schema, queue: queue, redis: redis, target: target)
        print(load.output.json ? result.json : result.text)
    }

    private func measure(endpoint: PostgresEndpoint, queue: JobQueue, target: LoopbackHTTPServer, logger: Logger) async throws -> BenchHTTPResult {
        let database = PostgresPool(endpoint: endpoint, size: 4)
        defer { Task { await database.close() } }
        try await database.withConnection { connection in _ = try await MigrationRunner().run(on: connection) }
        let store = PostgresExecutionStore(pool: database)
        let recorder = ExecutionRecorder(store: store, outbox: ExecutionOutbox(queue: queue), logger: logger)
        var httpOptions = HTTPExecutorOptions()
        httpOptions.connectionsPerHost = load.concurrency
        let executor = HTTPExecutor(options: httpOptions)
        var poolOptions = WorkerPoolOptions()
        poolOptions.concurrency = load.concurrency
        let handler = HTTPJobHandler(executor: executor, recorder: recorder, workerID: poolOptions.workerID, queueName: queue.name, logger: logger)

        let payload = try HTTPJob(trigger: .manual, request: .init(url: "http://127.0.0.1:\(target.port)/ok", timeoutMs: 10_000)).encoded()
        try await queue.enqueue((0..<load.jobs).map { _ in NewJob(payload: payload, options: JobOptions(attempts: 1)) })

        let durations = Mutex<[Double]>([])
        let counter = DrainCounter(target: load.jobs)
        let pool = WorkerPool(queue: queue, options: poolOptions, logger: logger) { active in
            let started = ContinuousClock.now
            defer {
                let ms = (ContinuousClock.now - started).seconds * 1000
                durations.withLock { $0.append(ms) }
                counter.hit()
            }
            try await handler.handle(active)
        }
        let recording = Task { await recorder.run() }
        let clock = ContinuousClock()
        let start = clock.now
        let working = Task { await pool.run() }
        await counter.wait()
        await recorder.flush()
        let elapsed = (clock.now - start).seconds
        pool.stop()
        await working.value
        recorder.stop()
        await recording.value
        await executor.shutdown()

        let recorded = try await database.query("SELECT count(*) FROM executions WHERE outcome IS NOT NULL")[0].decode(0, as: Int.self)
        let stats = recorder.statistics
        let overheads = durations.withLock { $0 }.map { max(0, $0 - Double(targetMilliseconds)) }.sorted()
        return BenchHTTPResult(
            jobs: load.jobs, concurrency: load.concurrency, targetMilliseconds: targetMilliseconds, jobsPerSecond: Double(load.jobs) / elapsed,
            overheadP50: BenchQueueCommand.percentile(overheads, 0.50), overheadP99: BenchQueueCommand.percentile(overheads, 0.99),
            rowsPerSecond: Double(stats.rowsWritten) / elapsed, recorded: recorded, batches: stats.batches,
            peakRSSMegabytes: ProcessUsage.peakRSSMegabytes)
    }

    private func cleanUp(schema: BenchSchema, queue: JobQueue, redis: RedisClient, target: LoopbackHTTPServer) async {
        await target.shutdown()
        await schema.drop()
        try? await queue.destroy()
        redis.close()
    }
}

/// The figures of one `bench http` run.
struct BenchHTTPResult {
    var jobs: Int
    var concurrency: Int
    var targetMilliseconds: Int
    var jobsPerSecond: Double
    var overheadP50: Double
    var overheadP99: Double
    var rowsPerSecond: Double
    var recorded: Int
    var batches: Int
    var peakRSSMegabytes: Double

    var json: String {
        BenchJSON.object([
            ("jobs", "\(jobs)"), ("concurrency", "\(concurrency)"), ("target_ms", "\(targetMilliseconds)"),
            ("jobs_per_s", "\(Int(jobsPerSecond))"), ("overhead_p50_ms", String(format: "%.3f", overheadP50)),
            ("overhead_p99_ms", String(format: "%.3f", overheadP99)), ("rows_per_s", "\(Int(rowsPerSecond))"),
            ("recorded", "\(recorded)"), ("batches", "\(batches)"), ("peak_rss_mb", String(format: "%.1f", peakRSSMegabytes)),
        ])
    }

    var text: String {
        """
        http benchmark: \(jobs) jobs, concurrency \(concurrency), target answering in \(targetMilliseconds) ms on 127.0.0.1
          jobs through queue, executor and history: \(String(format: "%9.0f", jobsPerSecond)) jobs/s
          job overhead beyond the target, p50:      \(String(format: "%9.3f", overheadP50)) ms
          job overhead beyond the target, p99:      \(String(format: "%9.3f", overheadP99)) ms
          PostgreSQL rows written:                  \(String(format: "%9.0f", rowsPerSecond)) rows/s (\(batches) batches)
          attempts recorded:                        \(String(format: "%9d", recorded)) of \(jobs)
          peak RSS:                                 \(String(format: "%9.1f", peakRSSMegabytes)) MB
        """
    }
}
