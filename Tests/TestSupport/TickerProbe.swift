/// Shows whether the cooperative pool stays free while blocking work runs: a ticker task sleeps
/// until each of its deadlines and notes how late it woke. Blocking calls made on the pool's
/// threads (two on these machines) delay it by seconds; calls on threads of their own do not.
package enum TickerProbe {
    /// Runs every `work` item concurrently with a ticker of `ticks` ticks `interval` apart; returns
    /// the ticker's worst lateness and the time until all was done.
    package static func run(
        every interval: Duration, ticks: Int, while work: [@Sendable () async throws -> Void]
    ) async throws -> (worstLateness: Duration, elapsed: Duration) {
        let clock = ContinuousClock()
        let start = clock.now
        let worst = try await withThrowingTaskGroup(of: Duration?.self) { group in
            for item in work {
                group.addTask {
                    try await item()
                    return nil
                }
            }
            group.addTask {
                var worst = Duration.zero
                for tick in 1...ticks {
                    let due = start + interval * tick
                    try await Task.sleep(until: due, clock: clock)
                    worst = max(worst, clock.now - due)
                }
                return worst
            }
            var worst = Duration.zero
            for try await result in group { if let result { worst = result } }
            return worst
        }
        return (worst, clock.now - start)
    }
}
