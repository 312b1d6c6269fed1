import CHiredis

/// Parses RESP replies out of the bytes a connection reads, with hiredis's reader.
/// Used by one thread at a time (the connection's reader thread).
final class RedisReplyReader {
    private let reader: UnsafeMutablePointer<redisReader>

    init() {
        reader = redisReaderCreate()
    }

    deinit { redisReaderFree(reader) }

    /// Hands over bytes read from the socket.
    func feed(_ bytes: UnsafeRawBufferPointer) {
        _ = redisReaderFeed(reader, bytes.baseAddress?.assumingMemoryBound(to: CChar.self), bytes.count)
    }

    /// The next complete reply, nil when more bytes are needed; throws on a protocol error.
    func next() throws(RedisError) -> RedisValue? {
        var raw: UnsafeMutableRawPointer?
        guard redisReaderGetReply(reader, &raw) == REDIS_OK else {
            throw RedisError(.unexpectedReply, String(cString: crontui_redis_reader_errstr(reader)))
        }
        guard let raw else { return nil }
        defer { freeReplyObject(raw) }
        return Self.decode(raw.assumingMemoryBound(to: redisReply.self))
    }

    static func decode(_ reply: UnsafeMutablePointer<redisReply>) -> RedisValue {
        let r = reply.pointee
        switch r.type {
        case REDIS_REPLY_STRING:
            guard let str = r.str else { return .bulk([]) }
            return .bulk(Array(UnsafeRawBufferPointer(start: str, count: r.len)))
        case REDIS_REPLY_STATUS:
            return .status(r.str.map { String(decoding: UnsafeRawBufferPointer(start: $0, count: r.len), as: UTF8.self) } ?? "")
        case REDIS_REPLY_ERROR:
            return .error(r.str.map { String(decoding: UnsafeRawBufferPointer(start: $0, count: r.len), as: UTF8.self) } ?? "")
        case REDIS_REPLY_INTEGER:
            return .integer(r.integer)
        case REDIS_REPLY_ARRAY:
            guard let elements = r.element else { return .array([]) }
            return .array((0..<r.elements).map { decode(elements[$0]!) })
        default:
            return .null
        }
    }
}
