/// The schedules `crontui demo` seeds, all pointing at the ``DemoTarget``: one that succeeds, one
/// that succeeds on its third attempt, one that fails, one that times out, one rate-limited, one
/// 404.
public enum DemoSchedules {
    /// One demo schedule.
    public struct Entry: Sendable, Equatable {
        public var name: String
        public var cron: String
        /// Path and query on the demo target.
        public var path: String
        public var timeoutMs: Int
        public var attempts: Int
    }

    /// The demo schedules. Every minute each, so a fresh install shows all outcomes within one.
    public static let all: [Entry] = [
        Entry(name: "demo-ok", cron: "* * * * *", path: "/ok", timeoutMs: 5_000, attempts: 1),
        Entry(name: "demo-flaky", cron: "* * * * *", path: "/flaky?key=demo-flaky&failures=2", timeoutMs: 5_000, attempts: 3),
        Entry(name: "demo-fail", cron: "* * * * *", path: "/fail", timeoutMs: 5_000, attempts: 3),
        Entry(name: "demo-slow", cron: "* * * * *", path: "/slow?ms=60000", timeoutMs: 2_000, attempts: 2),
        Entry(name: "demo-ratelimited", cron: "* * * * *", path: "/ratelimited?after=2", timeoutMs: 5_000, attempts: 3),
        Entry(name: "demo-notfound", cron: "* * * * *", path: "/notfound", timeoutMs: 5_000, attempts: 3),
    ]

    /// The backoff the demo schedules use: exponential from 1 s, capped at 10 s.
    public static let backoff = Backoff.exponential(base: .seconds(1), cap: .seconds(10), jitter: 0.2)

    /// Inserts (or points again at `targetBase`) the demo schedules; returns their ids by name.
    ///
    /// The one place the demo writes schedules: when the scheduler's schedule store exists, this
    /// becomes a call to it.
    public static func seed(into database: PostgresPool, targetBase: String) async throws(PostgresError) -> [String: Int64] {
        var ids: [String: Int64] = [:]
        for entry in all {
            let rows = try await database.query(
                """
                INSERT INTO \(StoreTables.schedules) (name, cron, method, url, timeout_ms, attempts, backoff)
                VALUES ($1, $2, 'GET', $3, $4, $5, $6)
                ON CONFLICT (name) DO UPDATE SET url = EXCLUDED.url, updated_at = now()
                RETURNING id
                """,
                [
                    entry.name, entry.cron, targetBase + entry.path, entry.timeoutMs, entry.attempts,
                    PostgresJSON(#"{"kind": "exponential", "base_ms": 1000, "max_ms": 10000}"#),
                ])
            ids[entry.name] = try rows[0].decode(0, as: Int64.self)
        }
        return ids
    }

    /// One manual run of each demo schedule, to enqueue at once so the demo does not wait for the
    /// first fire.
    public static func manualRuns(ids: [String: Int64], targetBase: String) throws -> [NewJob] {
        try all.map { entry in
            let payload = HTTPJob(
                scheduleID: ids[entry.name], scheduleName: entry.name, trigger: .manual,
                request: HTTPJob.Request(url: targetBase + entry.path, timeoutMs: entry.timeoutMs))
            return NewJob(payload: try payload.encoded(), options: JobOptions(attempts: entry.attempts, backoff: backoff))
        }
    }
}
