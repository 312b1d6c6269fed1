import Engine
import Foundation

@testable import CronTUI

/// A ``DashboardSource`` over ``FakeDashboardData`` that comes alive: executions start and finish
/// at `executionsPerSecond`, and operator commands change the data and show up as events.
actor FakeDashboardSource: DashboardSource {
    /// Thrown while ``setFailing(_:)`` is on, as a real source throws when Redis is down.
    struct Unreachable: Error, CustomStringConvertible {
        var description: String { "connection refused (fake source)" }
    }

    private var data: FakeDashboardData
    private let clock: any DashboardClock
    private let executionsPerSecond: Double
    private var failing = false
    private var subscribers: [Int: AsyncThrowingStream<DashboardEvent, any Error>.Continuation] = [:]
    private var nextSubscriber = 0
    private var generator: Task<Void, Never>?

    /// A source starting from `data`; `executionsPerSecond` 0 keeps it still.
    init(data: FakeDashboardData, clock: any DashboardClock, executionsPerSecond: Double = 1.5) {
        self.data = data
        self.clock = clock
        self.executionsPerSecond = executionsPerSecond
    }

    /// Makes every read fail (true) or work again (false).
    func setFailing(_ failing: Bool) {
        self.failing = failing
    }

    /// One queue: every queue asked for is it.
    func snapshot(queue: String?) async throws -> DashboardSnapshot {
        try check()
        data.now = clock.now()
        return data.snapshot
    }

    func history(_ query: ExecutionQuery) async throws -> ExecutionPage {
        try check()
        return data.history(query)
    }

    func execution(id: Int64) async throws -> ExecutionDetail? {
        try check()
        return data.detail(id: id)
    }

    func executionID(jobID: String, attempt: Int) async throws -> Int64? {
        try check()
        return data.executions.first { $0.jobID == jobID && $0.attempt == attempt }?.id
    }

    func recentEvents(limit: Int, queue: String?) async throws -> [DashboardEvent] {
        try check()
        return Array(data.events.suffix(limit))
    }

    nonisolated func events(after lastID: String?, queue: String?) -> AsyncThrowingStream<DashboardEvent, any Error> {
        let (stream, continuation) = AsyncThrowingStream<DashboardEvent, any Error>.makeStream()
        Task { await self.subscribe(continuation, after: lastID) }
        return stream
    }

    func perform(_ command: OperatorCommand) async throws -> String {
        try check()
        let now = clock.now()
        switch command {
        case .rerunJob(let jobID, _):
            return "Rerun of job \(jobID) queued"
        case .rerun(let id, _):
            guard let original = data.executions.first(where: { $0.id == id }) else { return "Execution #\(id) is gone" }
            let index = data.schedules.firstIndex { $0.id == original.scheduleID }
            let new = queue(scheduleIndex: index, at: now, trigger: .rerun, rerunOf: original.jobID)
            return "Rerun queued as #\(new.id ?? 0) (from #\(id))"
        case .runNow(let scheduleID):
            let index = data.schedules.firstIndex { String($0.id) == scheduleID }
            let new = queue(scheduleIndex: index, at: now, trigger: .manual, rerunOf: nil)
            return "\"\(new.name)\" queued as #\(new.id ?? 0)"
        case .setSchedulePaused(let scheduleID, let paused):
            guard let index = data.schedules.firstIndex(where: { String($0.id) == scheduleID }) else { return "No such schedule" }
            data.schedules[index].schedule.definition.enabled = !paused
            let name = data.schedules[index].name
            emit(DashboardEvent(id: eventID(), time: now, kind: paused ? .schedulePaused : .scheduleResumed, job: name))
            return (paused ? "Paused" : "Resumed") + " \"\(name)\""
        case .setQueuePaused(let paused, _):
            data.queuePaused = paused
            emit(DashboardEvent(id: eventID(), time: now, kind: paused ? .queuePaused : .queueResumed))
            return paused ? "Queue paused" : "Queue resumed"
        }
    }

    private func check() throws {
        if failing { throw Unreachable() }
    }

    private func queue(scheduleIndex: Int?, at now: Date, trigger: HTTPJob.Trigger, rerunOf: String?) -> ExecutionRecord {
        var execution = data.makeExecution(id: data.nextExecutionID, at: now, settled: true, scheduleIndex: scheduleIndex)
        data.nextExecutionID += 1
        execution.outcome = nil
        execution.errorKind = nil
        execution.willRetry = false
        execution.error = nil
        execution.httpStatus = nil
        execution.durationMs = nil
        execution.finishedAt = nil
        execution.attempt = 1
        execution.trigger = trigger
        execution.rerunOf = rerunOf
        data.executions.insert(execution, at: 0)
        emit(
            DashboardEvent(id: eventID(), time: now, kind: .queued, job: execution.name, executionID: execution.id))
        return execution
    }

    private func eventID() -> String {
        data.nextEventID += 1
        return "\(data.nextEventID)-0"
    }

    private func emit(_ event: DashboardEvent) {
        data.events.append(event)
        for continuation in subscribers.values { continuation.yield(event) }
    }

    private func subscribe(_ continuation: AsyncThrowingStream<DashboardEvent, any Error>.Continuation, after lastID: String?) {
        if let lastID {
            // Those after `lastID` first, as a stream resumed from it gives them ("0": all held).
            let start = lastID == "0" ? data.events.startIndex : data.events.firstIndex { $0.id == lastID }.map { $0 + 1 } ?? data.events.endIndex
            for event in data.events[start...] { continuation.yield(event) }
        }
        let id = nextSubscriber
        nextSubscriber += 1
        subscribers[id] = continuation
        continuation.onTermination = { _ in Task { await self.unsubscribe(id) } }
        if generator == nil, executionsPerSecond > 0 {
            generator = Task { await self.generate() }
        }
    }

    private func unsubscribe(_ id: Int) {
        subscribers[id] = nil
        if subscribers.isEmpty {
            generator?.cancel()
            generator = nil
        }
    }

    private func generate() async {
        let pause = Duration.milliseconds(Int64(1000 / executionsPerSecond))
        while !Task.isCancelled {
            do { try await clock.sleep(for: pause) } catch { return }
            guard !failing else { continue }
            for event in data.advance(to: clock.now()) {
                for continuation in subscribers.values { continuation.yield(event) }
            }
        }
    }
}
