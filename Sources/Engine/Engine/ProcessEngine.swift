import Logging

/// The engine of one `crontui` process, assembled from its configuration: the Redis queue, the
/// PostgreSQL history, the HTTP executor, the execution recorder, the worker pool and the scheduler.
///
/// ```swift
/// let engine = ProcessEngine(configuration: configuration, logger: logger)
/// let runtime = engine.runtime()   // recorder, demo target (if configured), workers, scheduler
/// try await runtime.run()          // until runtime.shutdown()
/// await engine.close()
/// ```
public struct ProcessEngine: Sendable {
    /// What it was built from.
    public let configuration: EngineConfiguration
    /// The Redis client everything shares.
    public let redis: RedisClient
    /// The PostgreSQL connections everything shares.
    public let database: PostgresPool
    /// The job queue.
    public let queue: JobQueue
    /// Execution history.
    public let store: PostgresExecutionStore
    /// Makes the HTTP requests.
    public let executor: HTTPExecutor
    /// Records every attempt.
    public let recorder: ExecutionRecorder
    /// Runs the jobs.
    public let workers: WorkerPool
    /// Turns due slots into jobs (runs only when `SCHEDULER_ENABLED`; leads unless `SCHEDULER_LEADER=false`).
    public let scheduler: Scheduler
    /// Schedules for the CLI, the API and the dashboard: changes, pauses, manual runs (audited).
    public let schedules: ScheduleService
    /// Watches Redis and PostgreSQL: readiness, `crontui_dependency_up`, the outage log lines.
    public let monitor: DependencyMonitor
    /// The queue's operator actions for the CLI and the dashboard: pause, resume, retry, rerun (audited).
    public let operations: QueueService
    /// Deletes history past `HISTORY_RETENTION` and `AUDIT_RETENTION` while this process's
    /// scheduler leads.
    public let retention: HistoryRetention
    private let logger: Logger

    /// Builds the engine; nothing connects or runs until ``runtime(adding:)`` runs.
    public init(
        configuration: EngineConfiguration, logger: Logger = Logger(label: "crontui"), workerOptions: WorkerPoolOptions = WorkerPoolOptions(),
        recorderOptions: ExecutionRecorderOptions = ExecutionRecorderOptions()
    ) {
        self.configuration = configuration
        self.logger = logger
        redis = RedisClient(endpoint: configuration.redis)
        database = PostgresPool(endpoint: configuration.database, size: 4)
        let queue = JobQueue(name: configuration.queueName, redis: redis, options: QueueOptions(configuration: configuration))
        self.queue = queue
        let store = PostgresExecutionStore(pool: database)
        self.store = store
        var httpOptions = HTTPExecutorOptions()
        httpOptions.responseBodyLimit = configuration.responseBodyLimit
        httpOptions.redaction = Redaction(extraSensitiveHeaders: configuration.sensitiveHeaders)
        httpOptions.connectionsPerHost = max(httpOptions.connectionsPerHost, configuration.workerConcurrency)
        executor = HTTPExecutor(options: httpOptions)
        recorder = ExecutionRecorder(
            store: store,
            outbox: ExecutionOutbox(
                redis: redis, keys: queue.keys, maxRecords: configuration.outboxMaxRecords, logger: logger.labelled("crontui.recorder")),
            options: recorderOptions,
            logger: logger.labelled("crontui.recorder"))
        var workerOptions = workerOptions
        workerOptions.concurrency = configuration.workerConcurrency
        let historyLogger = logger.labelled("crontui.recorder")
        workerOptions.onStalledFailure = { ids in
            do {
                _ = try await store.abandonRunning(jobIDs: ids, at: queue.clock.nowMilliseconds())
            } catch {
                historyLogger.warning("could not close the attempts of jobs failed as stalled: \(error)", metadata: ["jobs": "\(ids)"])
            }
        }
        let handler = HTTPJobHandler(
            executor: executor, recorder: recorder, workerID: workerOptions.workerID, queueName: configuration.queueName,
            logger: logger.labelled("crontui.http"))
        workers = WorkerPool(reporting: queue, options: workerOptions, logger: logger.labelled("crontui.worker"), handler: handler.attempt)
        let scheduler = Scheduler(
            queue: queue, database: database, options: SchedulerOptions(configuration: configuration), logger: logger.labelled("crontui.scheduler"))
        self.scheduler = scheduler
        schedules = ScheduleService(database: database, queue: queue)
        var monitorOptions = DependencyMonitor.Options()
        monitorOptions.loginDeadline = configuration.loginDeadline
        monitor = DependencyMonitor(
            redis: configuration.redis, database: configuration.database, keys: queue.keys, options: monitorOptions,
            logger: logger.labelled("crontui.dependencies"))
        operations = QueueService(queue: queue, database: database)
        retention = HistoryRetention(
            pool: database, options: HistoryRetentionOptions(configuration: configuration), isLeader: { scheduler.status.isLeader },
            logger: logger.labelled("crontui.retention"))
    }

    /// The runtime of this engine: the dependency monitor, the recorder, the demo target when
    /// `DEMO_TARGET_PORT` is set, the workers (unless `withWorkers` is false), the scheduler,
    /// history retention (which works only while the scheduler leads), then `extra`. Components
    /// stop in reverse order: the scheduler stops firing first, and the recorder writes the attempts
    /// of the last jobs before it stops.
    public func runtime(withWorkers: Bool = true, adding extra: [any EngineComponent] = []) -> EngineRuntime {
        var components: [any EngineComponent] = [monitor, recorder]
        if let port = configuration.demoTargetPort { components.append(DemoTargetComponent(port: port, logger: logger.labelled("crontui.demo"))) }
        if withWorkers { components.append(workers) }
        components.append(scheduler)
        components.append(retention)
        components += extra
        return EngineRuntime(components: components, logger: logger.labelled("crontui.engine"))
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

    /// Closes the connections (after the runtime has stopped).
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
