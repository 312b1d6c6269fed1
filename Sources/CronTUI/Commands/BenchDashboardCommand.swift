import ArgumentParser
import CommandSupport
import Foundation

/// `crontui bench dashboard`: frame time under a flood of events, and idle bytes per minute.
struct BenchDashboardCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "dashboard",
        abstract: "Render+diff time per frame at 200x50 under 1,000 events/s, and idle bytes per minute."
    )

    @Option(help: "Simulated seconds of events.")
    var seconds = 60

    @Option(name: .customLong("events-per-second"), help: "Events arriving each second.")
    var eventsPerSecond = 1000

    func run() async throws {
        guard seconds > 0, eventsPerSecond >= 10 else { throw UsageError("--seconds must be > 0 and --events-per-second >= 10") }
        print("dashboard frame time at 200x50, \(eventsPerSecond) events/s, 10 frames/s, \(seconds) s simulated")
        var worst = 0.0
        for view in [DashboardView.overview, .events, .history] {
            let t = DashboardBenchmark.frameTimes(view: view, seconds: seconds, eventsPerSecond: eventsPerSecond)
            worst = max(worst, t.cpuP99)
            print(
                String(
                    format: "  %-9@ render+diff CPU p50 %5.0f us p99 %5.0f us | wall p50 %5.0f us p99 %5.0f us max %6.0f us"
                        + " | update of %d events p99 %4.0f us",
                    view.title, t.cpuP50, t.cpuP99, t.p50, t.p99, t.max, eventsPerSecond / 10, t.updateP99))
        }
        let frames = DashboardBenchmark.idleMinute()
        let bytes = try PtyOutputMeter.measure(frames)
        print("idle minute at 200x50 through ncurses (xterm-256color): first paint \(bytes.firstFrame) B, then \(bytes.rest) B/min")
        let framePass = worst <= 2000
        let bytesPass = bytes.rest <= 4096
        print("floors: CPU p99 <= 2 ms \(framePass ? "PASS" : "FAIL"); idle <= 4 KB/min \(bytesPass ? "PASS" : "FAIL")")
        if !(framePass && bytesPass) { throw ExitCode(1) }
    }
}
