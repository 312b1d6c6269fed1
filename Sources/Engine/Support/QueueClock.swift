#if canImport(Glibc)
    import Glibc
#endif

/// The wall clock the queue stamps jobs with and computes due times from, in epoch milliseconds.
/// Tests inject their own to move time without sleeping.
public protocol QueueClock: Sendable {
    /// Now, in milliseconds since 1970-01-01 UTC.
    func nowMilliseconds() -> Int64
}

/// The system's real-time clock.
public struct SystemQueueClock: QueueClock {
    /// Creates the clock.
    public init() {}
    public func nowMilliseconds() -> Int64 {
        var ts = timespec()
        clock_gettime(CLOCK_REALTIME, &ts)
        return Int64(ts.tv_sec) * 1000 + Int64(ts.tv_nsec) / 1_000_000
    }
}
