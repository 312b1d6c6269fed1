import Engine

/// The event feed: a bounded ring buffer, newest at the bottom, following new events until the
/// operator scrolls up.
struct EventFeed: Sendable {
    var buffer: RingBuffer<DashboardEvent>
    /// True while the view sticks to the newest event.
    var follow = true
    /// The sequence number of the selected event when not following.
    var selected = 0
    /// The sequence number of the first event shown when not following.
    var top = 0
    /// Events from the first sequence number on arrived after follow was turned off ("+N new").
    var unseenFrom = 0

    init(capacity: Int) {
        buffer = RingBuffer(capacity: capacity)
    }

    /// The sequence numbers of the events passing `status` and `filter`, oldest first. Only numbers:
    /// drawing a frame touches just the events on screen.
    func visibleSequences(status: StatusFilter, filter: NameFilter) -> [Int] {
        let all = buffer.firstSequence..<buffer.appendedCount
        if status == .all && filter.isEmpty { return Array(all) }
        return all.filter { sequence in
            let event = buffer[sequence - buffer.firstSequence]
            if status != .all {
                guard let s = event.status, status.matches(s) else { return false }
            }
            return filter.isEmpty || filter.matches(event.job ?? "") || filter.matches(event.message ?? "")
        }
    }

    /// The event numbered `sequence` (which must still be held).
    func event(_ sequence: Int) -> DashboardEvent {
        buffer[sequence - buffer.firstSequence]
    }

    /// Gives the held event with id `eventID` its execution (the newest events are searched first).
    mutating func setExecution(_ executionID: Int64, ofEvent eventID: String) {
        guard let index = (0..<buffer.count).reversed().first(where: { buffer[$0].id == eventID }) else { return }
        buffer.modify(index) { $0.executionID = executionID }
    }
}
