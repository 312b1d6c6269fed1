extension DashboardRenderer {
    /// The Schedules box: a compact table in Overview, every column in the Schedules view.
    mutating func drawSchedules(in rect: Rect, wide: Bool) {
        let rows = state.visibleSchedules
        var title = [Span("Schedules", .title), Span(" (\(rows.count))", .dim)]
        if !state.filter.isEmpty { title.append(Span(" filter: " + state.filter, .warning)) }
        screen.box(rect, title: title, glyphs: glyphs)
        let inner = rect.inset(by: 1)
        let columns: [TableColumn] =
            wide
            ? [
                TableColumn(title: "NAME", width: 14, flexible: true, priority: 10),
                TableColumn(title: "SCHEDULE", width: 14, priority: 8),
                TableColumn(title: "ZONE", width: 16, priority: 2),
                TableColumn(title: "NEXT", width: 10, priority: 7),
                TableColumn(title: "LAST RUN", width: 9, priority: 5),
                TableColumn(title: "ST", width: 4, priority: 6),
                TableColumn(title: "PAUSED", width: 6, priority: 3),
            ]
            : [
                TableColumn(title: "NAME", width: 10, flexible: true, priority: 10),
                TableColumn(title: "SCHEDULE", width: 13, priority: 6),
                TableColumn(title: "NEXT", width: 8, priority: 8),
                TableColumn(title: "LAST", width: 7, priority: 5),
                TableColumn(title: "ST", width: 4, priority: 7),
            ]
        let now = state.now
        let cells: [[Span]] = rows.map { row in
            let next: Span =
                row.paused
                ? Span("paused", .warning) : row.nextFire.map { Span(DurationText.relative($0, now: now)) } ?? Span("-", .dim)
            let last = row.lastRun.map { Span(DurationText.relative($0, now: now), .dim) } ?? Span("never", .dim)
            let status = row.lastStatus.map { StatusText.short($0, ascii: glyphs.ascii) } ?? Span("", .dim)
            if wide {
                return [
                    Span(row.name), Span(row.cron), Span(row.timeZone, .dim), next, last, status,
                    row.paused ? Span("yes", .warning) : Span(""),
                ]
            }
            return [Span(row.name), Span(row.cron), next, last, status]
        }
        if state.snapshot == nil {
            screen.put("loading" + String(glyphs.ellipsis), x: inner.x + 1, y: inner.y + 1, limit: inner.width - 1, role: .dim)
        } else if rows.isEmpty {
            let text = state.filter.isEmpty ? "no schedules yet" : "no schedule matches the filter"
            screen.put(text, x: inner.x + 1, y: inner.y + 1, limit: inner.width - 1, role: .dim)
        }
        screen.table(columns, rows: cells, in: inner.inset(horizontally: 1), cursor: state.schedulesCursor)
    }
}
