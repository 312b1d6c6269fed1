import Engine
import NIOCore
import NIOHTTP1
import NIOPosix
import Synchronization

/// A small HTTP/1.1 server on 127.0.0.1: the demo target, the benchmark's target and the tests'.
///
/// The handler runs on the connection's event loop and must not block; a response may ask to be
/// sent after a delay (a slow or hanging target) without holding anything but a timer.
public final class LoopbackHTTPServer: Sendable {
    /// One request as received.
    public struct Request: Sendable {
        /// The method, e.g. `GET`.
        public var method: String
        /// The path without the query, e.g. `/flaky`.
        public var path: String
        /// Query parameters (the last value wins).
        public var query: [String: String]
        /// Header name/value pairs, in order.
        public var headers: [(name: String, value: String)]
        /// The body.
        public var body: [UInt8]

        /// The first value of header `name` (any case).
        public func header(_ name: String) -> String? {
            headers.first { $0.name.lowercased() == name.lowercased() }?.value
        }
    }

    /// The response to send.
    public struct Response: Sendable {
        /// The status code.
        public var status: Int
        /// Headers besides `Content-Length`, which is set from the body.
        public var headers: [(name: String, value: String)]
        /// The body.
        public var body: [UInt8]
        /// Wait this long before answering.
        public var delay: Duration

        /// A response.
        public init(status: Int, headers: [(name: String, value: String)] = [], body: [UInt8] = [], delay: Duration = .zero) {
            self.status = status
            self.headers = headers
            self.body = body
            self.delay = delay
        }

        /// A JSON response.
        public static func json(_ status: Int, _ text: String, headers: [(name: String, value: String)] = [], delay: Duration = .zero) -> Response {
            Response(status: status, headers: [("Content-Type", "application/json")] + headers, body: Array(text.utf8), delay: delay)
        }
    }

    /// Answers one request.
    public typealias Handler = @Sendable (Request) -> Response

    /// The port it listens on.
    public let port: Int
    private let channel: any Channel
    private let connections: Connections

    private init(port: Int, channel: any Channel, connections: Connections) {
        self.port = port
        self.channel = channel
        self.connections = connections
    }

    /// Starts a server on 127.0.0.1:`port` (0: a free port, see ``port``).
    public static func start(port: Int = 0, handler: @escaping Handler) async throws -> LoopbackHTTPServer {
        let connections = Connections()
        let channel = try await ServerBootstrap(group: MultiThreadedEventLoopGroup.singleton)
            .serverChannelOption(.backlog, value: 512)
            .serverChannelOption(.socketOption(.so_reuseaddr), value: 1)
            .childChannelOption(.socketOption(.tcp_nodelay), value: 1)
            .childChannelInitializer { channel in
                connections.add(channel)
                return channel.eventLoop.makeCompletedFuture {
                    try channel.pipeline.syncOperations.configureHTTPServerPipeline()
                    try channel.pipeline.syncOperations.addHandler(ConnectionHandler(handler: handler))
                }
            }
            .bind(host: "127.0.0.1", port: port)
            .get()
        return LoopbackHTTPServer(port: channel.localAddress?.port ?? port, channel: channel, connections: connections)
    }

    /// Stops listening and closes every open connection (a hanging response included).
    public func shutdown() async {
        try? await channel.close()
        for connection in connections.all() { try? await connection.close() }
    }
}

/// The server's open connections, so shutdown can close them.
private final class Connections: Sendable {
    private let open = Mutex<[ObjectIdentifier: any Channel]>([:])

    func add(_ channel: any Channel) {
        let id = ObjectIdentifier(channel)
        open.withLock { $0[id] = channel }
        channel.closeFuture.whenComplete { _ in _ = self.open.withLock { $0.removeValue(forKey: id) } }
    }

    func all() -> [any Channel] { open.withLock { Array($0.values) } }
}

/// Reads one request at a time from a connection and writes the handler's answer.
private final class ConnectionHandler: ChannelInboundHandler {
    typealias InboundIn = HTTPServerRequestPart
    typealias OutboundOut = HTTPServerResponsePart

    private let handler: LoopbackHTTPServer.Handler
    private var head: HTTPRequestHead?
    private var body: [UInt8] = []

    init(handler: @escaping LoopbackHTTPServer.Handler) {
        self.handler = handler
    }

    func channelRead(context: ChannelHandlerContext, data: NIOAny) {
        switch unwrapInboundIn(data) {
        case .head(let h):
            head = h
            body = []
        case .body(let buffer):
            if body.count < 16 * 1024 * 1024 { body.append(contentsOf: buffer.readableBytesView) }
        case .end:
            guard let head else { return }
            self.head = nil
            let (path, query) = Self.split(head.uri)
            let request = LoopbackHTTPServer.Request(
                method: head.method.rawValue, path: path, query: query, headers: head.headers.map { ($0.name, $0.value) }, body: body)
            let response = handler(request)
            let keepAlive = head.isKeepAlive
            if response.delay > .zero {
                let bound = NIOLoopBound((self, context), eventLoop: context.eventLoop)
                context.eventLoop.scheduleTask(in: .nanoseconds(Int64(response.delay.milliseconds) * 1_000_000)) {
                    let (handler, context) = bound.value
                    handler.write(response, keepAlive: keepAlive, version: head.version, context: context)
                }
            } else {
                write(response, keepAlive: keepAlive, version: head.version, context: context)
            }
        }
    }

    private func write(_ response: LoopbackHTTPServer.Response, keepAlive: Bool, version: HTTPVersion, context: ChannelHandlerContext) {
        guard context.channel.isActive else { return }
        var headers = HTTPHeaders(response.headers.map { ($0.name, $0.value) })
        headers.replaceOrAdd(name: "Content-Length", value: String(response.body.count))
        if !keepAlive { headers.replaceOrAdd(name: "Connection", value: "close") }
        let head = HTTPResponseHead(version: version, status: HTTPResponseStatus(statusCode: response.status), headers: headers)
        context.write(wrapOutboundOut(.head(head)), promise: nil)
        if !response.body.isEmpty {
            context.write(wrapOutboundOut(.body(.byteBuffer(context.channel.allocator.buffer(bytes: response.body)))), promise: nil)
        }
        if keepAlive {
            context.writeAndFlush(wrapOutboundOut(.end(nil)), promise: nil)
        } else {
            let channel = context.channel
            context.writeAndFlush(wrapOutboundOut(.end(nil))).whenComplete { _ in channel.close(promise: nil) }
        }
    }

    private static func split(_ uri: String) -> (String, [String: String]) {
        guard let q = uri.firstIndex(of: "?") else { return (uri, [:]) }
        var query: [String: String] = [:]
        for pair in uri[uri.index(after: q)...].split(separator: "&") {
            let parts = pair.split(separator: "=", maxSplits: 1)
            let key = String(parts[0]).removingPercentEncoding ?? String(parts[0])
            let value = parts.count > 1 ? (String(parts[1]).removingPercentEncoding ?? String(parts[1])) : ""
            query[key] = value
        }
        return (String(uri[..<q]), query)
    }
}
