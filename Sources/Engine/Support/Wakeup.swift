import Synchronization

/// Lets one task at a time sleep until another wakes it or a timeout passes. A wake that comes
/// while nobody waits is kept for the next wait, so a wake between "nothing to do" and "wait" is
/// never lost. The timeout is a local timer, not a blocking call.
final class Wakeup: Sendable {
    private struct State {
        var pending = false
        var waiter: CheckedContinuation<Void, Never>?
        var timer: Task<Void, Never>?
        var generation = 0
    }

    private let state = Mutex(State())

    /// Wakes the waiting task, or the next wait if none waits.
    func wake() {
        let waiter = state.withLock { s -> CheckedContinuation<Void, Never>? in
            guard let w = s.waiter else {
                s.pending = true
                return nil
            }
            s.waiter = nil
            s.timer?.cancel()
            s.timer = nil
            return w
        }
        waiter?.resume()
    }

    /// Returns at the next ``wake()`` (at once if one came since the last wait), or after `timeout`.
    func wait(for timeout: Duration) async {
        await withCheckedContinuation { (continuation: CheckedContinuation<Void, Never>) in
            let generation = state.withLock { s -> Int? in
                if s.pending {
                    s.pending = false
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
                if !Task.isCancelled { self.expire(generation: generation) }
            }
            state.withLock { s in
                if s.generation == generation && s.waiter != nil { s.timer = timer } else { timer.cancel() }
            }
        }
    }

    private func expire(generation: Int) {
        let waiter = state.withLock { s -> CheckedContinuation<Void, Never>? in
            guard s.generation == generation, let w = s.waiter else { return nil }
            s.waiter = nil
            s.timer = nil
            return w
        }
        waiter?.resume()
    }
}
