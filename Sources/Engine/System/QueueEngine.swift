import Logging

/// What a process runs for one queue it works: the queue over the shared Redis client, its
/// workers (their share of `WORKER_CONCURRENCY`), and its scheduler, which fires only the
/// schedules of that queue (and, on the default queue, those naming none) under the queue's own
/// leader lease, fire claims and fire outbox.
package struct QueueEngine: Sendable {
    /// The queue.
    package let queue: JobQueue
    /// Runs its jobs.
    package let workers: WorkerPool
    /// Fires its schedules.
    package let scheduler: Scheduler

    /// The engine of `queue` with `workerOptions` (whose concurrency is the queue's share); jobs
    /// run through `executor` and are recorded by `recorder`.
    init(
        queue: JobQueue, isDefault: Bool, configuration: EngineConfiguration, database: PostgresPool, executor: HTTPExecutor,
        recorder: ExecutionRecorder, workerOptions: WorkerPoolOptions, logger: Logger
    ) {
        self.queue = queue
        let handler = HTTPJobHandler(
            executor: executor, recorder: recorder, workerID: workerOptions.workerID, queueName: queue.name,
            logger: logger.labelled("crontui.http"))
        workers = WorkerPool(reporting: queue, options: workerOptions, logger: logger.labelled("crontui.worker"), handler: handler.attempt)
        var options = SchedulerOptions(configuration: configuration)
        options.scope = ScheduleScope(queue: queue.name, includesDefault: isDefault)
        scheduler = Scheduler(queue: queue, database: database, options: options, logger: logger.labelled("crontui.scheduler"))
    }
}
