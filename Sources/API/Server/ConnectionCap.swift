import HummingbirdCore
import Logging

/// At most `limit` connections open at once. When the cap is reached the server stops accepting
/// (later clients wait in the listen backlog, then are refused by the kernel) and says so in one
/// warning, repeated at most every ``quietPeriod`` however often the cap is hit.
struct ConnectionCap: AvailableConnectionsDelegate {
    let limit: Int
    let logger: Logger
    private var open = 0
    private var lastWarning: ContinuousClock.Instant?
    private var reachedSinceWarning = 0

    /// The shortest time between two warnings.
    static let quietPeriod = Duration.seconds(10)

    init(limit: Int, logger: Logger) {
        self.limit = limit
        self.logger = logger
    }

    mutating func connectionOpened() {
        open += 1
        guard open >= limit else { return }
        reachedSinceWarning += 1
        let now = ContinuousClock.now
        if let lastWarning, now - lastWarning < Self.quietPeriod { return }
        logger.warning(
            "API connection limit reached: \(limit) connections open; new ones wait until one closes (API_MAX_CONNECTIONS)",
            metadata: ["event": "api.connection_limit", "limit": .stringConvertible(limit), "times": .stringConvertible(reachedSinceWarning)])
        lastWarning = now
        reachedSinceWarning = 0
    }

    mutating func connectionClosed() {
        open -= 1
    }

    func isAcceptingNewConnections() -> Bool {
        open < limit
    }
}
