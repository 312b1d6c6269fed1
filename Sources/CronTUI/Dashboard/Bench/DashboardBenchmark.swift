import Bench
import CommandSupport
import Demo
import Engine
import Foundation
import Logging

/// `crontui bench dashboard`: the real dashboard (runner, state, renderer) against the real engine
/// source, with a demo-like load it makes itself, measured while jobs run and while all is idle.
///
/// It needs the Redis and PostgreSQL of `REDIS_URL` and `DATABASE_URL`, where it works in a schema
/// and a queue of its own (both removed afterwards): every-second schedules call the demo target
/// (``DemoTarget``) on a loopback port, so successes, retries, timeouts and failures arrive as in
/// `crontui demo`, through an in-process engine. Three dashboards watch it (Overview, Events,
/// History, at the terminal size given), each drawing through a ``RecordingTerminal``.
struct DashboardBenchmark {
    /// What one view's frames cost.
    struct FrameTimes: Sendable {
        var view: DashboardView
        /// Renders (a render that changed nothing sends nothing, but costs the same).
        var frames: Int
        /// Wall-clock time per frame.
        var wall: Spread
        /// The same frames in CPU time of the drawing thread.
        var cpu: Spread
    }

    /// The median, 99th percentile and maximum of some frame costs, in microseconds.
    struct Spread: Sendable {
        var p50: Double
        var p99: Double
        var max: Double

        init(_ samples: [Double]) {
            let sorted = samples.sorted()
            p50 = DashboardBenchmark.percentile(sorted, 0.5)
            p99 = DashboardBenchmark.percentile(sorted, 0.99)
            max = sorted.last ?? 0
        }
    }

    /// The figures of a run.
    struct Report: Sendable {
        var views: [FrameTimes]
        /// Attempts the engine recorded during the measured seconds.
        var executions: Int
        /// Bytes ncurses sends for the Overview: a full paint, then per minute while jobs run and
        /// per minute once the engine stopped (only the clock and the data age change); each
        /// counted from ``settle`` after its dashboard opened, once its data has arrived.
        var firstPaint: Int
        var liveBytesPerMinute: Int
        var idleBytesPerMinute: Int
    }

    /// One demo-like schedule: a name, a path on the demo target, attempts, a request timeout.
    private struct Load {
        var name: String
        var path: String
        var attempts: Int
        var timeout: String
    }

    /// The mix `crontui demo` runs, every second.
    private static let mix = [
        Load(name: "ok", path: "/ok", attempts: 1, timeout: "5s"),
        Load(name: "flaky", path: "/flaky?key=bench&failures=2", attempts: 3, timeout: "5s"),
        Load(name: "fail", path: "/fail", attempts: 2, timeout: "5s"),
        Load(name: "slow", path: "/slow?ms=2000", attempts: 2, timeout: "500ms"),
        Load(name: "notfound", path: "/notfound", attempts: 1, timeout: "5s"),
        Load(name: "ok-too", path: "/ok", attempts: 1, timeout: "5s"),
    ]

    let configuration: EngineConfiguration
    let size: TerminalSize
    /// Seconds between fires of each schedule (`*/period` in the seconds field): 1 makes about 540
    /// attempts a minute, 8 about 80.
    var period = 1
    /// Measured seconds with jobs running, and with the engine stopped.
    let liveSeconds: Int
    let idleSeconds: Int
    /// How long a dashboard takes to load its data: its bytes are counted from then on.
    static let settle = Duration.seconds(3)

    /// Sets up, measures, and removes what it made.
    func run() async throws -> Report {
        var logger = Logger(label: "crontui.bench")
        logger.logLevel = .critical
        let schema = try await BenchSchema.create(prefix: "bench_dashboard_", in: configuration.database)
        let target: LoopbackHTTPServer
        do {
            target = try await DemoTarget().serve(port: 0)
        } catch {
            await schema.drop()
            throw RuntimeError("cannot serve the demo target on 127.0.0.1: \(error)")
        }
        var configuration = self.configuration
        configuration.database = schema.endpoint
        configuration.queueName = "bench-dashboard-" + schema.suffix
        configuration.demoTargetPort = nil
        let system = CronSystem(configuration: configuration, connections: .server, logger: logger)
        let engine = system.engine()
        let result: Result<Report, any Error>
        do {
            result = .success(try await measure(system, engine, target: "http://127.0.0.1:\(target.port)"))
        } catch {
            result = .failure(error)
        }
        try? await engine.queue.destroy()
        await engine.close()
        await target.shutdown()
        await schema.drop()
        return try result.get()
    }

    private func measure(_ system: CronSystem, _ engine: ProcessEngine, target: String) async throws -> Report {
        _ = try await system.migrate()
        let caller = CronSystem.Caller(actor: "bench", interface: .cli)
        let cron = period == 1 ? "* * * * * *" : "*/\(period) * * * * *"
        for load in Self.mix {
            let input = ScheduleInput(
                name: "bench-" + load.name, cron: cron, url: target + load.path, timeout: load.timeout, attempts: String(load.attempts),
                backoff: "fixed:1s")
            _ = try await system.createSchedule(input, by: caller)
        }
        let runtime = engine.runtime()
        let running = Task { try await runtime.run() }
        // Some history first, so every view has rows from the first frame.
        let warm = ContinuousClock.now + .seconds(30)
        while try await engine.store.count() < Self.mix.count, ContinuousClock.now < warm {
            try await Task.sleep(for: .milliseconds(200))
        }
        let source = EngineDashboardSource(
            system: system, readonly: true, caller: OperatorIdentity.dashboardCaller, target: configuration.redis.description)
        let before = try await engine.store.count()
        let live = await watch(source, views: [.overview, .events, .history], for: .seconds(liveSeconds))
        let executions = try await engine.store.count() - before
        runtime.shutdown()
        _ = try? await running.value
        let idle = await watch(source, views: [.overview], for: .seconds(idleSeconds))
        let liveBytes = try PtyOutputMeter.measure(live[0].frames)
        let idleBytes = try PtyOutputMeter.measure(idle[0].frames)
        let settled = Double(Self.settle.components.seconds)
        func perMinute(_ bytes: Int, _ seconds: Int) -> Int { Int(Double(bytes) * 60 / max(1, Double(seconds) - settled)) }
        return Report(
            views: live.map(\.times), executions: executions, firstPaint: liveBytes.firstFrame,
            liveBytesPerMinute: perMinute(liveBytes.rest, liveSeconds), idleBytesPerMinute: perMinute(idleBytes.rest, idleSeconds))
    }

    /// Runs one dashboard per view against `source` for `duration`; their frames and costs.
    private func watch(_ source: EngineDashboardSource, views: [DashboardView], for duration: Duration) async -> [(
        frames: [Screen], times: FrameTimes
    )] {
        await withTaskGroup(of: (Int, [Screen], FrameTimes).self) { group in
            for (index, view) in views.enumerated() {
                group.addTask {
                    var options = DashboardOptions()
                    options.view = view
                    let terminal = RecordingTerminal(size: size)
                    let costs = LockedValue<[FrameCost]>([])
                    var runner = DashboardRunner(source: source, terminal: terminal, clock: SystemDashboardClock(), options: options)
                    runner.frameCost = { cost in costs.withLock { $0.append(cost) } }
                    let settled = ContinuousClock.now + Self.settle
                    let stop = Task {
                        try? await Task.sleep(for: duration)
                        await terminal.close()
                    }
                    _ = await runner.run()
                    stop.cancel()
                    // Only the Overview's frames are painted afterwards (bytes); the others' are let go.
                    return (index, index == 0 ? terminal.frames(from: settled) : [], Self.times(view, costs.get()))
                }
            }
            var results = [(frames: [Screen], times: FrameTimes)?](repeating: nil, count: views.count)
            for await (index, frames, times) in group { results[index] = (frames, times) }
            return results.compactMap { $0 }
        }
    }

    private static func times(_ view: DashboardView, _ costs: [FrameCost]) -> FrameTimes {
        FrameTimes(view: view, frames: costs.count, wall: Spread(costs.map { microseconds($0.wall) }), cpu: Spread(costs.map(\.cpuMicroseconds)))
    }

    private static func microseconds(_ duration: Duration) -> Double {
        let (seconds, attoseconds) = duration.components
        return Double(seconds) * 1_000_000 + Double(attoseconds) / 1_000_000_000_000
    }

    private static func percentile(_ sorted: [Double], _ p: Double) -> Double {
        guard !sorted.isEmpty else { return 0 }
        return sorted[min(sorted.count - 1, Int((Double(sorted.count) * p).rounded(.up)) - 1)]
    }
}
