import Engine
import Foundation

@testable import CronTUI

/// Plausible, reproducible dashboard data: a dozen schedules (a few with awkward names), a few hundred
/// executions, the events they caused, and details with headers and bodies, for the update tables,
/// the golden screens and the runner's tests.
struct FakeDashboardData: Sendable {
    var now: Date
    var random: SeededRandom
    var schedules: [ScheduleRow]
    /// Newest first.
    var executions: [ExecutionRecord]
    /// Oldest first.
    var events: [DashboardEvent]
    var queuePaused = false
    var completed = 10_184
    var failed = 12
    var nextExecutionID: Int64 = 8813
    var nextEventID = 1

    /// The schedules' names; some carry wide characters, emoji and a bidi override on purpose.
    static let names = [
        "sync-users", "nightly-billing", "push-webhooks", "cleanup-sessions", "weekly-report", "warm-cache",
        "rotate-keys", "export-invoices", "ping-partners", "日本語レポート", "deploy-🚀-notify", "legacy\u{202E}gnp.exe",
    ]
    static let crons = [
        "*/5 * * * *", "0 2 * * *", "* * * * *", "15 */2 * * *", "0 9 * * MON", "*/10 * * * *", "0 0 1 * *",
        "30 6 * * 1-5", "*/2 * * * *", "0 8 * * *", "*/15 * * * *", "0 3 * * SUN",
    ]
    static let zones = ["UTC", "Europe/Berlin", "America/New_York", "Asia/Tokyo"]

    /// Data as of `now`, the same for the same `seed`.
    init(now: Date, seed: UInt64 = 7) {
        self.now = now
        random = SeededRandom(seed: seed)
        schedules = []
        executions = []
        events = []
        let created = Int64(now.timeIntervalSince1970 * 1_000) - 86_400_000
        for (n, name) in Self.names.enumerated() {
            let next = now.addingTimeInterval(Double(37 + n * 211 + Int(random.next() % 90)))
            let definition = ScheduleDefinition(
                name: name, cron: Self.crons[n], timeZone: Self.zones[n % Self.zones.count], method: "POST",
                url: "https://api.example.com/v1/hooks/\(n + 1)?api_key=sk_live_123&page=1", enabled: n != 6)
            let schedule = Schedule(id: Int64(n + 1), definition: definition, createdAt: created, updatedAt: created, activeSince: created)
            schedules.append(ScheduleRow(schedule: schedule, last: nil, nextFire: n == 6 ? nil : next))
        }
        var time = now.addingTimeInterval(-2)
        var id: Int64 = 8812
        for _ in 0..<300 {
            let execution = makeExecution(id: id, at: time, settled: id < 8810)
            executions.append(execution)
            id -= 1
            time = time.addingTimeInterval(-Double(5 + random.next() % 40))
        }
        for execution in executions.reversed() { record(execution) }
        for index in schedules.indices {
            schedules[index].last = executions.first { $0.scheduleID == schedules[index].id }
        }
    }

    /// The snapshot the source would report now.
    var snapshot: DashboardSnapshot {
        let minutes = Int(now.timeIntervalSince1970 / 60)
        // An hour of minutes, as the queue reports them, the minute under way last.
        let throughput = (0..<60).map { i -> Int in
            var r = SeededRandom(seed: UInt64(minutes - 59 + i))
            return 30 + Int(r.next() % 25)
        }
        var stats = QueueStats()
        stats.waiting = 128
        stats.active = executions.prefix(20).count { $0.status == .running }
        stats.delayed = 37
        stats.completedTotal = completed
        stats.failedTotal = failed
        stats.completedPerMinute = throughput
        stats.failedPerMinute = throughput.map { $0 / 20 }
        stats.oldestWaiting = .seconds(3)
        stats.paused = queuePaused
        return DashboardSnapshot(
            queueName: "default", target: "redis://127.0.0.1:6379/0", workersAlive: 3, workersTotal: 3,
            leader: "sched-a1", stats: stats, schedules: schedules)
    }

    /// A page of history matching `query`, as the store answers it.
    func history(_ query: ExecutionQuery) -> ExecutionPage {
        func cursor(_ r: ExecutionRecord) -> ExecutionCursor { ExecutionCursor(startedAtMicroseconds: r.startedAt * 1_000, id: r.id ?? 0) }
        let matching = executions.lazy.filter { row in
            if let after = query.after {
                let at = cursor(row)
                if (at.startedAtMicroseconds, at.id) >= (after.startedAtMicroseconds, after.id) { return false }
            }
            if let scope = query.scheduleID, row.scheduleID != scope { return false }
            if !query.statuses.isEmpty, !query.statuses.contains(row.status) { return false }
            return query.name?.matches(row.name) ?? true
        }
        let rows = Array(matching.prefix(query.limit + 1))
        let page = Array(rows.prefix(query.limit))
        return ExecutionPage(records: page, next: rows.count > query.limit ? page.last.map(cursor) : nil, cursors: page.map(cursor))
    }

    /// The detail of execution `id`.
    func detail(id: Int64) -> ExecutionDetail? {
        guard let record = executions.first(where: { $0.id == id }) else { return nil }
        return FakeDetail.make(for: record, schedule: schedules.first { $0.id == record.scheduleID }?.schedule)
    }
}
