import API
import ArgumentParser
import CommandSupport
import Demo
import Engine
import Logging
import ServiceLifecycle
import UnixSignals

#if canImport(Glibc)
    import Glibc
#endif

/// `crontui serve`: the engine headless. Workers run HTTP jobs and record every attempt, the scheduler
/// fires schedules, and the HTTP API serves on 127.0.0.1:8080 unless `--no-api`. SIGTERM or SIGINT
/// stops the API first, then stops taking jobs, lets in-flight ones finish within the grace period
/// (then hands them back to the queue), writes the last records, and exits 0.
struct ServeCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "serve",
        abstract: "Run the engine headless: workers, the scheduler and the HTTP API until SIGTERM/SIGINT."
    )

    @OptionGroup var connection: ConnectionOptions

    @Option(help: "Jobs run at once (overrides WORKER_CONCURRENCY), shared by the queues' weights.")
    var concurrency: String?

    @Option(help: "The queues to work, with weights: a,b:3,c (overrides QUEUES; default: the one queue QUEUE_NAME).")
    var queues: String?

    @Option(name: .customLong("grace-period"), help: "How long in-flight jobs may still run after SIGTERM, e.g. 30s, 2m (a bare number is seconds).")
    var gracePeriod = "30"

    /// `--grace-period`: up to an hour.
    static let gracePeriodLimits = DurationField(from: 0, to: 3_600_000, examples: ["30s", "2m"])

    @Option(name: .customLong("demo-target-port"), help: "Also serve the demo target on 127.0.0.1 at this port (overrides DEMO_TARGET_PORT).")
    var demoTargetPort: Int?

    @OptionGroup var apiOptions: APIOptions

    @Flag(name: .customLong("no-api"), help: "Run without the HTTP API.")
    var noAPI = false

    func validate() throws {
        try UsageError.checking {
            guard Self.gracePeriodLimits.milliseconds(gracePeriod) != nil else {
                throw UsageError("--grace-period: " + Self.gracePeriodLimits.reason(gracePeriod))
            }
            if let demoTargetPort { try UsageError.check("--demo-target-port", demoTargetPort, in: 1...65_535) }
        }
    }

    func run() async throws {
        var configuration = try connection.configuration(workerConcurrency: concurrency, queues: queues)
        if let demoTargetPort { configuration.demoTargetPort = demoTargetPort }
        let api = noAPI ? nil : try apiOptions.configuration()
        if let api, !api.isLoopback, api.tokens.isEmpty {
            throw ConfigurationError(field: "--api-host", reason: "binding \(api.host) (beyond loopback) needs API_TOKEN or API_TOKENS_FILE")
        }
        if let api { try apiOptions.checkListenable(api) }
        let logger = try LogSetup.bootstrap(configuration)
        // Before anything makes a metric, so the engine's and the API's all reach `/metrics`.
        let registry = PrometheusMetrics.bootstrap()
        let system = CronSystem(configuration: configuration, connections: .server, logger: logger)
        await Self.migrate(system, logger: logger)
        var workerOptions = WorkerPoolOptions()
        workerOptions.gracePeriod = .milliseconds(Self.gracePeriodLimits.milliseconds(gracePeriod) ?? 30_000)
        let engine = system.engine(workerOptions: workerOptions)
        var services: [any Service] = []
        if let api {
            var apiLogger = logger
            apiLogger[metadataKey: "component"] = "crontui.api"
            let server = APIServer(
                configuration: api,
                dependencies: .engine(system, registry: registry, monitor: engine.monitor),
                logger: apiLogger)
            let host = api.host
            let open = api.tokens.isEmpty
            services.append(
                ListeningService(server: server) { port in
                    logger.notice("API listening on http://\(host):\(port)", metadata: ["event": "serve.api", "port": .stringConvertible(port)])
                    if open {
                        logger.notice(
                            "no API_TOKEN or API_TOKENS_FILE: reads are open on loopback, and every change through the API is refused (401)",
                            metadata: ["event": "serve.api_tokens"])
                    }
                })
        }
        // The API last, so it stops first: no new requests while the workers drain. SIGTERM or
        // SIGINT begins that stop.
        let runtime = engine.runtime(
            targets: DemoCommand.targets(configuration, logger: logger), services: services, signals: [.sigterm, .sigint])
        logger.notice(
            "serving \(engine.queueSummary)",
            metadata: ["event": "serve.ready", "worker": .string(engine.workerID)])
        await Self.warnOfUnledQueues(system, logger: logger)
        try await engine.run(runtime)
        logger.notice("stopped", metadata: ["event": "serve.stopped"])
    }

    /// Warns of enabled schedules in queues that this process does not work and no other
    /// scheduler leads: nothing fires them until a `serve` works their queue.
    static func warnOfUnledQueues(_ system: CronSystem, logger: Logger) async {
        guard let unled = try? await system.unledScheduleQueues() else { return }
        for (queue, count) in unled {
            let schedules = count == 1 ? "1 enabled schedule fires" : "\(count) enabled schedules fire"
            logger.warning(
                "\(schedules) into queue \(queue), which this process does not work and no scheduler leads: none of them fires until a serve works that queue (--queues)",
                metadata: ["event": "serve.unled_queue", "queue": .string(queue), "schedules": .stringConvertible(count)])
        }
    }

    /// Brings the schema up to date at start-up. A database that is down does not stop the
    /// workers: their records wait in the outbox.
    static func migrate(_ system: CronSystem, logger: Logger) async {
        do {
            _ = try await system.migrate()
        } catch {
            logger.warning("cannot migrate the database at start-up: \(error)", metadata: ["event": "serve.migrate"])
        }
    }
}
