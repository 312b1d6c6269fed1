extension RedisCommand {
    /// The bytes of argument `index` (0 is the command name).
    func argument(_ index: Int) -> ArraySlice<UInt8> {
        buffer[(index == 0 ? 0 : ends[index - 1])..<ends[index]]
    }

    /// The keys this command names, as a Redis Cluster routes it: none for commands that name no
    /// key (`PING`, `SCRIPT LOAD`, `INFO`); for `SCAN ... MATCH pattern`, the pattern when it holds
    /// a hash tag (every key it can match lives in that tag's slot).
    var keys: [ArraySlice<UInt8>] {
        let name = String(decoding: argument(0), as: UTF8.self).uppercased()
        let all = Array(1..<count)
        let indices: [Int]
        switch name {
        case "PING", "ECHO", "INFO", "SCRIPT", "CLUSTER", "ASKING", "READONLY", "READWRITE", "AUTH", "SELECT", "HELLO", "CLIENT",
            "CONFIG", "DBSIZE", "TIME", "FLUSHALL", "FLUSHDB", "KEYS", "RANDOMKEY", "MULTI", "EXEC", "DISCARD", "FUNCTION", "COMMAND",
            "PUBLISH", "SUBSCRIBE", "WAIT", "LASTSAVE", "MEMORY", "SLOWLOG", "LATENCY", "ROLE", "QUIT":
            indices = []
        case "SCAN":
            let match = all.first { String(decoding: argument($0), as: UTF8.self).uppercased() == "MATCH" }
            guard let match, match + 1 < count, RedisHashSlot.hasTag(argument(match + 1)) else { return [] }
            indices = [match + 1]
        case "EVAL", "EVALSHA", "EVAL_RO", "EVALSHA_RO", "FCALL", "FCALL_RO":
            let n = count > 2 ? Int(String(decoding: argument(2), as: UTF8.self)) ?? 0 : 0
            indices = Array(3..<min(count, 3 + max(0, n)))
        case "BLPOP", "BRPOP", "BZPOPMIN", "BZPOPMAX", "BRPOPLPUSH":
            indices = Array(all.dropLast())
        case "MGET", "DEL", "UNLINK", "EXISTS", "TOUCH", "WATCH", "SINTER", "SUNION", "SDIFF", "PFCOUNT":
            indices = all
        case "RPOPLPUSH", "LMOVE", "BLMOVE", "SMOVE", "RENAME", "RENAMENX", "COPY":
            indices = Array(all.prefix(2))
        case "MSET", "MSETNX":
            indices = all.filter { $0 % 2 == 1 }
        case "XREAD", "XREADGROUP":
            guard let streams = all.first(where: { String(decoding: argument($0), as: UTF8.self).uppercased() == "STREAMS" }) else { return [] }
            let rest = Array((streams + 1)..<count)
            indices = Array(rest.prefix(rest.count / 2))
        case "MIGRATE":
            indices = count > 3 && !argument(3).isEmpty ? [3] : []
        default:
            indices = count > 1 ? [1] : []
        }
        return indices.map(argument)
    }
}
