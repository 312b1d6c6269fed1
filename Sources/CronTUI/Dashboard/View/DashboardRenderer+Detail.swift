extension DashboardRenderer {
    /// The execution detail, full screen, from its scroll position.
    mutating func drawDetail(_ detail: DetailState) {
        let rect = layout.body
        let lines = DetailDocument.lines(for: detail, width: layout.detailColumns, ascii: glyphs.ascii, now: state.now)
        let rows = layout.detailRows
        let scroll = max(0, min(detail.scroll, lines.count - rows))
        var title = [Span("Execution #\(detail.id)", .title)]
        if let record = detail.detail?.record { title += [Span(" · " + record.name, .strong), Span(" · job " + record.jobID, .dim)] }
        if lines.count > rows { title.append(Span(" \(scroll + 1)-\(min(lines.count, scroll + rows))/\(lines.count)", .dim)) }
        if !detail.wrap { title.append(Span(" nowrap", .dim)) }
        screen.box(rect, title: title, glyphs: glyphs)
        let inner = rect.inset(by: 1)
        for (n, line) in lines.dropFirst(scroll).prefix(rows).enumerated() {
            screen.put(line, x: inner.x + 1, y: inner.y + n, limit: inner.width - 2)
        }
    }
}
