import Engine
import Synchronization

/// A scheduler clock that moves only when a test says so; sleepers wake when it passes their
/// deadline. Also usable as the queue's clock, so jobs are stamped with the same time.
package final class ManualSchedulerClock: SchedulerClock {
    private struct Sleeper {
        var deadline: Int64
        var continuation: CheckedContinuation<Void, any Error>
    }

    private struct State {
        var now: Int64
        var sleepers: [Int: Sleeper] = [:]
        var nextID = 0
    }

    private let state: Mutex<State>

    /// A clock reading `start` (epoch ms).
    package init(_ start: Int64) { state = Mutex(State(now: start)) }

    package func nowMilliseconds() -> Int64 { state.withLock { $0.now } }

    package func sleep(untilMilliseconds deadline: Int64) async throws {
        let id = state.withLock { s in
            defer { s.nextID += 1 }
            return s.nextID
        }
        try await withTaskCancellationHandler {
            try await withCheckedThrowingContinuation { (continuation: CheckedContinuation<Void, any Error>) in
                let outcome = state.withLock { s -> Bool? in
                    if s.now >= deadline { return true }
                    if Task.isCancelled { return false }
                    s.sleepers[id] = Sleeper(deadline: deadline, continuation: continuation)
                    return nil
                }
                switch outcome {
                case true?: continuation.resume()
                case false?: continuation.resume(throwing: CancellationError())
                case nil: break
                }
            }
        } onCancel: {
            let sleeper = state.withLock { $0.sleepers.removeValue(forKey: id) }
            sleeper?.continuation.resume(throwing: CancellationError())
        }
    }

    /// Sets the time to `instant` (never backwards) and wakes the sleepers it passes.
    package func set(_ instant: Int64) {
        let due = state.withLock { s -> [Sleeper] in
            s.now = max(s.now, instant)
            let now = s.now
            let due = s.sleepers.filter { $0.value.deadline <= now }
            for id in due.keys { s.sleepers.removeValue(forKey: id) }
            return Array(due.values)
        }
        for sleeper in due { sleeper.continuation.resume() }
    }

    /// Moves the time forward by `duration`.
    package func advance(by duration: Duration) {
        set(nowMilliseconds() + duration.milliseconds)
    }
}
