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
    /// Schedule names by id, from the latest snapshot, to label events of cron jobs (`<id>:<ms>`).
    let names = LockedValue<[String: String]>([:])

    /// A source over `system`; changes (refused when `readonly`) are audited as `caller`.
    init(system: CronSystem, readonly: Bool, caller: CronSystem.Caller, target: String) {
        self.system = system
        schedules = SystemDashboardSchedules(system: system, readonly: readonly)
        self.caller = caller
        self.target = target
    }

    func snapshot() async throws -> DashboardSnapshot {
        let s = try await system.stats()
        let alive = try await system.liveWorkers().count
        let leader = try await system.leader()
        let rows = try await schedules.rows()
        names.set(Dictionary(rows.map { ($0.id, $0.name) }, uniquingKeysWith: { first, _ in first }))
        return DashboardSnapshot(
            queueName: system.queueName, target: target, workersAlive: alive, workersTotal: alive, leader: leader,
            queuePaused: s.paused,
            stats: QueueStats(
                waiting: s.waiting, active: s.active, delayed: s.delayed, completed: s.completedTotal, failed: s.failedTotal,
                throughputPerMinute: s.completedPerMinute, oldestWait: s.oldestWaiting),
            schedules: rows)
    }

    func history(_ query: HistoryQuery) async throws -> HistoryPage {
        var q = ExecutionQuery(limit: max(1, min(query.limit, 500)))
        q.status = Self.engineStatus(query.status)
        q.after = query.after.map { ExecutionCursor(startedAtMicroseconds: Int64($0.startedAt.timeIntervalSince1970 * 1_000_000), id: $0.id) }
        if let id = query.scheduleID { q.scheduleName = try await schedules.name(of: id) }
        let page = try await system.history(q)
        return HistoryPage(
            rows: page.records.map(Self.summary),
            next: page.next.map {
                HistoryQuery.Cursor(startedAt: Date(timeIntervalSince1970: Double($0.startedAtMicroseconds) / 1_000_000), id: $0.id)
            })
    }

    func execution(id: Int64) async throws -> ExecutionDetail? {
        guard let record = try await system.execution(id: id) else { return nil }
        let request = try await schedules.request(forScheduleID: record.scheduleID)
        return Self.detail(record, scheduleRequest: request)
    }

    func recentEvents(limit: Int) async throws -> [DashboardEvent] {
        try await system.recentEvents(limit: limit).map(labelled)
    }

    func events() -> AsyncThrowingStream<DashboardEvent, any Error> {
        let (stream, continuation) = AsyncThrowingStream<DashboardEvent, any Error>.makeStream()
        let task = Task {
            do {
                for try await event in system.events() {
                    continuation.yield(labelled(event))
                }
                continuation.finish()
            } catch {
                continuation.finish(throwing: error)
            }
        }
        continuation.onTermination = { _ in task.cancel() }
        return stream
    }

    /// The dashboard's form of `event`, with a cron job named after its schedule.
    private func labelled(_ event: QueueEvent) -> DashboardEvent {
        var mapped = Self.event(event)
        if let colon = event.jobID.firstIndex(of: ":"), let name = names.get()[String(event.jobID[..<colon])] {
            mapped.job = name
        }
        return mapped
    }

    func perform(_ command: OperatorCommand) async throws -> String {
        switch command {
        case .rerun(let executionID):
            guard let record = try await system.execution(id: executionID) else { return "Execution #\(executionID) is gone" }
            let rerun: Result<CronSystem.Rerun, QueueError>
            do throws(QueueError) {
                rerun = .success(try await system.rerunJob(record.jobID, by: caller))
            } catch {
                rerun = .failure(error)
            }
            switch rerun {
            case .success(let made):
                return "Rerun of job \(record.jobID) queued as job \(made.jobID)"
            case .failure(let error) where error.code == .notFound:
                // Retention removed the job: run its schedule again instead.
                guard let scheduleID = record.scheduleID else { return "Job \(record.jobID) is gone and has no schedule to run" }
                return try await schedules.runNow(scheduleID: String(scheduleID))
            case .failure(let error):
                throw error
            }
        case .runNow(let scheduleID):
            return try await schedules.runNow(scheduleID: scheduleID)
        case .setSchedulePaused(let scheduleID, let paused):
            return try await schedules.setPaused(scheduleID: scheduleID, paused: paused)
        case .setQueuePaused(let paused):
            let changed = try await system.setQueuePaused(paused, by: caller)
            return changed ? (paused ? "Queue paused" : "Queue resumed") : (paused ? "Queue was already paused" : "Queue was not paused")
        }
    }
}

/// What the dashboard needs of the schedules: rows with their next fire, names, the request of a
/// schedule (for the detail view), and the operator commands (audited as `dashboard`).
protocol DashboardSchedules: Sendable {
    func rows() async throws -> [ScheduleRow]
    func name(of scheduleID: String) async throws -> String?
    func request(forScheduleID id: Int64?) async throws -> HTTPJob.Request?
    func runNow(scheduleID: String) async throws -> String
    func setPaused(scheduleID: String, paused: Bool) async throws -> String
}
