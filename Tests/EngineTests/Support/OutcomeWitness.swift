import Synchronization

@testable import Engine

/// A Redis client that passes everything to another and notes when the server answered each job's
/// outcome (the queue's `complete` and `fail` scripts), so that a test can tell whether a job that
/// ran twice had its first outcome acknowledged before a fault.
final class OutcomeWitness: RedisClientProtocol {
    private let client: any RedisClientProtocol
    private let answered = Mutex<[String: ContinuousClock.Instant]>([:])

    init(_ client: any RedisClientProtocol) {
        self.client = client
    }

    /// When an outcome of job `id` was first acknowledged (the lock held, the outcome recorded).
    func acknowledged(_ id: String) -> ContinuousClock.Instant? {
        answered.withLock { $0[id] }
    }

    /// The first outcome acknowledged after `instant`, of any job.
    func firstAcknowledged(after instant: ContinuousClock.Instant) -> ContinuousClock.Instant? {
        answered.withLock { $0.values.filter { $0 > instant }.min() }
    }

    var endpoint: RedisEndpoint { client.endpoint }
    var statistics: RedisStatistics { client.statistics }
    var executor: any TaskExecutor { client.executor }

    func dedicatedConnection(name: String, forKey key: String) -> any RedisCommands {
        client.dedicatedConnection(name: name, forKey: key)
    }

    func send(_ command: RedisCommand) async throws(RedisError) -> RedisValue {
        try await client.send(command)
    }

    func pipeline(_ commands: [RedisCommand]) async throws(RedisError) -> [RedisValue] {
        try await client.pipeline(commands)
    }

    func run(_ script: RedisScript, keys: [any RedisArgument], arguments: [any RedisArgument]) async throws(RedisError) -> RedisValue {
        let reply = try await client.run(script, keys: keys, arguments: arguments)
        note(script, arguments, reply)
        return reply
    }

    func runEach(
        _ script: RedisScript, keys: [any RedisArgument], count: Int, arguments: (Int) -> [any RedisArgument]
    ) async throws(RedisError) -> [RedisValue] {
        let replies = try await client.runEach(script, keys: keys, count: count, arguments: arguments)
        for (index, reply) in replies.enumerated() { note(script, arguments(index), reply) }
        return replies
    }

    func close() { client.close() }

    /// Notes an accepted outcome: the scripts take the job's id as their third argument and answer
    /// 1 first when the lock was still held.
    private func note(_ script: RedisScript, _ arguments: [any RedisArgument], _ reply: RedisValue) {
        guard script === JobQueue.scripts.complete || script === JobQueue.scripts.fail, arguments.count > 2,
            let id = arguments[2] as? String, reply.array?.first?.int == 1
        else { return }
        let now = ContinuousClock.now
        answered.withLock { if $0[id] == nil { $0[id] = now } }
    }
}
