import API
import Engine
import Foundation
import Logging
import Prometheus
import ServiceLifecycle
import Synchronization
import TestSupport

/// Tokens the tests use.
enum TestTokens {
    static let admin = "admin-secret-0123456789"
    static let reader = "reader-secret-0123456789"
    static let all = [
        APIToken(name: "ops", role: .admin, secret: admin),
        APIToken(name: "grafana", role: .read, secret: reader),
    ]
}

/// Audit entries kept in memory.
/// A migrated schema of its own, a queue of its own and the system over both: what a route test
/// serves from, as `crontui serve` does.
struct SystemFixture: Sendable {
    let queue: QueueFixture
    let system: CronSystem

    /// The audit log's entries, oldest first.
    func auditEntries() async throws -> [AuditEntry] {
        try await system.auditLog(limit: 1_000).reversed()
    }

    /// Runs `body` with a fresh fixture, removed afterwards whether `body` throws or not.
    static func with(_ body: (SystemFixture) async throws -> Void) async throws {
        try await TestDatabase.withSchema { database in
            let queue = try QueueFixture()
            let system = try queue.system(database: database.endpoint)
            var failure: (any Error)?
            do {
                _ = try await system.migrate()
                try await body(SystemFixture(queue: queue, system: system))
            } catch {
                failure = error
            }
            await system.close()
            await queue.tearDown()
            if let failure { throw failure }
        }
    }
}

/// A real API server on 127.0.0.1 and a port of its own, stopped by ``stop()``.
final class APIFixture: Sendable {
    let port: Int
    let registry: PrometheusCollectorRegistry
    private let task: Task<Void, any Error>

    /// Starts a server with `dependencies` (a registry of its own when none is given). The readiness timeout is
    /// generous by default so that a busy machine cannot make a healthy dependency look slow; a test of the timeout
    /// passes its own.
    static func start(
        tokens: [APIToken] = TestTokens.all, requireTokenForReads: Bool = false, maxBodyBytes: Int = 64 * 1_024,
        readinessTimeout: Duration = .seconds(10), requestTimeout: Duration = APIConfiguration.defaultRequestTimeout,
        idleTimeout: Duration = APIConfiguration.defaultIdleTimeout, configure: (inout APIServer.Options) -> Void = { _ in },
        dependencies: (PrometheusCollectorRegistry) throws -> APIDependencies
    ) async throws -> APIFixture {
        let registry = PrometheusCollectorRegistry()
        var options = APIServer.Options()
        options.eventKeepAlive = .milliseconds(200)
        options.readinessTimeout = readinessTimeout
        options.requireTokenForReads = requireTokenForReads
        configure(&options)
        let server = APIServer(
            configuration: APIConfiguration(
                host: "127.0.0.1", port: 0, tokens: tokens, maxBodyBytes: maxBodyBytes, requestTimeout: requestTimeout, idleTimeout: idleTimeout),
            dependencies: try dependencies(registry),
            options: options, logger: Self.quiet)
        let (ports, sink) = AsyncStream<Int>.makeStream()
        let service = ReportingServer(server: server) { port in sink.yield(port) }
        let group = ServiceGroup(services: [service], gracefulShutdownSignals: [], cancellationSignals: [], logger: Self.quiet)
        let task = Task {
            defer { sink.finish() }
            try await group.run()
        }
        var iterator = ports.makeAsyncIterator()
        guard let port = await iterator.next() else {
            _ = try await task.value
            throw HTTPTestClient.Failure(description: "the server did not start")
        }
        return APIFixture(port: port, registry: registry, group: group, task: task)
    }

    static let quiet: Logger = {
        var logger = Logger(label: "crontui.api.test")
        logger.logLevel = .critical
        return logger
    }()

    private let group: ServiceGroup

    private init(port: Int, registry: PrometheusCollectorRegistry, group: ServiceGroup, task: Task<Void, any Error>) {
        self.port = port
        self.registry = registry
        self.group = group
        self.task = task
    }

    /// Stops the server gracefully and waits for it.
    func stop() async {
        await group.triggerGracefulShutdown()
        _ = try? await task.value
    }

    /// Runs a server, reporting its port.
    private struct ReportingServer: Service {
        let server: APIServer
        let onListening: @Sendable (Int) async -> Void

        func run() async throws {
            try await server.run(onListening: onListening)
        }
    }

    func request(
        _ method: String, _ path: String, token: String? = nil, headers: [(String, String)] = [], body: [UInt8]? = nil, json: String? = nil
    ) async throws -> TestResponse {
        try await HTTPTestClient.request(port: port, method, path, token: token, headers: headers, body: body, json: json)
    }
}

extension APIFixture {
    /// A server over a fresh queue (the default), and a second queue on the same Redis: for the
    /// routes that take `?queue=`.
    static func startWithTwoQueues() async throws -> (QueueFixture, JobQueue, APIFixture) {
        let queue = try QueueFixture()
        let other = queue.queue.sibling(named: queue.queue.name + "-other")
        let server = try await start { APIDependencies(system: try queue.system(), registry: $0, metrics: EngineMetrics()) }
        return (queue, other, server)
    }

    /// Stops `server` and removes both queues of ``startWithTwoQueues()``.
    static func stop(_ server: APIFixture, queues queue: QueueFixture, _ other: JobQueue) async {
        await server.stop()
        try? await other.destroy()
        await queue.tearDown()
    }
}
