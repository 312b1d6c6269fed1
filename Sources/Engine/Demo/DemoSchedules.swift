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

    /// The backoff as `--backoff` spells it.
    static let backoffText = "exponential:1s:10s"

    /// Creates the demo schedules (or points existing ones again at `targetBase`) through `service`,
    /// so they pass the same validation and audit as `crontui schedule add|edit`; returns their ids
    /// by name. A demo schedule that exists with the same URL is left alone (and not audited again).
    public static func seed(through service: ScheduleService, targetBase: String, by caller: ScheduleService.Caller) async throws(ScheduleError)
        -> [String: Int64]
    {
        var ids: [String: Int64] = [:]
        for entry in all {
            let url = targetBase + entry.path
            let existing: Schedule?
            do {
                existing = try await service.store.schedule(.name(entry.name))
            } catch  where error.code == .notFound {
                existing = nil
            }
            let schedule: Schedule
            if let existing {
                schedule =
                    existing.definition.url == url ? existing : try await service.update(.id(existing.id), with: ScheduleInput(url: url), by: caller)
            } else {
                schedule = try await service.create(input(entry, url: url), by: caller)
            }
            ids[entry.name] = schedule.id
        }
        return ids
    }

    /// The fields of `entry` as an operator would type them.
    static func input(_ entry: Entry, url: String) -> ScheduleInput {
        ScheduleInput(
            name: entry.name, cron: entry.cron, method: "GET", url: url, timeout: "\(entry.timeoutMs)ms", attempts: String(entry.attempts),
            backoff: backoffText)
    }

    /// One manual run of each demo schedule, to enqueue at once so the demo does not wait for the
    /// first fire.
    public static func manualRuns(ids: [String: Int64], targetBase: String) throws -> [NewJob] {
        try all.map { entry in
            let payload = HTTPJob(
                scheduleID: ids[entry.name], scheduleName: entry.name, trigger: .manual,
                request: HTTPJob.Request(url: targetBase + entry.path, timeoutMs: entry.timeoutMs))
            return NewJob(payload: try payload.encoded(), options: JobOptions(attempts: entry.attempts, backoff: backoff), schedule: entry.name)
        }
    }
}
