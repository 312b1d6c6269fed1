import Engine

extension DashboardRenderer {
    /// The Schedules box: a compact table in Overview, every column in the Schedules view; rows
    /// in the chosen order (failures first by default), each coloured by its health. With more
    /// than one queue in sight, a QUEUE column says where each schedule's jobs go.
    mutating func drawSchedules(in rect: Rect, wide: Bool) {
        let rows = state.visibleSchedules
        var title = [Span("Schedules", .title), Span(" (\(rows.count))", .dim), Span(" sort: " + state.scheduleSort.label, .dim)]
        title += FilterText.spans(filter: state.nameFilter, status: state.status)
        screen.box(rect, title: title, glyphs: glyphs)
        let inner = rect.inset(by: 1)
        let queueColumn = state.queuesInSight.count > 1
        // NAME is as wide as the longest name, no wider: LAST ERROR gets the rest.
        let longestName = rows.reduce(4) { max($0, TextWidth.of($1.name)) }
        var columns: [TableColumn] =
            wide
            ? [
                TableColumn(title: "NAME", width: 14, flexible: true, most: longestName, priority: 10),
                TableColumn(title: "SCHEDULE", width: 14, priority: 8),
                TableColumn(title: "ZONE", width: 16, priority: 2),
                TableColumn(title: "NEXT", width: 10, priority: 7),
                TableColumn(title: "LAST RUN", width: 9, priority: 5),
                TableColumn(title: "ST", width: 4, priority: 6),
                TableColumn(title: "LAST ERROR", width: 16, flexible: true, priority: 4),
            ]
            : [
                TableColumn(title: "NAME", width: 10, flexible: true, most: longestName, priority: 10),
                TableColumn(title: "SCHEDULE", width: 13, priority: 6),
                TableColumn(title: "NEXT", width: 8, priority: 8),
                TableColumn(title: "LAST", width: 7, priority: 5),
                TableColumn(title: "ST", width: 4, priority: 7),
                TableColumn(title: "LAST ERROR", width: 14, flexible: true, priority: 3),
            ]
        if queueColumn {
            // As wide as the longest name in sight (queue names are ASCII), up to 24 columns.
            let width = min(24, max(5, state.queuesInSight.map(\.utf8.count).max() ?? 5))
            columns.insert(TableColumn(title: "QUEUE", width: width, priority: wide ? 9 : 4), at: 1)
        }
        let defaultQueue = state.snapshot?.defaultQueue ?? ""
        let now = state.now
        var roles: [StyleRole?] = []
        let cells: [[Span]] = rows.map { row in
            let health = row.health(at: now)
            roles.append(Self.role(of: health))
            let next: Span =
                row.paused
                ? Span("paused", .warning) : row.next(at: now).map { Span(DurationText.relative($0, now: now)) } ?? Span("-", .dim)
            let last = row.last.map { Span(DurationText.relative($0.startedDate, now: now), .dim) } ?? Span("never", .dim)
            let status = StatusText.health(health, last: row.last?.status, ascii: glyphs.ascii)
            let error = Span(row.lastError ?? "", .failed)
            var cells =
                wide
                ? [Span(row.name), Span(row.schedule.definition.cron), Span(row.schedule.definition.timeZone, .dim), next, last, status, error]
                : [Span(row.name), Span(row.schedule.definition.cron), next, last, status, error]
            if queueColumn { cells.insert(Span(row.schedule.definition.queue ?? defaultQueue, .dim), at: 1) }
            return cells
        }
        if state.snapshot == nil {
            screen.put("loading" + String(glyphs.ellipsis), x: inner.x + 1, y: inner.y + 1, limit: inner.width - 1, role: .dim)
        } else if rows.isEmpty {
            let text = state.filter.isEmpty && state.status == .all ? "no schedules yet" : "no schedule matches the filters"
            screen.put(text, x: inner.x + 1, y: inner.y + 1, limit: inner.width - 1, role: .dim)
        }
        let hidden = screen.table(columns, rows: cells, in: inner.inset(horizontally: 1), cursor: state.schedulesCursor, rowRoles: roles)
        screen.moreMark(on: rect, above: hidden.above, below: hidden.below, glyphs: glyphs)
    }

    /// The colour of a whole row: red failing, amber late, dim paused, plain when ok.
    static func role(of health: ScheduleHealth) -> StyleRole? {
        switch health {
        case .failing: .failed
        case .late: .warning
        case .paused: .dim
        case .ok: nil
        }
    }
}
