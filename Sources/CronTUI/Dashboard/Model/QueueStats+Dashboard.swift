import Engine

/// The engine's queue figures as the stats bar reads them: totals since the queue was created (not
/// reduced by retention) and completions per minute.
extension QueueStats {
    /// Failed out of finished, 0...1; nil before anything finished.
    var failureRate: Double? {
        let finished = completedTotal + failedTotal
        return finished == 0 ? nil : Double(failedTotal) / Double(finished)
    }
}
