#if canImport(Glibc)
    import Glibc
#endif

/// The name a process gives itself where several share a queue: `host:pid:xxxx`, the last part
/// random so a restarted process with a reused pid is still told apart.
enum InstanceID {
    /// A new `host:pid:xxxx`.
    static func make() -> String {
        var buffer = [CChar](repeating: 0, count: 256)
        gethostname(&buffer, buffer.count - 1)
        let host = String(decoding: buffer.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }, as: UTF8.self)
        return "\(host):\(getpid()):\(String(RandomSource.next() & 0xFFFF, radix: 16))"
    }
}
