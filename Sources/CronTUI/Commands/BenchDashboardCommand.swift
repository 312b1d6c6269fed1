import ArgumentParser
import CommandSupport
import Foundation

/// `crontui bench dashboard`: the real dashboard against the real engine under a demo-like load:
/// frame cost per view, and bytes per minute to the terminal while jobs run and while idle.
struct BenchDashboardCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "dashboard",
        abstract: "Frame cost and bytes per minute of the dashboard (200x50 unless --size), against the real engine running demo-like schedules.",
        discussion: """
            Uses the Redis and PostgreSQL of REDIS_URL and DATABASE_URL: a schema and a queue of its own, six every-second \
            schedules against the demo target on a loopback port, all removed afterwards.
            """
    )

    @OptionGroup var connection: ConnectionOptions

    @Option(help: "Seconds measured while the engine runs jobs.")
    var seconds = 60

    @Option(name: .customLong("idle-seconds"), help: "Seconds measured once the engine stopped (only the clock and data age change).")
    var idleSeconds = 30

    @Option(help: "The terminal size, COLUMNSxROWS.")
    var size = "200x50"

    @Option(help: "Seconds between fires of each schedule, 1 to 30 (1: about 540 attempts a minute; 8: about 80).")
    var period = 1

    func run() async throws {
        guard seconds >= 10, idleSeconds >= 10 else { throw UsageError("--seconds and --idle-seconds must be at least 10") }
        guard (1...30).contains(period) else { throw UsageError("--period: \(period) is not between 1 and 30") }
        let parts = size.lowercased().split(separator: "x").compactMap { Int($0) }
        guard parts.count == 2, parts[0] >= 60, parts[1] >= 15, parts[0] <= 1000, parts[1] <= 500 else {
            throw UsageError("--size: \"\(size)\" is not COLUMNSxROWS of at least 60x15 (e.g. 120x40)")
        }
        let terminal = TerminalSize(columns: parts[0], rows: parts[1])
        let every = period == 1 ? "every-second" : "every-\(period)-seconds"
        print("dashboard at \(size) against the real engine: 6 \(every) demo schedules, \(seconds) s live, \(idleSeconds) s idle")
        var benchmark = DashboardBenchmark(
            configuration: try connection.configuration(), size: terminal, liveSeconds: seconds, idleSeconds: idleSeconds)
        benchmark.period = period
        let report = try await benchmark.run()
        print("  \(report.executions) attempts recorded while measured (\(report.executions * 60 / seconds) a minute)")
        var worst = 0.0
        for t in report.views {
            worst = max(worst, t.cpu.p99)
            let title = t.view.title.padding(toLength: 9, withPad: " ", startingAt: 0)
            print(
                String(
                    format: "  %@ %4d renders | render+diff CPU p50 %5.0f us p99 %5.0f us | wall p50 %5.0f us p99 %5.0f us max %6.0f us",
                    title, t.frames, t.cpu.p50, t.cpu.p99, t.wall.p50, t.wall.p99, t.wall.max))
        }
        print(
            "Overview through ncurses (xterm-256color): full paint \(report.firstPaint) B, then \(report.liveBytesPerMinute) B/min live, "
                + "\(report.idleBytesPerMinute) B/min idle")
        let framePass = worst <= 2000
        let bytesPass = report.idleBytesPerMinute <= 4096
        print("floors: CPU p99 <= 2 ms \(framePass ? "PASS" : "FAIL"); idle <= 4 KB/min \(bytesPass ? "PASS" : "FAIL")")
        if !(framePass && bytesPass) { throw ExitCode(1) }
    }
}
