/// A selection in a scrolling list, with the first visible row.
struct ListCursor: Sendable, Hashable {
    var selected = 0
    var top = 0

    /// Moves by `delta` rows within `count` rows, keeping the selection inside `visible` rows.
    mutating func move(by delta: Int, count: Int, visible: Int) {
        select(selected + delta, count: count, visible: visible)
    }

    /// Selects `index` (clamped) and scrolls as little as needed to show it.
    mutating func select(_ index: Int, count: Int, visible: Int) {
        selected = max(0, min(index, count - 1))
        clamp(count: count, visible: visible)
    }

    /// Keeps selection and scroll valid after the list or the window changed size.
    mutating func clamp(count: Int, visible: Int) {
        let visible = max(1, visible)
        selected = max(0, min(selected, count - 1))
        if selected < top { top = selected }
        if selected >= top + visible { top = selected - visible + 1 }
        top = max(0, min(top, max(0, count - visible)))
    }
}
