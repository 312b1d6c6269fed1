/// One row of the fire ledger: one slot of one schedule, and what became of it.
public struct FireRecord: Sendable, Equatable {
    /// The row id (carried by the job as ``HTTPJob/fireID``).
    public var id: Int64
    /// The schedule.
    public var scheduleID: Int64
    /// The slot: the instant the fire was due, epoch milliseconds.
    public var scheduledFor: Int64
    /// What became of it.
    public var status: FireStatus
    /// Why, when there is more to say than the status.
    public var reason: FireReason?
    /// The scheduler instance that recorded it.
    public var instance: String?
    /// The queue job, for an enqueued fire: `<schedule id>:<epoch ms>`.
    public var jobID: String?
    /// The trace id of that job.
    public var traceID: String?
    /// When it was recorded, epoch milliseconds.
    public var createdAt: Int64
    /// When the queue took the job, epoch milliseconds; nil until then.
    public var enqueuedAt: Int64?

    /// Creates a record.
    public init(
        id: Int64, scheduleID: Int64, scheduledFor: Int64, status: FireStatus, reason: FireReason? = nil, instance: String? = nil,
        jobID: String? = nil, traceID: String? = nil, createdAt: Int64, enqueuedAt: Int64? = nil
    ) {
        self.id = id
        self.scheduleID = scheduleID
        self.scheduledFor = scheduledFor
        self.status = status
        self.reason = reason
        self.instance = instance
        self.jobID = jobID
        self.traceID = traceID
        self.createdAt = createdAt
        self.enqueuedAt = enqueuedAt
    }
}
