extension DashboardRenderer {
    /// The event feed, newest at the bottom; `selectable` in the Events view, where it scrolls.
    mutating func drawEvents(in rect: Rect, selectable: Bool) {
        let feed = state.events
        let rows = state.visibleEventSequences
        let inner = rect.inset(by: 1)
        let visible = max(1, inner.height - 1)
        var cursor = ListCursor(selected: max(0, rows.count - 1), top: max(0, rows.count - visible))
        var title = [Span("Events", .title)]
        if state.options.snapshot {
            title.append(Span(" newest last", .dim))
        } else if feed.follow {
            title.append(Span(" FOLLOW", .ok))
        } else {
            cursor.selected = rows.lastIndex { $0 <= feed.selected } ?? 0
            cursor.top = rows.firstIndex { $0 >= feed.top } ?? 0
            cursor.clamp(count: rows.count, visible: visible)
            let unseen = rows.count { $0 >= feed.unseenFrom }
            title.append(unseen > 0 ? Span(" +\(unseen) new", .warning) : Span(" FOLLOW off", .dim))
        }
        title += FilterText.spans(filter: state.nameFilter, status: state.status)
        if let error = state.eventsError { title.append(Span(" stream lost, retrying: " + error, .error)) }
        if state.frozen, !state.heldEvents.isEmpty { title.append(Span(" (\(state.heldEvents.count) held)", .warning)) }
        screen.box(rect, title: title, glyphs: glyphs)
        let columns = [
            TableColumn(title: "TIME", width: 8, priority: 9),
            TableColumn(title: "EVENT", width: 10, priority: 10),
            TableColumn(title: "JOB", width: 12, flexible: true, priority: 8),
            TableColumn(title: "EXEC", width: 7, alignRight: true, priority: 5),
            TableColumn(title: "HTTP", width: 4, alignRight: true, priority: 6),
            TableColumn(title: "TOOK", width: 6, alignRight: true, priority: 4),
            TableColumn(title: "INFO", width: 12, flexible: true, priority: 3),
        ]
        let shown = rows[cursor.top..<min(rows.count, cursor.top + visible)]
        let cells = shown.map { eventCells(feed.event($0)) }
        let tableCursor = ListCursor(selected: selectable ? cursor.selected - cursor.top : -1, top: 0)
        if rows.isEmpty {
            let text = state.status == .all && state.filter.isEmpty ? "no events yet" : "no event matches the filters"
            screen.put(text, x: inner.x + 1, y: inner.y + 1, limit: inner.width - 1, role: .dim)
        }
        screen.table(columns, rows: cells, in: inner.inset(horizontally: 1), cursor: tableCursor)
        screen.moreMark(on: rect, above: cursor.top > 0, below: cursor.top + visible < rows.count, glyphs: glyphs)
    }

    private func eventCells(_ event: DashboardEvent) -> [Span] {
        var info = event.message ?? ""
        let retries = event.kind == .retrying || (event.kind == .timedOut && event.retryIn != nil)
        if retries, let attempt = event.attempt {
            info =
                "\(attempt)/\(event.maxAttempts ?? attempt)" + (event.retryIn.map { " in " + DurationText.short($0) } ?? "")
                + (info.isEmpty ? "" : " " + info)
        }
        return [
            Span(TimeText.clock(event.time), .dim),
            StatusText.event(event.kind, ascii: glyphs.ascii),
            Span(event.job ?? ""),
            Span(event.executionID.map { "#\($0)" } ?? "", .dim),
            Span(event.httpStatus.map(String.init) ?? "", (event.httpStatus ?? 0) >= 400 ? .failed : .normal),
            Span(event.duration.map(DurationText.short) ?? "", .dim),
            Span(info, event.kind == .failed || event.kind == .timedOut ? .failed : .dim),
        ]
    }
}
