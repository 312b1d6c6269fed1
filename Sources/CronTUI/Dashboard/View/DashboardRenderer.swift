/// Turns a ``DashboardState`` into a ``Screen``. Pure: the same state and size give the same frame.
struct DashboardRenderer {
    let state: DashboardState
    let layout: DashboardLayout
    let glyphs: Glyphs
    var screen: Screen

    /// The frame for `state` on a terminal of `size`.
    static func render(_ state: DashboardState, size: TerminalSize) -> Screen {
        var renderer = DashboardRenderer(state: state, size: size)
        renderer.draw()
        return renderer.screen
    }

    private init(state: DashboardState, size: TerminalSize) {
        self.state = state
        layout = DashboardLayout(size: size)
        glyphs = Glyphs.forASCII(state.options.ascii)
        screen = Screen(size: size)
        screen.ellipsis = glyphs.ellipsis
        screen.asciiOnly = glyphs.ascii
    }

    private mutating func draw() {
        guard layout.mode != .tooSmall else { return drawTooSmall() }
        drawHeader()
        drawStats()
        drawTabs()
        if let detail = state.detail {
            drawDetail(detail)
        } else {
            switch state.view {
            case .overview: drawOverview()
            case .schedules: drawSchedules(in: layout.body, wide: true)
            case .history: drawHistory()
            case .events: drawEvents(in: layout.body, selectable: true)
            }
        }
        if state.showHelp { drawHelp() }
        drawFooter()
    }

    private mutating func drawOverview() {
        let panes = layout.overviewPanes
        drawSchedules(in: panes.schedules, wide: layout.mode == .wide)
        if let events = panes.events { drawEvents(in: events, selectable: false) }
    }

    /// The notice below the minimum size, in as many lines as fit: the whole sentence on one line
    /// when it fits, else one phrase a line, else the shortest form; cut to the width last of all.
    private mutating func drawTooSmall() {
        let need = DashboardLayout.minimum
        let needText = "need \(need.columns)x\(need.rows)"
        let haveText = "have \(screen.width)x\(screen.height)"
        let candidates = [
            ["terminal too small (\(needText), \(haveText))"],
            ["terminal too small", "(\(needText), \(haveText))"],
            ["terminal too small", needText + ",", haveText],
            ["too small", needText],
            ["too small"],
        ]
        let lines =
            candidates.first { lines in lines.count <= screen.height && lines.allSatisfy { TextWidth.of($0) <= screen.width } }
            ?? [candidates.last![0]]
        let top = max(0, (screen.height - lines.count) / 2)
        for (n, line) in lines.enumerated() {
            let x = max(0, (screen.width - TextWidth.of(line)) / 2)
            screen.put(line, x: x, y: top + n, role: .warning)
        }
    }

    /// Drops the lowest-priority segments until the rest fit in `width` with `separator` between.
    func fit(_ segments: [(priority: Int, spans: [Span])], separator: Span, width: Int) -> [Span] {
        var kept = segments
        func total(_ list: [(priority: Int, spans: [Span])]) -> Int {
            list.reduce(0) { $0 + $1.spans.reduce(0) { $0 + $1.width } } + max(0, list.count - 1) * separator.width
        }
        while total(kept) > width, kept.count > 1 {
            let lowest = kept.indices.min { kept[$0].priority < kept[$1].priority }!
            kept.remove(at: lowest)
        }
        var spans: [Span] = []
        for (n, segment) in kept.enumerated() {
            if n > 0 { spans.append(separator) }
            spans += segment.spans
        }
        return spans
    }
}
