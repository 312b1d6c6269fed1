import Synchronization

/// How many event streams are open, against a limit.
final class StreamCount: Sendable {
    private let count = Mutex(0)

    /// Counts one more stream if fewer than `limit` are open; false when the limit is reached.
    func open(limit: Int) -> Bool {
        count.withLock { n in
            guard n < limit else { return false }
            n += 1
            return true
        }
    }

    /// Counts a stream closed.
    func close() {
        count.withLock { $0 -= 1 }
    }
}
