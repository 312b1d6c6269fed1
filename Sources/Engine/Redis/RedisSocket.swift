import Glibc

/// A non-blocking socket to a Redis server: connect with a timeout, send, receive, close.
///
/// Plain POSIX calls, so the connection controls exactly which thread blocks (only its reader
/// thread, in `poll`).
struct RedisSocket {
    let fd: Int32

    /// Connects to `endpoint` within `timeout`; the socket is non-blocking and, for TCP, has Nagle off.
    static func connect(to endpoint: RedisEndpoint, timeout: Duration) -> Result<RedisSocket, RedisError> {
        if let path = endpoint.socketPath {
            return connectUnix(path: path, endpoint: endpoint, timeout: timeout)
        }
        var hints = addrinfo()
        hints.ai_family = AF_UNSPEC
        hints.ai_socktype = Int32(SOCK_STREAM.rawValue)
        var list: UnsafeMutablePointer<addrinfo>?
        let rc = getaddrinfo(endpoint.host ?? "127.0.0.1", String(endpoint.port), &hints, &list)
        guard rc == 0, let first = list else {
            return .failure(RedisError(.connection, "\(endpoint): cannot resolve host: \(String(cString: gai_strerror(rc)))"))
        }
        defer { freeaddrinfo(list) }
        var lastError = "no address"
        var node: UnsafeMutablePointer<addrinfo>? = first
        while let info = node {
            node = info.pointee.ai_next
            let fd = socket(
                info.pointee.ai_family, info.pointee.ai_socktype | Int32(SOCK_NONBLOCK.rawValue | SOCK_CLOEXEC.rawValue), info.pointee.ai_protocol)
            if fd < 0 { continue }
            var one: Int32 = 1
            setsockopt(fd, Int32(IPPROTO_TCP), TCP_NODELAY, &one, socklen_t(MemoryLayout<Int32>.size))
            if let error = finishConnect(fd, Glibc.connect(fd, info.pointee.ai_addr, info.pointee.ai_addrlen), timeout) {
                lastError = error
                Glibc.close(fd)
                continue
            }
            return .success(RedisSocket(fd: fd))
        }
        return .failure(RedisError(.connection, "\(endpoint): \(lastError)"))
    }

    private static func connectUnix(path: String, endpoint: RedisEndpoint, timeout: Duration) -> Result<RedisSocket, RedisError> {
        var address = sockaddr_un()
        address.sun_family = sa_family_t(AF_UNIX)
        let bytes = Array(path.utf8)
        guard bytes.count < MemoryLayout.size(ofValue: address.sun_path) else {
            return .failure(RedisError(.connection, "\(endpoint): socket path too long"))
        }
        withUnsafeMutableBytes(of: &address.sun_path) { raw in
            raw.copyBytes(from: bytes)
            raw[bytes.count] = 0
        }
        let fd = socket(AF_UNIX, Int32(SOCK_STREAM.rawValue | SOCK_NONBLOCK.rawValue | SOCK_CLOEXEC.rawValue), 0)
        guard fd >= 0 else { return .failure(RedisError(.connection, "\(endpoint): \(String(cString: strerror(errno)))")) }
        let rc = withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { Glibc.connect(fd, $0, socklen_t(MemoryLayout<sockaddr_un>.size)) }
        }
        if let error = finishConnect(fd, rc, timeout) {
            Glibc.close(fd)
            return .failure(RedisError(.connection, "\(endpoint): \(error)"))
        }
        return .success(RedisSocket(fd: fd))
    }

    /// Waits for a non-blocking connect to finish; nil on success, else the reason.
    private static func finishConnect(_ fd: Int32, _ rc: Int32, _ timeout: Duration) -> String? {
        if rc == 0 { return nil }
        guard errno == EINPROGRESS || errno == EAGAIN else { return String(cString: strerror(errno)) }
        var poller = pollfd(fd: fd, events: Int16(POLLOUT), revents: 0)
        let ready = poll(&poller, 1, Int32(clamping: timeout.milliseconds))
        if ready == 0 { return "connect timed out" }
        if ready < 0 { return String(cString: strerror(errno)) }
        var error: Int32 = 0
        var length = socklen_t(MemoryLayout<Int32>.size)
        getsockopt(fd, SOL_SOCKET, SO_ERROR, &error, &length)
        return error == 0 ? nil : String(cString: strerror(error))
    }

    /// Sends as much of `bytes[offset...]` as the socket takes now; the count sent, or nil on a
    /// broken link.
    func send(_ bytes: [UInt8], from offset: Int = 0) -> Int? {
        if offset >= bytes.count { return 0 }
        let n = bytes.withUnsafeBytes { raw in
            Glibc.send(fd, raw.baseAddress! + offset, bytes.count - offset, Int32(MSG_NOSIGNAL))
        }
        if n >= 0 { return n }
        return errno == EAGAIN || errno == EWOULDBLOCK || errno == EINTR ? 0 : nil
    }

    /// Reads what is there into `buffer`; the count, 0 when nothing is ready, nil at EOF or error.
    func receive(into buffer: inout [UInt8]) -> Int? {
        let n = buffer.withUnsafeMutableBytes { recv(fd, $0.baseAddress, $0.count, 0) }
        if n > 0 { return n }
        if n < 0 && (errno == EAGAIN || errno == EWOULDBLOCK || errno == EINTR) { return 0 }
        return nil
    }

    func close() { _ = Glibc.close(fd) }
}
