import Engine
import Hummingbird
import Logging
import NIOCore

/// The first handler of every API connection, on raw bytes: the deadlines a slow or silent client
/// cannot stretch, the request-line limit (414), and the JSON refusals the HTTP layer raises before
/// any route runs.
///
/// - A connection waiting for a request (new, or kept alive after a response) closes after the idle
///   timeout.
/// - From a request's first byte, its head and body must arrive within the request timeout, whatever
///   the pace; otherwise the answer is 408 and the connection closes.
/// - While a route answers there is no deadline here (event streams run long; they have their own).
///
/// A refusal is written as bytes, the output is shut, and what the client still sends is read and
/// dropped for a moment before the connection closes, so the client reads the answer rather than a
/// reset. ``RequestBoundaryHandler``, after the HTTP decoder, reports where requests and responses
/// begin and end, and turns parse errors into refusals.
final class ConnectionGuardHandler: ChannelDuplexHandler, RemovableChannelHandler {
    typealias InboundIn = ByteBuffer
    typealias InboundOut = ByteBuffer
    typealias OutboundIn = IOData
    typealias OutboundOut = IOData

    /// Where the connection is between requests and responses.
    enum Phase: Equatable {
        /// Waiting for the first byte of a request (idle timer).
        case waiting
        /// A request is arriving (request timer, running from its first byte).
        case reading
        /// The whole request is in; a route is answering (no timer).
        case answering
        /// Refused: output shut, input dropped until the client closes or the linger timer ends.
        case refused
    }

    private let requestTimeout: TimeAmount
    private let idleTimeout: TimeAmount
    private let maxRequestLineBytes: Int
    private let logger: Logger
    private(set) var phase = Phase.waiting
    private var timer: Scheduled<Void>?
    private var context: ChannelHandlerContext?
    /// Bytes of the current request line seen without its line feed; nil once it is complete.
    private var requestLineBytes: Int? = 0
    /// The request has been read to its end (the response may still be going out).
    private var requestComplete = false
    /// The response has been written to its end (the request may still be arriving).
    private var responseComplete = true
    /// A response head went out and its end has not.
    private var responseInFlight = false
    /// The response being written is an event stream, which ends when the client goes.
    private var streamingEvents = false

    /// How long a refused connection keeps reading and dropping before it closes.
    static let linger = TimeAmount.seconds(2)

    init(requestTimeout: Duration, idleTimeout: Duration, maxRequestLineBytes: Int, logger: Logger) {
        self.requestTimeout = TimeAmount(requestTimeout)
        self.idleTimeout = TimeAmount(idleTimeout)
        self.maxRequestLineBytes = maxRequestLineBytes
        self.logger = logger
    }

    func handlerAdded(context: ChannelHandlerContext) {
        self.context = context
        if context.channel.isActive { arm(idleTimeout, context: context) }
    }

    func handlerRemoved(context: ChannelHandlerContext) {
        cancelTimer()
        self.context = nil
    }

    func channelActive(context: ChannelHandlerContext) {
        arm(idleTimeout, context: context)
        context.fireChannelActive()
    }

    func channelInactive(context: ChannelHandlerContext) {
        cancelTimer()
        context.fireChannelInactive()
    }

    func channelRead(context: ChannelHandlerContext, data: NIOAny) {
        let buffer = unwrapInboundIn(data)
        switch phase {
        case .refused:
            return  // dropped: the answer is already out
        case .waiting:
            phase = .reading
            requestComplete = false
            requestLineBytes = 0
            arm(requestTimeout, context: context)
        case .reading, .answering:
            break
        }
        if let seen = requestLineBytes {
            if let newline = buffer.readableBytesView.firstIndex(of: UInt8(ascii: "\n")) {
                requestLineBytes = nil
                if seen + (newline - buffer.readerIndex) > maxRequestLineBytes {
                    return refuse(.uriTooLong, code: "uri_too_long", message: "the request line is longer than \(maxRequestLineBytes) bytes")
                }
            } else {
                requestLineBytes = seen + buffer.readableBytes
                if seen + buffer.readableBytes > maxRequestLineBytes {
                    return refuse(.uriTooLong, code: "uri_too_long", message: "the request line is longer than \(maxRequestLineBytes) bytes")
                }
            }
        }
        context.fireChannelRead(data)
    }

    func userInboundEventTriggered(context: ChannelHandlerContext, event: Any) {
        if let event = event as? ChannelEvent, event == .inputClosed {
            // The client is gone (or said it sends no more). A refused connection has said all it
            // will; an event stream would otherwise write into the void until a write failed.
            if phase == .refused || (streamingEvents && !responseComplete) {
                context.close(promise: nil)
                return
            }
        }
        context.fireUserInboundEventTriggered(event)
    }

    // MARK: - From RequestBoundaryHandler

    /// A request head was decoded (the first of a connection, or the next on a kept-alive one).
    func requestBegan() {
        guard let context else { return }
        if phase == .waiting {
            arm(requestTimeout, context: context)
        }
        if phase != .refused { phase = .reading }
        requestComplete = false
        responseComplete = false
        requestLineBytes = nil
    }

    /// The request's body ended: a route has the whole request.
    func requestEnded() {
        requestComplete = true
        guard phase == .reading else { return }
        cancelTimer()
        phase = responseComplete ? .waiting : .answering
        if phase == .waiting, let context { waitForNextRequest(context) }
    }

    /// A response head went out; `eventStream` when it starts an event stream.
    func responseBegan(eventStream: Bool) {
        streamingEvents = eventStream
        responseInFlight = true
    }

    /// A response ended.
    func responseEnded() {
        responseComplete = true
        responseInFlight = false
        streamingEvents = false
        guard phase == .answering, requestComplete, let context else { return }
        phase = .waiting
        waitForNextRequest(context)
    }

    /// Answers with a JSON error, then closes (see the type's comment).
    func refuse(_ status: HTTPResponse.Status, code: String, message: String) {
        guard let context, phase != .refused else { return }
        phase = .refused
        cancelTimer()
        if !responseInFlight {
            let body = Self.errorBody(code: code, message: message)
            var head = "HTTP/1.1 \(status.code) \(status.reasonPhrase)\r\n"
            head += "Content-Type: application/json\r\nContent-Length: \(body.utf8.count)\r\nConnection: close\r\n\r\n"
            context.writeAndFlush(wrapOutboundOut(.byteBuffer(ByteBuffer(string: head + body))), promise: nil)
        }
        context.close(mode: .output, promise: nil)
        arm(Self.linger, context: context)
    }

    // MARK: - Timers

    private func waitForNextRequest(_ context: ChannelHandlerContext) {
        requestLineBytes = 0
        arm(idleTimeout, context: context)
    }

    private func arm(_ delay: TimeAmount, context: ChannelHandlerContext) {
        cancelTimer()
        let loopBound = NIOLoopBound(self, eventLoop: context.eventLoop)
        timer = context.eventLoop.scheduleTask(in: delay) { loopBound.value.timerFired() }
    }

    private func cancelTimer() {
        timer?.cancel()
        timer = nil
    }

    private func timerFired() {
        timer = nil
        guard let context else { return }
        switch phase {
        case .waiting:
            logger.debug("closing an idle API connection", metadata: ["event": "api.idle_timeout"])
            context.close(promise: nil)
        case .reading:
            logger.info(
                "closing an API connection whose request did not arrive in time",
                metadata: ["event": "api.request_timeout", "peer": .string(context.remoteAddress?.ipAddress ?? "?")])
            refuse(.requestTimeout, code: "request_timeout", message: "the request did not arrive in time")
        case .answering:
            break
        case .refused:
            context.close(promise: nil)
        }
    }

    /// `{"error": {"code": ..., "message": ...}}`, as every other API error.
    static func errorBody(code: String, message: String) -> String {
        var writer = JSONWriter()
        writer.object { o in
            o.object("error") { e in
                e.string("code", code)
                e.string("message", message)
            }
        }
        return String(buffer: writer.buffer)
    }
}
