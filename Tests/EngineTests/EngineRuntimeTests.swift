import Synchronization
import Testing

@testable import Engine

/// The runtime runs components together and stops them in reverse order.
@Suite struct EngineRuntimeTests {
    final class Component: EngineComponent {
        let name: String
        let log: Log
        let fails: Bool
        private let stopped = Signal()

        init(_ name: String, log: Log, fails: Bool = false) {
            self.name = name
            self.log = log
            self.fails = fails
        }

        func run() async throws {
            log.append("\(name) started")
            if fails { throw JobFailure("\(name) broke") }
            await stopped.wait()
            log.append("\(name) stopped")
        }

        func shutdown() { stopped.fire() }
    }

    final class Log: Sendable {
        let lines = Mutex<[String]>([])
        func append(_ line: String) { lines.withLock { $0.append(line) } }
        var all: [String] { lines.withLock { $0 } }
    }

    @Test func componentsStopInReverseOrder() async throws {
        let log = Log()
        let runtime = EngineRuntime(components: ["recorder", "workers", "scheduler"].map { Component($0, log: log) })
        let running = Task { try await runtime.run() }
        #expect(await QueueFixtureFree.eventually { log.all.count == 3 })
        runtime.shutdown()
        try await running.value
        #expect(log.all.suffix(3) == ["scheduler stopped", "workers stopped", "recorder stopped"])
    }

    @Test func aFailingComponentStopsTheOthersAndIsReported() async {
        let log = Log()
        let runtime = EngineRuntime(components: [Component("recorder", log: log), Component("broken", log: log, fails: true)])
        await #expect(throws: JobFailure.self) { try await runtime.run() }
        #expect(log.all.contains("recorder stopped"))
    }
}
