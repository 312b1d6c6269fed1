/// What one bounded retention call on a queue did (see ``JobQueue/removeExpired()``).
package struct QueueRetentionPass: Sendable, Equatable {
    /// Completed jobs removed (by age, then beyond the count kept).
    package var removedCompleted: Int
    /// Failed jobs removed (by age, then beyond the count kept).
    package var removedFailed: Int
    /// Completed jobs left.
    package var completed: Int
    /// Failed jobs left.
    package var failed: Int
    /// True when the call removed a full batch of either state: there may be more to remove.
    package var mayHaveMore: Bool

    /// A pass's figures.
    package init(removedCompleted: Int, removedFailed: Int, completed: Int, failed: Int, mayHaveMore: Bool) {
        self.removedCompleted = removedCompleted
        self.removedFailed = removedFailed
        self.completed = completed
        self.failed = failed
        self.mayHaveMore = mayHaveMore
    }
}
