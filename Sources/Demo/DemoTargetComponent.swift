import Engine
import Logging

/// The demo target as an engine component: serves ``DemoTarget`` on 127.0.0.1 until shutdown.
public final class DemoTargetComponent: EngineComponent {
    /// `demo-target`.
    public let name = "demo-target"
    /// The port it serves on.
    public let port: Int
    private let target = DemoTarget()
    private let stopped = Signal()
    private let logger: Logger

    /// A component that will serve the demo target on `port`.
    public init(port: Int, logger: Logger = Logger(label: "crontui.demo")) {
        self.port = port
        self.logger = logger
    }

    public func run() async throws {
        let server = try await target.serve(port: port)
        logger.info("demo target listening on http://127.0.0.1:\(server.port)", metadata: ["event": "demo.listening"])
        await stopped.wait()
        await server.shutdown()
    }

    public func shutdown() { stopped.fire() }
}
