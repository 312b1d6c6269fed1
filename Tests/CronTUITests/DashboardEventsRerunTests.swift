import Foundation
import Testing

@testable import CronTUI

/// `r` on a row of the Events view reruns what the row is about.
@Suite struct DashboardEventsRerunTests {
    /// An event whose execution is not known yet (its record not written when it arrived) still
    /// names its job: `r` asks to rerun that job.
    @Test func rOnAnEventWithoutItsExecutionRerunsItsJob() {
        let event = DashboardEvent(
            id: "99999999-0", time: DashboardFixture.now, kind: .failed, job: "push-webhooks", jobID: "7:1764424951000", httpStatus: 503)
        var state = DashboardFixture.eventsView(with: event)
        #expect(state.update(.key(.char("r"))).isEmpty)
        #expect(
            state.prompt
                == .confirm(question: "Rerun \"push-webhooks\" (job 7:1764424951000) now? [y/N]", command: .rerunJob(jobID: "7:1764424951000")))
        #expect(state.update(.key(.char("y"))) == [.perform(.rerunJob(jobID: "7:1764424951000"))])
    }

    /// With its execution known, `r` reruns it as History does.
    @Test func rOnAnEventWithItsExecutionRerunsTheExecution() {
        let event = DashboardEvent(
            id: "99999999-0", time: DashboardFixture.now, kind: .succeeded, job: "sync-users", jobID: "3:1764424951000", executionID: 42)
        var state = DashboardFixture.eventsView(with: event)
        _ = state.update(.key(.char("r")))
        #expect(state.prompt == .confirm(question: "Rerun \"sync-users\" (from exec #42) now? [y/N]", command: .rerun(executionID: 42)))
    }

    /// A queue-level event concerns no job: nothing to rerun.
    @Test func rOnAQueueEventSaysNothingIsSelected() {
        var state = DashboardFixture.eventsView(with: DashboardEvent(id: "99999999-0", time: DashboardFixture.now, kind: .queuePaused))
        _ = state.update(.key(.char("r")))
        #expect(state.prompt == nil && state.flash?.text == "Nothing selected")
    }
}
