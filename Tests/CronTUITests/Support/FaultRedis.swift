import Engine
import Foundation
import Logging
import TestSupport
import Testing

/// The fault-test Redis (`FAULT_REDIS_URL`, started by `scripts/services.sh up`), which a test may
/// stop and start again through that script without disturbing the others.
struct FaultRedis: Sendable {
    let url: String
    let script: String

    /// The fault Redis, or nil (with an issue recorded) when the environment does not name it.
    static func configured() -> FaultRedis? {
        let environment = ProcessInfo.processInfo.environment
        guard let url = environment["FAULT_REDIS_URL"], let script = environment["CRONTUI_SERVICES"] else {
            Issue.record("FAULT_REDIS_URL or CRONTUI_SERVICES is not set: run the tests with `make test`")
            return nil
        }
        return FaultRedis(url: url, script: script)
    }

    /// True when the fault services are configured, and always in CI (where missing ones fail).
    static var enabled: Bool {
        TestServices.isCI || ProcessInfo.processInfo.environment["FAULT_REDIS_URL"] != nil
    }

    /// Runs `body` with the engine's clients (no workers, no scheduler) on this Redis, a queue of its
    /// own and a migrated schema; afterwards Redis is started again whatever `body` did, and the
    /// queue removed.
    func withEngine(queuePrefix: String, _ body: (ProcessEngine) async throws -> Void) async throws {
        try await TestDatabase.withSchema { database in
            let migrator = try await database.connect()
            _ = try await MigrationRunner().run(on: migrator)
            await migrator.close()
            var configuration = try EngineConfiguration.resolve(environment: [
                "REDIS_URL": url, "QUEUE_NAME": TestServices.uniqueName(queuePrefix),
            ])
            configuration.database = database.endpoint
            let engine = CronSystem(configuration: configuration, logger: Logger(label: "test", factory: { _ in SwiftLogNoOpLogHandler() })).engine()
            var failure: (any Error)?
            do { try await body(engine) } catch { failure = error }
            try? await act("start")
            try? await engine.queue.destroy()
            await engine.close()
            if let failure { throw failure }
        }
    }

    /// `scripts/services.sh fault <action> redis` (stop, start), off the cooperative pool.
    func act(_ action: String) async throws {
        let script = self.script
        let result = try await withCheckedThrowingContinuation { continuation in
            Thread.detachNewThread {
                continuation.resume(with: Result { try ProcessRunner.run(["fault", action, "redis"], executable: script) })
            }
        }
        guard result.status == 0 else { throw FaultRedisError(description: "services.sh fault \(action) redis: \(result.stderr)") }
    }
}

struct FaultRedisError: Error, CustomStringConvertible {
    var description: String
}
