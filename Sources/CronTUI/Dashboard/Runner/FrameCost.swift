import Foundation

#if canImport(Glibc)
    import Glibc
#endif

/// What drawing one frame cost: rendering the state and handing the screen to the terminal (which
/// diffs it against the last one).
struct FrameCost: Sendable {
    /// Wall-clock time.
    var wall: Duration
    /// CPU time of the drawing thread in microseconds: the wall time without the time the thread
    /// waited for a core (other processes on a busy machine).
    var cpuMicroseconds: Double

    /// The moment a frame began.
    struct Start {
        let wall = ContinuousClock.now
        let cpu = FrameCost.threadCPUMicroseconds()

        /// The cost from this start until now.
        func cost() -> FrameCost {
            FrameCost(wall: ContinuousClock.now - wall, cpuMicroseconds: FrameCost.threadCPUMicroseconds() - cpu)
        }
    }

    /// CPU time the calling thread used so far.
    static func threadCPUMicroseconds() -> Double {
        var spec = timespec()
        clock_gettime(CLOCK_THREAD_CPUTIME_ID, &spec)
        return Double(spec.tv_sec) * 1_000_000 + Double(spec.tv_nsec) / 1000
    }
}
