import Hummingbird
import NIOCore
import NIOHTTP1

/// Sits right after the HTTP/1 decoder: tells ``ConnectionGuardHandler`` where each request and
/// response begins and ends, and turns the decoder's parse errors into JSON refusals with the
/// status that fits (431 for a head over the limits, 400 for the rest) instead of an empty 400.
final class RequestBoundaryHandler: ChannelDuplexHandler, RemovableChannelHandler {
    typealias InboundIn = HTTPServerRequestPart
    typealias InboundOut = HTTPServerRequestPart
    typealias OutboundIn = HTTPServerResponsePart
    typealias OutboundOut = HTTPServerResponsePart

    private let connectionGuard: ConnectionGuardHandler

    init(connectionGuard: ConnectionGuardHandler) {
        self.connectionGuard = connectionGuard
    }

    func channelRead(context: ChannelHandlerContext, data: NIOAny) {
        switch unwrapInboundIn(data) {
        case .head: connectionGuard.requestBegan()
        case .body: break
        case .end: connectionGuard.requestEnded()
        }
        context.fireChannelRead(data)
    }

    func write(context: ChannelHandlerContext, data: NIOAny, promise: EventLoopPromise<Void>?) {
        switch unwrapOutboundIn(data) {
        case .head(let head):
            let type = head.headers.first(name: "content-type") ?? ""
            connectionGuard.responseBegan(eventStream: type.hasPrefix("text/event-stream"))
        case .body: break
        case .end: connectionGuard.responseEnded()
        }
        context.write(data, promise: promise)
    }

    func errorCaught(context: ChannelHandlerContext, error: any Error) {
        guard let parseError = error as? HTTPParserError else {
            context.fireErrorCaught(error)
            return
        }
        let (status, code, message) = Self.refusal(for: parseError)
        connectionGuard.refuse(status, code: code, message: message)
    }

    /// The status, code and message for a request the decoder could not read.
    static func refusal(for error: HTTPParserError) -> (HTTPResponse.Status, String, String) {
        switch error {
        case .headerOverflow:
            return (.requestHeaderFieldsTooLarge, "headers_too_large", "the request's headers are too large or too many")
        case .unexpectedContentLength, .invalidContentLength:
            return (.badRequest, "bad_request", "the request's Content-Length is invalid, repeated or given with Transfer-Encoding")
        case .invalidChunkSize:
            return (.badRequest, "bad_request", "the request's chunked body is malformed")
        case .invalidURL, .invalidPath, .invalidQueryString, .invalidFragment:
            return (.badRequest, "bad_request", "the request's path is not valid")
        case .invalidVersion:
            return (.badRequest, "bad_request", "the request's HTTP version is not valid")
        default:
            return (.badRequest, "bad_request", "the request is not valid HTTP/1.1")
        }
    }
}
