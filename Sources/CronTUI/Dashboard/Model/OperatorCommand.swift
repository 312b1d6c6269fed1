/// A change an operator asks for from the dashboard; each is confirmed with `[y/N]` first.
enum OperatorCommand: Sendable, Hashable {
    /// Reruns the job of an execution, in the queue `queue` (nil: the default queue).
    case rerun(executionID: Int64, queue: String? = nil)
    /// Reruns the job an event names (when its execution is not known).
    case rerunJob(jobID: String, queue: String? = nil)
    case runNow(scheduleID: String)
    case setSchedulePaused(scheduleID: String, paused: Bool)
    /// Pauses or resumes the queue `queue` (nil: the default queue).
    case setQueuePaused(Bool, queue: String? = nil)
}
