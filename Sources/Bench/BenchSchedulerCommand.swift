import ArgumentParser
import CommandSupport
import Engine
import Foundation
import Logging

/// `crontui bench scheduler --schedules N`: load N enabled schedules into a leading scheduler and
/// report the load time, memory and idle CPU; then add schedules that fire every second and report
/// the fire lag (enqueue time minus scheduled instant). Runs in a PostgreSQL schema and on a queue of
/// its own, both removed afterwards.
package struct BenchSchedulerCommand: AsyncParsableCommand {
    package init() {}

    package static let configuration = CommandConfiguration(
        commandName: "scheduler",
        abstract: "Load N schedules and measure load time, RSS, idle CPU and fire lag with 1,000 every-second schedules."
    )

    @OptionGroup var connection: ConnectionOptions

    @Option(help: "Enabled schedules to load (daily schedules spread over the day, in three zones).")
    var schedules = 100_000

    @Option(help: "Schedules firing every second for the lag measurement.")
    var everySecond = 1_000

    @Option(help: "Seconds of every-second fires measured.")
    var lagSeconds = 20

    @Option(help: "Seconds over which idle CPU is measured.")
    var idleSeconds = 10

    @OptionGroup var output: JSONOutputOption

    package func validate() throws {
        try UsageError.checking {
            try UsageError.check("--schedules", schedules, in: 0...1_000_000)
            try UsageError.check("--every-second", everySecond, in: 0...20_000)
            try UsageError.check("--lag-seconds", lagSeconds, in: 1...600)
            try UsageError.check("--idle-seconds", idleSeconds, in: 1...600)
        }
    }

    package func run() async throws {
        let configuration = try connection.configuration()
        let schema = try await BenchSchema.create(prefix: "bench_sched_", in: configuration.database)
        let pool = PostgresPool(endpoint: schema.endpoint, size: 4)
        let redis = RedisClient(endpoint: configuration.redis)
        let queue = JobQueue(name: "bench-" + schema.name, redis: redis)
        var figures: BenchFigures?
        var failure: (any Error)?
        do {
            figures = try await measure(pool: pool, queue: queue)
        } catch {
            failure = error
        }
        try? await queue.destroy()
        redis.close()
        await pool.close()
        await schema.drop()
        if let failure { throw RuntimeError("bench scheduler failed: \(failure)") }
        figures?.print(output)
    }

    private func measure(pool: PostgresPool, queue: JobQueue) async throws -> BenchFigures {
        try await pool.withConnection { _ = try await MigrationRunner().run(on: $0) }
        try await insert(count: schedules, cron: nil, prefix: "daily", pool: pool)
        let rssBefore = ProcessUsage.megabytes("VmRSS")

        let logger = Logger.bench
        let scheduler = Scheduler(queue: queue, database: pool, logger: logger)
        let clock = ContinuousClock()
        let started = clock.now
        let running = Task { try? await scheduler.run() }
        defer { running.cancel() }
        while scheduler.status.lastLoadDuration == nil {
            guard clock.now - started < .seconds(120) else { throw RuntimeError("the scheduler did not load within 2 minutes") }
            try await Task.sleep(for: .milliseconds(5))
        }
        let loadSeconds = (scheduler.status.lastLoadDuration ?? .zero).seconds
        let leadAndLoadSeconds = (clock.now - started).seconds
        let loaded = scheduler.status.schedules
        let rssAfterLoad = ProcessUsage.megabytes("VmRSS")

        // Idle: the loaded schedules fire now and then (N / 86,400 a second).
        let cpu0 = ProcessUsage.cpuSeconds()
        let wall0 = clock.now
        try await Task.sleep(for: .seconds(idleSeconds))
        let idleCPUPercent = (ProcessUsage.cpuSeconds() - cpu0) / (clock.now - wall0).seconds * 100

        var fires = 0
        var notEnqueued = 0
        var lag = [0.0, 0.0, 0.0]  // p50, p99, max
        if everySecond > 0 {
            try await insert(count: everySecond, cron: "* * * * * *", prefix: "tick", pool: pool)
            // They arrive by NOTIFY; measure whole seconds from 2 s on.
            let from = (SystemQueueClock().nowMilliseconds() / 1_000 + 2) * 1_000
            let to = from + Int64(lagSeconds) * 1_000
            while SystemQueueClock().nowMilliseconds() < to + 1_500 { try await Task.sleep(for: .milliseconds(200)) }
            let rows = try await pool.query(
                """
                SELECT count(*) FILTER (WHERE f.status = 'enqueued' AND f.enqueued_at IS NOT NULL),
                  count(*) FILTER (WHERE f.status <> 'enqueued'),
                  coalesce(percentile_cont(0.5) WITHIN GROUP (ORDER BY extract(epoch FROM f.enqueued_at - f.scheduled_for) * 1000), 0),
                  coalesce(percentile_cont(0.99) WITHIN GROUP (ORDER BY extract(epoch FROM f.enqueued_at - f.scheduled_for) * 1000), 0),
                  coalesce(max(extract(epoch FROM f.enqueued_at - f.scheduled_for) * 1000), 0)::float8
                FROM fires f JOIN schedules s ON s.id = f.schedule_id
                WHERE s.name LIKE 'tick-%' AND f.scheduled_for >= timestamptz 'epoch' + $1 * interval '1 millisecond'
                  AND f.scheduled_for < timestamptz 'epoch' + $2 * interval '1 millisecond'
                """, [from, to])
            fires = try rows[0].decode(0)
            notEnqueued = try rows[0].decode(1)
            lag = try (2...4).map { try rows[0].decode($0) }
        }
        let peakRSS = ProcessUsage.peakRSSMegabytes
        scheduler.shutdown()
        await running.value

        var figures = BenchFigures(
            "scheduler benchmark: \(schedules) daily schedules, then \(everySecond) every-second schedules for \(lagSeconds) s")
        figures.add("schedules", schedules)
        figures.add("loaded", loaded)
        figures.add(
            "load_s", loadSeconds, "%.3f",
            line: "load (\(loaded) schedules):     "
                + String(format: "%8.3f s   (from start, lease included: %.3f s)", loadSeconds, leadAndLoadSeconds))
        figures.add("lead_and_load_s", leadAndLoadSeconds, "%.3f")
        figures.add("rss_before_mb", rssBefore, "%.1f")
        figures.add(
            "rss_after_load_mb", rssAfterLoad, "%.1f",
            line: String(format: "RSS after load:         %8.1f MB  (before: %.1f MB, peak: %.1f MB)", rssAfterLoad, rssBefore, peakRSS))
        figures.add("peak_rss_mb", peakRSS, "%.1f")
        figures.add(
            "idle_cpu_percent", idleCPUPercent, "%.2f",
            line: String(format: "idle CPU:               %8.2f %%   (over ", idleCPUPercent) + "\(idleSeconds) s)")
        figures.add("every_second", everySecond)
        figures.add("lag_seconds", lagSeconds)
        figures.add("fires", fires, line: String(format: "fires measured:         %8d      (", fires) + "\(notEnqueued) missed or skipped)")
        figures.add("not_enqueued", notEnqueued)
        for (name, value) in zip(["p50", "p99", "max"], lag) {
            figures.add("lag_\(name)_ms", value, "%.1f", line: String(format: "fire lag \(name):           %8.1f ms", value))
        }
        return figures
    }

    /// Inserts `count` enabled schedules in one statement: `cron` for all, or daily ones spread
    /// over the minutes of the day in UTC, Europe/Berlin and America/New_York.
    private func insert(count: Int, cron: String?, prefix: String, pool: PostgresPool) async throws {
        if count == 0 { return }
        try await pool.query(
            """
            INSERT INTO schedules (name, cron, tz, url, timeout_ms)
            SELECT $1 || '-' || g, coalesce($2, (g % 60) || ' ' || ((g / 60) % 24) || ' * * *'),
              CASE g % 3 WHEN 0 THEN 'UTC' WHEN 1 THEN 'Europe/Berlin' ELSE 'America/New_York' END,
              'http://127.0.0.1:9/' || $1 || '/' || g, 5000
            FROM generate_series(1, $3) AS g
            """, [prefix, cron, count])
        // Statistics for the fresh rows, as autovacuum would gather on a live database: without
        // them the planner reads the whole table for every page of the load.
        try await pool.query("ANALYZE schedules")
    }
}
