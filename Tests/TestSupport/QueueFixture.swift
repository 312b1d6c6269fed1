import Engine
import Foundation

/// A queue of its own for one test, on the real Redis, deleted afterwards.
package struct QueueFixture: Sendable {
    package let redis: RedisClient
    package let queue: JobQueue

    package init(options: QueueOptions = QueueOptions(), clock: any QueueClock = SystemQueueClock()) throws {
        redis = RedisClient(endpoint: try TestServices.redisEndpoint())
        queue = JobQueue(name: TestServices.uniqueName("q"), redis: redis, options: options, clock: clock)
    }

    package func tearDown() async {
        try? await queue.destroy()
        redis.close()
    }

    /// Polls `condition` until it holds or `timeout` passes; returns whether it held.
    package static func eventually(
        timeout: Duration = .seconds(30), _ condition: () async throws -> Bool
    ) async rethrows -> Bool {
        let clock = ContinuousClock()
        let deadline = clock.now + timeout
        while clock.now < deadline {
            if try await condition() { return true }
            try? await Task.sleep(for: .milliseconds(10))
        }
        return try await condition()
    }
}

extension NewJob {
    /// A job whose payload is `text`.
    package static func text(_ text: String, id: String? = nil, options: JobOptions = JobOptions(), delay: Duration = .zero) -> NewJob {
        NewJob(id: id, payload: Array(text.utf8), options: options, delay: delay)
    }
}

extension JobQueue {
    /// The workers offering to take jobs straight from the enqueue (see ``QueueKeys/idle``).
    package func offeringWorkers() async throws -> [String] {
        try await redis.send(RedisCommand("ZRANGE", keys.idle, 0, -1)).array?.compactMap(\.string) ?? []
    }

    /// The ids of every job in `states`, page by page.
    package func allJobIDs(in states: [JobState] = JobState.allCases) async throws -> Set<String> {
        var ids = Set<String>()
        for state in states {
            var offset = 0
            while true {
                let page = try await jobs(in: state, offset: offset, limit: 1_000)
                ids.formUnion(page.jobs.map(\.id))
                offset += page.jobs.count
                if page.jobs.isEmpty || offset >= page.total { break }
            }
        }
        return ids
    }
}

extension QueueFixture {
    /// The façade over this fixture's queue, with `database` (by default `DATABASE_URL`'s server;
    /// nothing connects until a route needs it).
    package func system(database: PostgresEndpoint? = nil) throws -> CronSystem {
        _ = try TestServices.redisEndpoint()  // REDIS_URL must be set
        var environment = ["QUEUE_NAME": queue.name]
        environment["REDIS_URL"] = TestServices.environment["REDIS_URL"]
        environment["DATABASE_URL"] = TestServices.environment["DATABASE_URL"]
        var configuration = try EngineConfiguration.resolve(environment: environment)
        if let database { configuration.database = database }
        return CronSystem(configuration: configuration, connections: .server)
    }
}
