import Synchronization

/// How an idle fetcher waits for work: one `BLPOP` on its inbox (where an enqueue hands it a job,
/// see ``HandedJob``) and on the queue's marker list (pushed whenever a job joins the line), raced
/// against a local timer for the next delayed job.
///
/// The timer is ours because Redis checks blocking timeouts only about ten times a second (its `hz`),
/// which would start delayed jobs up to 100 ms late. A `BLPOP` still outstanding when the timer wins
/// stays outstanding; its result wakes the next wait, and a job it brings is kept for the fetcher.
final class MarkerWatch: Sendable {
    private struct State {
        var listening = false
        var handed: [ActiveJob] = []
    }

    private let connection: any RedisCommands
    private let inbox: String
    private let marker: String
    private let longestBlock: Duration
    private let clock: any QueueClock
    private let state = Mutex(State())
    private let wakeup = Wakeup()
    private let ended = Wakeup()

    init(connection: any RedisCommands, inbox: String, marker: String, longestBlock: Duration, clock: any QueueClock) {
        self.connection = connection
        self.inbox = inbox
        self.marker = marker
        self.longestBlock = longestBlock
        self.clock = clock
    }

    /// True while a `BLPOP` is outstanding on the connection (which then carries nothing else in
    /// time).
    var isListening: Bool { state.withLock { $0.listening } }

    /// Returns when a job or a marker arrives (or arrived since the last wait), or after `timeout`.
    func wait(for timeout: Duration) async {
        listenIfIdle()
        await wakeup.wait(for: timeout)
    }

    /// The jobs handed over since the last call; the caller now holds them.
    func takeHanded() -> [ActiveJob] {
        state.withLock { s in
            defer { s.handed = [] }
            return s.handed
        }
    }

    /// Waits, at most `timeout`, for an outstanding `BLPOP` to end (``JobQueue/retire(worker:)``
    /// ends it), then returns the jobs handed over and not yet taken.
    func finish(within timeout: Duration) async -> [ActiveJob] {
        let deadline = ContinuousClock.now + timeout
        while isListening, ContinuousClock.now < deadline {
            await ended.wait(for: deadline - ContinuousClock.now)
        }
        return takeHanded()
    }

    private func listenIfIdle() {
        let start = state.withLock { s -> Bool in
            if s.listening { return false }
            s.listening = true
            return true
        }
        guard start else { return }
        var command = RedisCommand("BLPOP", inbox, marker, Double(longestBlock.milliseconds) / 1000)  // decimal seconds
        command.blockingTimeout = longestBlock
        // On the connection's thread: the reply wakes the fetcher from there (see WorkerPool).
        Task(executorPreference: connection.executor) { [self] in
            let reply = try? await connection.send(command)
            let job = handedJob(in: reply)
            state.withLock { s in
                s.listening = false
                if let job { s.handed.append(job) }
            }
            ended.wake()
            wakeup.wake()
        }
    }

    /// The live job in a `BLPOP` reply from the inbox, if any.
    private func handedJob(in reply: RedisValue?) -> ActiveJob? {
        guard let pair = reply?.array, pair.count == 2, pair[0].string == inbox, let bytes = pair[1].bytes,
            let handed = HandedJob(bytes), handed.lockedUntil > clock.nowMilliseconds()
        else { return nil }
        return handed.active
    }
}
