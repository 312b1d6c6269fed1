import Engine
import Testing

@testable import CronTUI

/// The dashboard's events come from the queue's lifecycle events, their failure class included.
@Suite struct DashboardEventMappingTests {
    /// The dashboard shows a failure as a timeout from the class the queue recorded, never from
    /// the error's text.
    @Test func theDashboardTakesTheFailureClassFromTheEventNotItsText() {
        let timedOut = QueueEvent(streamID: "1-0", kind: .failed, jobID: "a", attempt: 2, timestamp: 0, detail: "HTTP 504", errorKind: .timeout)
        #expect(EngineDashboardSource.event(timedOut).kind == .timedOut)
        let lookalike = QueueEvent(
            streamID: "2-0", kind: .failed, jobID: "b", attempt: 1, timestamp: 0, detail: "timed out after 5 ms", errorKind: .http)
        #expect(EngineDashboardSource.event(lookalike).kind == .failed)
        let unknown = QueueEvent(streamID: "3-0", kind: .failed, jobID: "c", attempt: 1, timestamp: 0, detail: "timed out after 5 ms")
        #expect(EngineDashboardSource.event(unknown).kind == .failed)
    }
}
