import Logging
import ServiceLifecycle
import UnixSignals

/// The engine of one `crontui` process, assembled from its configuration: the PostgreSQL history,
/// the HTTP executor, the execution recorder, and for each queue it works (`QUEUES`, by default the
/// one queue `QUEUE_NAME`) a worker pool and a scheduler.
///
/// ```swift
/// let engine = system.engine()     // system: the process's CronSystem
/// let runtime = engine.runtime()   // recorder, demo target (if configured), workers, scheduler
/// try await engine.run(runtime)    // until runtime.shutdown(); then closes the connections
/// ```
public struct ProcessEngine: Sendable {
    /// What it was built from.
    package let configuration: EngineConfiguration
    /// The Redis client everything shares.
    package let redis: any RedisClientProtocol
    /// The PostgreSQL connections everything shares.
    package let database: PostgresPool
    /// The default queue (`QUEUE_NAME`): the one of schedules that name none, of the outbox, of
    /// the dependency monitor and of the operator actions. Worked only when `QUEUES` lists it or is
    /// unset.
    package let queue: JobQueue
    /// Execution history.
    package let store: PostgresExecutionStore
    /// Makes the HTTP requests.
    package let executor: HTTPExecutor
    /// Records every attempt.
    package let recorder: ExecutionRecorder
    /// The workers and the scheduler of each queue worked, in the order of `QUEUES`. The schedulers
    /// run only when `SCHEDULER_ENABLED`, and lead unless `SCHEDULER_LEADER=false`.
    package let queues: [QueueEngine]
    /// Schedules for the CLI, the API and the dashboard: changes, pauses, manual runs (audited).
    package let schedules: ScheduleService
    /// Watches Redis and PostgreSQL: readiness, `crontui_dependency_up`, the outage log lines.
    package let monitor: DependencyMonitor
    /// The queue's operator actions for the CLI and the dashboard: pause, resume, retry, rerun (audited).
    package let operations: QueueService
    /// Deletes history past `HISTORY_RETENTION` and `AUDIT_RETENTION` while the default queue's
    /// scheduler leads (while any of this process's schedulers leads, when it does not work the
    /// default queue).
    package let retention: HistoryRetention
    /// The system it runs for (its connections are the engine's).
    package let system: CronSystem
    private let logger: Logger

    /// Builds the engine over `system`'s connections; nothing connects or runs until
    /// ``runtime(withWorkers:services:signals:)`` runs.
    init(
        system: CronSystem, logger: Logger, workerOptions: WorkerPoolOptions = WorkerPoolOptions(),
        recorderOptions: ExecutionRecorderOptions = ExecutionRecorderOptions()
    ) {
        let configuration = system.configuration
        self.system = system
        self.configuration = configuration
        self.logger = logger
        redis = system.redis
        database = system.database
        let queue = system.queue
        self.queue = queue
        let store = system.store
        self.store = store
        var httpOptions = HTTPExecutorOptions()
        httpOptions.responseBodyLimit = configuration.responseBodyLimit
        httpOptions.redaction = Redaction(extraSensitiveHeaders: configuration.sensitiveHeaders)
        httpOptions.connectionsPerHost = max(httpOptions.connectionsPerHost, configuration.workerConcurrency)
        executor = HTTPExecutor(options: httpOptions)
        recorder = ExecutionRecorder(
            store: store,
            outbox: ExecutionOutbox(
                queue: queue, maxRecords: configuration.outboxMaxRecords, logger: logger.labelled("crontui.recorder")),
            options: recorderOptions,
            logger: logger.labelled("crontui.recorder"))
        var workerOptions = workerOptions
        let historyLogger = logger.labelled("crontui.recorder")
        workerOptions.onStalledFailure = { ids in
            do {
                _ = try await store.abandonRunning(jobIDs: ids, at: queue.clock.nowMilliseconds())
            } catch {
                historyLogger.warning("could not close the attempts of jobs failed as stalled: \(error)", metadata: ["jobs": "\(ids)"])
            }
        }
        let shares = WorkedQueue.shares(of: configuration.workerConcurrency, over: configuration.queues)
        var engines: [QueueEngine] = []
        for (worked, share) in zip(configuration.queues, shares) {
            let isDefault = worked.name == configuration.queueName
            let lane = queue.sibling(named: worked.name)
            var options = workerOptions
            options.concurrency = share
            engines.append(
                QueueEngine(
                    queue: lane, isDefault: isDefault, configuration: configuration, database: database, executor: executor, recorder: recorder,
                    workerOptions: options, logger: logger))
        }
        queues = engines
        let leaders = (engines.first { $0.queue.name == configuration.queueName }.map { [$0] } ?? engines).map(\.scheduler)
        schedules = system.scheduleService
        var monitorOptions = DependencyMonitor.Options()
        monitorOptions.loginDeadline = configuration.loginDeadline
        monitor = DependencyMonitor(
            redis: configuration.redis, database: configuration.database, keys: queue.keys, options: monitorOptions,
            logger: logger.labelled("crontui.dependencies"))
        operations = system.queueService
        retention = HistoryRetention(
            pool: database, options: HistoryRetentionOptions(configuration: configuration), isLeader: { leaders.contains { $0.status.isLeader } },
            logger: logger.labelled("crontui.retention"))
    }

    /// The name every worker pool of this process reports under.
    package var workerID: String { queues.first?.workers.options.workerID ?? "" }

    /// What this process works, for its start-up line: `queue default with 5 workers`, or
    /// `queues a (1 worker), b (3 workers)`.
    package var queueSummary: String {
        func workers(_ n: Int) -> String { n == 1 ? "1 worker" : "\(n) workers" }
        if queues.count == 1, let only = queues.first { return "queue \(only.queue.name) with \(workers(only.workers.options.concurrency))" }
        return "queues " + queues.map { "\($0.queue.name) (\(workers($0.workers.options.concurrency)))" }.joined(separator: ", ")
    }

    /// The runtime of this engine: the dependency monitor, the recorder, `targets` (the demo target
    /// the front end serves when `DEMO_TARGET_PORT` is set), each queue's workers (unless
    /// `withWorkers` is false), each queue's scheduler, history retention (which works only while a
    /// scheduler leads), then `services` (the API).
    /// They stop in reverse order: the API first, then the scheduler stops firing, and the recorder
    /// writes the attempts of the last jobs before it stops. `signals` (SIGTERM and SIGINT for
    /// `serve`) begin that stop.
    package func runtime(
        withWorkers: Bool = true, targets: [any EngineComponent] = [], services: [any Service] = [], signals: [UnixSignal] = []
    ) -> EngineRuntime {
        var components: [any EngineComponent] = [monitor, recorder] + targets
        if withWorkers { components += queues.map(\.workers) }
        components += queues.map(\.scheduler)
        components.append(retention)
        return EngineRuntime(components: components, services: services, signals: signals, logger: logger.labelled("crontui.engine"))
    }

    /// Runs `runtime` until it stops, then closes the connections, whether it stopped or failed
    /// (the HTTP client must be shut down before the process ends).
    public func run(_ runtime: EngineRuntime) async throws {
        do {
            try await runtime.run()
        } catch {
            await close()
            throw error
        }
        await close()
    }

    /// Closes the HTTP client and the connections (after the runtime has stopped).
    public func close() async {
        await executor.shutdown()
        await database.close()
        redis.close()
    }
}

extension Logger {
    /// The same handler and metadata under another label (for handlers that print the label).
    func labelled(_ label: String) -> Logger {
        var copy = self
        copy[metadataKey: "component"] = .string(label)
        return copy
    }
}
