import CNcurses

/// Style roles as curses attributes and colour pairs. Colours come only from the terminal's own
/// 8-colour palette over its default background (never `init_color`), so the user's theme applies;
/// without colour (`--no-color`, `NO_COLOR`) roles use bold, dim, reverse and underline.
struct NcursesPalette {
    private var styles: [StyleRole: (attr: attr_t, pair: Int16)] = [:]

    /// Sets up colour pairs when `color` is wanted and the terminal has colours.
    init(color: Bool) {
        let bold = attr_t(crontui_a_bold())
        let dim = attr_t(crontui_a_dim())
        let reverse = attr_t(crontui_a_reverse())
        let underline = attr_t(crontui_a_underline())
        var useColor = false
        if color, has_colors() {
            start_color()
            use_default_colors()
            useColor = true
        }
        let colors: [(StyleRole, Int16, attr_t)] = [
            (.ok, Int16(COLOR_GREEN), 0),
            (.failed, Int16(COLOR_RED), bold),
            (.running, Int16(COLOR_CYAN), 0),
            (.retrying, Int16(COLOR_YELLOW), 0),
            (.warning, Int16(COLOR_YELLOW), bold),
            (.error, Int16(COLOR_RED), bold),
            (.title, Int16(COLOR_CYAN), bold),
            (.key, Int16(COLOR_CYAN), bold),
            (.prompt, Int16(COLOR_YELLOW), bold),
            (.accent, Int16(COLOR_CYAN), 0),
        ]
        if useColor {
            for (n, (role, foreground, attr)) in colors.enumerated() {
                init_pair(Int16(n + 1), foreground, -1)
                styles[role] = (attr, Int16(n + 1))
            }
        } else {
            styles[.failed] = (bold, 0)
            styles[.warning] = (bold, 0)
            styles[.error] = (bold | reverse, 0)
            styles[.title] = (bold, 0)
            styles[.key] = (bold, 0)
            styles[.prompt] = (bold, 0)
            styles[.accent] = (0, 0)
            styles[.retrying] = (underline, 0)
        }
        styles[.dim] = (dim, 0)
        styles[.strong] = (bold, 0)
        styles[.border] = (dim, 0)
        styles[.columnHeading] = (bold, 0)
        styles[.selection] = (reverse, 0)
        styles[.activeTab] = (reverse | bold, 0)
    }

    /// The attributes and pair for `role`.
    func style(_ role: StyleRole) -> (attr: attr_t, pair: Int16) {
        styles[role] ?? (0, 0)
    }
}
