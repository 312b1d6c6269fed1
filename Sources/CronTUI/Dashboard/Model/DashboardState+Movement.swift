extension DashboardState {
    /// Moves the selection (or the detail scroll) by `delta` rows.
    mutating func move(by delta: Int) -> [Effect] {
        if let current = detail?.scroll {
            let limit = maxDetailScroll
            detail?.scroll = max(0, min(current + delta, limit))
            return []
        }
        let rows = layout.listRows(for: view)
        switch view {
        case .overview, .schedules:
            schedulesCursor.move(by: delta, count: visibleSchedules.count, visible: rows)
        case .history:
            history.cursor.move(by: delta, count: history.rows.count, visible: rows)
            return loadMoreHistoryIfNeeded()
        case .events:
            moveEvents(by: delta)
        }
        return []
    }

    /// `g` and `G`: the first or last row; `G` in Events follows again.
    mutating func moveToEnd(top: Bool) -> [Effect] {
        if detail != nil {
            let limit = maxDetailScroll
            detail?.scroll = top ? 0 : limit
            return []
        }
        if view == .events {
            if top {
                moveEvents(by: -Int.max / 2)
            } else {
                events.follow = true
            }
            return []
        }
        return move(by: top ? -Int.max / 2 : Int.max / 2)
    }

    /// Stops following: the newest event stays selected and later ones count as "+N new".
    mutating func stopFollowing() {
        let rows = visibleEventSequences
        events.follow = false
        events.selected = rows.last ?? 0
        events.unseenFrom = events.buffer.appendedCount
        var cursor = ListCursor(selected: max(0, rows.count - 1), top: 0)
        cursor.clamp(count: rows.count, visible: layout.listRows(for: .events))
        events.top = rows.isEmpty ? 0 : rows[cursor.top]
    }

    private mutating func moveEvents(by delta: Int) {
        if events.follow {
            // Moving down at the newest event changes nothing; moving up stops following.
            guard delta < 0 else { return }
            stopFollowing()
        }
        let rows = visibleEventSequences
        guard !rows.isEmpty else { return }
        let position = rows.lastIndex { $0 <= events.selected } ?? 0
        let top = rows.firstIndex { $0 >= events.top } ?? 0
        var cursor = ListCursor(selected: position, top: top)
        cursor.move(by: delta, count: rows.count, visible: layout.listRows(for: .events))
        events.selected = rows[cursor.selected]
        events.top = rows[cursor.top]
    }

    private mutating func loadMoreHistoryIfNeeded() -> [Effect] {
        let nearEnd = history.cursor.selected >= history.rows.count - layout.listRows(for: .history)
        guard nearEnd, let next = history.next, history.loading == nil else { return [] }
        return loadHistory(after: next)
    }
}
