/// One queue a `serve` process works, and its weight: its share of `WORKER_CONCURRENCY`
/// (`QUEUES=a,b:3,c`).
public struct WorkedQueue: Sendable, Equatable {
    /// The queue's name (``QueueName``).
    public var name: String
    /// 1-1000 (default 1): the queue gets this many parts of the workers.
    public var weight: Int

    /// The heaviest weight a queue may have.
    public static let weightRange = 1...1_000

    /// A queue of weight `weight`.
    public init(name: String, weight: Int = 1) {
        self.name = name
        self.weight = weight
    }

    /// Reads `name[:weight],...` given as `field` (`--queues` or `QUEUES`); nil when not given.
    /// Each name is checked, weights are 1-1000 and a name may appear once.
    static func list(_ value: (String, String)?) throws(ConfigurationError) -> [WorkedQueue]? {
        guard let (text, field) = value else { return nil }
        var queues: [WorkedQueue] = []
        for item in text.split(separator: ",", omittingEmptySubsequences: false) {
            let parts = item.split(separator: ":", maxSplits: 1, omittingEmptySubsequences: false)
            let name = String(parts[0].trimmingBlanks())
            if let problem = QueueName.problem(name) { throw ConfigurationError(field: field, reason: "queue \(problem)") }
            var queue = WorkedQueue(name: name)
            if parts.count == 2 {
                let weight = parts[1].trimmingBlanks()
                guard weight.allSatisfy({ $0.isASCII && $0.isNumber }), let n = Int(weight), weightRange.contains(n) else {
                    throw ConfigurationError(
                        field: field, reason: "the weight of queue \(name), \(ErrorText.quote(weight)), is not a whole number in 1-1000")
                }
                queue.weight = n
            }
            guard !queues.contains(where: { $0.name == name }) else {
                throw ConfigurationError(field: field, reason: "queue \(name) is listed twice")
            }
            queues.append(queue)
        }
        return queues
    }

    /// The workers of each of `queues` out of `concurrency`, by weight (5 over `a,b:3,c`: 1, 3, 1):
    /// each queue its proportional share rounded down but at least one, what is left to the largest
    /// remainders (ties to the earlier queue). With fewer workers than queues, each still gets one.
    public static func shares(of concurrency: Int, over queues: [WorkedQueue]) -> [Int] {
        guard !queues.isEmpty else { return [] }
        let total = queues.reduce(0) { $0 + $1.weight }
        var shares = queues.map { max(1, concurrency * $0.weight / total) }
        let target = max(concurrency, queues.count)
        let byRemainder = queues.indices.sorted { a, b in
            let (ra, rb) = (concurrency * queues[a].weight % total, concurrency * queues[b].weight % total)
            return ra != rb ? ra > rb : a < b
        }
        var next = 0
        while shares.reduce(0, +) < target {
            shares[byRemainder[next % byRemainder.count]] += 1
            next += 1
        }
        while shares.reduce(0, +) > target, let largest = shares.indices.filter({ shares[$0] > 1 }).max(by: { shares[$0] <= shares[$1] }) {
            shares[largest] -= 1
        }
        return shares
    }
}
