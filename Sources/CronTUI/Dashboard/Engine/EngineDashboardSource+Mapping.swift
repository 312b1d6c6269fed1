import Engine
import Foundation

/// Conversions from the engine's records and events to the dashboard's view-model.
extension EngineDashboardSource {
    static func engineStatus(_ filter: StatusFilter) -> ExecutionStatus? {
        switch filter {
        case .all: nil
        case .failed: .failed
        case .succeeded: .succeeded
        case .running: .running
        case .retrying: .retrying
        case .timedOut: .timedOut
        }
    }

    static func trigger(_ trigger: HTTPJob.Trigger) -> Trigger {
        switch trigger {
        case .cron: .cron
        case .manual: .manual
        case .retry: .retry
        case .rerun: .rerun
        }
    }

    static func date(milliseconds: Int64) -> Date { Date(timeIntervalSince1970: Double(milliseconds) / 1_000) }

    static func summary(_ r: ExecutionRecord) -> ExecutionSummary {
        ExecutionSummary(
            id: r.id ?? 0, scheduleID: r.scheduleID.map(String.init) ?? "-", job: r.scheduleName ?? r.jobID, attempt: r.attempt,
            maxAttempts: r.maxAttempts, status: r.status, httpStatus: r.httpStatus, startedAt: date(milliseconds: r.startedAt),
            duration: r.durationMs.map { .milliseconds($0) }, trigger: trigger(r.trigger), rerunOf: nil)
    }

    static func detail(_ r: ExecutionRecord, scheduleRequest: HTTPJob.Request?) -> ExecutionDetail {
        let requestHeaders = (scheduleRequest?.headers ?? []).compactMap { pair -> HTTPRecord.Header? in
            guard pair.count == 2 else { return nil }
            return HTTPRecord.Header(name: pair[0], value: pair[1])
        }
        let requestBody = scheduleRequest?.body.map { Array($0) } ?? []
        let request = HTTPRecord(startLine: "\(r.method) \(r.url)", headers: requestHeaders, body: requestBody, bodyTotalBytes: requestBody.count)
        let response = r.httpStatus.map { code in
            let body = r.responseBody.map { Array($0) } ?? []
            return HTTPRecord(
                startLine: "HTTP \(code)",
                headers: (r.responseHeaders ?? []).compactMap { $0.count == 2 ? HTTPRecord.Header(name: $0[0], value: $0[1]) : nil },
                body: body, bodyTotalBytes: Int(r.responseSize ?? Int64(body.count)))
        }
        return ExecutionDetail(
            summary: summary(r), cron: nil, finishedAt: r.finishedAt.map { date(milliseconds: $0) }, request: request, response: response,
            error: r.error, traceID: r.traceID)
    }

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
