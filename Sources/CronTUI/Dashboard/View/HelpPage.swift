/// The `?` help overlay for a context and a terminal size: where its box goes and its rows (keys,
/// two columns of them when there is room, then a blank row, then the legend of every symbol).
/// When the rows do not all fit, the box shows ``visibleRows`` of them from a top row that the
/// moving keys scroll. Shared by `render` and by `update`, which scrolls it.
struct HelpPage {
    /// The key table's bindings for the context, in table order.
    let bindings: [KeyBinding]
    /// The legend, flowed to the box's width.
    let legend: [String]
    /// The box, border included.
    let rect: Rect
    let twoColumns: Bool
    /// Rows of keys; with two columns, row `n` holds bindings `n` and `n + keyRows`.
    let keyRows: Int

    init(context: KeyContext, glyphs: Glyphs, layout: DashboardLayout) {
        bindings = KeyMap.bindings(in: context)
        let body = layout.body
        var width = min(body.width - 2, 120)
        twoColumns = width - 4 >= 50
        keyRows = twoColumns ? (bindings.count + 1) / 2 : bindings.count
        legend = HelpLegend.lines(HelpLegend.entries(glyphs), width: width - 4)
        let needed = keyRows + 1 + legend.count
        let area = needed <= body.height - 2 ? body : Rect(x: 0, y: 0, width: layout.size.columns, height: layout.size.rows - 1)
        // Over the whole screen, edge to edge, so nothing behind shows at its sides.
        if area != body, layout.size.columns <= 122 { width = layout.size.columns }
        let height = min(area.height, needed + 2)
        rect = Rect(x: area.x + (area.width - width) / 2, y: area.y + (area.height - height) / 2, width: width, height: height)
    }

    /// Every row: the keys, a blank row, the legend.
    var rowCount: Int { keyRows + 1 + legend.count }
    /// Rows inside the box.
    var visibleRows: Int { max(1, rect.height - 2) }
    /// The last top row that still fills the box; 0 when everything fits.
    var maxTop: Int { max(0, rowCount - visibleRows) }
}
