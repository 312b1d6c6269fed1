import Synchronization

@testable import Engine

/// A Redis client that passes everything to another and notes when the server answered each job's
/// outcome (the queue's `complete` and `fail` scripts), so that a test can tell whether a job that
/// ran twice had its first outcome acknowledged before a fault. On request it loses outcomes as a
/// dying server would: the command never arrives, or it runs and its reply never comes.
final class OutcomeWitness: ForwardingRedisClient {
    /// How an outcome is lost.
    enum Loss: Sendable {
        /// The command never reaches the server.
        case request
        /// The command runs; its reply is lost.
        case reply
    }

    let client: any RedisClientProtocol
    private let answered = Mutex<[String: ContinuousClock.Instant]>([:])
    private let losses = Mutex<[Loss]>([])

    init(_ client: any RedisClientProtocol) {
        self.client = client
    }

    /// Loses the next outcomes sent, one per entry of `losses`, in order.
    func lose(_ losses: [Loss]) {
        self.losses.withLock { $0 += losses }
    }

    /// When an outcome of job `id` was first acknowledged (the lock held, the outcome recorded).
    func acknowledged(_ id: String) -> ContinuousClock.Instant? {
        answered.withLock { $0[id] }
    }

    /// The first outcome acknowledged after `instant`, of any job.
    func firstAcknowledged(after instant: ContinuousClock.Instant) -> ContinuousClock.Instant? {
        answered.withLock { $0.values.filter { $0 > instant }.min() }
    }

    func run(_ script: RedisScript, keys: [any RedisArgument], arguments: [any RedisArgument]) async throws(RedisError) -> RedisValue {
        try await runEach(script, keys: keys, count: 1) { _ in arguments }[0]
    }

    func runEach(
        _ script: RedisScript, keys: [any RedisArgument], count: Int, arguments: (Int) -> [any RedisArgument]
    ) async throws(RedisError) -> [RedisValue] {
        let loss = Self.isOutcome(script) ? losses.withLock { $0.isEmpty ? nil : $0.removeFirst() } : nil
        if loss == .request { throw RedisError(.connection, "the outcome was lost on its way (test)") }
        let replies = try await client.runEach(script, keys: keys, count: count, arguments: arguments)
        if loss == .reply { throw RedisError(.connection, "the outcome's reply was lost (test)") }
        for (index, reply) in replies.enumerated() { note(script, arguments(index), reply) }
        return replies
    }

    /// Notes an accepted outcome: the scripts take the job's id as their third argument and answer
    /// 1 first when the lock was still held.
    private func note(_ script: RedisScript, _ arguments: [any RedisArgument], _ reply: RedisValue) {
        guard Self.isOutcome(script), arguments.count > 2,
            let id = arguments[2] as? String, reply.array?.first?.int == 1
        else { return }
        let now = ContinuousClock.now
        answered.withLock { if $0[id] == nil { $0[id] = now } }
    }

    private static func isOutcome(_ script: RedisScript) -> Bool {
        script === JobQueue.scripts.complete || script === JobQueue.scripts.fail
    }
}
