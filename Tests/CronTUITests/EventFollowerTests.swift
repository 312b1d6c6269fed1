import Engine
import Foundation
import Testing

@testable import CronTUI

/// The feed's follower: recent events once, then the live stream; after a break it asks again from
/// the last event it delivered, never re-reading the tail.
@Suite struct EventFollowerTests {
    /// Six events; the first live stream breaks after two of them.
    private final class BreakingSource: DashboardSource, @unchecked Sendable {
        struct Broken: Error {}
        let all = (1...6).map { DashboardEvent(id: "\($0)-0", time: Date(timeIntervalSince1970: 0), kind: .started, job: "job-\($0)") }
        private let lock = NSLock()
        private var asked: [String?] = []
        private var recentReads = 0

        var resumedFrom: [String?] { lock.withLock { asked } }
        var tailReads: Int { lock.withLock { recentReads } }

        func snapshot(queue: String?) async throws -> DashboardSnapshot { throw Broken() }
        func history(_ query: ExecutionQuery) async throws -> ExecutionPage { throw Broken() }
        func execution(id: Int64) async throws -> ExecutionDetail? { nil }
        func executionID(jobID: String, attempt: Int) async throws -> Int64? { nil }
        func perform(_ command: OperatorCommand) async throws -> String { "" }

        func recentEvents(limit: Int, queue: String?) async throws -> [DashboardEvent] {
            lock.withLock { recentReads += 1 }
            return Array(all.prefix(2))
        }

        func events(after lastID: String?, queue: String?) -> AsyncThrowingStream<DashboardEvent, any Error> {
            let first = lock.withLock {
                asked.append(lastID)
                return asked.count == 1
            }
            let start = all.firstIndex { $0.id == lastID }.map { $0 + 1 } ?? 0
            let (stream, continuation) = AsyncThrowingStream<DashboardEvent, any Error>.makeStream()
            if first {
                for event in all[start..<(start + 2)] { continuation.yield(event) }
                continuation.finish(throwing: Broken())
            } else {
                for event in all[start...] { continuation.yield(event) }
            }
            return stream
        }
    }

    @Test func aBrokenStreamResumesAfterTheLastEventDelivered() async throws {
        let source = BreakingSource()
        let delivered = LockedValue<[String]>([])
        let failures = LockedValue(0)
        let follower = EventFollower(source: source, clock: SystemDashboardClock(), capacity: 100, retryDelay: { .milliseconds(10) })
        let following = Task {
            await follower.run { input in
                switch input {
                case .eventsArrived(let events, _): delivered.withLock { $0 += events.map(\.id) }
                case .eventsFailed: failures.withLock { $0 += 1 }
                default: break
                }
            }
        }
        defer { following.cancel() }
        let deadline = ContinuousClock.now + .seconds(10)
        while delivered.get().count < 6, ContinuousClock.now < deadline { try await Task.sleep(for: .milliseconds(5)) }
        #expect(delivered.get() == source.all.map(\.id))
        #expect(source.resumedFrom == ["2-0", "4-0"])
        #expect(source.tailReads == 1)
        #expect(failures.get() == 1)
    }
}
