import Testing

@testable import Engine

/// `QUEUES` and `serve --queues`: names, weights, the share of `WORKER_CONCURRENCY` each queue gets.
@Suite struct WorkedQueueTests {
    @Test func unsetMeansTheOneQueueQueueName() throws {
        #expect(try EngineConfiguration.resolve(environment: [:]).queues == [WorkedQueue(name: "default")])
        #expect(try EngineConfiguration.resolve(environment: ["QUEUE_NAME": "home"]).queues == [WorkedQueue(name: "home")])
    }

    @Test func namesAndWeightsAreRead() throws {
        let config = try EngineConfiguration.resolve(environment: ["QUEUES": "a, b:3,c.d_e-f:1000"])
        #expect(config.queues == [WorkedQueue(name: "a"), WorkedQueue(name: "b", weight: 3), WorkedQueue(name: "c.d_e-f", weight: 1_000)])
        #expect(config.queueName == "default")
    }

    @Test func theFlagOverridesTheVariable() throws {
        let config = try EngineConfiguration.resolve(environment: ["QUEUES": "a,b"], flags: .init(queues: "c:2"))
        #expect(config.queues == [WorkedQueue(name: "c", weight: 2)])
    }

    @Test(arguments: [
        ("QUEUES", "a,b{x}", "QUEUES: queue 'b{x}' must be 1-64 characters of A-Z a-z 0-9 . _ -"),
        ("QUEUES", "a,,b", "QUEUES: queue '' must be 1-64 characters of A-Z a-z 0-9 . _ -"),
        ("QUEUES", "a:0", "QUEUES: the weight of queue a, '0', is not a whole number in 1-1000"),
        ("QUEUES", "a:1001", "QUEUES: the weight of queue a, '1001', is not a whole number in 1-1000"),
        ("QUEUES", "a:x", "QUEUES: the weight of queue a, 'x', is not a whole number in 1-1000"),
        ("QUEUES", "a,b:2,a", "QUEUES: queue a is listed twice"),
        ("--queues", "a:-1", "--queues: the weight of queue a, '-1', is not a whole number in 1-1000"),
        ("--queues", "a:2:3", "--queues: the weight of queue a, '2:3', is not a whole number in 1-1000"),
    ])
    func badListsNameTheirSource(field: String, text: String, message: String) {
        let environment = field == "QUEUES" ? ["QUEUES": text] : [:]
        let flags = EngineConfiguration.Flags(queues: field == "--queues" ? text : nil)
        do {
            _ = try EngineConfiguration.resolve(environment: environment, flags: flags)
            Issue.record("\(text) was accepted")
        } catch {
            #expect(error.description == message)
        }
    }

    @Test(arguments: [
        (5, [1, 3, 1], [1, 3, 1]),
        (10, [1, 1], [5, 5]),
        (7, [1, 1], [4, 3]),
        (2, [1, 1, 1], [1, 1, 1]),
        (6, [1, 100], [1, 5]),
        (1, [1], [1]),
        (1_000, [1, 2, 7], [100, 200, 700]),
    ])
    func workersAreSharedByWeightAndEachQueueGetsOne(concurrency: Int, weights: [Int], expected: [Int]) {
        let queues = weights.enumerated().map { WorkedQueue(name: "q\($0.offset)", weight: $0.element) }
        let shares = WorkedQueue.shares(of: concurrency, over: queues)
        #expect(shares == expected)
        #expect(shares.allSatisfy { $0 >= 1 })
        #expect(shares.reduce(0, +) == max(concurrency, queues.count))
    }
}
