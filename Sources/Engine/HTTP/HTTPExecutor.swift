import AsyncHTTPClient
import Foundation
import Logging
import NIOCore
import NIOHTTP1
import NIOPosix
import Synchronization

/// Makes the HTTP request of a job attempt on one shared `HTTPClient`, and classifies what happened.
///
/// It never throws: a response of any status, a timeout, a refused connection are all outcomes
/// (``HTTPAttemptResult``). The body is streamed and only its first
/// ``HTTPExecutorOptions/responseBodyLimit`` bytes are kept, so a 10 MB answer costs 64 KiB.
package final class HTTPExecutor: Sendable {
    /// How requests are made.
    package let options: HTTPExecutorOptions
    private let client: HTTPClient
    private let clock: any QueueClock

    /// An executor with its own client on NIO's shared event loops. Call ``shutdown()`` when done.
    package init(options: HTTPExecutorOptions = HTTPExecutorOptions(), clock: any QueueClock = SystemQueueClock()) {
        self.options = options
        self.clock = clock
        var configuration = HTTPClient.Configuration(
            redirectConfiguration: .follow(max: max(0, options.maxRedirects), allowCycles: false),
            timeout: .init(connect: .milliseconds(options.connectTimeout.milliseconds)),
            // The body is recorded as the target sent it; no request advertises compression.
            decompression: .disabled)
        configuration.connectionPool.concurrentHTTP1ConnectionsPerHostSoftLimit = max(1, options.connectionsPerHost)
        // A refused connection is an outcome of this attempt: the queue's backoff decides when to
        // try again, not the client.
        configuration.connectionPool.retryConnectionEstablishment = false
        client = HTTPClient(eventLoopGroup: MultiThreadedEventLoopGroup.singleton, configuration: configuration)
    }

    /// Closes the client's connections.
    package func shutdown() async {
        try? await client.shutdown()
    }

    /// Makes `request`, sending `traceparent` for `traceID`, and classifies the result: success for
    /// 2xx (or one of `expectedStatuses`), retryable for 5xx, 429, timeouts and connection errors,
    /// permanent for other statuses and requests that cannot be sent.
    package func perform(
        _ request: HTTPJob.Request, traceID: String, expectedStatuses: [Int]? = nil, logger: Logger = Logger(label: "crontui.http")
    ) async -> HTTPAttemptResult {
        let started = ContinuousClock.now
        var result = await performTimed(request, traceID: traceID, expectedStatuses: expectedStatuses, logger: logger)
        result.duration = ContinuousClock.now - started
        return result
    }

    private func performTimed(_ request: HTTPJob.Request, traceID: String, expectedStatuses: [Int]?, logger: Logger) async -> HTTPAttemptResult {
        let prepared: HTTPClientRequest
        switch prepare(request, traceID: traceID) {
        case .ready(let p): prepared = p
        case .invalid(let failure): return failure
        }
        let timeout = request.timeoutMs > 0 ? Duration.milliseconds(request.timeoutMs) : options.defaultTimeout
        if logger.logLevel <= .debug {
            logger.debug(
                "request",
                metadata: [
                    "event": "http.request", "method": .string(request.method), "url": .string(options.redaction.url(request.url)),
                    "headers": .string(Self.describe(options.redaction.headers(prepared.headers.map { ($0.name, $0.value) }))),
                    "body_bytes": .stringConvertible(request.body?.count ?? 0),
                ])
        }
        // The client's deadline covers the response head only; the body is bounded by cancelling
        // the task that reads it, from a timer on the event loop.
        let flag = TimeoutFlag()
        let work = Task { await self.exchange(prepared, timeout: timeout, expectedStatuses: expectedStatuses, flag: flag) }
        let timer = MultiThreadedEventLoopGroup.singleton.any().scheduleTask(in: .milliseconds(timeout.milliseconds)) {
            flag.fired.store(true, ordering: .sequentiallyConsistent)
            work.cancel()
        }
        let result = await withTaskCancellationHandler {
            await work.value
        } onCancel: {
            work.cancel()
        }
        timer.cancel()
        if logger.logLevel <= .debug {
            logger.debug(
                "response",
                metadata: [
                    "event": "http.response", "http_status": .string(result.status.map(String.init) ?? "none"),
                    "outcome": .string(result.outcome.rawValue), "error": .string(result.error ?? ""),
                    "headers": .string(Self.describe(options.redaction.headers(result.headers))), "body_bytes": .stringConvertible(result.bodySize),
                ])
        }
        return result
    }

    /// Sends the request and reads the response; on a timeout or failure mid-body, what arrived so
    /// far is kept.
    private func exchange(_ request: HTTPClientRequest, timeout: Duration, expectedStatuses: [Int]?, flag: TimeoutFlag) async -> HTTPAttemptResult {
        var result = HTTPAttemptResult(outcome: .retryable)
        let limit = max(0, options.responseBodyLimit)
        do {
            let response = try await client.execute(request, deadline: .now() + .milliseconds(timeout.milliseconds))
            result.status = Int(response.status.code)
            result.headers = response.headers.map { ($0.name, $0.value) }
            for try await chunk in response.body {
                result.bodySize += Int64(chunk.readableBytes)
                if result.body.count < limit {
                    result.body.append(contentsOf: chunk.readableBytesView.prefix(limit - result.body.count))
                }
            }
            classify(&result, expectedStatuses: expectedStatuses)
        } catch {
            let timedOut = flag.fired.load(ordering: .sequentiallyConsistent)
            let (outcome, kind, message) = Self.classify(error, timedOut: timedOut, timeout: timeout, target: Self.target(of: request.url))
            result.outcome = outcome
            result.errorKind = kind
            result.error = message
        }
        return result
    }

    private func classify(_ result: inout HTTPAttemptResult, expectedStatuses: [Int]?) {
        guard let status = result.status else { return }
        let success = expectedStatuses.map { $0.contains(status) } ?? (200..<300).contains(status)
        if success {
            result.outcome = .success
            return
        }
        result.errorKind = .http
        result.error = "HTTP \(status)"
        if status == 429 || status >= 500 {
            result.outcome = .retryable
            if status == 429 || status == 503, let value = result.headers.first(where: { $0.name.lowercased() == "retry-after" })?.value {
                result.retryAfter = RetryAfter.delay(from: value, now: clock.nowMilliseconds())
            }
        } else {
            result.outcome = .permanent
        }
    }

    /// `host:port` of a request's URL, for error messages (never its credentials).
    static func target(of url: String) -> String {
        guard let components = URLComponents(string: url), let host = components.host, !host.isEmpty else { return "the server" }
        return "\(host):\(components.port ?? (components.scheme?.lowercased() == "https" ? 443 : 80))"
    }

    /// Maps a failure to send or receive to `target` (`host:port`) to an outcome.
    static func classify(_ error: any Error, timedOut: Bool, timeout: Duration, target: String) -> (ExecutionOutcome, ExecutionErrorKind, String) {
        let timeoutMessage = "timed out after \(timeout.milliseconds) ms"
        if timedOut { return (.retryable, .timeout, timeoutMessage) }
        if let error = error as? HTTPClientError {
            switch error {
            case .deadlineExceeded, .readTimeout, .writeTimeout, .connectTimeout, .getConnectionFromPoolTimeout:
                return (.retryable, .timeout, timeoutMessage)
            case .invalidURL, .emptyHost, .emptyScheme, .missingSocketPath:
                return (.permanent, .invalidRequest, "invalid URL")
            case .redirectLimitReached:
                return (.permanent, .redirects, "too many redirects")
            case .redirectCycleDetected:
                return (.permanent, .redirects, "redirect loop: a redirect leads back to a URL already visited")
            case .cancelled, .requestStreamCancelled:
                return (.interrupted, .interrupted, "interrupted: the worker stopped")
            default:
                let text = "\(error)"
                if text.contains("unsupportedScheme") || text.contains("invalidHeaderField") {
                    return (.permanent, .invalidRequest, Redaction.storable(text, limit: 300))
                }
                return (.retryable, .connection, Redaction.storable(text, limit: 300))
            }
        }
        if error is CancellationError { return (.interrupted, .interrupted, "interrupted: the worker stopped") }
        // The system's own words for the errno, not NIO's description (which garbles some).
        if let error = error as? IOError {
            let reason = String(cString: strerror(error.errnoCode))
            let text = reason.prefix(1).lowercased() + reason.dropFirst()
            switch error.errnoCode {
            case ECONNREFUSED, EHOSTUNREACH, ENETUNREACH, EADDRNOTAVAIL, ETIMEDOUT:
                return (.retryable, .connection, "cannot connect to \(target): \(text)")
            default:
                return (.retryable, .connection, "\(target): \(text)")
            }
        }
        if let error = error as? NIOConnectionError {
            if error.connectionErrors.isEmpty && (error.dnsAError != nil || error.dnsAAAAError != nil) {
                return (.retryable, .dns, "cannot resolve \(error.host)")
            }
            let reasons = error.connectionErrors.map { "\($0.target): \($0.error)" }.joined(separator: "; ")
            return (
                .retryable, .connection,
                Redaction.storable("cannot connect to \(error.host):\(error.port)" + (reasons.isEmpty ? "" : " (\(reasons))"), limit: 500)
            )
        }
        let text = Redaction.storable(String(describing: error), limit: 500)
        let typeName = String(describing: type(of: error))
        if typeName.contains("SSL") || typeName.contains("TLS") { return (.retryable, .tls, text) }
        return (.retryable, .connection, text)
    }

    /// Builds the client request, or the permanent failure of one that cannot be sent.
    private func prepare(_ request: HTTPJob.Request, traceID: String) -> Prepared {
        func invalid(_ message: String) -> Prepared {
            .invalid(HTTPAttemptResult(outcome: .permanent, errorKind: .invalidRequest, error: message))
        }
        guard let url = URL(string: request.url), let scheme = url.scheme?.lowercased(), scheme == "http" || scheme == "https",
            let host = url.host, !host.isEmpty
        else {
            return invalid("invalid URL: \(Redaction.storable(options.redaction.url(request.url), limit: 200))")
        }
        let method = request.method.uppercased()
        guard !method.isEmpty, method.utf8.allSatisfy({ (0x41...0x5A).contains($0) }) else {
            return invalid("invalid method '\(Redaction.storable(request.method, limit: 20))'")
        }
        // URL credentials go out as Basic authorization (unless the schedule sets its own), never in the URL.
        var target = request.url
        var basic: String?
        if var components = URLComponents(string: request.url), components.user != nil || components.password != nil {
            let user = components.user ?? ""
            let password = components.password ?? ""
            basic = "Basic " + Data("\(user):\(password)".utf8).base64EncodedString()
            components.user = nil
            components.password = nil
            target = components.string ?? request.url
        }
        var prepared = HTTPClientRequest(url: target)
        prepared.method = HTTPMethod(rawValue: method)
        var hasUserAgent = false
        var hasAuthorization = false
        for pair in request.headers where pair.count == 2 {
            let name = pair[0].lowercased()
            if name == TraceParent.headerName { continue }
            if name == "user-agent" { hasUserAgent = true }
            if name == "authorization" { hasAuthorization = true }
            prepared.headers.add(name: pair[0], value: pair[1])
        }
        if let basic, !hasAuthorization { prepared.headers.add(name: "Authorization", value: basic) }
        if !hasUserAgent { prepared.headers.add(name: "User-Agent", value: options.userAgent) }
        prepared.headers.add(name: TraceParent.headerName, value: TraceParent.value(traceID: traceID))
        if let body = request.body { prepared.body = .bytes(ByteBuffer(bytes: body)) }
        return .ready(prepared)
    }

    private static func describe(_ headers: [[String]]) -> String {
        headers.map { $0.joined(separator: ": ") }.joined(separator: ", ")
    }
}

/// Set by the timeout timer, so a cancelled request is told apart from a stopping worker.
private final class TimeoutFlag: Sendable {
    let fired = Atomic<Bool>(false)
}

/// A request ready to send, or the result of one that cannot be.
private enum Prepared {
    case ready(HTTPClientRequest)
    case invalid(HTTPAttemptResult)
}
