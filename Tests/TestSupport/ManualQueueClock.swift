import Engine
import Synchronization

/// A queue clock that moves only when a test says so.
package final class ManualQueueClock: QueueClock {
    private let now: Mutex<Int64>

    package init(_ start: Int64 = 1_800_000_000_000) { now = Mutex(start) }

    package func nowMilliseconds() -> Int64 { now.withLock { $0 } }

    package func advance(by duration: Duration) {
        now.withLock { $0 += duration.milliseconds }
    }
}
