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
        var flashWidth = 0
        if let flash = state.flash {
            let role: StyleRole =
                switch flash.kind {
                case .info: .accent
                case .success: .ok
                case .failure: .failed
                }
            let text = Sanitizer.line(flash.text)
            flashWidth = min(TextWidth.of(text), rect.width * 2 / 3)
            screen.put(text, x: rect.width - flashWidth - 1, y: rect.y, limit: flashWidth, role: role)
        }
        var x = 1
        let room = rect.width - flashWidth - 2
        for (key, hint) in hints {
            let width = TextWidth.of(key) + 1 + TextWidth.of(hint)
            guard x + width <= room else { break }
            x += screen.put([Span(key, .key), Span(" " + hint, .dim)], x: x, y: rect.y, limit: width) + 2
        }
    }

    /// The footer's hints for the current context from the key table, with quit and help last.
    private var hints: [(key: String, hint: String)] {
        let bindings = KeyMap.bindings(in: state.context).filter { $0.hint != nil }
        let last: [KeyAction] = [.help, .back]
        let ordered = bindings.filter { !last.contains($0.action) } + last.compactMap { action in bindings.first { $0.action == action } }
        let nested = state.detail != nil || (state.view == .history && state.history.scope != nil)
        return ordered.map { binding in
            let hint = binding.action == .back && nested ? "back" : binding.hint!
            return (binding.keys[0].label, hint)
        }
    }

    /// The help overlay, generated from the key table for the current context; two columns when
    /// one does not fit.
    mutating func drawHelp() {
        let bindings = KeyMap.bindings(in: state.context)
        let body = layout.body
        let width = min(body.width - 2, 120)
        let twoColumns = bindings.count > body.height - 2 && width >= 70
        let perColumn = twoColumns ? (bindings.count + 1) / 2 : bindings.count
        let height = min(body.height, perColumn + 2)
        let rect = Rect(x: body.x + (body.width - width) / 2, y: body.y + (body.height - height) / 2, width: width, height: height)
        screen.fill(rect, role: .normal)
        screen.box(rect, title: [Span("Keys", .title), Span(" · any key closes", .dim)], glyphs: glyphs)
        let inner = rect.inset(by: 1)
        let columnWidth = twoColumns ? inner.width / 2 : inner.width
        let shown = min(bindings.count, inner.height * (twoColumns ? 2 : 1))
        for (n, binding) in bindings.prefix(shown).enumerated() {
            let keys = binding.keys.map(\.label).joined(separator: " ")
            let x = inner.x + 1 + (n / inner.height) * columnWidth
            let y = inner.y + n % inner.height
            screen.put(keys, x: x, y: y, limit: 12, role: .key)
            screen.put(binding.help, x: x + 13, y: y, limit: columnWidth - 15, role: .normal)
        }
    }
}
