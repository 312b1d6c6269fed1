import Foundation

#if canImport(Glibc)
    import Glibc
#endif

/// A response as the test client read it.
struct TestResponse: Sendable {
    var status: Int
    /// Header names lowercased; a repeated header keeps its last value.
    var headers: [String: String]
    var body: [UInt8]

    var text: String { String(decoding: body, as: UTF8.self) }

    /// The body as a JSON object (empty when it is not one).
    var object: [String: Any] {
        (try? JSONSerialization.jsonObject(with: Data(body))) as? [String: Any] ?? [:]
    }

    /// `error.field` / `error.code` of an error body.
    var errorField: String? { (object["error"] as? [String: Any])?["field"] as? String }
    var errorCode: String? { (object["error"] as? [String: Any])?["code"] as? String }
}

/// A tiny HTTP/1.1 client over a blocking socket on a thread of its own (never on the cooperative
/// pool): one request per connection, `Connection: close`, chunked bodies decoded.
enum HTTPTestClient {
    struct Failure: Error, CustomStringConvertible {
        var description: String
    }

    static func request(
        port: Int, _ method: String, _ path: String, token: String? = nil, headers: [(String, String)] = [], body: [UInt8]? = nil,
        json: String? = nil
    ) async throws -> TestResponse {
        var head = "\(method) \(path) HTTP/1.1\r\nHost: 127.0.0.1:\(port)\r\nConnection: close\r\n"
        if let token { head += "Authorization: Bearer \(token)\r\n" }
        var payload = body
        if let json {
            payload = Array(json.utf8)
            head += "Content-Type: application/json\r\n"
        }
        for (name, value) in headers { head += "\(name): \(value)\r\n" }
        if let payload { head += "Content-Length: \(payload.count)\r\n" }
        head += "\r\n"
        let bytes = Array(head.utf8) + (payload ?? [])
        return try await withCheckedThrowingContinuation { continuation in
            Thread.detachNewThread {
                do {
                    let fd = try connect(port: port)
                    defer { close(fd) }
                    try send(fd, bytes)
                    var raw: [UInt8] = []
                    var chunk = [UInt8](repeating: 0, count: 65_536)
                    while true {
                        let n = read(fd, &chunk, chunk.count)
                        if n <= 0 { break }
                        raw += chunk[0..<n]
                    }
                    continuation.resume(returning: try parse(raw))
                } catch {
                    continuation.resume(throwing: error)
                }
            }
        }
    }

    static func connect(port: Int) throws -> Int32 {
        let fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        guard fd >= 0 else { throw Failure(description: "socket failed") }
        var timeout = timeval(tv_sec: 30, tv_usec: 0)
        setsockopt(fd, SOL_SOCKET, SO_RCVTIMEO, &timeout, socklen_t(MemoryLayout<timeval>.size))
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_port = in_port_t(UInt16(port).bigEndian)
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        let rc = withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { Glibc.connect(fd, $0, socklen_t(MemoryLayout<sockaddr_in>.size)) }
        }
        guard rc == 0 else {
            close(fd)
            throw Failure(description: "connect to port \(port) failed")
        }
        return fd
    }

    static func send(_ fd: Int32, _ bytes: [UInt8]) throws {
        var sent = 0
        while sent < bytes.count {
            let n = bytes[sent...].withUnsafeBytes { write(fd, $0.baseAddress, $0.count) }
            guard n > 0 else { throw Failure(description: "write failed") }
            sent += n
        }
    }

    /// Splits the head; returns status, headers and the index where the body starts.
    static func head(_ raw: [UInt8]) -> (status: Int, headers: [String: String], bodyStart: Int)? {
        guard let end = find([13, 10, 13, 10], in: raw, from: 0) else { return nil }
        let lines = String(decoding: raw[0..<end], as: UTF8.self).components(separatedBy: "\r\n")
        guard let first = lines.first, first.count >= 12, let status = Int(first.split(separator: " ")[1]) else { return nil }
        var headers: [String: String] = [:]
        for line in lines.dropFirst() {
            guard let colon = line.firstIndex(of: ":") else { continue }
            headers[line[..<colon].lowercased()] = line[line.index(after: colon)...].trimmingCharacters(in: .whitespaces)
        }
        return (status, headers, end + 4)
    }

    static func parse(_ raw: [UInt8]) throws -> TestResponse {
        guard let (status, headers, start) = head(raw) else { throw Failure(description: "no response head in \(raw.count) bytes") }
        var body = Array(raw[start...])
        if headers["transfer-encoding"]?.lowercased() == "chunked" {
            var decoder = ChunkDecoder()
            body = decoder.feed(body)
        }
        return TestResponse(status: status, headers: headers, body: body)
    }

    static func find(_ needle: [UInt8], in haystack: [UInt8], from: Int) -> Int? {
        guard haystack.count >= needle.count else { return nil }
        var i = from
        while i + needle.count <= haystack.count {
            if haystack[i] == needle[0] && Array(haystack[i..<(i + needle.count)]) == needle { return i }
            i += 1
        }
        return nil
    }
}

/// Decodes `Transfer-Encoding: chunked` incrementally.
struct ChunkDecoder {
    private var pending: [UInt8] = []
    private(set) var finished = false

    mutating func feed(_ bytes: [UInt8]) -> [UInt8] {
        pending += bytes
        var out: [UInt8] = []
        while !finished, let lineEnd = HTTPTestClient.find([13, 10], in: pending, from: 0) {
            let sizeText = String(decoding: pending[0..<lineEnd], as: UTF8.self).split(separator: ";").first ?? ""
            guard let size = Int(sizeText.trimmingCharacters(in: .whitespaces), radix: 16) else { break }
            if size == 0 {
                finished = true
                break
            }
            guard pending.count >= lineEnd + 2 + size + 2 else { break }
            out += pending[(lineEnd + 2)..<(lineEnd + 2 + size)]
            pending.removeFirst(lineEnd + 2 + size + 2)
        }
        return out
    }
}
