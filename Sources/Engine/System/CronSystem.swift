import Logging

/// The one front door to a crontui system (its Redis queue and its PostgreSQL history) for the
/// command line, the HTTP API and the dashboard. A front end builds it once from the configuration
/// and asks it for everything: schedules, jobs, history, stats, lifecycle events, queue pause and
/// resume, readiness, the schema, and, for `serve` and the dashboard, the engine itself.
///
/// ```swift
/// let system = CronSystem(configuration: configuration, logger: logger)
/// try await system.requireSchema()                       // "run `crontui migrate`" when behind
/// let page = try await system.history(ExecutionQuery(limit: 50))
/// let created = try await system.createSchedule(input, by: caller)
/// await system.close()
/// ```
///
/// Nothing connects until it is first used. Every value it returns is one of the engine's own
/// types, with one JSON form each (``JSONWriter``), shared by `--json`, the API and the event stream.
public struct CronSystem: Sendable {
    /// How many connections a process keeps open to each service. Besides its pool of `postgres`,
    /// an engine opens one PostgreSQL connection for the scheduler's `LISTEN` (none without a
    /// scheduler) and one for the dependency monitor's probe.
    public struct Connections: Sendable, Equatable {
        /// Redis connections.
        public var redis: Int
        /// PostgreSQL connections.
        public var postgres: Int

        /// One of each: a CLI command.
        public static let command = Connections(redis: 1, postgres: 1)
        /// What `serve`, the API and the dashboard keep: the engine's and the API's.
        public static let server = Connections(redis: 4, postgres: 8)

        /// Explicit sizes.
        public init(redis: Int, postgres: Int) {
            self.redis = max(1, redis)
            self.postgres = max(1, postgres)
        }
    }

    /// What it was built from.
    public let configuration: EngineConfiguration
    let logger: Logger
    let redis: any RedisClientProtocol
    let database: PostgresPool
    let queue: JobQueue
    let store: PostgresExecutionStore
    let scheduleService: ScheduleService
    let queueService: QueueService
    let clock: any QueueClock

    /// A system over the configured Redis and PostgreSQL, with `connections` to each; a pool of more
    /// than one PostgreSQL connection takes `DATABASE_POOL_SIZE` instead when it is set.
    public init(
        configuration: EngineConfiguration, connections: Connections = .command, logger: Logger = Logger(label: "crontui"),
        clock: any QueueClock = SystemQueueClock()
    ) {
        self.configuration = configuration
        self.logger = logger
        self.clock = clock
        redis = configuration.redis.makeClient(poolSize: connections.redis)
        let poolSize = connections.postgres > 1 ? configuration.databasePoolSize ?? connections.postgres : connections.postgres
        database = PostgresPool(endpoint: configuration.database, size: poolSize)
        let queue = JobQueue(name: configuration.queueName, redis: redis, options: QueueOptions(configuration: configuration))
        self.queue = queue
        store = PostgresExecutionStore(pool: database)
        scheduleService = ScheduleService(database: database, queue: queue, clock: clock)
        queueService = QueueService(queue: queue, database: database, clock: clock)
    }

    /// The queue's name.
    public var queueName: String { queue.name }

    /// Closes the connections (after the engine, if one ran, has stopped).
    public func close() async {
        await database.close()
        redis.close()
    }
}
