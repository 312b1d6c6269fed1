/// The queue's counters for the stats bar.
struct QueueStats: Sendable, Hashable {
    var waiting: Int
    var active: Int
    var delayed: Int
    var completed: Int
    var failed: Int
    /// Completed executions per minute, oldest first, one value a minute: the sparkline's data.
    var throughputPerMinute: [Int]
    /// How long the oldest waiting job has waited; nil when nothing waits.
    var oldestWait: Duration?

    /// Failed out of finished, 0...1; nil before anything finished.
    var failureRate: Double? {
        let finished = completed + failed
        return finished == 0 ? nil : Double(failed) / Double(finished)
    }

    /// Nothing counted yet.
    static let empty = QueueStats(
        waiting: 0, active: 0, delayed: 0, completed: 0, failed: 0, throughputPerMinute: [], oldestWait: nil)
}
