import Foundation

@testable import CronTUI

/// A dashboard with fixed data at a fixed time, for update tables and golden screens.
enum DashboardFixture {
    /// 2025-11-29 14:02:31 UTC.
    static let now = Date(timeIntervalSince1970: 1_764_424_951)
    static let data = FakeDashboardData(now: now)

    /// Built once: most tests start from a copy (cheap, and light on the shared test threads).
    private static let started = build(size: TerminalSize(columns: 120, rows: 40), options: DashboardOptions())

    /// A started dashboard of `size` with a snapshot and recent events loaded.
    static func state(
        size: TerminalSize = TerminalSize(columns: 120, rows: 40), options: DashboardOptions = DashboardOptions()
    ) -> DashboardState {
        guard options.eventCapacity == started.options.eventCapacity else { return build(size: size, options: options) }
        var state = started
        state.options = options
        state.view = options.view
        state.status = options.status
        state.filter = options.filter
        _ = state.update(.resize(size))
        return state
    }

    private static func build(size: TerminalSize, options: DashboardOptions) -> DashboardState {
        var state = DashboardState(options: options, size: size, now: now)
        _ = state.update(.start)
        _ = state.update(.snapshotLoaded(data.snapshot, at: now.addingTimeInterval(-1)))
        _ = state.update(.eventsArrived(Array(data.events.suffix(200))))
        return state
    }

    /// The fixture's state with `event` arrived last, in the Events view.
    static func eventsView(with event: DashboardEvent) -> DashboardState {
        var state = state()
        _ = state.update(.eventsArrived([event]))
        _ = press([.char("4")], on: &state)
        return state
    }

    /// `state` after `keys`, with every effect they returned.
    static func press(_ keys: [Key], on state: inout DashboardState) -> [Effect] {
        keys.flatMap { state.update(.key($0)) }
    }

    /// Answers every history fetch in `effects` from the fixture data.
    static func answer(_ effects: [Effect], on state: inout DashboardState) -> [Effect] {
        var more: [Effect] = []
        for effect in effects {
            switch effect {
            case .fetchHistory(let query): more += state.update(.historyLoaded(data.history(query), for: query))
            case .fetchDetail(let id): more += state.update(.detailLoaded(data.detail(id: id), id: id))
            default: break
            }
        }
        return more
    }
}
