import Engine
import Foundation

/// The engine's queue events in the form of the dashboard's feed.
extension EngineDashboardSource {
    static func date(milliseconds: Int64) -> Date { Date(timeIntervalSince1970: Double(milliseconds) / 1_000) }

    /// The dashboard's form of `e`, from what the engine wrote into it: the schedule's name, the
    /// attempt and attempts in all, the HTTP status and duration, the retry delay and the failure's
    /// class (never guessed from the job id or the message).
    static func event(_ e: QueueEvent) -> DashboardEvent {
        let time = date(milliseconds: e.timestamp)
        let jobID = e.jobID.isEmpty ? nil : e.jobID
        var event = DashboardEvent(id: e.streamID, time: time, kind: .operatorAction, job: e.scheduleName ?? jobID)
        event.jobID = jobID
        event.attempt = e.attempt > 0 ? e.attempt : nil
        event.maxAttempts = e.maxAttempts
        event.httpStatus = e.httpStatus
        event.duration = e.durationMs.map { .milliseconds($0) }
        event.retryIn = e.retryDelayMs.map { .milliseconds($0) }
        switch e.kind {
        case .enqueued:
            event.kind = .queued
            if !e.detail.isEmpty { event.message = e.detail }
        case .delayed:
            event.kind = .queued
        case .active: event.kind = .started
        case .completed: event.kind = .succeeded
        case .failed:
            event.kind = e.errorKind == .timeout ? .timedOut : .failed
            event.message = e.detail
        case .retrying:
            // As history shows it: an attempt that outlived its timeout reads "timed out" either way.
            event.kind = e.errorKind == .timeout ? .timedOut : .retrying
        case .stalled:
            event.kind = .operatorAction
            event.message = "stalled: its worker vanished; back in line"
        case .released:
            event.kind = .operatorAction
            event.message = "handed back by a stopping worker"
        case .removed:
            event.kind = .operatorAction
            event.message = "removed"
        case .paused: event.kind = .queuePaused
        case .resumed: event.kind = .queueResumed
        }
        return event
    }
}
