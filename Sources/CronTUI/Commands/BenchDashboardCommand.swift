import ArgumentParser
import CommandSupport
import Foundation

/// `crontui bench dashboard`: the real dashboard against the real engine under a demo-like load:
/// frame cost per view, and bytes per minute to the terminal while jobs run and while idle.
struct BenchDashboardCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "dashboard",
        abstract: "Frame cost and bytes per minute of the dashboard at 200x50, against the real engine running demo-like schedules.",
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

    func run() async throws {
        guard seconds >= 10, idleSeconds >= 10 else { throw UsageError("--seconds and --idle-seconds must be at least 10") }
        let size = TerminalSize(columns: 200, rows: 50)
        print("dashboard at 200x50 against the real engine: 6 every-second demo schedules, \(seconds) s live, \(idleSeconds) s idle")
        let report = try await DashboardBenchmark(
            configuration: try connection.configuration(), size: size, liveSeconds: seconds, idleSeconds: idleSeconds
        ).run()
        print("  \(report.executions) attempts recorded while measured")
        var worst = 0.0
        for t in report.views {
            worst = max(worst, t.cpuP99)
            print(
                String(
                    format: "  %@ %4d renders | render+diff CPU p50 %5.0f us p99 %5.0f us | wall p50 %5.0f us p99 %5.0f us max %6.0f us",
                    t.view.title.padding(toLength: 9, withPad: " ", startingAt: 0), t.frames, t.cpuP50, t.cpuP99, t.p50, t.p99, t.max))
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
