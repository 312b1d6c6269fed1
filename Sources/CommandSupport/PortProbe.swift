#if canImport(Glibc)
    import Glibc
#endif

/// Whether a TCP port can be listened on, asked before a server starts anything else, so that a
/// port in use is one clear line rather than a failure after the engine has started.
package enum PortProbe {
    /// Why `host:port` cannot be listened on (`already in use`, `needs more privileges`), or nil
    /// when it can, or when the probe itself cannot tell (the server's own bind then decides).
    package static func problem(host: String, port: Int) -> String? {
        guard port > 0 else { return nil }
        var hints = addrinfo()
        hints.ai_flags = AI_PASSIVE | AI_NUMERICSERV
        hints.ai_socktype = Int32(SOCK_STREAM.rawValue)
        var found: UnsafeMutablePointer<addrinfo>?
        guard getaddrinfo(host, String(port), &hints, &found) == 0, let address = found else { return nil }
        defer { freeaddrinfo(found) }
        let fd = socket(address.pointee.ai_family, address.pointee.ai_socktype, address.pointee.ai_protocol)
        guard fd >= 0 else { return nil }
        defer { close(fd) }
        // As the server binds: with SO_REUSEADDR, so only a listener on the port refuses it.
        var one: Int32 = 1
        _ = setsockopt(fd, SOL_SOCKET, SO_REUSEADDR, &one, socklen_t(MemoryLayout<Int32>.size))
        guard bind(fd, address.pointee.ai_addr, address.pointee.ai_addrlen) != 0 else { return nil }
        switch errno {
        case EADDRINUSE: return "\(host):\(port) is already in use"
        case EACCES: return "\(host):\(port) needs more privileges than this process has"
        case EADDRNOTAVAIL: return "\(host) is not an address of this machine"
        default: return nil
        }
    }
}
