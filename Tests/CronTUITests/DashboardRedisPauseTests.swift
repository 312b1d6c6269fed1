import Engine
import Foundation
import Logging
import TestSupport
import Testing

@testable import CronTUI

/// A Redis that stops answering (`CLIENT PAUSE`, the real server) turns the header from `live` to
/// `disconnected`, never both at once, and back to `live` when it answers again. Against the
/// fault-test Redis, since a pause stalls every client of the server.
@Suite(.enabled(if: FaultRedis.enabled && TestServices.enabled), .serialized)
struct DashboardRedisPauseTests {
    @Test func aPausedRedisReplacesLiveWithDisconnected() async throws {
        guard let fault = FaultRedis.configured() else { return }
        try await FaultServices.exclusive { try await Self.check(fault) }
    }

    /// `redis-cli -u url arguments...`, off the cooperative pool.
    private static func redisCLI(_ url: String, _ arguments: [String]) async throws -> ProcessRunner.Result {
        try await withCheckedThrowingContinuation { continuation in
            Thread.detachNewThread {
                continuation.resume(with: Result { try ProcessRunner.run(["-u", url] + arguments, executable: "/usr/bin/redis-cli") })
            }
        }
    }

    private static func header(_ text: String) -> String { String(text.prefix { $0 != "\n" }) }

    private static func check(_ fault: FaultRedis) async throws {
        try await fault.withEngine(queuePrefix: "pause") { engine in try await Self.pauseWhileWatching(engine, fault: fault) }
    }

    private static func pauseWhileWatching(_ engine: ProcessEngine, fault: FaultRedis) async throws {
        var options = DashboardOptions()
        options.refreshInterval = .milliseconds(250)
        let terminal = FakeTerminal(size: TerminalSize(columns: 160, rows: 40))
        let runner = DashboardRunner(
            source: DashboardEngineFeedRealTimeTests.source(engine), terminal: terminal, clock: SystemDashboardClock(), options: options)
        let running = Task { await runner.run() }
        defer { running.cancel() }

        #expect(await terminal.waitForFrame { Self.header($0).contains("● live") })
        // Longer than the client's 5 s reply timeout, so a poll fails rather than waits.
        let pause = try await Self.redisCLI(fault.url, ["CLIENT", "PAUSE", "8000", "ALL"])
        #expect(pause.status == 0 && pause.stdout.contains("OK"), "\(pause.stderr)")
        let paused = Date()
        #expect(await terminal.waitForFrame(timeout: 20) { Self.header($0).contains("✗ disconnected since") })
        #expect(Date().timeIntervalSince(paused) < 15)
        #expect(await terminal.waitForFrame(timeout: 30) { Self.header($0).contains("● live") })
        await terminal.close()
        _ = await running.value

        let headers = terminal.frames.map { Self.header($0.text) }
        let down = headers.filter { $0.contains("disconnected") }
        #expect(!down.isEmpty)
        for header in down {
            #expect(!header.contains("live"), "\(header)")
            #expect(header.contains("redis://"), "what is disconnected: \(header)")
        }
    }
}
