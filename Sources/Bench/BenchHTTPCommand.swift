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
        let figures: BenchFigures
        do {
            figures = try await measure(endpoint: schema.endpoint, queue: queue, target: target, logger: logger)
        } catch {
            await cleanUp(schema: schema, queue: queue, redis: redis, target: target)
            throw error
        }
        await cleanUp(schema: schema, queue: queue, redis: redis, target: target)
        figures.print(load.output)
    }

    private func measure(endpoint: PostgresEndpoint, queue: JobQueue, target: LoopbackHTTPServer, logger: Logger) async throws -> BenchFigures {
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
        let jobsPerSecond = Double(load.jobs) / elapsed
        let rowsPerSecond = Double(stats.rowsWritten) / elapsed
        let overheadP50 = BenchQueueCommand.percentile(overheads, 0.50)
        let overheadP99 = BenchQueueCommand.percentile(overheads, 0.99)
        let peakRSS = ProcessUsage.peakRSSMegabytes
        var figures = BenchFigures(
            "http benchmark: \(load.jobs) jobs, concurrency \(load.concurrency), target answering in \(targetMilliseconds) ms on 127.0.0.1")
        figures.add("jobs", load.jobs)
        figures.add("concurrency", load.concurrency)
        figures.add("target_ms", targetMilliseconds)
        figures.add(
            "jobs_per_s", Int(jobsPerSecond), line: String(format: "jobs through queue, executor and history: %9.0f jobs/s", jobsPerSecond))
        figures.add(
            "overhead_p50_ms", overheadP50, "%.3f",
            line: String(format: "job overhead beyond the target, p50:      %9.3f ms", overheadP50))
        figures.add(
            "overhead_p99_ms", overheadP99, "%.3f",
            line: String(format: "job overhead beyond the target, p99:      %9.3f ms", overheadP99))
        figures.add(
            "rows_per_s", Int(rowsPerSecond),
            line: String(format: "PostgreSQL rows written:                  %9.0f rows/s", rowsPerSecond) + " (\(stats.batches) batches)")
        figures.add("recorded", recorded, line: String(format: "attempts recorded:                        %9d", recorded) + " of \(load.jobs)")
        figures.add("batches", stats.batches)
        figures.add("peak_rss_mb", peakRSS, "%.1f", line: String(format: "peak RSS:                                 %9.1f MB", peakRSS))
        return figures
    }

    private func cleanUp(schema: BenchSchema, queue: JobQueue, redis: RedisClient, target: LoopbackHTTPServer) async {
        await target.shutdown()
        await schema.drop()
        try? await queue.destroy()
        redis.close()
    }
}
