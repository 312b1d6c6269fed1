extension DashboardState {
    /// The `?` help for the current context and size.
    var helpPage: HelpPage { HelpPage(context: context, glyphs: Glyphs.forASCII(options.ascii), layout: layout) }

    /// A key while help is open. When help is cut short, the moving keys (j k, arrows, PgUp PgDn,
    /// g G) scroll it; any other key closes it and is not acted on, so a stray press does nothing.
    mutating func handleHelp(_ key: Key) -> [Effect] {
        let page = helpPage
        let step: Int? =
            switch KeyMap.action(for: key, in: context) {
            case .up: -1
            case .down: 1
            case .pageUp, .halfPageUp: -max(1, page.visibleRows - 1)
            case .pageDown, .halfPageDown: max(1, page.visibleRows - 1)
            case .top: -page.rowCount
            case .bottom: page.rowCount
            default: nil
            }
        guard let step, page.maxTop > 0 else {
            showHelp = false
            helpTop = 0
            return []
        }
        helpTop = max(0, min(page.maxTop, helpTop + step))
        return []
    }
}
