import Foundation

#if canImport(Glibc)
    import Glibc
#endif

/// Bytes on a socket, for requests no well-behaved client would send: the whole of `bytes` is
/// written (a server that answers early and drops the rest is fine), the write side is shut, and
/// everything the server sends until it closes is read, on a thread of its own.
enum RawHTTP {
    /// Sends `bytes` to 127.0.0.1:`port` and returns what came back (empty when nothing did).
    static func exchange(port: Int, _ bytes: [UInt8], timeout: Int = 15) async throws -> [UInt8] {
        try await withCheckedThrowingContinuation { continuation in
            Thread.detachNewThread {
                do {
                    let fd = try HTTPTestClient.connect(port: port)
                    defer { close(fd) }
                    var timeoutValue = timeval(tv_sec: timeout, tv_usec: 0)
                    setsockopt(fd, SOL_SOCKET, SO_RCVTIMEO, &timeoutValue, socklen_t(MemoryLayout<timeval>.size))
                    setsockopt(fd, SOL_SOCKET, SO_SNDTIMEO, &timeoutValue, socklen_t(MemoryLayout<timeval>.size))
                    var sent = 0
                    while sent < bytes.count {
                        // MSG_NOSIGNAL: a server that closed early must not kill the test with SIGPIPE.
                        let n = bytes[sent...].withUnsafeBytes { Glibc.send(fd, $0.baseAddress, $0.count, Int32(MSG_NOSIGNAL)) }
                        if n <= 0 { break }
                        sent += n
                    }
                    shutdown(fd, Int32(SHUT_WR))
                    continuation.resume(returning: readAll(fd))
                } catch {
                    continuation.resume(throwing: error)
                }
            }
        }
    }

    /// Everything readable until end of file, a reset or the receive timeout.
    static func readAll(_ fd: Int32) -> [UInt8] {
        var raw: [UInt8] = []
        var chunk = [UInt8](repeating: 0, count: 65_536)
        while true {
            let n = read(fd, &chunk, chunk.count)
            if n <= 0 { break }
            raw += chunk[0..<n]
        }
        return raw
    }

    /// The first response in `raw`, parsed; nil when there is none.
    static func response(_ raw: [UInt8]) -> TestResponse? {
        guard let (status, headers, start) = HTTPTestClient.head(raw) else { return nil }
        var body = Array(raw[start...])
        if let length = headers["content-length"].flatMap(Int.init), length <= body.count { body = Array(body[0..<length]) }
        if headers["transfer-encoding"]?.lowercased() == "chunked" {
            var decoder = ChunkDecoder()
            body = decoder.feed(body)
        }
        return TestResponse(status: status, headers: headers, body: body)
    }
}
