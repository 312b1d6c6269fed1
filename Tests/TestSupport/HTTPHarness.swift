import Engine
import Foundation
import Logging

/// Everything an HTTP job needs, on the real services, for one test: a queue of its own, a
/// PostgreSQL schema of its own (migrated), the recorder, the executor and a running worker pool.
package struct HTTPHarness: Sendable {
    package let queue: JobQueue
    package let database: TestDatabase
    package let pool: PostgresPool
    package let store: PostgresExecutionStore
    package let outbox: ExecutionOutbox
    package let recorder: ExecutionRecorder
    package let executor: HTTPExecutor
    package let workers: WorkerPool
    package let logs: LogCapture

    /// Runs `body` with a harness whose recorder writes through `wrap(store)` (to simulate an
    /// unreachable database), and tears everything down afterwards.
    package static func run(
        executorOptions: HTTPExecutorOptions = HTTPExecutorOptions(),
        recorderOptions: ExecutionRecorderOptions = ExecutionRecorderOptions(),
        concurrency: Int = 5,
        wrap: @Sendable (PostgresExecutionStore) -> any ExecutionStore = { $0 },
        _ body: (HTTPHarness) async throws -> Void
    ) async throws {
        try await TestDatabase.withSchema { database in
            let migrator = try await database.connect()
            _ = try await MigrationRunner().run(on: migrator)
            await migrator.close()
            var queueOptions = QueueOptions()
            queueOptions.keepCompleted = -1
            let fixture = try QueueFixture(options: queueOptions)
            let pool = PostgresPool(endpoint: database.endpoint, size: 4)
            let store = PostgresExecutionStore(pool: pool)
            let outbox = ExecutionOutbox(queue: fixture.queue)
            let logs = LogCapture()
            let recorder = ExecutionRecorder(store: wrap(store), outbox: outbox, options: recorderOptions, logger: logs.logger(label: "recorder"))
            let executor = HTTPExecutor(options: executorOptions)
            var poolOptions = WorkerPoolOptions()
            poolOptions.concurrency = concurrency
            poolOptions.stalledCheckInterval = .milliseconds(200)
            poolOptions.gracePeriod = .seconds(2)
            let handler = HTTPJobHandler(
                executor: executor, recorder: recorder, workerID: poolOptions.workerID, queueName: fixture.queue.name,
                logger: logs.logger(label: "http"))
            let workers = WorkerPool(reporting: fixture.queue, options: poolOptions, logger: logs.logger(label: "worker"), handler: handler.attempt)
            let harness = HTTPHarness(
                queue: fixture.queue, database: database, pool: pool, store: store, outbox: outbox, recorder: recorder, executor: executor,
                workers: workers, logs: logs)
            let recording = Task { await recorder.run() }
            let working = Task { await workers.run() }
            var failure: (any Error)?
            do { try await body(harness) } catch { failure = error }
            workers.stop()
            await working.value
            recorder.stop()
            await recording.value
            await executor.shutdown()
            await pool.close()
            await fixture.tearDown()
            if let failure { throw failure }
        }
    }

    /// Enqueues a GET of `url` and returns the job id.
    @discardableResult
    package func enqueue(
        _ url: String, id: String = "j" + String(UInt32.random(in: 0...UInt32.max), radix: 36), attempts: Int = 1,
        backoff: Backoff = .fixed(.milliseconds(50)), timeoutMs: Int = 5_000, headers: [[String]] = [], scheduleID: Int64? = nil,
        scheduleName: String? = nil, trigger: HTTPJob.Trigger = .manual
    ) async throws -> String {
        let payload = HTTPJob(
            scheduleID: scheduleID, scheduleName: scheduleName, trigger: trigger,
            request: HTTPJob.Request(url: url, headers: headers, timeoutMs: timeoutMs))
        try await queue.enqueue(NewJob(id: id, payload: try payload.encoded(), options: JobOptions(attempts: attempts, backoff: backoff)))
        return id
    }

    /// The recorded attempts of `jobID`, first attempt first.
    package func executions(of jobID: String) async throws -> [ExecutionRecord] {
        try await store.page(ExecutionQuery(jobID: jobID, limit: 1_000)).records.sorted { $0.attempt < $1.attempt }
    }

    /// Waits until `jobID` has `count` finished attempts recorded; returns them.
    package func finishedExecutions(of jobID: String, count: Int, timeout: Duration = .seconds(15)) async throws -> [ExecutionRecord] {
        var rows: [ExecutionRecord] = []
        _ = try await QueueFixture.eventually(timeout: timeout) {
            rows = try await executions(of: jobID)
            return rows.count >= count && rows.allSatisfy { $0.outcome != nil }
        }
        return rows
    }
}
