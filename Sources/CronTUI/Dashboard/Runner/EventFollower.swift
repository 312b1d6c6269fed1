/// Keeps the feed filled: recent events first, then the live stream, reconnecting after a failure
/// without repeating what was already delivered.
struct EventFollower: Sendable {
    let source: any DashboardSource
    let clock: any DashboardClock
    let capacity: Int
    /// How long to wait before reconnecting.
    let retryDelay: @Sendable () -> Duration

    /// Runs until cancelled, sending what arrives to `deliver`.
    func run(_ deliver: @Sendable (DashboardInput) -> Void) async {
        var lastID: String?
        while !Task.isCancelled {
            do {
                var recent = try await source.recentEvents(limit: capacity)
                if let lastID, let seen = recent.firstIndex(where: { $0.id == lastID }) {
                    recent.removeSubrange(...seen)
                }
                if !recent.isEmpty {
                    lastID = recent.last?.id
                    deliver(.eventsArrived(recent))
                }
                for try await event in source.events() {
                    lastID = event.id
                    deliver(.eventsArrived([event]))
                }
                if Task.isCancelled { return }
                deliver(.eventsFailed("the event stream ended"))
            } catch {
                if Task.isCancelled { return }
                deliver(.eventsFailed(EffectPerformer.describe(error)))
            }
            do { try await clock.sleep(for: retryDelay()) } catch { return }
        }
    }
}
