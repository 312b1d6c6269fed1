import Logging
import ServiceLifecycle
import UnixSignals

/// Waiting for SIGTERM or SIGINT, for a command that serves until told to stop (`demo target`),
/// through swift-service-lifecycle's signal handling as `serve` uses it.
enum Termination {
    /// Returns when SIGTERM or SIGINT arrives.
    static func wait() async throws {
        let quiet = Logger(label: "crontui", factory: { _ in SwiftLogNoOpLogHandler() })
        let group = ServiceGroup(services: [Waiter()], gracefulShutdownSignals: [.sigterm, .sigint], cancellationSignals: [], logger: quiet)
        try await group.run()
    }

    /// A service that ends when the group is told to stop.
    struct Waiter: Service {
        func run() async throws {
            try? await gracefulShutdown()
        }
    }
}
