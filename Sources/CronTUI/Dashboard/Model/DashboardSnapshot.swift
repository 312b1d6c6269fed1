import Engine
import Foundation

/// Everything the dashboard polls at each refresh, taken at one moment.
struct DashboardSnapshot: Sendable, Equatable {
    /// The name of the queue whose figures ``stats`` are.
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
    /// The queues in sight (worked by the system or named by a schedule), in the order `Q` cycles
    /// through them; empty when the source does not say.
    var queues: [String] = []
    /// The default queue (`QUEUE_NAME`): the queue of every schedule that names none.
    var defaultQueue = QueueName.standard
    /// Why the schedules (and the queues they name) could not be read from PostgreSQL this time,
    /// while the queue's figures came from Redis; ``schedules`` and ``queues`` are then empty and
    /// the screen keeps the ones it had.
    var databaseProblem: String?

    /// True while the queue is paused (workers take no jobs).
    var queuePaused: Bool { stats.paused }
}
