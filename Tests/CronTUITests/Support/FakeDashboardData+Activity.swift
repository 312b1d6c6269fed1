import Engine
import Foundation

@testable import CronTUI

extension FakeDashboardData {
    /// One execution of a random schedule started at `time`; `settled` ones have finished.
    mutating func makeExecution(id: Int64, at time: Date, settled: Bool, scheduleIndex: Int? = nil) -> ExecutionRecord {
        let index = scheduleIndex ?? Int(random.next() % UInt64(schedules.count))
        let roll = random.next() % 100
        let status: ExecutionStatus =
            !settled
            ? (roll < 50 ? .running : .succeeded)
            : roll < 80 ? .succeeded : roll < 88 ? .failed : roll < 94 ? .retrying : .timedOut
        let attempt = status == .retrying ? 2 + Int(roll % 3) : 1
        let http: Int? =
            switch status {
            case .succeeded: roll % 7 == 0 ? 204 : 200
            case .failed: [500, 502, 503, 404][Int(roll % 4)]
            case .retrying: 503
            default: nil
            }
        let durationMs: Int64? = status == .running ? nil : status == .timedOut ? 30_000 : 80 + Int64(random.next() % 2400)
        let schedule = schedules[index].schedule
        let started = Int64((time.timeIntervalSince1970 * 1_000).rounded())
        var record = ExecutionRecord(
            recordID: UUID(uuidString: String(format: "00000000-0000-4000-8000-%012llx", id))!, jobID: "\(schedule.id):\(started)",
            attempt: attempt, maxAttempts: 5, trigger: status == .retrying ? .retry : roll % 17 == 0 ? .manual : .cron,
            scheduleID: schedule.id, scheduleName: schedule.name, startedAt: started, method: schedule.definition.method,
            url: schedule.definition.url, traceID: FakeDetail.traceID(id))
        record.id = id
        record.httpStatus = http
        record.durationMs = durationMs
        record.finishedAt = durationMs.map { started + $0 }
        switch status {
        case .running: break
        case .succeeded: record.outcome = .success
        case .failed:
            record.outcome = .permanent
            record.error = "target answered \(http ?? 0)"
        case .retrying:
            record.outcome = .retryable
            record.willRetry = true
            record.error = "target answered 503; retrying in 30s"
        case .timedOut:
            record.outcome = .retryable
            record.errorKind = .timeout
            record.error = "no response within 30s (timeout)"
        }
        return record
    }

    /// Appends the events `execution` caused to the feed.
    mutating func record(_ execution: ExecutionRecord) {
        append(.started, execution, at: execution.startedDate)
        guard let end = execution.finishedDate else { return }
        let kind: DashboardEvent.Kind =
            switch execution.status {
            case .succeeded: .succeeded
            case .failed: .failed
            case .retrying: .retrying
            case .timedOut: .timedOut
            case .running: .started
            }
        append(kind, execution, at: end)
    }

    /// A new execution starting now, and its events; returns the events added.
    mutating func advance(to time: Date) -> [DashboardEvent] {
        now = time
        let before = events.count
        let execution = makeExecution(id: nextExecutionID, at: time, settled: true)
        nextExecutionID += 1
        executions.insert(execution, at: 0)
        if executions.count > 2000 { executions.removeLast() }
        if execution.status == .succeeded { completed += 1 }
        if execution.status == .failed || execution.status == .timedOut { failed += 1 }
        if let index = schedules.firstIndex(where: { $0.id == execution.scheduleID }) {
            schedules[index].last = execution
            if let next = schedules[index].nextFire, next <= time, !schedules[index].paused {
                schedules[index].nextFire = time.addingTimeInterval(60 + Double(random.next() % 600))
            }
        }
        record(execution)
        if events.count > 5000 { events.removeFirst(events.count - 5000) }
        return Array(events.suffix(events.count - before))
    }

    private mutating func append(_ kind: DashboardEvent.Kind, _ execution: ExecutionRecord, at time: Date) {
        let finished = kind != .started
        events.append(
            DashboardEvent(
                id: "\(nextEventID)-0", time: time, kind: kind, job: execution.name, executionID: execution.id,
                httpStatus: finished ? execution.httpStatus : nil, duration: finished ? execution.duration : nil,
                attempt: execution.attempt, maxAttempts: execution.maxAttempts,
                retryIn: kind == .retrying ? .seconds(30) : nil,
                message: kind == .failed ? "upstream answered \(execution.httpStatus ?? 0)" : kind == .timedOut ? "no answer in 30s" : nil))
        nextEventID += 1
    }
}
