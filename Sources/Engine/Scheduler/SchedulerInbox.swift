import Synchronization

/// The firing loop's mailbox: any task posts, the loop takes everything at once and waits when
/// there is nothing.
final class SchedulerInbox: Sendable {
    private struct State {
        var events: [SchedulerEvent] = []
        var waiter: CheckedContinuation<Void, Never>?
        var closed = false
    }

    private let state = Mutex(State())

    func post(_ event: SchedulerEvent) {
        let (waiter, closed) = state.withLock { s -> (CheckedContinuation<Void, Never>?, Bool) in
            if s.closed { return (nil, true) }
            s.events.append(event)
            defer { s.waiter = nil }
            return (s.waiter, false)
        }
        waiter?.resume()
        if closed { Self.answer([event]) }
    }

    /// Nobody will read the inbox any more: questions waiting in it, and questions asked later,
    /// are answered at once (nothing is due, no slot is held).
    func close() {
        let events = state.withLock { s in
            s.closed = true
            defer { s.events = [] }
            return s.events
        }
        Self.answer(events)
    }

    /// Resumes the continuations among `events` with empty answers.
    static func answer(_ events: [SchedulerEvent]) {
        for event in events {
            switch event {
            case .settle(let continuation): continuation.resume()
            case .query(_, let continuation): continuation.resume(returning: nil)
            default: break
            }
        }
    }

    func take() -> [SchedulerEvent] {
        state.withLock { s in
            defer { s.events = [] }
            return s.events
        }
    }

    var isEmpty: Bool { state.withLock { $0.events.isEmpty } }

    /// Returns when an event is waiting, or when the task is cancelled.
    func wait() async {
        await withTaskCancellationHandler {
            await withCheckedContinuation { (continuation: CheckedContinuation<Void, Never>) in
                let ready = state.withLock { s -> Bool in
                    if !s.events.isEmpty || Task.isCancelled { return true }
                    s.waiter = continuation
                    return false
                }
                if ready { continuation.resume() }
            }
        } onCancel: {
            let waiter = state.withLock { s in
                defer { s.waiter = nil }
                return s.waiter
            }
            waiter?.resume()
        }
    }
}
