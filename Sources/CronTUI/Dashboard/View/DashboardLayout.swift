/// Where everything goes for a terminal size: the responsive rules in one place, shared by
/// `render` and by `update` (which needs page sizes).
struct DashboardLayout: Sendable, Hashable {
    /// How the panes are arranged.
    enum Mode: Sendable, Hashable {
        /// Below 60×15: only a notice.
        case tooSmall
        /// Below 80×24: one pane at a time.
        case single
        /// 80–119 columns: Schedules above Events.
        case stacked
        /// 120 columns and more: as stacked, with the wide tables.
        case wide
    }

    /// The smallest size that draws the dashboard.
    static let minimum = TerminalSize(columns: 60, rows: 15)

    let size: TerminalSize
    let mode: Mode

    init(size: TerminalSize) {
        self.size = size
        if size.columns < Self.minimum.columns || size.rows < Self.minimum.rows {
            mode = .tooSmall
        } else if size.columns < 80 || size.rows < 24 {
            mode = .single
        } else if size.columns < 120 {
            mode = .stacked
        } else {
            mode = .wide
        }
    }

    var header: Rect { Rect(x: 0, y: 0, width: size.columns, height: 1) }
    var stats: Rect { Rect(x: 0, y: 1, width: size.columns, height: 1) }
    var tabs: Rect { Rect(x: 0, y: 2, width: size.columns, height: 1) }
    var footer: Rect { Rect(x: 0, y: size.rows - 1, width: size.columns, height: 1) }
    /// Between the tab bar and the footer.
    var body: Rect { Rect(x: 0, y: 3, width: size.columns, height: max(0, size.rows - 4)) }

    /// The Overview's Schedules box, and its Events box when there is room for one. Both take the
    /// full width, Events below: a full-width feed scrolls with the terminal's own scrolling (a
    /// scroll region), so a new event costs about one row of output, not a repaint of the pane.
    var overviewPanes: (schedules: Rect, events: Rect?) {
        let body = body
        switch mode {
        case .wide, .stacked:
            let top = body.height / 2
            return (
                Rect(x: body.x, y: body.y, width: body.width, height: top),
                Rect(x: body.x, y: body.y + top, width: body.width, height: body.height - top)
            )
        case .single, .tooSmall:
            return (body, nil)
        }
    }

    /// Rows of data visible in the list that `view` moves through (inside the box, below headings).
    func listRows(for view: DashboardView) -> Int {
        switch view {
        case .overview: max(1, overviewPanes.schedules.height - 3)
        case .schedules, .events: max(1, body.height - 3)
        case .history: max(1, body.height - 4)
        }
    }

    /// Lines visible in the detail view.
    var detailRows: Int { max(1, body.height - 2) }
    /// Columns available to a detail line.
    var detailColumns: Int { max(1, body.width - 4) }
}
