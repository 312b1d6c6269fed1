import Engine
import Foundation

/// Everything the dashboard polls at each refresh, taken at one moment.
struct DashboardSnapshot: Sendable, Equatable {
    /// The queue's name.
    var queueName: String
    /// The Redis target, for display, with any password already removed.
    var target: String
    /// Workers whose heartbeat is fresh.
    var workersAlive: Int
    /// Workers known to the system.
    var workersTotal: Int
    /// The scheduler instance holding the leader lease; nil when none does.
    var leader: String?
    /// The queue's figures, as the engine reads them.
    var stats: QueueStats
    /// Every schedule, in the order the source gives (the pane sorts them).
    var schedules: [ScheduleRow]

    /// True while the queue is paused (workers take no jobs).
    var queuePaused: Bool { stats.paused }
}
