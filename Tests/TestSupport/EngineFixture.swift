import Engine
import Logging
import Testing

/// The engine of `crontui serve` on a schema and a queue of their own, for tests that run it whole.
package enum EngineFixture {
    /// Runs the engine (on a migrated schema of its own and a queue named after `queuePrefix`, with
    /// `environment` on top of `REDIS_URL`) while `body` runs, then stops it and removes its queue.
    /// With `alsoWorking`, it works those queues too (`QUEUES`), and removes them as well.
    package static func withEngine(
        queuePrefix: String, environment: [String: String] = [:], alsoWorking: [String] = [], _ body: (ProcessEngine) async throws -> Void
    ) async throws {
        try await TestDatabase.withSchema { database in
            let migrator = try await database.connect()
            _ = try await MigrationRunner().run(on: migrator)
            await migrator.close()
            var settings = environment
            settings["REDIS_URL"] = try #require(TestServices.environment["REDIS_URL"])
            let queueName = TestServices.uniqueName(queuePrefix)
            settings["QUEUE_NAME"] = queueName
            if !alsoWorking.isEmpty { settings["QUEUES"] = ([queueName] + alsoWorking).joined(separator: ",") }
            var configuration = try EngineConfiguration.resolve(environment: settings)
            configuration.database = database.endpoint
            let engine = CronSystem(configuration: configuration, logger: Logger(label: "test", factory: { _ in SwiftLogNoOpLogHandler() }))
                .engine()
            let runtime = engine.runtime()
            let running = Task { try await runtime.run() }
            var failure: (any Error)?
            do { try await body(engine) } catch { failure = error }
            runtime.shutdown()
            _ = try? await running.value
            try? await engine.queue.destroy()
            for name in alsoWorking { try? await engine.queue.sibling(named: name).destroy() }
            await engine.close()
            if let failure { throw failure }
        }
    }
}

extension ProcessEngine {
    /// The attempts of job `jobID` in attempt order, once `count` of them are recorded with their
    /// outcome (the recorder writes in batches), or what is recorded when 15 s have passed.
    package func finishedAttempts(ofJob jobID: String, count: Int) async throws -> [ExecutionRecord] {
        var rows: [ExecutionRecord] = []
        _ = try await QueueFixture.eventually(timeout: .seconds(15)) {
            rows = try await store.page(ExecutionQuery(jobID: jobID, limit: 10)).records.sorted { $0.attempt < $1.attempt }
            return rows.count == count && rows.allSatisfy { $0.outcome != nil }
        }
        return rows
    }
}
