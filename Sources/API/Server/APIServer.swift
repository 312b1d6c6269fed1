import Engine
import Hummingbird
import HummingbirdCore
import Logging
import NIOCore
import ServiceLifecycle

/// The HTTP API: the routes, access control, `/metrics`, on Hummingbird.
///
/// ```swift
/// let server = APIServer(configuration: try APIConfiguration.resolve(environment: env), dependencies: deps)
/// try await server.run()   // until SIGTERM/SIGINT or the task is cancelled
/// ```
///
/// It is a swift-service-lifecycle `Service`: add it to the `ServiceGroup` of `crontui serve` and
/// it stops with the group's graceful shutdown (open event streams end, requests in flight finish).
/// ``run(onListening:)`` reports the bound port (tests bind port 0). Start-up refuses a bind beyond
/// loopback without a token, whatever the configuration says.
public struct APIServer: Service {
    /// Tuning that rarely changes.
    public struct Options: Sendable {
        /// How long `/readyz` waits for each dependency (default 2 s).
        public var readinessTimeout: Duration = .seconds(2)
        /// A comment line on idle event streams this often (default 5 s): a client gone without a
        /// word is found by the write that fails.
        public var eventKeepAlive: Duration = .seconds(5)
        /// Event streams open at once; more are refused with 503 (default 64).
        public var maxEventStreams = 64
        /// The longest an event stream stays open (default 10 min); the client then reconnects with
        /// `Last-Event-ID` and misses nothing, and a stuck client cannot hold a slot for ever.
        public var maxEventStreamLifetime: Duration = .seconds(600)
        /// Every route needs a token even on loopback (always so beyond loopback).
        public var requireTokenForReads = false

        /// The defaults.
        public init() {}
    }

    /// Where it listens and who may call it.
    public let configuration: APIConfiguration
    /// What it serves from.
    public let dependencies: APIDependencies
    /// Tuning.
    public let options: Options
    /// Where it logs.
    public let logger: Logger

    /// A server; nothing listens until ``run(onListening:)``.
    public init(
        configuration: APIConfiguration, dependencies: APIDependencies, options: Options = Options(), logger: Logger = Logger(label: "crontui.api")
    ) {
        self.configuration = configuration
        self.dependencies = dependencies
        self.options = options
        self.logger = logger
    }

    /// Listens until the service group shuts down gracefully or the task is cancelled.
    public func run() async throws {
        try await run(onListening: { _ in })
    }

    /// Listens until SIGTERM or SIGINT (a graceful stop), for a process that runs nothing else.
    public func runUntilSignalled(onListening: @escaping @Sendable (Int) async -> Void = { _ in }) async throws {
        let service = ListeningService(server: self, onListening: onListening)
        let group = ServiceGroup(services: [service], gracefulShutdownSignals: [.sigterm, .sigint], cancellationSignals: [], logger: logger)
        try await group.run()
    }

    /// Listens until a graceful shutdown or cancellation; `onListening` gets the bound port first.
    public func run(onListening: @escaping @Sendable (Int) async -> Void) async throws {
        guard configuration.isLoopback || !configuration.tokens.isEmpty else {
            throw ConfigurationError(
                field: "--api-host", reason: "binding \(configuration.host) (beyond loopback) needs API_TOKEN or API_TOKENS_FILE")
        }
        let router = makeRouter()
        let limits = APIHTTPChannel.Limits(requestTimeout: configuration.requestTimeout, idleTimeout: configuration.idleTimeout)
        let app = Application(
            router: router,
            server: HTTPServerBuilder { responder in APIHTTPChannel(responder: responder, limits: limits) },
            configuration: .init(
                address: .hostname(configuration.host, port: configuration.port), serverName: "crontui",
                availableConnectionsDelegate: ConnectionCap(limit: configuration.maxConnections, logger: logger)),
            onServerRunning: { channel in await onListening(channel.localAddress?.port ?? 0) },
            logger: logger)
        // As a service of the enclosing group: its graceful shutdown (a signal, or `serve`
        // stopping) ends the server. Not `runService()`, which traps SIGTERM and SIGINT itself: the
        // server would then stop on its own at a signal, before its turn, and the group would
        // cancel every other service rather than stop them in order.
        try await app.run()
    }

    /// The router: every route behind access control, errors as JSON.
    func makeRouter() -> Router<BasicRequestContext> {
        let handlers = APIHandlers(dependencies: dependencies, configuration: configuration, options: options, logger: logger)
        let authenticator = APIAuthenticator(
            tokens: configuration.tokens, tokenRequiredForReads: options.requireTokenForReads || !configuration.isLoopback)
        let routes = handlers.routes
        let refusals = RefusedTokenLog(logger: logger)
        let router = Router(context: BasicRequestContext.self)
        router.add(middleware: APIErrorMiddleware(routes: routes.map { ($0.method, $0.path) }))
        for route in routes {
            let handler = route.handler
            let role = route.role
            router.on(RouterPath(route.path), method: route.method) { request, context in
                let caller: APICaller
                do throws(APIError) {
                    caller = try authenticator.authorize(request, required: role)
                } catch {
                    refusals.note(error, request: request)
                    throw error
                }
                return try await handler(request, context, caller)
            }
        }
        return router
    }

    /// The method and path of every route, for documentation checks.
    public var routeSignatures: [(method: String, path: String)] {
        APIHandlers(dependencies: dependencies, configuration: configuration, options: options, logger: logger).routes.map {
            ($0.method.rawValue, $0.path)
        }
    }
}

/// A server reporting its port, as one service of a group (`crontui serve` adds it last, so it is
/// the first to stop: no new requests while the workers drain).
public struct ListeningService: Service {
    /// The server it runs.
    public let server: APIServer
    let onListening: @Sendable (Int) async -> Void

    /// A service running `server`; `onListening` gets the bound port once it listens.
    public init(server: APIServer, onListening: @escaping @Sendable (Int) async -> Void = { _ in }) {
        self.server = server
        self.onListening = onListening
    }

    public func run() async throws {
        try await server.run(onListening: onListening)
    }
}

extension APIServer {
    /// The OpenAPI document served at `/api/openapi.json`.
    public var openAPIDocument: String { OpenAPIDocument.json }

    /// Epoch milliseconds as the API writes instants (`2026-05-01T12:00:00.250Z`).
    public static func formatInstant(_ milliseconds: Int64) -> String { ISOTime.format(milliseconds: milliseconds) }

    /// An RFC 3339 instant as the API reads it, in epoch milliseconds; nil when it is not one.
    public static func parseInstant(_ text: String) -> Int64? { ISOTime.parse(text) }
}
