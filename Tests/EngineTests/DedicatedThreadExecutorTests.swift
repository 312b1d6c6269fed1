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
        // A 50 ms ticker: each tick must come on time while the five actors block.
        let (worstLateness, _) = try await TickerProbe.run(
            every: .milliseconds(50), ticks: 12,
            while: blockers.map { b in { _ = await b.block(milliseconds: 800) } })
        // Blocking the pool's two threads would make it at least 800 ms late; the margin absorbs
        // CPU contention from the rest of the suite running in parallel on two cores.
        #expect(worstLateness < .milliseconds(250))
    }
}
