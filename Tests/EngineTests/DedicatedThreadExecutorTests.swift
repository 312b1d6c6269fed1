import Foundation
import Testing

@testable import Engine

/// An actor pinned to its own thread, doing a blocking call.
private actor Blocker {
    let executor: DedicatedThreadExecutor
    nonisolated var unownedExecutor: UnownedSerialExecutor { executor.asUnownedSerialExecutor() }
    init(name: String) { executor = DedicatedThreadExecutor(name: name) }
    func block(milliseconds: UInt32) -> Bool {
        usleep(milliseconds * 1000)
        return !Thread.isMainThread
    }
}

@Suite struct DedicatedThreadExecutorTests {
    @Test func blockingActorsLeaveTheCooperativePoolFree() async throws {
        let blockers = (0..<5).map { Blocker(name: "blocker-\($0)") }
        defer { blockers.forEach { $0.executor.shutdown() } }
        let clock = ContinuousClock()
        let start = clock.now
        let worstLateness = try await withThrowingTaskGroup(of: Duration?.self) { group in
            for b in blockers { group.addTask { _ = await b.block(milliseconds: 800); return nil } }
            group.addTask {
                // A 50 ms ticker: each tick must come on time while the five actors block.
                var worst = Duration.zero
                for tick in 1...12 {
                    let due = start + .milliseconds(50 * tick)
                    try await Task.sleep(until: due, clock: clock)
                    worst = max(worst, clock.now - due)
                }
                return worst
            }
            var worst: Duration = .zero
            for try await result in group { if let r = result { worst = r } }
            return worst
        }
        #expect(worstLateness < .milliseconds(50))
    }
}
