import Engine
import Hummingbird
import NIOCore
import ServiceLifecycle

/// `GET /api/cron/events[?queue=NAME]`: a queue's lifecycle events as Server-Sent Events.
extension APIHandlers {
    private enum StreamItem: Sendable {
        case event(QueueEvent)
        case keepAlive
    }

    /// Streams the events of the default queue (`QUEUE_NAME`) or of `queue`: `id:` is the Redis
    /// stream id of that queue's stream, `event:` the kind, `data:` a JSON object. A
    /// client that reconnects with `Last-Event-ID` (or `?after=`) resumes after that event; without
    /// one it gets new events only. A comment line every keep-alive interval finds closed
    /// connections; the stream ends when the client goes, the server shuts down, or after
    /// ``APIServer/Options/maxEventStreamLifetime``.
    @Sendable func events(_ request: Request, _ context: BasicRequestContext, _ caller: APICaller) async throws -> Response {
        let q = try QueryParameters(request, allowed: ["after", "queue"])
        let queue = try q.queue()
        let header = request.headers.first { $0.name.canonicalName == "last-event-id" }?.value
        let after = header ?? q["after"] ?? "$"
        guard Self.isStreamID(after) else {
            throw APIError.invalid("Last-Event-ID", "Last-Event-ID must be an event id such as 1717171717171-0, 0 or $")
        }
        let system = try system()
        // "New events only" starts here, before the response head goes out: an event made after
        // the client saw the head is never missed.
        var start = after
        if start == "$" {
            do {
                start = try await system.lastEventID(queue: queue)
            } catch {
                throw Self.apiError(error)
            }
        }
        guard openStreams.open(limit: options.maxEventStreams) else {
            throw APIError.unavailable("too many open event streams (\(options.maxEventStreams))")
        }
        let keepAlive = options.eventKeepAlive
        let maxLifetime = options.maxEventStreamLifetime
        let start_ = start
        let queueName = queue ?? system.queueName
        let counter = openStreams
        let headers: HTTPFields = [.contentType: "text/event-stream", .cacheControl: "no-cache"]
        return Response(
            status: .ok, headers: headers,
            body: ResponseBody { writer in
                defer { counter.close() }
                let (items, continuation) = AsyncStream<StreamItem>.makeStream(bufferingPolicy: .bufferingNewest(10_000))
                let source = system.events(after: start_, queue: queue)
                let producer = Task {
                    do {
                        for try await event in source { continuation.yield(.event(event)) }
                    } catch {}
                    continuation.finish()
                }
                // However quiet or stuck the client, the stream ends; it reconnects and resumes.
                let lifetime = Task {
                    try? await Task.sleep(for: maxLifetime)
                    if !Task.isCancelled { continuation.finish() }
                }
                let ticker = Task {
                    while !Task.isCancelled {
                        do {
                            try await Task.sleep(for: keepAlive)
                        } catch {
                            break
                        }
                        continuation.yield(.keepAlive)
                    }
                }
                defer {
                    producer.cancel()
                    ticker.cancel()
                    lifetime.cancel()
                }
                try await writer.write(ByteBuffer(string: "retry: 2000\n: stream open\n\n"))
                await withGracefulShutdownHandler {
                    for await item in items {
                        var buffer = ByteBuffer()
                        switch item {
                        case .keepAlive: buffer.writeString(": keep-alive\n\n")
                        case .event(let event): Self.write(event, queue: queueName, to: &buffer)
                        }
                        do {
                            try await writer.write(buffer)
                        } catch {
                            break
                        }
                    }
                } onGracefulShutdown: {
                    continuation.finish()
                }
                try? await writer.finish(nil)
            })
    }

    /// Writes `event` of `queue` as one Server-Sent Event.
    static func write(_ event: QueueEvent, queue: String, to buffer: inout ByteBuffer) {
        var json = JSONWriter()
        json.object { o in
            o.string("id", event.streamID)
            o.string("kind", event.kind.rawValue)
            o.string("job_id", event.jobID)
            o.string("queue", queue)
            o.int("attempt", event.attempt)
            o.timestamp("at", milliseconds: event.timestamp)
            o.string("detail", event.detail)
            if let kind = event.errorKind { o.string("error_class", kind.rawValue) }
            if let max = event.maxAttempts { o.int("max_attempts", max) }
            if let schedule = event.scheduleName { o.string("schedule", schedule) }
            if let status = event.httpStatus { o.int("http_status", status) }
            if let ms = event.durationMs { o.int("duration_ms", ms) }
            if let delay = event.retryDelayMs { o.int("retry_delay_ms", delay) }
        }
        buffer.writeString("id: \(event.streamID)\nevent: \(event.kind.rawValue)\ndata: ")
        var data = json.buffer
        buffer.writeBuffer(&data)
        buffer.writeString("\n\n")
    }

    /// `<ms>-<seq>`, `0` or `$`.
    static func isStreamID(_ text: String) -> Bool {
        if text == "$" || text == "0" { return true }
        let parts = text.split(separator: "-", omittingEmptySubsequences: false)
        return parts.count == 2 && parts.allSatisfy { !$0.isEmpty && $0.count <= 20 && $0.utf8.allSatisfy { $0 >= 0x30 && $0 <= 0x39 } }
    }
}
