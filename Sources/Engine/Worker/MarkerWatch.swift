import Synchronization

/// How an idle fetcher waits for work: a `BLPOP` on the queue's marker list (pushed whenever a job
/// becomes runnable) raced against a local timer for the next delayed job.
///
/// The timer is ours because Redis checks blocking timeouts only about ten times a second (its `hz`),
/// which would start delayed jobs up to 100 ms late. A `BLPOP` still outstanding when the timer wins
/// stays outstanding; its result wakes the next wait.
final class MarkerWatch: Sendable {
    private let connection: RedisConnection
    private let key: String
    private let longestBlock: Duration

    private struct State {
        var listening = false
        var fired = false
        var waiter: CheckedContinuation<Void, Never>?
        var timer: Task<Void, Never>?
        var generation = 0
    }

    private let state = Mutex(State())

    init(connection: RedisConnection, key: String, longestBlock: Duration) {
        self.connection = connection
        self.key = key
        self.longestBlock = longestBlock
    }

    /// Returns when a marker arrives (or arrived since the last wait), or after `timeout`.
    func wait(for timeout: Duration) async {
        listenIfIdle()
        await withCheckedContinuation { (continuation: CheckedContinuation<Void, Never>) in
            let generation = state.withLock { s -> Int? in
                if s.fired {
                    s.fired = false
                    return nil
                }
                s.generation += 1
                s.waiter = continuation
                return s.generation
            }
            guard let generation else {
                continuation.resume()
                return
            }
            let timer = Task {
                try? await Task.sleep(for: timeout)
                if !Task.isCancelled { self.wake(generation: generation) }
            }
            state.withLock { s in
                if s.generation == generation && s.waiter != nil { s.timer = timer } else { timer.cancel() }
            }
        }
    }

    private func listenIfIdle() {
        let start = state.withLock { s -> Bool in
            if s.listening { return false }
            s.listening = true
            return true
        }
        guard start else { return }
        var command = RedisCommand("BLPOP", key, Double(longestBlock.milliseconds) / 1000)  // decimal seconds
        command.blockingTimeout = longestBlock
        Task {
            _ = try? await connection.send(command)
            let waiter = state.withLock { s -> CheckedContinuation<Void, Never>? in
                s.listening = false
                guard let w = s.waiter else {
                    s.fired = true
                    return nil
                }
                s.waiter = nil
                s.timer?.cancel()
                s.timer = nil
                return w
            }
            waiter?.resume()
        }
    }

    private func wake(generation: Int) {
        let waiter = state.withLock { s -> CheckedContinuation<Void, Never>? in
            guard s.generation == generation, let w = s.waiter else { return nil }
            s.waiter = nil
            s.timer = nil
            return w
        }
        waiter?.resume()
    }
}
