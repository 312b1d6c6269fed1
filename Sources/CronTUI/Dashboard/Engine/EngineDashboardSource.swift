import Engine
import Foundation

/// The dashboard's view of a real system: the Redis queue (stats, workers, leader, events), the
/// PostgreSQL history and schedules, and the operator commands, through the engine's own types.
///
/// It works the same whether the engine runs in this process (`crontui`) or elsewhere
/// (`crontui dashboard --watch`): everything is read from Redis and PostgreSQL.
struct EngineDashboardSource: DashboardSource {
    /// The system shown, through its façade.
    let system: CronSystem
    let schedules: any DashboardSchedules
    /// Who acts, for the audit log.
    let caller: CronSystem.Caller
    /// Where the queue lives, for the header (no password).
    let target: String
    /// How long live events wait before their executions are looked up: the recorder writes an
    /// attempt's row within its flush interval (50 ms), so by then the row is usually there.
    var executionLookupDelay: Duration = .milliseconds(150)

    /// A source over `system`; changes (refused when `readonly`) are audited as `caller`.
    init(system: CronSystem, readonly: Bool, caller: CronSystem.Caller, target: String) {
        self.system = system
        schedules = SystemDashboardSchedules(system: system, readonly: readonly)
        self.caller = caller
        self.target = target
    }

    func snapshot(queue: String?) async throws -> DashboardSnapshot {
        let name = queue ?? system.queueName
        let s = try await system.stats(ofQueue: name)
        let alive = try await system.liveWorkers(queue: name).count
        let leader = try await system.leader(queue: name)
        var snapshot = DashboardSnapshot(
            queueName: name, target: target, workersAlive: alive, workersTotal: alive, leader: leader, stats: s, schedules: [],
            defaultQueue: system.queueName)
        // The schedules live in PostgreSQL: when it is away, the figures above are still news.
        do {
            snapshot.schedules = try await schedules.rows()
            snapshot.queues = try await system.queuesInSight()
        } catch {
            snapshot.databaseProblem = String(describing: error).split(whereSeparator: \.isNewline).first.map(String.init) ?? "error"
        }
        return snapshot
    }

    func history(_ query: ExecutionQuery) async throws -> ExecutionPage {
        var query = query
        query.limit = max(1, min(query.limit, 500))
        return try await system.history(query)
    }

    func execution(id: Int64) async throws -> ExecutionDetail? {
        guard let record = try await system.execution(id: id) else { return nil }
        let schedule = try await schedules.schedule(id: record.scheduleID)
        return ExecutionDetail(record: record, request: schedule?.request, cron: schedule?.definition.cron)
    }

    func executionID(jobID: String, attempt: Int) async throws -> Int64? {
        try await system.executionIDs(forJobs: [jobID])[jobID]?[attempt]
    }

    func recentEvents(limit: Int, queue: String?) async throws -> [DashboardEvent] {
        await withExecutions(try await system.recentEvents(limit: limit, queue: queue))
    }

    /// The events of the queue `queue` after `lastID`, in bursts: whatever arrived while the previous burst was
    /// handed on waits ``executionLookupDelay``, then has its executions looked up in one query (those not
    /// recorded yet up to three times more, a delay apart).
    func events(after lastID: String?, queue: String?) -> AsyncThrowingStream<DashboardEvent, any Error> {
        let (stream, continuation) = AsyncThrowingStream<DashboardEvent, any Error>.makeStream()
        let (arrivals, arrived) = AsyncStream<Void>.makeStream(bufferingPolicy: .bufferingNewest(1))
        let pending = LockedValue<(events: [QueueEvent], failure: (any Error)?)>(([], nil))
        let events = system.events(after: lastID ?? "$", queue: queue)
        let reader = Task {
            do {
                for try await event in events {
                    pending.withLock { $0.events.append(event) }
                    arrived.yield()
                }
            } catch {
                pending.withLock { $0.failure = error }
            }
            arrived.finish()
        }
        let delay = executionLookupDelay
        let writer = Task {
            for await _ in arrivals {
                try? await Task.sleep(for: delay)
                let burst = pending.withLock { state in
                    defer { state.events = [] }
                    return state.events
                }
                for event in await withExecutions(burst, retries: 3) { continuation.yield(event) }
            }
            let (rest, failure) = pending.get()
            for event in await withExecutions(rest) { continuation.yield(event) }
            continuation.finish(throwing: failure)
        }
        continuation.onTermination = { _ in
            reader.cancel()
            writer.cancel()
        }
        return stream
    }

    /// The dashboard's form of `events`, each attempt with its execution's row id when it has been
    /// recorded (one query for all). With `retries`, attempts not found yet are looked up again
    /// after ``executionLookupDelay``, that many times at most: a busy recorder may lag.
    private func withExecutions(_ events: [QueueEvent], retries: Int = 0) async -> [DashboardEvent] {
        var mapped = events.map(Self.event)
        var missing = events.indices.filter { Self.hasExecution(events[$0]) }
        var tries = 0
        while !missing.isEmpty {
            if tries > 0 {
                if tries > retries || Task.isCancelled { break }
                try? await Task.sleep(for: executionLookupDelay)
            }
            tries += 1
            guard let ids = try? await system.executionIDs(forJobs: Set(missing.map { events[$0].jobID })) else { continue }
            for index in missing { mapped[index].executionID = ids[events[index].jobID]?[events[index].attempt] }
            missing.removeAll { mapped[$0].executionID != nil }
        }
        return mapped
    }

    /// True for the events of one attempt, which has an execution row.
    private static func hasExecution(_ event: QueueEvent) -> Bool {
        guard !event.jobID.isEmpty, event.attempt > 0 else { return false }
        switch event.kind {
        case .active, .completed, .failed, .retrying: return true
        default: return false
        }
    }

    func perform(_ command: OperatorCommand) async throws -> String {
        switch command {
        case .rerun(let executionID, let queue):
            guard let record = try await system.execution(id: executionID) else { return "Execution #\(executionID) is gone" }
            switch await rerun(record.jobID, queue: queue ?? record.queue) {
            case .success(let made):
                return "Rerun of job \(record.jobID) queued as job \(made.jobID)"
            case .failure(let error) where error.code == .notFound:
                // Retention removed the job: run its schedule again instead.
                guard let scheduleID = record.scheduleID else { return "Job \(record.jobID) is gone and has no schedule to run" }
                return try await schedules.runNow(scheduleID: String(scheduleID))
            case .failure(let error):
                throw error
            }
        case .rerunJob(let jobID, let queue):
            switch await rerun(jobID, queue: queue) {
            case .success(let made):
                return "Rerun of job \(jobID) queued as job \(made.jobID)"
            case .failure(let error) where error.code == .notFound:
                return "Job \(jobID) is gone (retention removed it); rerun it from History"
            case .failure(let error):
                throw error
            }
        case .runNow(let scheduleID):
            return try await schedules.runNow(scheduleID: scheduleID)
        case .setSchedulePaused(let scheduleID, let paused):
            return try await schedules.setPaused(scheduleID: scheduleID, paused: paused)
        case .setQueuePaused(let paused, let queue):
            let changed = try await system.setQueuePaused(paused, queue: queue, by: caller)
            let name = queue ?? system.queueName
            return changed
                ? (paused ? "Queue \(name) paused" : "Queue \(name) resumed")
                : (paused ? "Queue \(name) was already paused" : "Queue \(name) was not paused")
        }
    }
}

extension EngineDashboardSource {
    /// Reruns job `jobID` of the queue `queue` (nil: the default queue), audited as the caller; a
    /// refusal is the result, not a throw, so that a job retention removed can be told apart.
    fileprivate func rerun(_ jobID: String, queue: String?) async -> Result<CronSystem.Rerun, QueueError> {
        do throws(QueueError) {
            return .success(try await system.rerunJob(jobID, queue: queue, by: caller))
        } catch {
            return .failure(error)
        }
    }
}

/// What the dashboard needs of the schedules: rows with their latest attempt and next fire, one
/// schedule (for the detail view), and the operator commands (audited as `dashboard`).
protocol DashboardSchedules: Sendable {
    func rows() async throws -> [ScheduleRow]
    func schedule(id: Int64?) async throws -> Schedule?
    func runNow(scheduleID: String) async throws -> String
    func setPaused(scheduleID: String, paused: Bool) async throws -> String
}
