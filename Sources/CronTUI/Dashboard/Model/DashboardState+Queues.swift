/// The queue the dashboard follows: its stats, its event feed and what `P` pauses. `Q` moves on to
/// the next queue in sight.
extension DashboardState {
    /// The name of the queue followed; nil until the first snapshot says which is the default.
    var followedQueue: String? { queue ?? snapshot?.queueName }

    /// The queues `Q` cycles through: those the snapshot lists, and the followed queue when it is
    /// none of them (one a schedule no longer names, say).
    var queuesInSight: [String] {
        var names = snapshot?.queues ?? []
        if let followed = followedQueue, !names.contains(followed) { names.append(followed) }
        return names
    }

    /// The snapshot when its figures are those of the followed queue; nil while a switch waits for
    /// the new queue's.
    var followedSnapshot: DashboardSnapshot? {
        guard let snapshot, queue == nil || snapshot.queueName == queue else { return nil }
        return snapshot
    }

    /// `Q`: follows the queue after the current one in ``queuesInSight`` (the first after the last).
    mutating func followNextQueue() -> [Effect] {
        let names = queuesInSight
        guard names.count > 1, let current = followedQueue else {
            showFlash(names.isEmpty ? "No queue known yet" : "Only one queue in sight", .info)
            return []
        }
        let index = names.firstIndex(of: current) ?? -1
        return follow(names[(index + 1) % names.count])
    }

    /// Follows the queue `name` from now on: its stats on the next snapshot, and a feed that starts
    /// again from that queue's recent events, with nothing of the previous queue arriving after.
    mutating func follow(_ name: String) -> [Effect] {
        queue = name
        eventSubscription += 1
        events = EventFeed(capacity: options.eventCapacity)
        heldEvents = []
        heldSnapshot = nil
        eventsError = nil
        snapshotInFlight = true
        showFlash("Following queue " + name, .info)
        return [.fetchSnapshot(queue: name), .subscribeEvents(queue: name, subscription: eventSubscription)]
    }
}
