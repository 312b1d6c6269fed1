import Engine
import Foundation

@testable import CronTUI

extension FakeDashboardData {
    /// One execution of a random schedule started at `time`; `settled` ones have finished.
    mutating func makeExecution(id: Int64, at time: Date, settled: Bool, scheduleIndex: Int? = nil) -> ExecutionSummary {
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
        let duration: Duration? =
            status == .running ? nil : status == .timedOut ? .seconds(30) : .milliseconds(80 + Int64(random.next() % 2400))
        return ExecutionSummary(
            id: id, scheduleID: schedules[index].id, job: schedules[index].name, attempt: attempt, maxAttempts: 5,
            status: status, httpStatus: http, startedAt: time, duration: duration,
            trigger: status == .retrying ? .retry : roll % 17 == 0 ? .manual : .cron)
    }

    /// Appends the events `execution` caused to the feed.
    mutating func record(_ execution: ExecutionSummary) {
        append(.started, execution, at: execution.startedAt)
        guard let duration = execution.duration else { return }
        let end = execution.startedAt.addingTimeInterval(Double(DurationText.milliseconds(duration)) / 1000)
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
            schedules[index].lastStatus = execution.status
            schedules[index].lastRun = time
            if let next = schedules[index].nextFire, next <= time, !schedules[index].paused {
                schedules[index].nextFire = time.addingTimeInterval(60 + Double(random.next() % 600))
            }
        }
        record(execution)
        if events.count > 5000 { events.removeFirst(events.count - 5000) }
        return Array(events.suffix(events.count - before))
    }

    private mutating func append(_ kind: DashboardEvent.Kind, _ execution: ExecutionSummary, at time: Date) {
        let finished = kind != .started
        events.append(
            DashboardEvent(
                id: "\(nextEventID)-0", time: time, kind: kind, job: execution.job, executionID: execution.id,
                httpStatus: finished ? execution.httpStatus : nil, duration: finished ? execution.duration : nil,
                attempt: execution.attempt, maxAttempts: execution.maxAttempts,
                retryIn: kind == .retrying ? .seconds(30) : nil,
                message: kind == .failed ? "upstream answered \(execution.httpStatus ?? 0)" : kind == .timedOut ? "no answer in 30s" : nil))
        nextEventID += 1
    }
}
