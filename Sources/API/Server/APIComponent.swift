import Engine
import Logging
import ServiceLifecycle

/// The HTTP API as one component of the engine's runtime (`crontui serve`): ``run()`` serves until
/// ``shutdown()``, which stops it gracefully (requests in flight finish, event streams end).
///
/// ```swift
/// let api = APIComponent(server: APIServer(configuration: configuration, dependencies: dependencies))
/// let runtime = engine.runtime(adding: [api])   // the API is the first to stop
/// ```
public final class APIComponent: EngineComponent {
    /// `api`.
    public let name = "api"
    /// The server it runs.
    public let server: APIServer
    private let group: ServiceGroup

    /// A component running `server`; `onListening` gets the bound port once it listens.
    public init(server: APIServer, onListening: @escaping @Sendable (Int) async -> Void = { _ in }) {
        self.server = server
        group = ServiceGroup(
            services: [ListeningService(server: server, onListening: onListening)], gracefulShutdownSignals: [], cancellationSignals: [],
            logger: server.logger)
    }

    /// Serves until ``shutdown()`` (or a failure to bind).
    public func run() async throws {
        try await group.run()
    }

    /// Begins the graceful stop; ``run()`` returns once the server has stopped.
    public func shutdown() {
        let group = group
        Task { await group.triggerGracefulShutdown() }
    }
}
