import Engine
import Foundation
import Logging
import TestSupport
import Testing

@testable import CronTUI

/// After Redis restarts, the feed goes on from the last event it saw: every event shows exactly
/// once, in order. Against the fault-test Redis, which the test stops and starts for real.
@Suite(.enabled(if: FaultRedis.enabled && TestServices.enabled), .serialized)
struct DashboardReconnectTests {
    @Test func aRedisRestartLosesNoEventAndRepeatsNone() async throws {
        guard let fault = FaultRedis.configured() else { return }
        // The fault Redis is shared with the API's fault tests: one restart at a time.
        try await FaultServices.exclusive { try await Self.check(fault) }
    }

    private static func check(_ fault: FaultRedis) async throws {
        // The engine's clients only: the feed reads, the test enqueues; nothing runs the jobs.
        try await fault.withEngine(queuePrefix: "reconnect") { engine in try await Self.restartWhileFollowing(engine, fault: fault) }
    }

    private static func restartWhileFollowing(_ engine: ProcessEngine, fault: FaultRedis) async throws {
        let source = DashboardEngineFeedRealTimeTests.source(engine)
        let shown = LockedValue<[String]>([])
        let failures = LockedValue<[String]>([])
        let follower = EventFollower(source: source, clock: SystemDashboardClock(), capacity: 1_000, retryDelay: { .milliseconds(100) })
        let following = Task {
            await follower.run { input in
                switch input {
                case .eventsArrived(let events, _): shown.withLock { $0 += events.map(\.id) }
                case .eventsFailed(let message, _): failures.withLock { $0.append(message) }
                default: break
                }
            }
        }
        defer { following.cancel() }
        func enqueue(_ prefix: String) async throws {
            for n in 0..<5 { try await engine.queue.enqueue(NewJob(id: "\(prefix)-\(n)", payload: [], schedule: "feed")) }
        }

        try await enqueue("before")
        let before = try await engine.queue.recentEvents(limit: 1_000).map(\.streamID)
        #expect(before.count == 5)
        #expect(await QueueFixture.eventually(timeout: .seconds(20)) { shown.get() == before })

        try await fault.act("stop")
        try await fault.act("start")
        // Back up: the stream survived (AOF), and the feed's reader reconnects on its own time.
        #expect(await QueueFixture.eventually(timeout: .seconds(20)) { (try? await engine.queue.lastEventID()) == before.last })
        try await enqueue("after")
        let all = try await engine.queue.recentEvents(limit: 1_000).map(\.streamID)
        let after = Array(all.drop { $0 != before.last }.dropFirst())
        #expect(after.count == 5)
        #expect(await QueueFixture.eventually(timeout: .seconds(30)) { shown.get().count >= before.count + after.count })
        #expect(shown.get() == before + after, "failures: \(failures.get())")
        #expect(Set(shown.get()).count == shown.get().count)
    }
}
