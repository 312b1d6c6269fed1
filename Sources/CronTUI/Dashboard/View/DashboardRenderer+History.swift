import Engine

extension DashboardRenderer {
    /// History: the status chips, then executions newest first.
    mutating func drawHistory() {
        let rect = layout.body
        let history = state.history
        var title = [Span("History", .title)]
        if let scope = history.scope { title.append(Span(" · schedule: " + scope.name, .warning)) }
        title += FilterText.spans(filter: state.nameFilter, status: state.status)
        title.append(Span(" (\(history.rows.count)\(history.next == nil ? "" : "+"))", .dim))
        if history.loading != nil { title.append(Span(" loading" + String(glyphs.ellipsis), .dim)) }
        screen.box(rect, title: title, glyphs: glyphs)
        let inner = rect.inset(by: 1)
        var chips: [Span] = []
        for (n, filter) in StatusFilter.allCases.enumerated() {
            if n > 0 { chips.append(Span(glyphs.ascii ? " | " : " · ", .dim)) }
            chips.append(Span(filter.label, filter == state.status ? .activeTab : .tab))
        }
        screen.put([Span(" ")] + chips, x: inner.x, y: inner.y, limit: inner.width)
        // The job id (what `crontui job retry` takes) only whole, so it can be copied as it is.
        let jobIDWidth = history.rows.reduce(6) { max($0, TextWidth.of($1.jobID)) }
        // The queue only when the rows in sight come from more than one (an attempt recorded before
        // queues were names none, shown as `-`).
        let queues = Set(history.rows.map(\.queue))
        let queueWidth = queues.count > 1 ? min(queues.reduce(5) { max($0, TextWidth.of($1 ?? "")) }, 24) : 0
        var columns = [
            TableColumn(title: "STARTED (UTC)", width: 19, priority: 9),
            TableColumn(title: "NAME", width: 12, flexible: true, priority: 10),
            TableColumn(title: "EXEC#", width: 7, alignRight: true, priority: 8),
            TableColumn(title: "TRY", width: 5, alignRight: true, priority: 4),
            TableColumn(title: "STATUS", width: 12, priority: 9),
            TableColumn(title: "TOOK", width: 7, alignRight: true, priority: 6),
            TableColumn(title: "TRIGGER", width: 7, priority: 3),
            TableColumn(title: "JOB ID", width: min(jobIDWidth, 64), priority: 2),
        ]
        if queueWidth > 0 { columns.insert(TableColumn(title: "QUEUE", width: queueWidth, priority: 5), at: 2) }
        let cells: [[Span]] = history.rows.map { row in
            var cells = [
                Span(TimeText.dateClock(row.startedDate), .dim),
                Span(row.name),
                Span(row.id.map { "#\($0)" } ?? "", .dim),
                Span("\(row.attempt)/\(row.maxAttempts)", .dim),
                StatusText.long(row.status, http: row.httpStatus, attempt: row.attempt, of: row.maxAttempts, ascii: glyphs.ascii),
                Span(row.duration.map(DurationText.short) ?? "", .dim),
                Span(row.trigger.rawValue, .dim),
                Span(row.jobID, .dim),
            ]
            if queueWidth > 0 { cells.insert(Span(row.queue ?? "-", .dim), at: 2) }
            return cells
        }
        let tableRect = Rect(x: inner.x + 1, y: inner.y + 1, width: inner.width - 2, height: inner.height - 1)
        if let error = history.error {
            screen.put("could not load: " + error, x: tableRect.x, y: tableRect.y + 1, limit: tableRect.width, role: .error)
        } else if history.rows.isEmpty, history.loading == nil {
            screen.put("no executions match", x: tableRect.x, y: tableRect.y + 1, limit: tableRect.width, role: .dim)
        }
        let hidden = screen.table(columns, rows: cells, in: tableRect, cursor: history.cursor)
        screen.moreMark(on: rect, above: hidden.above, below: hidden.below, glyphs: glyphs)
    }
}
