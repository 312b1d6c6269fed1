import Hummingbird
import HummingbirdCore
import Logging
import NIOCore
import NIOHTTP1

/// Hummingbird's HTTP/1 channel with the API's guards in front: ``ConnectionGuardHandler`` first
/// (deadlines, request-line limit, JSON refusals) and ``RequestBoundaryHandler`` right after the
/// decoder (request and response boundaries, parse errors). The routes see nothing different.
struct APIHTTPChannel: ServerChildChannel, HTTPChannelHandler {
    typealias Value = HTTP1Channel.Value

    /// Limits of one connection.
    struct Limits: Sendable {
        var requestTimeout: Duration
        var idleTimeout: Duration
        /// The longest request line (method, path and query, version), in bytes; 414 beyond.
        var maxRequestLineBytes = 8 * 1_024
        /// One header line (name and value), in bytes; 431 beyond.
        var maxHeaderFieldBytes = 16 * 1_024
        /// The whole head, in bytes; 431 beyond.
        var maxHeaderBytes = 64 * 1_024
        /// Header lines in a request; 431 beyond.
        var maxHeaderCount = 100
    }

    let responder: HTTPChannelHandler.Responder
    let limits: Limits
    private let http1: HTTP1Channel

    init(responder: @escaping HTTPChannelHandler.Responder, limits: Limits) {
        self.responder = responder
        self.limits = limits
        let decoder = HTTP1Channel.Configuration.DecoderConfiguration(
            // The request line counts against the field limit too; ours (414) is tighter and checked first.
            maxHeaderFieldSize: max(limits.maxHeaderFieldBytes, limits.maxRequestLineBytes + 1), maxHeaderListSize: limits.maxHeaderBytes,
            maxHeaderFieldCount: limits.maxHeaderCount)
        // Idle connections are the guard's to close: Hummingbird's timer would count a half-sent head as idle.
        http1 = HTTP1Channel(responder: responder, configuration: .init(idleTimeout: nil, httpDecoderConfiguration: decoder))
    }

    func setup(channel: any Channel, logger: Logger) -> EventLoopFuture<Value> {
        let limits = self.limits
        let http1 = self.http1
        return channel.eventLoop.makeCompletedFuture { () -> NIOLoopBound<ConnectionGuardHandler> in
            let connectionGuard = ConnectionGuardHandler(
                requestTimeout: limits.requestTimeout, idleTimeout: limits.idleTimeout, maxRequestLineBytes: limits.maxRequestLineBytes,
                logger: logger)
            try channel.pipeline.syncOperations.addHandler(connectionGuard)
            return NIOLoopBound(connectionGuard, eventLoop: channel.eventLoop)
        }.flatMap { connectionGuard in
            http1.setup(channel: channel, logger: logger).flatMapThrowing { value in
                let operations = channel.pipeline.syncOperations
                let decoder = try operations.handler(type: ByteToMessageHandler<HTTPRequestDecoder>.self)
                try operations.addHandler(RequestBoundaryHandler(connectionGuard: connectionGuard.value), position: .after(decoder))
                return value
            }
        }
    }

    func handle(value: Value, logger: Logger) async {
        await http1.handle(value: value, logger: logger)
    }
}
