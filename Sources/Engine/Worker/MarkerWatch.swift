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
    private let listening = Mutex(false)
    private let wakeup = Wakeup()

    init(connection: RedisConnection, key: String, longestBlock: Duration) {
        self.connection = connection
        self.key = key
        self.longestBlock = longestBlock
    }

    /// True while a `BLPOP` is outstanding on the connection (which then carries nothing else in
    /// time).
    var isListening: Bool { listening.withLock { $0 } }

    /// Returns when a marker arrives (or arrived since the last wait), or after `timeout`.
    func wait(for timeout: Duration) async {
        listenIfIdle()
        await wakeup.wait(for: timeout)
    }

    private func listenIfIdle() {
        let start = listening.withLock { listening -> Bool in
            if listening { return false }
            listening = true
            return true
        }
        guard start else { return }
        var command = RedisCommand("BLPOP", key, Double(longestBlock.milliseconds) / 1000)  // decimal seconds
        command.blockingTimeout = longestBlock
        // On the connection's thread: the reply wakes the fetcher from there (see WorkerPool).
        Task(executorPreference: connection.executor) { [self] in
            _ = try? await connection.send(command)
            listening.withLock { $0 = false }
            wakeup.wake()
        }
    }
}
