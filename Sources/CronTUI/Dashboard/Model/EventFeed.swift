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

    /// The events passing `status` and `filter`, oldest first, with their sequence numbers.
    func visible(status: StatusFilter, filter: TextFilter) -> [(sequence: Int, element: DashboardEvent)] {
        buffer.enumeratedBySequence().filter { entry in
            let event = entry.element
            if status != .all {
                guard let s = event.status, status.matches(s) else { return false }
            }
            return filter.isEmpty || filter.matches(event.job ?? "") || filter.matches(event.message ?? "")
        }
    }
}
