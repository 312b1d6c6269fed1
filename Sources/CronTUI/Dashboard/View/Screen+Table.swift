extension Screen {
    /// Draws a table in `rect`: a heading row, then the rows from `cursor.top`, the selected one
    /// highlighted. Each row holds one span per column; a row with a role in `rowRoles` is drawn
    /// all in it. Returns whether rows are left out above and below (see ``moreMark(on:above:below:glyphs:)``).
    @discardableResult
    mutating func table(
        _ columns: [TableColumn], rows: [[Span]], in rect: Rect, cursor: ListCursor?, rowRoles: [StyleRole?] = []
    ) -> (above: Bool, below: Bool) {
        guard rect.height > 0, rect.width > 0 else { return (false, false) }
        let layout = TableLayout(columns, width: rect.width)
        for (index, x, w) in layout.placed {
            let column = columns[index]
            cell(Span(column.title, .columnHeading), x: rect.x + x, y: rect.y, width: w, alignRight: column.alignRight)
        }
        let top = cursor?.top ?? 0
        for line in 0..<(rect.height - 1) {
            let rowIndex = top + line
            guard rowIndex < rows.count else { break }
            let y = rect.y + 1 + line
            for (index, x, w) in layout.placed where index < rows[rowIndex].count {
                cell(rows[rowIndex][index], x: rect.x + x, y: y, width: w, alignRight: columns[index].alignRight)
            }
            if rowIndex == cursor?.selected {
                restyle(Rect(x: rect.x, y: y, width: rect.width, height: 1), role: .selection)
            } else if rowIndex < rowRoles.count, let role = rowRoles[rowIndex] {
                restyle(Rect(x: rect.x, y: y, width: rect.width, height: 1), role: role)
            }
        }
        return (top > 0, top + rect.height - 1 < rows.count)
    }

    /// On `box`'s bottom edge, ` ↑ more ↓ ` (ASCII ` ^ more v `) when a list drawn inside it
    /// leaves rows out above (`above`) or below (`below`), the arrows saying on which side.
    mutating func moreMark(on box: Rect, above: Bool, below: Bool, glyphs: Glyphs) {
        guard above || below else { return }
        let text = " " + (above ? (glyphs.ascii ? "^ " : "↑ ") : "") + "more" + (below ? (glyphs.ascii ? " v" : " ↓") : "") + " "
        guard box.width >= TextWidth.of(text) + 4, box.height >= 2 else { return }
        put(text, x: box.x + box.width - 2 - TextWidth.of(text), y: box.y + box.height - 1, role: .accent)
    }

    private mutating func cell(_ span: Span, x: Int, y: Int, width: Int, alignRight: Bool) {
        guard width > 0 else { return }
        let offset = alignRight ? max(0, width - span.width) : 0
        put(span.text, x: x + offset, y: y, limit: width - offset, role: span.role)
    }

    /// Draws a box around `rect` with `title` in its top edge.
    mutating func box(_ rect: Rect, title: [Span], glyphs: Glyphs) {
        guard rect.width >= 2, rect.height >= 2 else { return }
        let right = rect.x + rect.width - 1
        let bottom = rect.y + rect.height - 1
        for x in (rect.x + 1)..<right {
            set(Cell(glyph: glyphs.horizontal, width: 1, role: .border), x: x, y: rect.y)
            set(Cell(glyph: glyphs.horizontal, width: 1, role: .border), x: x, y: bottom)
        }
        for y in (rect.y + 1)..<bottom {
            set(Cell(glyph: glyphs.vertical, width: 1, role: .border), x: rect.x, y: y)
            set(Cell(glyph: glyphs.vertical, width: 1, role: .border), x: right, y: y)
        }
        set(Cell(glyph: glyphs.topLeft, width: 1, role: .border), x: rect.x, y: rect.y)
        set(Cell(glyph: glyphs.topRight, width: 1, role: .border), x: right, y: rect.y)
        set(Cell(glyph: glyphs.bottomLeft, width: 1, role: .border), x: rect.x, y: bottom)
        set(Cell(glyph: glyphs.bottomRight, width: 1, role: .border), x: right, y: bottom)
        guard rect.width > 6, !title.isEmpty else { return }
        put([Span(" ", .border)] + title + [Span(" ", .border)], x: rect.x + 1, y: rect.y, limit: rect.width - 3)
    }
}
