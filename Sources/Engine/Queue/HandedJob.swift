/// A job an enqueue handed straight to an idle fetcher, as it travels through the fetcher's
/// ``QueueKeys/inbox(_:)``: the lock's expiry, the id, the token and the job's fields, each written as
/// `<length>:<bytes>`.
///
/// The job is already active under that lock when it arrives, so the fetcher runs it with no further
/// round trip. One whose lock has expired is dropped: the stalled check gives it to another worker.
struct HandedJob: Sendable {
    /// The job and its lock token.
    var active: ActiveJob
    /// Epoch ms at which the lock expires unless renewed.
    var lockedUntil: Int64

    /// Decodes an inbox element; nil for the empty element that only wakes the fetcher, or for one
    /// that is malformed.
    init?(_ bytes: [UInt8]) {
        var parts: [RedisValue] = []
        var i = 0
        while i < bytes.count {
            var length = 0
            while i < bytes.count, bytes[i] != UInt8(ascii: ":") {
                let digit = Int(bytes[i]) - Int(UInt8(ascii: "0"))
                guard (0...9).contains(digit), length < 1 << 40 else { return nil }
                length = length * 10 + digit
                i += 1
            }
            guard i < bytes.count, bytes.count - (i + 1) >= length else { return nil }
            parts.append(.bulk(Array(bytes[(i + 1)..<(i + 1 + length)])))
            i += 1 + length
        }
        guard parts.count >= 3, let until = parts[0].int, let id = parts[1].string, let token = parts[2].string,
            let job = Job(id: id, fields: Array(parts[3...]))
        else { return nil }
        active = ActiveJob(job: job, token: token)
        lockedUntil = Int64(until)
    }
}
