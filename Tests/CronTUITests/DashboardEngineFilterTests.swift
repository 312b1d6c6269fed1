import Demo
import Engine
import Foundation
import TestSupport
import Testing

@testable import CronTUI

/// The dashboard's filters and the Schedules pane's order against the real engine source: an
/// in-process engine on the real Redis and PostgreSQL runs schedules against a local target (some
/// succeed, one answers 503, one times out), and the History rows, the titles and the pane's order
/// come from what PostgreSQL recorded.
@Suite(.enabled(if: TestServices.enabled), .serialized)
struct DashboardEngineFilterTests {
    /// Five schedules: four run twice each (two succeed, one fails, one times out), one is paused
    /// and never ran. Runs `body` once every attempt has its final record.
    static func withRecordedRuns(_ body: (ProcessEngine, EngineDashboardSource) async throws -> Void) async throws {
        let target: @Sendable (Int, LoopbackHTTPServer.Request) -> LoopbackHTTPServer.Response = { _, request in
            switch request.path {
            case "/fail": .json(503, #"{"busy":true}"#)
            case "/slow": .json(200, #"{"late":true}"#, delay: .seconds(2))
            default: .json(200, #"{"ok":true}"#)
            }
        }
        try await ScriptedTarget.with(target) { _, base in
            try await EngineFixture.withEngine(queuePrefix: "filter", environment: ["WORKER_CONCURRENCY": "3"]) { engine in
                let caller = ScheduleService.Caller(actor: "test", interface: .cli)
                func create(_ name: String, _ path: String, timeout: String? = nil, enabled: Bool = true) async throws -> Schedule {
                    try await engine.schedules.create(
                        ScheduleInput(name: name, cron: "0 0 1 1 *", url: base + path, timeout: timeout, attempts: "1", enabled: enabled), by: caller)
                }
                let runnable = [
                    try await create("sync-users", "/ok"), try await create("sync-billing", "/fail"),
                    try await create("fast-ping", "/ok"), try await create("slow-report", "/slow", timeout: "300ms"),
                ]
                _ = try await create("paused-one", "/ok", enabled: false)
                for schedule in runnable + runnable { _ = try await engine.schedules.runNow(.id(schedule.id), by: caller) }
                #expect(
                    try await QueueFixture.eventually(timeout: .seconds(30)) {
                        let rows = try await engine.store.page(ExecutionQuery(limit: 100)).records
                        return rows.count == 8 && rows.allSatisfy { $0.outcome != nil }
                    })
                let source = EngineDashboardSource(
                    system: engine.system, readonly: false, caller: CronSystem.Caller(actor: "test", interface: .dashboard), target: "test")
                try await body(engine, source)
            }
        }
    }

    /// Carries out `effects` against `source` and feeds the answers back, until nothing is left.
    static func settle(_ state: inout DashboardState, _ effects: [Effect], source: EngineDashboardSource) async {
        let performer = EffectPerformer(source: source, clock: SystemDashboardClock())
        var pending = effects
        while !pending.isEmpty {
            if let input = await performer.answer(pending.removeFirst()) { pending += state.update(input) }
        }
    }

    static func state(view: DashboardView, filter: String = "", status: StatusFilter = .all, columns: Int = 200) -> DashboardState {
        var options = DashboardOptions()
        options.view = view
        options.filter = filter
        options.status = status
        return DashboardState(options: options, size: TerminalSize(columns: columns, rows: 50), now: Date())
    }

    /// Enter on a feed event whose execution was not recorded when it arrived looks the attempt up
    /// in PostgreSQL, opens it, and the feed shows its execution from then on.
    @Test func enterOnAnEventWithoutItsExecutionFindsTheRecordedAttempt() async throws {
        try await Self.withRecordedRuns { engine, source in
            var query = ExecutionQuery(limit: 1)
            query.name = NameFilter("sync-users")
            let record = try #require(try await engine.store.page(query).records.first)
            var state = DashboardFixture.state()
            let event = DashboardEvent(
                id: "1-0", time: DashboardFixture.now, kind: .succeeded, job: "sync-users", jobID: record.jobID, attempt: record.attempt)
            _ = state.update(.eventsArrived([event]))
            _ = DashboardFixture.press([.char("4")], on: &state)
            let effects = state.update(.key(.enter))
            #expect(effects == [.findExecution(eventID: "1-0", jobID: record.jobID, attempt: record.attempt)])
            await Self.settle(&state, effects, source: source)
            #expect(state.detail?.id == record.id)
            #expect(state.detail?.detail?.record.jobID == record.jobID)
            #expect(state.selectedEvent?.executionID == record.id)
        }
    }

    @Test func historyFiltersByNamesExclusionAndProblemsInTheQueryAndSaysSo() async throws {
        try await Self.withRecordedRuns { _, source in
            func names(_ filter: String, _ status: StatusFilter = .all) async -> [String] {
                var state = Self.state(view: .history, filter: filter, status: status)
                await Self.settle(&state, state.update(.start), source: source)
                #expect(state.history.error == nil)
                return state.history.rows.map(\.name)
            }
            #expect(await names("").count == 8)
            #expect(await names("SYNC").sorted() == ["sync-billing", "sync-billing", "sync-users", "sync-users"])
            #expect(Set(await names("fast|slow")) == ["fast-ping", "slow-report"])
            #expect(Set(await names("!sync")) == ["fast-ping", "slow-report"])
            #expect(await names("!sync").count == 4)

            // Problems: the failure and the timeout together, and only them.
            var state = Self.state(view: .history, status: .problems)
            await Self.settle(&state, state.update(.start), source: source)
            #expect(Set(state.history.rows.map(\.name)) == ["sync-billing", "slow-report"])
            #expect(Set(state.history.rows.map(\.status)) == [.failed, .timedOut])
            #expect(await names("!slow", .problems) == ["sync-billing", "sync-billing"])

            // `f` turns problems off again and on, from the real source each time.
            await Self.settle(&state, state.update(.key(.char("f"))), source: source)
            #expect(state.status == .all && state.history.rows.count == 8)
            await Self.settle(&state, state.update(.key(.char("f"))), source: source)
            #expect(state.history.rows.count == 4)

            // The title says exactly what is applied; every row shows its job id whole.
            state = Self.state(view: .history, filter: "sync|slow", status: .problems)
            await Self.settle(&state, state.update(.start), source: source)
            let screen = DashboardRenderer.render(state, size: state.size).text
            #expect(screen.contains("filter: sync|slow status: problems (failed, timed out)"))
            for row in state.history.rows { #expect(screen.contains(" \(row.jobID) ") || screen.contains(" \(row.jobID)│")) }
        }
    }

    @Test func pagesOfAFilteredHistoryAreFullAndMissNothing() async throws {
        try await Self.withRecordedRuns { _, source in
            var query = ExecutionQuery(limit: 1)
            query.name = NameFilter("!fast")
            var seen: [Int64] = []
            var pages = 0
            repeat {
                let page = try await source.history(query)
                #expect(page.records.count == 1)
                seen += page.records.compactMap(\.id)
                query.after = page.next
                pages += 1
            } while query.after != nil && pages < 20
            #expect(seen.count == 6 && Set(seen).count == 6)
        }
    }

    @Test func theSchedulesPaneListsFailuresFirstWithTheirErrorAndSortsOnS() async throws {
        try await Self.withRecordedRuns { _, source in
            var state = Self.state(view: .schedules)
            await Self.settle(&state, state.update(.start), source: source)
            let health = state.visibleSchedules.map { $0.health(at: state.now) }
            #expect(health == health.sorted())
            #expect(state.visibleSchedules.map(\.name) == ["slow-report", "sync-billing", "paused-one", "fast-ping", "sync-users"])
            #expect(health == [.failing, .failing, .paused, .ok, .ok])
            let billing = try #require(state.visibleSchedules.first { $0.name == "sync-billing" })
            let error = try #require(billing.lastError)
            #expect(error.contains("503"))

            var screen = DashboardRenderer.render(state, size: state.size)
            #expect(screen.text.contains("sort: health"))
            let line = try #require(screen.text.split(separator: "\n").first { $0.contains("sync-billing") })
            #expect(line.contains(String(error.prefix(16))))
            // The whole failing row is red, not just its status.
            let y = try #require(screen.text.split(separator: "\n", omittingEmptySubsequences: false).firstIndex { $0.contains("sync-billing") })
            #expect((2..<40).allSatisfy { screen[$0, y].role == .failed })

            _ = state.update(.key(.char("s")))
            #expect(state.visibleSchedules.map(\.name) == ["fast-ping", "paused-one", "slow-report", "sync-billing", "sync-users"])
            screen = DashboardRenderer.render(state, size: state.size)
            #expect(screen.text.contains("sort: name"))
            _ = state.update(.key(.char("s")))
            #expect(state.scheduleSort == .next && state.visibleSchedules.last?.name == "paused-one")

            // The status filter applies to the schedules too, by their latest attempt.
            await Self.settle(&state, state.update(.key(.char("f"))), source: source)
            #expect(Set(state.visibleSchedules.map(\.name)) == ["slow-report", "sync-billing"])
        }
    }
}
