import Foundation

/// The pool's bookkeeping, under a lock held only for a few instructions (never across I/O).
final class PoolState: @unchecked Sendable {
    private let lock = NSLock()
    private var idle: [PostgresConnection] = []
    private var opened = 0
    private var waiters: [(id: UInt64, continuation: CheckedContinuation<PoolLease, Never>)] = []
    private var nextID: UInt64 = 0
    private var isClosed = false

    var waitingCount: Int { lock.withLock { waiters.count } }

    func newWaiterID() -> UInt64 {
        lock.withLock {
            nextID += 1
            return nextID
        }
    }

    /// Hands out an idle connection or a free slot at once, or queues the caller. Idle connections
    /// exist only while nobody waits, so a newcomer never overtakes a waiter.
    func lease(id: UInt64, size: Int, continuation: CheckedContinuation<PoolLease, Never>) {
        lock.withLock {
            if isClosed {
                continuation.resume(returning: .failure(Self.closedError))
            } else if Task.isCancelled {
                continuation.resume(returning: .failure(Self.cancelledError))
            } else if let connection = idle.popLast() {
                continuation.resume(returning: .connection(connection))
            } else if opened < size {
                opened += 1
                continuation.resume(returning: .open)
            } else {
                waiters.append((id, continuation))
            }
        }
    }

    /// Stops a cancelled task's wait (no-op if it was already served).
    func cancel(id: UInt64) {
        lock.withLock {
            guard let index = waiters.firstIndex(where: { $0.id == id }) else { return }
            waiters.remove(at: index).continuation.resume(returning: .failure(Self.cancelledError))
        }
    }

    /// A slot's connection could not be opened: the slot passes to the first waiter, if any.
    func openFailed() {
        lock.withLock {
            if waiters.isEmpty {
                opened -= 1
            } else {
                waiters.removeFirst().continuation.resume(returning: .open)
            }
        }
    }

    /// Returns a connection: to the first waiter, or to the idle list. False if the pool is closed
    /// and the caller must close the connection.
    func giveBack(_ connection: PostgresConnection) -> Bool {
        lock.withLock {
            if isClosed {
                opened -= 1
                return false
            }
            if waiters.isEmpty {
                idle.append(connection)
            } else {
                waiters.removeFirst().continuation.resume(returning: .connection(connection))
            }
            return true
        }
    }

    /// Marks the pool closed, fails the waiters, and returns the idle connections to close.
    func close() -> [PostgresConnection] {
        lock.withLock {
            isClosed = true
            for waiter in waiters { waiter.continuation.resume(returning: .failure(Self.closedError)) }
            waiters.removeAll()
            let connections = idle
            opened -= idle.count
            idle.removeAll()
            return connections
        }
    }

    private static let closedError = PostgresError(code: .closed, message: "the pool is closed")
    private static let cancelledError = PostgresError(
        code: .cancelled, message: "cancelled while waiting for a connection")
}
