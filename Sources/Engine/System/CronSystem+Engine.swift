import Logging

extension CronSystem {
    /// The engine of this process over the system's connections: the dependency monitor, the
    /// recorder, the workers, the scheduler and history retention (`serve`, `demo` and the
    /// dashboard run it). Its ``ProcessEngine/run(_:)`` closes the connections when it stops.
    package func engine(
        workerOptions: WorkerPoolOptions = WorkerPoolOptions(), recorderOptions: ExecutionRecorderOptions = ExecutionRecorderOptions()
    ) -> ProcessEngine {
        ProcessEngine(system: self, logger: logger, workerOptions: workerOptions, recorderOptions: recorderOptions)
    }

    /// A scheduler alone, without workers (`crontui scheduler`, which the failover tests run): it
    /// fires the schedules of the default queue, unless `options` has a scope of its own.
    package func scheduler(options: SchedulerOptions) -> Scheduler {
        var options = options
        if options.scope == nil { options.scope = ScheduleScope(queue: queue.name, includesDefault: true) }
        return Scheduler(queue: queue, database: database, options: options, logger: logger)
    }
}
