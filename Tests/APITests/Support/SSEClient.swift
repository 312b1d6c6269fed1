import Foundation
import Synchronization

#if canImport(Glibc)
    import Glibc
#endif

/// One Server-Sent Event as the client parsed it.
struct SSEEvent: Sendable, Equatable {
    var id: String?
    var event: String?
    var data: String
}

/// Reads a Server-Sent Events stream on a thread of its own and hands the events over as an
/// async sequence; ``close()`` shuts the socket so the thread ends.
final class SSEClient: Sendable {
    let status: Int
    let headers: [String: String]
    let events: AsyncStream<SSEEvent>
    private let fd: Int32
    private let closed = Mutex(false)

    /// Connects and reads the response head; the events follow in ``events``.
    static func open(port: Int, path: String, token: String? = nil, lastEventID: String? = nil) async throws -> SSEClient {
        try await withCheckedThrowingContinuation { continuation in
            Thread.detachNewThread {
                do {
                    let fd = try HTTPTestClient.connect(port: port)
                    var request = "GET \(path) HTTP/1.1\r\nHost: 127.0.0.1\r\nAccept: text/event-stream\r\n"
                    if let token { request += "Authorization: Bearer \(token)\r\n" }
                    if let lastEventID { request += "Last-Event-ID: \(lastEventID)\r\n" }
                    request += "\r\n"
                    try HTTPTestClient.send(fd, Array(request.utf8))
                    var raw: [UInt8] = []
                    var buffer = [UInt8](repeating: 0, count: 65_536)
                    var parsed: (status: Int, headers: [String: String], bodyStart: Int)?
                    while parsed == nil {
                        let n = read(fd, &buffer, buffer.count)
                        guard n > 0 else { throw HTTPTestClient.Failure(description: "the stream closed before its head") }
                        raw += buffer[0..<n]
                        parsed = HTTPTestClient.head(raw)
                    }
                    let (stream, sink) = AsyncStream<SSEEvent>.makeStream()
                    let client = SSEClient(fd: fd, status: parsed!.status, headers: parsed!.headers, events: stream)
                    continuation.resume(returning: client)
                    client.pump(initial: Array(raw[parsed!.bodyStart...]), chunked: parsed!.headers["transfer-encoding"] == "chunked", into: sink)
                } catch {
                    continuation.resume(throwing: error)
                }
            }
        }
    }

    private init(fd: Int32, status: Int, headers: [String: String], events: AsyncStream<SSEEvent>) {
        self.fd = fd
        self.status = status
        self.headers = headers
        self.events = events
    }

    private func pump(initial: [UInt8], chunked: Bool, into sink: AsyncStream<SSEEvent>.Continuation) {
        var decoder = ChunkDecoder()
        var text = ""
        var incoming = initial
        var buffer = [UInt8](repeating: 0, count: 65_536)
        while true {
            text += String(decoding: chunked ? decoder.feed(incoming) : incoming, as: UTF8.self)
            while let range = text.range(of: "\n\n") {
                let block = text[..<range.lowerBound]
                text.removeSubrange(..<range.upperBound)
                var event = SSEEvent(data: "")
                var isEvent = false
                for line in block.split(separator: "\n") where !line.hasPrefix(":") {
                    let (name, value) =
                        line.firstIndex(of: ":").map { (line[..<$0], line[line.index(after: $0)...].drop { $0 == " " }) } ?? (line, "")
                    switch name {
                    case "id": event.id = String(value)
                    case "event": event.event = String(value)
                    case "data":
                        event.data += String(value)
                        isEvent = true
                    default: break
                    }
                }
                if isEvent { sink.yield(event) }
            }
            let n = read(fd, &buffer, buffer.count)
            if n <= 0 || decoder.finished { break }
            incoming = Array(buffer[0..<n])
        }
        sink.finish()
        closed.withLock { isClosed in
            if !isClosed { Glibc.close(fd) }
            isClosed = true
        }
    }

    /// Ends the connection.
    func close() {
        closed.withLock { isClosed in
            if !isClosed { shutdown(fd, Int32(SHUT_RDWR)) }
        }
    }
}
