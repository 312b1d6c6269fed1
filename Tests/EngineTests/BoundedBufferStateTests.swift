import Testing

@testable import Engine

/// When a bounded buffer's size is worth a log line: no I/O, only the state machine.
@Suite struct BoundedBufferStateTests {
    @Test func halfFullWarnsAtMostOncePerQuietPeriod() {
        var state = BoundedBufferState(bound: 10, quietPeriod: .seconds(30))
        #expect(state.observe(size: 5, now: 0) == [], "half is not more than half")
        #expect(state.observe(size: 6, now: 1_000) == [.warnFilling(size: 6)])
        #expect(state.observe(size: 9, now: 30_999) == [])
        #expect(state.observe(size: 2, now: 40_000) == [])
        #expect(state.observe(size: 7, now: 40_001) == [.warnFilling(size: 7)])
    }

    @Test func dropsAreReportedAtOnceThenAddedUpWithinTheQuietPeriod() {
        var state = BoundedBufferState(bound: 4, quietPeriod: .seconds(30))
        #expect(state.observe(size: 4, dropped: 3, now: 0) == [.reportDropped(dropped: 3, size: 4), .warnFilling(size: 4)])
        #expect(state.observe(size: 4, dropped: 2, now: 10_000) == [])
        #expect(state.observe(size: 4, dropped: 1, now: 20_000) == [])
        #expect(state.observe(size: 4, now: 30_000) == [.reportDropped(dropped: 3, size: 4), .warnFilling(size: 4)])
        #expect(state.observe(size: 1, now: 90_000) == [], "nothing dropped since")
    }
}
