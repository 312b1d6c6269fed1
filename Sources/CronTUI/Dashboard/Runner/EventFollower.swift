/// Keeps the feed filled with the events of one queue: recent events first, then the live stream
/// from the last of them on, reconnecting after a failure from the last event delivered, so that no
/// event is lost or shown twice. What it delivers carries its subscription number.
struct EventFollower: Sendable {
    let source: any DashboardSource
    let clock: any DashboardClock
    let capacity: Int
    /// How long to wait before reconnecting.
    let retryDelay: @Sendable () -> Duration
    /// The queue followed; nil: the source's default queue.
    var queue: String? = nil
    /// The number of the subscription it serves, passed on with everything it delivers.
    var subscription = 0

    /// Runs until cancelled, sending what arrives to `deliver`.
    func run(_ deliver: @Sendable (DashboardInput) -> Void) async {
        // The id of the last event delivered; "0" once the stream was found empty (everything in
        // it is then new).
        var lastID: String?
        while !Task.isCancelled {
            do {
                if lastID == nil {
                    let recent = try await source.recentEvents(limit: capacity, queue: queue)
                    lastID = recent.last?.id ?? "0"
                    if !recent.isEmpty { deliver(.eventsArrived(recent, subscription: subscription)) }
                }
                for try await event in source.events(after: lastID, queue: queue) {
                    lastID = event.id
                    deliver(.eventsArrived([event], subscription: subscription))
                }
                if Task.isCancelled { return }
                deliver(.eventsFailed("the event stream ended", subscription: subscription))
            } catch {
                if Task.isCancelled { return }
                deliver(.eventsFailed(EffectPerformer.describe(error), subscription: subscription))
            }
            do { try await clock.sleep(for: retryDelay()) } catch { return }
        }
    }
}
