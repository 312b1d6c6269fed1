extension DashboardState {
    /// A key: Ctrl-C always quits; an open prompt or help takes keys first; then the key table.
    mutating func handle(_ key: Key) -> [Effect] {
        if key == .ctrl("c") { return perform(.quit) }
        if let prompt { return handle(key, in: prompt) }
        if showHelp { return handleHelp(key) }
        guard let action = KeyMap.action(for: key, in: context) else { return [] }
        return perform(action)
    }

    /// Carries out a key table action.
    mutating func perform(_ action: KeyAction) -> [Effect] {
        switch action {
        case .quit:
            quitting = true
            return [.quit]
        case .back:
            if detail != nil {
                detail = nil
            } else if history.scope != nil, view == .history {
                return leaveScope()
            } else {
                return perform(.quit)
            }
        case .cancel:
            return cancel()
        case .help:
            showHelp = true
            helpTop = 0
        case .nextView:
            return show(view.cycled(by: 1))
        case .previousView:
            return show(view.cycled(by: -1))
        case .show(let target):
            return show(target)
        case .up: return move(by: -1)
        case .down: return move(by: 1)
        case .pageUp: return move(by: -pageSize)
        case .pageDown: return move(by: pageSize)
        case .halfPageUp: return move(by: -max(1, pageSize / 2))
        case .halfPageDown: return move(by: max(1, pageSize / 2))
        case .top: return moveToEnd(top: true)
        case .bottom: return moveToEnd(top: false)
        case .open:
            return open()
        case .filter:
            prompt = .filter(text: filter)
        case .previousStatus:
            return setStatus(status.cycled(by: -1))
        case .nextStatus:
            return setStatus(status.cycled(by: 1))
        case .failuresOnly:
            return setStatus(status == .problems ? .all : .problems)
        case .sort:
            scheduleSort = scheduleSort.cycled
            schedulesCursor = ListCursor()
            showFlash("Schedules sorted by " + scheduleSort.label, .info)
        case .rerun, .pauseSchedule, .pauseQueue:
            askToConfirm(action)
        case .nextQueue:
            return followNextQueue()
        case .freeze:
            toggleFreeze()
        case .refresh:
            return refresh(force: true)
        case .repaint:
            return [.repaint]
        case .follow:
            if events.follow { stopFollowing() } else { events.follow = true }
        case .wrap:
            detail?.wrap.toggle()
            clampCursors()
        case .slower, .faster:
            return stepRefresh(slower: action == .slower)
        }
        return []
    }

    /// Rows a page key moves in the current list or detail.
    var pageSize: Int {
        detail != nil ? layout.detailRows : layout.listRows(for: view)
    }

    private mutating func handle(_ key: Key, in prompt: Prompt) -> [Effect] {
        switch prompt {
        case .filter(var text):
            switch key {
            case .enter:
                self.prompt = nil
                return view == .history ? resetHistory() : []
            case .escape:
                self.prompt = nil
                filter = ""
                return filterChanged()
            case .backspace, .delete:
                text = String(text.dropLast())
            case .char(let c):
                text.append(c)
            default:
                return []
            }
            self.prompt = .filter(text: text)
            filter = text
            // History filters on the server: it reloads on Enter, not on every key.
            schedulesCursor = ListCursor()
            return []
        case .confirm(_, let command):
            self.prompt = nil
            if key == .char("y") || key == .char("Y") { return [.perform(command)] }
            showFlash("Cancelled", .info)
            return []
        }
    }

    private mutating func cancel() -> [Effect] {
        if detail != nil {
            detail = nil
        } else if history.scope != nil, view == .history {
            return leaveScope()
        } else if !filter.isEmpty || status != .all {
            filter = ""
            status = .all
            return filterChanged()
        }
        return []
    }

    private mutating func show(_ target: DashboardView) -> [Effect] {
        detail = nil
        let wasScoped = history.scope != nil
        history.scope = nil
        view = target
        clampCursors()
        if target == .history {
            return wasScoped ? resetHistory() : loadHistory()
        }
        return []
    }

    private mutating func leaveScope() -> [Effect] {
        let returnTo = history.scope?.returnTo ?? .overview
        history.scope = nil
        view = returnTo
        history.rows = []
        history.loaded = nil
        history.cursor = ListCursor()
        return []
    }

    /// Clears History and loads its first page for the current filters.
    private mutating func resetHistory() -> [Effect] {
        history.rows = []
        history.next = nil
        history.loaded = nil
        history.cursor = ListCursor()
        return loadHistory()
    }

    private mutating func setStatus(_ newStatus: StatusFilter) -> [Effect] {
        status = newStatus
        return filterChanged()
    }

    private mutating func filterChanged() -> [Effect] {
        schedulesCursor = ListCursor()
        if !events.follow { events.selected = 0 }
        return view == .history ? resetHistory() : []
    }

    private mutating func open() -> [Effect] {
        switch view {
        case .overview, .schedules:
            guard let schedule = selectedSchedule else { return [] }
            history.scope = HistoryState.Scope(scheduleID: schedule.id, name: schedule.name, returnTo: view)
            view = .history
            return resetHistory()
        case .history:
            guard let id = selectedExecution?.id else { return [] }
            return openDetail(id)
        case .events:
            guard let event = selectedEvent else { return [] }
            if let id = event.executionID { return openDetail(id) }
            // An attempt whose row the recorder had not written when the event arrived: ask again.
            guard event.status != nil, let jobID = event.jobID, let attempt = event.attempt, attempt > 0 else {
                showFlash("This event has no execution to show", .info)
                return []
            }
            return [.findExecution(eventID: event.id, jobID: jobID, attempt: attempt)]
        }
    }

    /// The execution of the feed's event `eventID` was looked up: the feed shows it from now on,
    /// and it opens when that event is still the one selected.
    mutating func executionFound(_ found: Int64?, eventID: String) -> [Effect] {
        guard let found else {
            showFlash("This attempt is not recorded yet; try again in a moment", .info)
            return []
        }
        events.setExecution(found, ofEvent: eventID)
        guard view == .events, detail == nil, selectedEvent?.id == eventID else { return [] }
        return openDetail(found)
    }

    private mutating func openDetail(_ id: Int64) -> [Effect] {
        detail = DetailState(id: id)
        return [.fetchDetail(id: id)]
    }

    private mutating func toggleFreeze() {
        frozen.toggle()
        guard !frozen else {
            showFlash("Live updates frozen (Z resumes)", .info)
            return
        }
        if let (held, time) = heldSnapshot { _ = update(.snapshotLoaded(held, at: time)) }
        heldSnapshot = nil
        for event in heldEvents { events.buffer.append(event) }
        heldEvents = []
        showFlash("Live updates resumed", .info)
    }

    private mutating func stepRefresh(slower: Bool) -> [Effect] {
        let steps = Self.refreshSteps
        let index = steps.firstIndex { $0 >= refreshInterval } ?? steps.count - 1
        let next = steps[max(0, min(steps.count - 1, index + (slower ? 1 : -1)))]
        refreshInterval = next
        showFlash("Refresh every " + DurationText.interval(next), .info)
        return [.setRefreshInterval(next)]
    }
}
