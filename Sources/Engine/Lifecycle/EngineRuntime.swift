import Logging
import ServiceLifecycle
import UnixSignals

/// The engine's components run as one swift-service-lifecycle `ServiceGroup`: started in the order
/// given and stopped gracefully in reverse, each finished before the next is told to stop. With
/// `[recorder, workers, scheduler]`, the scheduler stops firing first, then the workers drain, and
/// the recorder writes the last attempts before it stops.
///
/// A component whose ``EngineComponent/run()`` ends on its own (a failure) stops the others too;
/// ``run()`` then rethrows its error. `signals` (SIGTERM and SIGINT for `serve`) begin the same
/// graceful stop as ``shutdown()``.
public final class EngineRuntime: Sendable {
    /// The components, in start order.
    package let components: [any EngineComponent]
    private let group: ServiceGroup

    /// A runtime for `components`, then `services` (the API), started in this order and stopped in
    /// reverse; `signals` stop it gracefully.
    package init(
        components: [any EngineComponent], services: [any Service] = [], signals: [UnixSignal] = [],
        logger: Logger = Logger(label: "crontui.engine")
    ) {
        self.components = components
        let all: [(any Service, String)] =
            components.map { (ComponentService(component: $0, logger: logger), $0.name) } + services.map { ($0, "\(type(of: $0))") }
            + [(StopNotice(logger: logger), "notice")]
        var configuration = ServiceGroupConfiguration(
            services: all.map {
                .init(
                    service: $0.0, successTerminationBehavior: .gracefullyShutdownGroup, failureTerminationBehavior: .gracefullyShutdownGroup,
                    serviceName: $0.1)
            },
            logger: logger)
        configuration.gracefulShutdownSignals = signals
        group = ServiceGroup(configuration: configuration)
    }

    /// Runs every component until ``shutdown()``, a signal, or a component's end, then stops them in
    /// reverse order.
    public func run() async throws {
        try await group.run()
    }

    /// Begins the graceful stop; ``run()`` returns when every component has stopped.
    public func shutdown() {
        let group = group
        Task { await group.triggerGracefulShutdown() }
    }
}

/// An ``EngineComponent`` as a `Service`: the group's graceful shutdown calls its
/// ``EngineComponent/shutdown()``, and its end is logged.
struct ComponentService: Service {
    let component: any EngineComponent
    let logger: Logger

    func run() async throws {
        do {
            try await withGracefulShutdownHandler {
                try await component.run()
            } onGracefulShutdown: {
                component.shutdown()
            }
        } catch {
            logger.error("\(component.name) failed: \(error)", metadata: ["event": "engine.failed", "component": .string(component.name)])
            throw error
        }
        logger.info("\(component.name) stopped", metadata: ["event": "engine.stopped", "component": .string(component.name)])
    }
}

/// The last service, so the first told to stop: says that the engine is stopping.
struct StopNotice: Service {
    let logger: Logger

    func run() async throws {
        try? await gracefulShutdown()
        logger.notice("stopping", metadata: ["event": "engine.stopping"])
    }
}
