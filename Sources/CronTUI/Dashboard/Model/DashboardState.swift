import Engine
import Foundation

/// Everything the dashboard shows and remembers. ``update(_:)`` is its only way to change, does no
/// I/O, and returns the ``Effect``s its owner must carry out.
struct DashboardState: Sendable {
    var options: DashboardOptions
    var size: TerminalSize
    /// The wall clock as of the last tick.
    var now: Date
    var view: DashboardView

    /// The last good snapshot; kept on screen when the source fails.
    var snapshot: DashboardSnapshot?
    /// When `snapshot` arrived.
    var updatedAt: Date?
    var connection = ConnectionStatus.connecting
    /// Whether the last snapshot's PostgreSQL part (the schedules) could be read: failed, the
    /// Redis figures stay live and the schedules shown are the last ones read.
    var database = ConnectionStatus.connecting
    var snapshotInFlight = false
    var refreshInterval: Duration

    /// `Z`: data is still fetched but held back until resumed.
    var frozen = false
    var heldSnapshot: (DashboardSnapshot, Date)?
    var heldEvents: [DashboardEvent] = []

    var schedulesCursor = ListCursor()
    /// The Schedules pane's order (`s`).
    var scheduleSort = ScheduleSort.health
    var history = HistoryState()
    var events: EventFeed
    var eventsError: String?
    /// The queue followed (stats, feed, `P`); nil: the source's default queue (`QUEUE_NAME`).
    var queue: String?
    /// The number of the current event subscription: events of an earlier one are dropped.
    var eventSubscription = 0

    var status: StatusFilter
    /// The `/` filter text.
    var filter: String
    var prompt: Prompt?
    var detail: DetailState?
    var showHelp = false
    /// The first row of the help shown, when it does not all fit.
    var helpTop = 0
    var flash: Flash?
    /// Set by `q` at the top level or Ctrl-C; the owner stops.
    var quitting = false

    /// A dashboard about to start, of `size`, at `now`.
    init(options: DashboardOptions, size: TerminalSize, now: Date) {
        self.options = options
        self.size = size
        self.now = now
        view = options.view
        refreshInterval = options.refreshInterval
        status = options.status
        filter = options.filter
        queue = options.queue
        events = EventFeed(capacity: options.eventCapacity)
    }

    /// How long flash messages stay.
    static let flashDuration: TimeInterval = 5
    /// The refresh intervals `+` and `-` step through.
    static let refreshSteps: [Duration] = [
        .milliseconds(250), .milliseconds(500), .seconds(1), .seconds(2), .seconds(5), .seconds(10),
        .seconds(30), .seconds(60),
    ]

    /// The layout for the current size.
    var layout: DashboardLayout { DashboardLayout(size: size) }

    /// Where keys are looked up and which help applies.
    var context: KeyContext {
        if detail != nil { return .detail }
        switch view {
        case .overview: return .overview
        case .schedules: return .schedules
        case .history: return .history
        case .events: return .events
        }
    }

    /// The `/` filter as applied.
    var nameFilter: NameFilter { NameFilter(filter) }

    /// The schedules passing the `/` filter and the status filter (by their latest attempt), in
    /// the pane's order.
    var visibleSchedules: [ScheduleRow] {
        let names = nameFilter
        let rows = (snapshot?.schedules ?? []).filter { row in
            guard names.matches(row.name) else { return false }
            guard status != .all else { return true }
            return row.last.map { status.matches($0.status) } ?? false
        }
        return scheduleSort.sorted(rows, now: now)
    }

    /// The selected schedule in Overview or Schedules.
    var selectedSchedule: ScheduleRow? {
        let rows = visibleSchedules
        return rows.indices.contains(schedulesCursor.selected) ? rows[schedulesCursor.selected] : nil
    }

    /// The selected History row.
    var selectedExecution: ExecutionRecord? {
        history.rows.indices.contains(history.cursor.selected) ? history.rows[history.cursor.selected] : nil
    }

    /// The sequence numbers of the events shown, oldest first.
    var visibleEventSequences: [Int] {
        events.visibleSequences(status: status, filter: nameFilter)
    }

    /// The events shown, oldest first.
    var visibleEvents: [(sequence: Int, element: DashboardEvent)] {
        visibleEventSequences.map { ($0, events.event($0)) }
    }

    /// The selected event: the newest when following.
    var selectedEvent: DashboardEvent? {
        let rows = visibleEventSequences
        let sequence = events.follow ? rows.last : rows.last { $0 <= events.selected } ?? rows.first
        return sequence.map(events.event)
    }

    /// The History query for the current filters, first page: the database filters, so pages
    /// stay full and paging stays exact.
    var historyQuery: ExecutionQuery {
        var query = ExecutionQuery(limit: 100, scheduleID: history.scope?.scheduleID)
        query.statuses = status.statuses
        query.name = nameFilter.isEmpty ? nil : nameFilter
        return query
    }
}
