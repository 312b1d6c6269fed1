/// What one bounded retention call on a queue did (see ``JobQueue/removeExpired()``).
public struct QueueRetentionPass: Sendable, Equatable {
    /// Completed jobs removed (by age, then beyond the count kept).
    public var removedCompleted: Int
    /// Failed jobs removed (by age, then beyond the count kept).
    public var removedFailed: Int
    /// Completed jobs left.
    public var completed: Int
    /// Failed jobs left.
    public var failed: Int
    /// True when the call removed a full batch of either state: there may be more to remove.
    public var mayHaveMore: Bool

    /// A pass's figures.
    public init(removedCompleted: Int, removedFailed: Int, completed: Int, failed: Int, mayHaveMore: Bool) {
        self.removedCompleted = removedCompleted
        self.removedFailed = removedFailed
        self.completed = completed
        self.failed = failed
        self.mayHaveMore = mayHaveMore
    }
}
