/// A reply from Redis, decoded from RESP. Bulk strings stay bytes: they may hold NUL and invalid UTF-8.
package enum RedisValue: Sendable, Equatable {
    /// A status reply such as `OK`.
    case status(String)
    /// An error reply such as `NOSCRIPT No matching script`.
    case error(String)
    /// An integer reply.
    case integer(Int64)
    /// A bulk string, byte for byte.
    case bulk([UInt8])
    /// The null bulk string or null array.
    case null
    /// An array reply.
    case array([RedisValue])

    /// The text of a bulk string or status reply (bytes decoded as UTF-8, invalid bytes replaced).
    package var string: String? {
        switch self {
        case .bulk(let bytes): String(decoding: bytes, as: UTF8.self)
        case .status(let s): s
        case .integer(let i): String(i)
        default: nil
        }
    }

    /// The value of an integer reply, or of a bulk string holding a decimal integer.
    package var int: Int? {
        switch self {
        case .integer(let i): Int(i)
        case .bulk(let bytes): Int(String(decoding: bytes, as: UTF8.self))
        default: nil
        }
    }

    /// The bytes of a bulk string.
    package var bytes: [UInt8]? {
        if case .bulk(let b) = self { return b }
        return nil
    }

    /// The elements of an array reply.
    package var array: [RedisValue]? {
        if case .array(let a) = self { return a }
        return nil
    }

    /// True for the null reply.
    package var isNull: Bool { self == .null }
}
