import Engine
import Foundation

extension DashboardState {
    /// Applies one input and returns what the owner must do. Pure: no I/O, no clock, no randomness.
    mutating func update(_ input: DashboardInput) -> [Effect] {
        switch input {
        case .start:
            snapshotInFlight = true
            var effects: [Effect] = [.fetchSnapshot(queue: queue), .subscribeEvents(queue: queue, subscription: eventSubscription)]
            if view == .history { effects += loadHistory() }
            return effects
        case .key(let key):
            return handle(key)
        case .resize(let newSize):
            size = newSize
            clampCursors()
            return []
        case .tick(let time):
            now = time
            if let flash, flash.until <= time { self.flash = nil }
            return []
        case .refreshDue:
            return refresh(force: false)
        case .snapshotLoaded(let snapshot, let time):
            // A snapshot asked for before a switch of queue is not the followed queue's.
            if let queue, snapshot.queueName != queue { return [] }
            snapshotInFlight = false
            connection = .live
            if frozen {
                heldSnapshot = (snapshot, time)
            } else {
                apply(snapshot, at: time)
            }
            return []
        case .snapshotFailed(let message, let time):
            snapshotInFlight = false
            connection = connection.failing(message, at: time)
            return []
        case .historyLoaded(let page, let query):
            return historyLoaded(page, for: query)
        case .historyFailed(let message, let query):
            guard history.loading == query else { return [] }
            history.loading = nil
            history.error = message
            return []
        case .detailLoaded(let loaded, let id):
            guard detail?.id == id else { return [] }
            detail?.detail = loaded
            detail?.error = loaded == nil ? "execution #\(id) no longer exists" : nil
            return []
        case .detailFailed(let message, let id):
            guard detail?.id == id else { return [] }
            detail?.error = message
            return []
        case .executionFound(let found, let eventID):
            return executionFound(found, eventID: eventID)
        case .executionLookupFailed(let message, _):
            showFlash("Cannot look up the execution: \(message)", .failure)
            return []
        case .eventsArrived(let arrived, let subscription):
            guard subscription == eventSubscription else { return [] }
            eventsError = nil
            if frozen {
                heldEvents.append(contentsOf: arrived)
                if heldEvents.count > events.buffer.capacity {
                    heldEvents.removeFirst(heldEvents.count - events.buffer.capacity)
                }
            } else {
                for event in arrived { events.buffer.append(event) }
            }
            return []
        case .eventsFailed(let message, let subscription):
            guard subscription == eventSubscription else { return [] }
            eventsError = message
            return []
        case .commandSucceeded(_, let message):
            return commandFinished(message, failed: false)
        case .commandFailed(_, let message):
            return commandFinished(message, failed: true)
        }
    }

    /// Shows `text` in the footer for a few seconds.
    mutating func showFlash(_ text: String, _ kind: Flash.Kind) {
        flash = Flash(text: text, kind: kind, until: now.addingTimeInterval(Self.flashDuration))
    }

    /// Polls the snapshot (unless a poll is under way) and the first History page when shown.
    mutating func refresh(force: Bool) -> [Effect] {
        var effects: [Effect] = []
        if !snapshotInFlight || force {
            snapshotInFlight = true
            effects.append(.fetchSnapshot(queue: queue))
        }
        let onFirstPage = history.rows.count <= historyQuery.limit
        if view == .history, detail == nil, !frozen, history.loading == nil, force || onFirstPage {
            effects += loadHistory()
        }
        if force, let detail { effects.append(.fetchDetail(id: detail.id)) }
        return effects
    }

    /// Starts loading History: the first page, or the page after `cursor`.
    mutating func loadHistory(after cursor: ExecutionCursor? = nil) -> [Effect] {
        var query = historyQuery
        query.after = cursor
        history.loading = query
        return [.fetchHistory(query)]
    }

    /// Keeps every selection inside its list and window.
    mutating func clampCursors() {
        let layout = layout
        let scheduleView: DashboardView = view == .schedules ? .schedules : .overview
        schedulesCursor.clamp(count: visibleSchedules.count, visible: layout.listRows(for: scheduleView))
        history.cursor.clamp(count: history.rows.count, visible: layout.listRows(for: .history))
        if let detail {
            let limit = maxDetailScroll
            self.detail?.scroll = min(detail.scroll, limit)
        }
    }

    /// The furthest the detail view scrolls.
    var maxDetailScroll: Int {
        guard let detail else { return 0 }
        let lines = DetailDocument.lines(for: detail, width: layout.detailColumns, ascii: options.ascii, now: now).count
        return max(0, lines - layout.detailRows)
    }

    private mutating func apply(_ snapshot: DashboardSnapshot, at time: Date) {
        let selectedID = selectedSchedule?.id
        var snapshot = snapshot
        if let problem = snapshot.databaseProblem {
            database = database.failing(problem, at: time)
            snapshot.schedules = self.snapshot?.schedules ?? []
            snapshot.queues = self.snapshot?.queues ?? snapshot.queues
        } else {
            database = .live
        }
        self.snapshot = snapshot
        updatedAt = time
        if let selectedID, let index = visibleSchedules.firstIndex(where: { $0.id == selectedID }) {
            schedulesCursor.selected = index
        }
        clampCursors()
    }

    private mutating func historyLoaded(_ page: ExecutionPage, for query: ExecutionQuery) -> [Effect] {
        guard history.loading == query else { return [] }
        history.loading = nil
        history.error = nil
        history.next = page.next
        if query.after == nil {
            let selectedID = selectedExecution?.id
            history.rows = page.records
            history.loaded = query
            if let selectedID, let index = page.records.firstIndex(where: { $0.id == selectedID }) {
                history.cursor.selected = index
            }
        } else {
            history.rows += page.records
        }
        clampCursors()
        return []
    }

    private mutating func commandFinished(_ message: String, failed: Bool) -> [Effect] {
        showFlash((failed ? "✗ " : "✓ ") + message, failed ? .failure : .success)
        let local = DashboardEvent(
            id: "local-\(events.buffer.appendedCount)", time: now, kind: .operatorAction,
            message: failed ? "failed: " + message : message)
        events.buffer.append(local)
        return refresh(force: false)
    }
}
