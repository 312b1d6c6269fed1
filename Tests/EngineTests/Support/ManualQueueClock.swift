import Engine
import Synchronization

/// A queue clock that moves only when a test says so.
final class ManualQueueClock: QueueClock {
    private let now: Mutex<Int64>

    init(_ start: Int64 = 1_800_000_000_000) { now = Mutex(start) }

    func nowMilliseconds() -> Int64 { now.withLock { $0 } }

    func advance(by duration: Duration) {
        now.withLock { $0 += duration.milliseconds }
    }
}
