extension DashboardRenderer {
    /// Key hints on the left and the flash message on the right; an open prompt takes the line.
    mutating func drawFooter() {
        let rect = layout.footer
        if let prompt = state.prompt {
            switch prompt {
            case .filter(let text):
                let hint = "  Enter apply · Esc clear"
                screen.put([Span(" /", .key), Span(text, .prompt), Span("_", .key), Span(hint, .dim)], x: 0, y: rect.y, limit: rect.width)
            case .confirm(let question, _):
                screen.put([Span(" "), Span(question, .prompt)], x: 0, y: rect.y, limit: rect.width)
            }
            return
        }
        var x = 1
        if state.options.readonly {
            x += screen.put("READ-ONLY", x: x, y: rect.y, limit: rect.width - x, role: .warning) + 2
        }
        // `? help` and `q quit` always show; the other hints go first when room runs out.
        let all = hints
        let essential = all.filter { $0.essential }
        let others = all.filter { !$0.essential }
        let essentialWidth = essential.reduce(0) { $0 + $1.width + 2 }
        var flashWidth = 0
        if let flash = state.flash {
            let role: StyleRole =
                switch flash.kind {
                case .info: .accent
                case .success: .ok
                case .failure: .failed
                }
            let text = Sanitizer.line(flash.text)
            flashWidth = max(0, min(TextWidth.of(text), rect.width * 2 / 3, rect.width - x - essentialWidth - 1))
            screen.put(text, x: rect.width - flashWidth - 1, y: rect.y, limit: flashWidth, role: role)
        }
        var room = rect.width - flashWidth - 1 - x - essentialWidth
        var shown: [(key: String, hint: String, width: Int, essential: Bool)] = []
        for hint in others where hint.width + 2 <= room {
            shown.append(hint)
            room -= hint.width + 2
        }
        for hint in shown + essential {
            x += screen.put([Span(hint.key, .key), Span(" " + hint.hint, .dim)], x: x, y: rect.y, limit: min(hint.width, rect.width - x)) + 2
        }
    }

    /// The footer's hints for the current context from the key table, with help and quit last;
    /// under `--readonly` without the changes it would refuse, and without `Q` while there is just
    /// one queue to follow.
    private var hints: [(key: String, hint: String, width: Int, essential: Bool)] {
        var refused = state.options.readonly ? KeyMap.mutations : []
        if state.queuesInSight.count < 2 { refused.insert(.nextQueue) }
        let bindings = KeyMap.bindings(in: state.context).filter { $0.hint != nil && !refused.contains($0.action) }
        let last: [KeyAction] = [.help, .back]
        let ordered = bindings.filter { !last.contains($0.action) } + last.compactMap { action in bindings.first { $0.action == action } }
        let nested = state.detail != nil || (state.view == .history && state.history.scope != nil)
        return ordered.map { binding in
            let hint = binding.action == .back && nested ? "back" : binding.hint!
            let key = binding.keys[0].label(ascii: glyphs.ascii)
            return (key, hint, TextWidth.of(key) + 1 + TextWidth.of(hint), last.contains(binding.action))
        }
    }

    /// The help overlay (``HelpPage``), generated from the key table for the current context, then
    /// the legend of every symbol (``HelpLegend``). It takes the body, or the whole screen above the
    /// footer when the body is too short; two columns of keys when there is room. When it is still
    /// cut short it scrolls, and its bottom edge says there is more.
    mutating func drawHelp() {
        let refused = state.options.readonly ? KeyMap.mutations : []
        let page = HelpPage(context: state.context, glyphs: glyphs, layout: layout)
        let rect = page.rect
        let top = min(state.helpTop, page.maxTop)
        screen.fill(rect, role: .normal)
        let closes = page.maxTop > 0 ? " · j k scroll · other keys close" : " · any key closes"
        screen.box(rect, title: [Span("Keys and symbols", .title), Span(closes, .dim)], glyphs: glyphs)
        let inner = rect.inset(by: 1)
        let columnWidth = page.twoColumns ? (inner.width - 1) / 2 : inner.width - 1
        let labels = page.bindings.map { $0.keys.map { $0.label(ascii: glyphs.ascii) }.joined(separator: " ") }
        let labelWidth = min(12, (labels.map { TextWidth.of($0) }.max() ?? 0) + 1)
        for row in top..<min(page.rowCount, top + page.visibleRows) {
            let y = inner.y + row - top
            if row < page.keyRows {
                for column in 0..<(page.twoColumns ? 2 : 1) where row + column * page.keyRows < page.bindings.count {
                    let n = row + column * page.keyRows
                    let binding = page.bindings[n]
                    let x = inner.x + 1 + column * columnWidth
                    let off = refused.contains(binding.action)
                    screen.put(labels[n], x: x, y: y, limit: labelWidth - 1, role: off ? .dim : .key)
                    let help = off ? binding.help + " (off: read-only)" : binding.help
                    screen.put(help, x: x + labelWidth, y: y, limit: columnWidth - labelWidth - 1, role: off ? .dim : .normal)
                }
            } else if row > page.keyRows {
                screen.put(page.legend[row - page.keyRows - 1], x: inner.x + 1, y: y, limit: inner.width - 2, role: .normal)
            }
        }
        screen.moreMark(on: rect, above: top > 0, below: top < page.maxTop, glyphs: glyphs)
    }
}
