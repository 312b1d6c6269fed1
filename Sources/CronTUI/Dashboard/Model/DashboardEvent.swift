import Engine
import Foundation

/// One line of the event feed: something that happened to a job, a schedule or the queue.
struct DashboardEvent: Sendable, Hashable {
    /// What happened.
    enum Kind: String, Sendable, Hashable {
        case queued
        case started
        case succeeded
        case failed
        case retrying
        case timedOut
        case scheduleFired
        case schedulePaused
        case scheduleResumed
        case queuePaused
        case queueResumed
        case workerJoined
        case workerLost
        case leaderChanged
        /// The outcome of an operator's command from this dashboard.
        case operatorAction
    }

    /// The source's id for the event (for example a Redis stream id); unique and increasing.
    var id: String
    var time: Date
    var kind: Kind
    /// The schedule's (job's) name, when the event concerns one.
    var job: String?
    /// The queue's id of the job, when the event concerns one: what `r` reruns.
    var jobID: String?
    var executionID: Int64?
    var httpStatus: Int?
    var duration: Duration?
    /// The attempt that just ran and the most allowed (for retries).
    var attempt: Int?
    var maxAttempts: Int?
    /// When a retry will run, relative to `time`.
    var retryIn: Duration?
    /// Free text: an error, a worker name, an operator's result (untrusted).
    var message: String?

    /// The execution status this event reports, for the status filter (a job waiting for its turn
    /// counts as running); nil for non-execution events.
    var status: ExecutionStatus? {
        switch kind {
        case .queued: .running
        case .started: .running
        case .succeeded: .succeeded
        case .failed: .failed
        case .retrying: .retrying
        case .timedOut: .timedOut
        default: nil
        }
    }
}
