import Foundation

/// `crontui bench dashboard`: how long a frame takes to render and diff while events pour in, and
/// how many bytes an idle dashboard sends a minute.
enum DashboardBenchmark {
    /// Render + diff times per frame, in microseconds.
    struct FrameTimes: Sendable {
        var view: DashboardView
        var frames: Int
        var p50: Double
        var p99: Double
        var max: Double
        /// The same frames in CPU time of the rendering thread, which leaves out time the thread
        /// waited for a core (other processes on a busy 2-core machine).
        var cpuP50: Double
        var cpuP99: Double
        /// Applying one second's events (`update` only), p99.
        var updateP99: Double
    }

    /// A started dashboard with fixed data, as the golden screens use.
    static func state(size: TerminalSize, view: DashboardView, now: Date) -> DashboardState {
        var options = DashboardOptions()
        options.view = view
        let data = FakeDashboardData(now: now)
        var state = DashboardState(options: options, size: size, now: now)
        _ = state.update(.start)
        _ = state.update(.snapshotLoaded(data.snapshot, at: now))
        _ = state.update(.eventsArrived(Array(data.events.suffix(1000))))
        return state
    }

    /// `seconds` of `eventsPerSecond` arriving, drawn at ten frames a second (as the runner does).
    static func frameTimes(
        view: DashboardView, size: TerminalSize = TerminalSize(columns: 200, rows: 50), seconds: Int = 60,
        eventsPerSecond: Int = 1000
    ) -> FrameTimes {
        let start = Date(timeIntervalSince1970: 1_764_424_951)
        var state = state(size: size, view: view, now: start)
        let clock = ContinuousClock()
        let perFrame = eventsPerSecond / 10
        var times: [Double] = []
        var cpuTimes: [Double] = []
        var updates: [Double] = []
        var previous = DashboardRenderer.render(state, size: size)
        var sequence = 0
        for frame in 0..<(seconds * 10) {
            let now = start.addingTimeInterval(Double(frame) / 10)
            let batch = (0..<perFrame).map { n -> DashboardEvent in
                sequence += 1
                return event(sequence, at: now, variant: n)
            }
            let updateTime = clock.measure {
                _ = state.update(.tick(now))
                for event in batch { _ = state.update(.eventsArrived([event])) }
            }
            updates.append(microseconds(updateTime))
            var screen = previous
            var runs = 0
            let cpuStart = threadCPUMicroseconds()
            let elapsed = clock.measure {
                screen = DashboardRenderer.render(state, size: size)
                runs = ScreenDiff.runs(from: previous, to: screen).count
            }
            cpuTimes.append(threadCPUMicroseconds() - cpuStart)
            precondition(runs >= 0)
            previous = screen
            times.append(microseconds(elapsed))
        }
        times.sort()
        cpuTimes.sort()
        updates.sort()
        return FrameTimes(
            view: view, frames: times.count, p50: percentile(times, 0.5), p99: percentile(times, 0.99),
            max: times.last ?? 0, cpuP50: percentile(cpuTimes, 0.5), cpuP99: percentile(cpuTimes, 0.99),
            updateP99: percentile(updates, 0.99))
    }

    /// The frames of one idle minute: the clock ticks each second and the same snapshot arrives every
    /// `refresh`, so only the clock and the data age (and countdowns turning a minute) change.
    static func idleMinute(
        view: DashboardView = .overview, size: TerminalSize = TerminalSize(columns: 200, rows: 50),
        refresh: Int = 2
    ) -> [Screen] {
        let start = Date(timeIntervalSince1970: 1_764_424_951)
        var state = state(size: size, view: view, now: start)
        let snapshot = state.snapshot!
        var frames = [DashboardRenderer.render(state, size: size)]
        for second in 1...60 {
            let now = start.addingTimeInterval(Double(second))
            _ = state.update(.tick(now))
            if second % refresh == 0 {
                _ = state.update(.refreshDue)
                _ = state.update(.snapshotLoaded(snapshot, at: now))
            }
            frames.append(DashboardRenderer.render(state, size: size))
        }
        return frames
    }

    private static let jobs = FakeDashboardData.names
    private static let kinds: [DashboardEvent.Kind] = [.started, .succeeded, .started, .failed, .retrying]

    private static func event(_ sequence: Int, at time: Date, variant: Int) -> DashboardEvent {
        let kind = kinds[variant % kinds.count]
        return DashboardEvent(
            id: "\(sequence)-0", time: time, kind: kind, job: jobs[sequence % jobs.count], executionID: Int64(10_000 + sequence),
            httpStatus: kind == .started ? nil : kind == .succeeded ? 200 : 503,
            duration: kind == .started ? nil : .milliseconds(Int64(50 + variant)), attempt: 2, maxAttempts: 5,
            retryIn: kind == .retrying ? .seconds(30) : nil, message: kind == .failed ? "upstream answered 503" : nil)
    }

    private static func threadCPUMicroseconds() -> Double {
        var spec = timespec()
        clock_gettime(CLOCK_THREAD_CPUTIME_ID, &spec)
        return Double(spec.tv_sec) * 1_000_000 + Double(spec.tv_nsec) / 1000
    }

    private static func microseconds(_ duration: Duration) -> Double {
        let (seconds, attoseconds) = duration.components
        return Double(seconds) * 1_000_000 + Double(attoseconds) / 1_000_000_000_000
    }

    private static func percentile(_ sorted: [Double], _ p: Double) -> Double {
        guard !sorted.isEmpty else { return 0 }
        return sorted[min(sorted.count - 1, Int((Double(sorted.count) * p).rounded(.up)) - 1)]
    }
}
