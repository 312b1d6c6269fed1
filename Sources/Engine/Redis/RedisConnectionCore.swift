import Foundation
import Glibc
import Synchronization

/// The machinery of one ``RedisConnection``.
///
/// Writers (any thread) encode their commands, append their request to the in-flight FIFO and write
/// the bytes to the socket under one lock, so the FIFO and the byte stream stay in the same order.
/// The reader thread polls the socket, parses replies and completes requests in FIFO order. It also
/// connects (and reconnects, with backoff), flushes bytes the socket did not take at once, and
/// fails everything in flight when the link breaks or the oldest request times out.
final class RedisConnectionCore: Sendable {
    /// Called once per request, with its replies or the reason it failed.
    typealias Completion = @Sendable (Result<[RedisValue], any Error>) -> Void

    struct Request {
        var expected: Int
        var replies: [RedisValue] = []
        var deadline: ContinuousClock.Instant
        var complete: Completion
    }

    private struct State {
        var socket: RedisSocket?
        var inFlight: [Request] = []
        var head = 0
        var outbox: [UInt8] = []
        var outboxSent = 0
        /// Requests (and their bytes) waiting for a connection.
        var waiting: [(Request, [UInt8])] = []
        var closed = false
    }

    private let endpoint: RedisEndpoint
    private let options: RedisConnectionOptions
    private let state = Mutex(State())
    /// A pipe whose write end wakes the reader thread from `poll`.
    private let wakeFD: Int32
    private let wakeWriteFD: Int32
    private let clock = ContinuousClock()
    /// Jobs of tasks that prefer this connection's thread (see ``enqueue(_:)``), run by the loop
    /// between polls.
    private let jobs = Mutex<(queue: [UnownedJob], open: Bool)>(([], true))
    /// The reader thread's id, once it runs.
    private let thread = Atomic<UInt>(0)

    init(endpoint: RedisEndpoint, options: RedisConnectionOptions) {
        self.endpoint = endpoint
        self.options = options
        var fds: [Int32] = [-1, -1]
        _ = pipe(&fds)
        for fd in fds {
            _ = fcntl(fd, F_SETFL, fcntl(fd, F_GETFL) | O_NONBLOCK)
            _ = fcntl(fd, F_SETFD, FD_CLOEXEC)
        }
        self.wakeFD = fds[0]
        self.wakeWriteFD = fds[1]
        // The thread holds the core until close() lets its loop end.
        let thread = Thread { self.readerLoop() }
        thread.name = options.name
        thread.start()
    }

    // MARK: - Callers

    func submit(_ commands: [RedisCommand], _ complete: @escaping Completion) {
        var bytes: [UInt8] = []
        bytes.reserveCapacity(commands.reduce(0) { $0 + $1.buffer.count + $1.count * 16 + 16 })
        var wait = options.commandTimeout
        for command in commands {
            command.encode(into: &bytes)
            if let blocking = command.blockingTimeout { wait = max(wait, blocking + options.commandTimeout) }
        }
        let request = Request(expected: commands.count, deadline: clock.now + wait, complete: complete)
        let (wake, refused) = state.withLock { s -> (Bool, Bool) in
            if s.closed { return (false, true) }
            guard let socket = s.socket else {
                s.waiting.append((request, bytes))
                return (true, false)
            }
            s.inFlight.append(request)
            if s.outbox.isEmpty {
                guard let sent = socket.send(bytes) else { return (true, false) }  // broken: the reader finds out
                if sent == bytes.count { return (false, false) }
                s.outbox = bytes
                s.outboxSent = sent
            } else {
                s.outbox.append(contentsOf: bytes)
            }
            return (true, false)
        }
        if refused {
            complete(.failure(RedisError(.closed, "the connection is closed")))
        } else if wake {
            self.wake()
        }
    }

    func close() {
        let already = state.withLock { s -> Bool in
            defer { s.closed = true }
            return s.closed
        }
        if !already { wake() }
    }

    private func wake() {
        var one: UInt8 = 1
        _ = write(wakeWriteFD, &one, 1)
    }

    // MARK: - The reader thread

    private func readerLoop() {
        thread.store(UInt(pthread_self()), ordering: .releasing)
        let reader = RedisReplyReader()
        var buffer = [UInt8](repeating: 0, count: 64 * 1024)
        var current: RedisReplyReader? = reader
        // When the server last sent bytes. A request is timed out once it is past its deadline and
        // the server has been silent for a whole timeout: bytes still on their way (this thread
        // came late, or a reply spans many reads) are read first.
        var heard: ContinuousClock.Instant?
        func due(_ deadline: ContinuousClock.Instant?) -> ContinuousClock.Instant? {
            guard let deadline else { return nil }
            return heard.map { max(deadline, $0 + options.commandTimeout) } ?? deadline
        }
        while true {
            runJobs()
            let (socket, hasOutbox, hasWaiting, closed, deadline) = state.withLock { s in
                (s.socket, !s.outbox.isEmpty, !s.waiting.isEmpty, s.closed, s.head < s.inFlight.count ? s.inFlight[s.head].deadline : nil)
            }
            if closed {
                shutDown(RedisError(.closed, "the connection is closed"))
                // Jobs that come now, or came too late for the loop, run on the shared pool.
                let leftover = jobs.withLock { j -> [UnownedJob] in
                    j.open = false
                    defer { j.queue.removeAll() }
                    return j.queue
                }
                for job in leftover { globalConcurrentExecutor.enqueue(ExecutorJob(job)) }
                Glibc.close(wakeFD)
                Glibc.close(wakeWriteFD)
                return
            }
            guard let socket else {
                if hasWaiting {
                    current = RedisReplyReader()
                    connect(reader: current!)
                } else {
                    pollWake(timeout: .seconds(1))
                }
                continue
            }
            var fds = [
                pollfd(fd: socket.fd, events: Int16(POLLIN) | (hasOutbox ? Int16(POLLOUT) : 0), revents: 0),
                pollfd(fd: wakeFD, events: Int16(POLLIN), revents: 0),
            ]
            var timeout = due(deadline).map { max(0, ($0 - clock.now).milliseconds + 1) } ?? 1_000
            if jobs.withLock({ !$0.queue.isEmpty }) { timeout = 0 }
            let ready = poll(&fds, 2, Int32(clamping: min(timeout, 1_000)))
            if ready < 0 && errno != EINTR {
                fail(RedisError(.connection, "\(endpoint): poll failed: \(String(cString: strerror(errno)))"))
                continue
            }
            if fds[1].revents != 0 { drainWake() }
            if fds[0].revents & Int16(POLLOUT) != 0 && !flushOutbox(socket) {
                fail(RedisError(.connection, "\(endpoint): the link broke while sending"))
                continue
            }
            if fds[0].revents & Int16(POLLIN | POLLHUP | POLLERR) != 0 {
                guard let n = socket.receive(into: &buffer) else {
                    fail(RedisError(.connection, "\(endpoint): the server closed the connection"))
                    continue
                }
                if n > 0 {
                    heard = clock.now
                    buffer.withUnsafeBytes { current!.feed(UnsafeRawBufferPointer(rebasing: $0[0..<n])) }
                    do {
                        while let reply = try current!.next() { deliver(reply) }
                    } catch {
                        fail(error)
                        continue
                    }
                }
            }
            if let deadline, let due = due(deadline), clock.now > due, stillOldest(deadline) {
                fail(RedisError(.connection, "\(endpoint): no reply within the timeout"))
            }
        }
    }

    /// Runs the jobs queued for this thread, including those they queue in turn.
    private func runJobs() {
        while true {
            let batch = jobs.withLock { j -> [UnownedJob] in
                defer { j.queue.removeAll(keepingCapacity: true) }
                return j.queue
            }
            if batch.isEmpty { return }
            for job in batch { job.runSynchronously(on: asUnownedTaskExecutor()) }
        }
    }

    /// Hands a reply to the oldest request; resumes it when it has all its replies.
    private func deliver(_ reply: RedisValue) {
        let done = state.withLock { s -> Request? in
            guard s.head < s.inFlight.count else { return nil }
            s.inFlight[s.head].replies.append(reply)
            guard s.inFlight[s.head].replies.count == s.inFlight[s.head].expected else { return nil }
            let request = s.inFlight[s.head]
            s.head += 1
            if s.head > 1_024 && s.head * 2 > s.inFlight.count {
                s.inFlight.removeFirst(s.head)
                s.head = 0
            }
            return request
        }
        if let done { done.complete(.success(done.replies)) }
    }

    private func stillOldest(_ deadline: ContinuousClock.Instant) -> Bool {
        state.withLock { s in s.head < s.inFlight.count && s.inFlight[s.head].deadline == deadline }
    }

    /// Writes what the socket takes of the outbox; false when the link is broken.
    private func flushOutbox(_ socket: RedisSocket) -> Bool {
        state.withLock { s in
            guard let sent = socket.send(s.outbox, from: s.outboxSent) else { return false }
            s.outboxSent += sent
            if s.outboxSent >= s.outbox.count {
                s.outbox.removeAll(keepingCapacity: true)
                s.outboxSent = 0
            }
            return true
        }
    }

    /// The link is unusable: close it and fail everything in flight (it may or may not have run).
    private func fail(_ error: RedisError) {
        let failed = state.withLock { s -> [Request] in
            s.socket?.close()
            s.socket = nil
            let failed = Array(s.inFlight[s.head...])
            s.inFlight.removeAll()
            s.head = 0
            s.outbox.removeAll()
            s.outboxSent = 0
            return failed
        }
        for request in failed { request.complete(.failure(error)) }
    }

    private func shutDown(_ error: RedisError) {
        fail(error)
        let waiting = state.withLock { s -> [(Request, [UInt8])] in
            defer { s.waiting.removeAll() }
            return s.waiting
        }
        for (request, _) in waiting { request.complete(.failure(error)) }
    }

    /// Connects (with backoff, within the reconnect window), authenticates and selects the database,
    /// then publishes the socket and sends what waited. On failure the waiting requests fail.
    private func connect(reader: RedisReplyReader) {
        let deadline = clock.now + options.reconnectWindow
        var delay = options.reconnectBaseDelay
        while true {
            switch RedisSocket.connect(to: endpoint, timeout: options.connectTimeout).flatMap({ setUp($0, reader: reader) }) {
            case .success(let socket):
                let ok = state.withLock { s -> Bool in
                    s.socket = socket
                    for (request, bytes) in s.waiting {
                        s.inFlight.append(request)
                        s.outbox.append(contentsOf: bytes)
                    }
                    s.waiting.removeAll()
                    return true
                }
                if ok && !flushOutbox(socket) { fail(RedisError(.connection, "\(endpoint): the link broke while sending")) }
                return
            case .failure(let error):
                let closed = state.withLock { $0.closed }
                if error.code == .authentication || clock.now + delay > deadline || closed {
                    let waiting = state.withLock { s -> [(Request, [UInt8])] in
                        defer { s.waiting.removeAll() }
                        return s.waiting
                    }
                    var unsent = error
                    unsent.notSent = true
                    for (request, _) in waiting { request.complete(.failure(unsent)) }
                    return
                }
                pollWake(timeout: delay)
                delay = min(delay * 2, options.reconnectMaxDelay)
            }
        }
    }

    /// AUTH and SELECT on a fresh socket, before anyone else may use it.
    private func setUp(_ socket: RedisSocket, reader: RedisReplyReader) -> Result<RedisSocket, RedisError> {
        var setup: [RedisCommand] = []
        if let password = endpoint.password {
            setup.append(endpoint.username.map { RedisCommand("AUTH", $0, password) } ?? RedisCommand("AUTH", password))
        }
        if endpoint.database != 0 { setup.append(RedisCommand("SELECT", endpoint.database)) }
        if setup.isEmpty { return .success(socket) }
        var bytes: [UInt8] = []
        for command in setup { command.encode(into: &bytes) }
        var sent = 0
        var buffer = [UInt8](repeating: 0, count: 4096)
        var replies: [RedisValue] = []
        let deadline = clock.now + options.commandTimeout
        while replies.count < setup.count {
            guard clock.now < deadline else {
                socket.close()
                return .failure(RedisError(.connection, "\(endpoint): no reply to AUTH/SELECT"))
            }
            var poller = pollfd(fd: socket.fd, events: Int16(POLLIN) | (sent < bytes.count ? Int16(POLLOUT) : 0), revents: 0)
            _ = poll(&poller, 1, 100)
            if sent < bytes.count, let n = socket.send(bytes, from: sent) { sent += n }
            guard let n = socket.receive(into: &buffer) else {
                socket.close()
                return .failure(RedisError(.connection, "\(endpoint): the server closed the connection"))
            }
            if n > 0 {
                buffer.withUnsafeBytes { reader.feed(UnsafeRawBufferPointer(rebasing: $0[0..<n])) }
                while let reply = try? reader.next() { replies.append(reply) }
            }
        }
        for (command, reply) in zip(setup, replies) {
            if case .error(let message) = reply {
                socket.close()
                return .failure(RedisError(.authentication, "\(command.name) refused by \(endpoint): \(message)"))
            }
        }
        return .success(socket)
    }

    private func pollWake(timeout: Duration) {
        var poller = pollfd(fd: wakeFD, events: Int16(POLLIN), revents: 0)
        if poll(&poller, 1, Int32(clamping: timeout.milliseconds)) > 0 { drainWake() }
    }

    private func drainWake() {
        var drained = [UInt8](repeating: 0, count: 256)
        while read(wakeFD, &drained, drained.count) > 0 {}
    }
}

/// The reader thread as an executor: a task that prefers it (`withTaskExecutorPreference`) resumes
/// right where its reply was read, and its next command leaves from there, with no hand-over to
/// another thread in between. For sequential callers; the code such a task runs must never block.
extension RedisConnectionCore: TaskExecutor {
    func enqueue(_ job: consuming ExecutorJob) {
        let unowned = UnownedJob(job)
        let (accepted, fromOwnThread) = jobs.withLock { j -> (Bool, Bool) in
            guard j.open else { return (false, false) }
            j.queue.append(unowned)
            return (true, isReaderThread)
        }
        if !accepted {
            globalConcurrentExecutor.enqueue(ExecutorJob(unowned))
        } else if !fromOwnThread {
            wake()
        }
    }

    func asUnownedTaskExecutor() -> UnownedTaskExecutor {
        UnownedTaskExecutor(ordinary: self)
    }

    /// True on the connection's own thread.
    var isReaderThread: Bool { thread.load(ordering: .acquiring) == UInt(pthread_self()) }
}
