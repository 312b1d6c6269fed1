/// A job enqueued by "run now".
public struct APIManualRun: Sendable, Equatable {
    /// The schedule it runs.
    public var scheduleID: Int64
    /// The queue job id.
    public var jobID: String
    /// The trace id carried to the request.
    public var traceID: String

    /// Creates a run.
    public init(scheduleID: Int64, jobID: String, traceID: String) {
        self.scheduleID = scheduleID
        self.jobID = jobID
        self.traceID = traceID
    }
}
