import Engine
import Hummingbird
import Logging
import Synchronization

/// Logs requests that presented a bearer token the server refused (unknown, or short of the route's
/// role): one line at most every 10 s, with how many were refused meanwhile, and never the token.
/// Requests without a token are not logged: on loopback, reads need none.
final class RefusedTokenLog: Sendable {
    private let logger: Logger
    private let throttle = Mutex(LogThrottle(period: 10_000))

    init(logger: Logger) {
        self.logger = logger
    }

    /// Takes in a refusal of `request`.
    func note(_ error: APIError, request: Request) {
        guard request.headers[.authorization] != nil else { return }
        let now = SystemQueueClock().nowMilliseconds()
        let (allowed, held) = throttle.withLock { $0.allow("token", now: now) }
        guard allowed else { return }
        let more = held > 0 ? " (and \(held) more since the last line)" : ""
        logger.warning(
            "refused a bearer token for \(request.method) \(Redaction.message(request.uri.path)): \(error.message)\(more)",
            metadata: ["event": "api.token_refused", "status": .stringConvertible(error.status.code)])
    }
}
