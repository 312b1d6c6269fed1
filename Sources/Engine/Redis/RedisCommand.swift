/// One Redis command as binary-safe arguments, stored in one flat buffer so that sending it costs
/// no per-argument allocation.
package struct RedisCommand: Sendable {
    /// All argument bytes, back to back.
    private(set) var buffer: [UInt8] = []
    /// The end offset of each argument in `buffer`.
    private(set) var ends: [Int] = []
    /// Set for commands that block server-side (BLMOVE, BLPOP, XREAD BLOCK): the longest the server
    /// may hold the reply, so the client waits at least that long.
    package var blockingTimeout: Duration?

    /// A command from its name and arguments.
    package init(_ name: String, _ arguments: any RedisArgument...) {
        self.init(name, arguments)
    }

    /// A command from its name and an argument list.
    package init(_ name: String, _ arguments: [any RedisArgument]) {
        buffer.reserveCapacity(name.utf8.count + arguments.count * 16)
        ends.reserveCapacity(arguments.count + 1)
        append(name)
        for argument in arguments { append(argument) }
    }

    /// Adds one argument.
    package mutating func append(_ argument: some RedisArgument) {
        argument.appendRedisBytes(to: &buffer)
        ends.append(buffer.count)
    }

    /// Adds one argument given as an existential.
    package mutating func append(_ argument: any RedisArgument) {
        argument.appendRedisBytes(to: &buffer)
        ends.append(buffer.count)
    }

    /// Appends the command in RESP, as it goes on the wire.
    func encode(into out: inout [UInt8]) {
        out.append(UInt8(ascii: "*"))
        out.append(contentsOf: String(ends.count).utf8)
        out.append(contentsOf: [13, 10])
        var start = 0
        for end in ends {
            out.append(UInt8(ascii: "$"))
            out.append(contentsOf: String(end - start).utf8)
            out.append(contentsOf: [13, 10])
            out.append(contentsOf: buffer[start..<end])
            out.append(contentsOf: [13, 10])
            start = end
        }
    }

    /// The number of arguments, the command name included.
    package var count: Int { ends.count }

    /// The command name, for logs and errors.
    package var name: String { String(decoding: buffer[0..<(ends.first ?? 0)], as: UTF8.self) }
}

/// A value that can be sent as one Redis argument.
package protocol RedisArgument: Sendable {
    /// Appends the argument's bytes.
    func appendRedisBytes(to buffer: inout [UInt8])
}

extension String: RedisArgument {
    package func appendRedisBytes(to buffer: inout [UInt8]) { buffer.append(contentsOf: utf8) }
}

extension Substring: RedisArgument {
    package func appendRedisBytes(to buffer: inout [UInt8]) { buffer.append(contentsOf: utf8) }
}

extension Int: RedisArgument {
    package func appendRedisBytes(to buffer: inout [UInt8]) { buffer.append(contentsOf: String(self).utf8) }
}

extension Int64: RedisArgument {
    package func appendRedisBytes(to buffer: inout [UInt8]) { buffer.append(contentsOf: String(self).utf8) }
}

extension Double: RedisArgument {
    package func appendRedisBytes(to buffer: inout [UInt8]) { buffer.append(contentsOf: String(self).utf8) }
}

extension Array: RedisArgument where Element == UInt8 {
    package func appendRedisBytes(to buffer: inout [UInt8]) { buffer.append(contentsOf: self) }
}
