import Synchronization

/// What the other tasks of a ``Scheduler`` tell its firing loop.
enum SchedulerEvent: Sendable {
    /// The lease was taken (true) or lost (false).
    case leadership(Bool)
    /// These schedules changed (a `NOTIFY` from the trigger on `schedules`).
    case changed([Int64])
    /// Notifications may have been lost: compare every schedule with PostgreSQL.
    case resync
    /// A job finished for good: completed, or failed after its last attempt.
    case finished(jobID: String, scheduleID: Int64, failed: Bool)
    /// Resume the continuation once everything due by now has been handled.
    case settle(CheckedContinuation<Void, Never>)
    /// Resume the continuation with the next slot of a schedule (nil when none is held).
    case query(Int64, CheckedContinuation<Int64?, Never>)
    /// Stop.
    case stop
}

/// The firing loop's mailbox: any task posts, the loop takes everything at once and waits when
/// there is nothing.
final class SchedulerInbox: Sendable {
    private struct State {
        var events: [SchedulerEvent] = []
        var waiter: CheckedContinuation<Void, Never>?
    }

    private let state = Mutex(State())

    func post(_ event: SchedulerEvent) {
        let waiter = state.withLock { s -> CheckedContinuation<Void, Never>? in
            s.events.append(event)
            defer { s.waiter = nil }
            return s.waiter
        }
        waiter?.resume()
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
