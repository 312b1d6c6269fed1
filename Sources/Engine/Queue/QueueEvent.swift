/// One lifecycle event from the queue's event stream.
public struct QueueEvent: Sendable, Equatable {
    /// What happened.
    public enum Kind: String, Sendable, CaseIterable {
        case enqueued, delayed, active, completed, failed, retrying, stalled, released, removed, paused, resumed
    }

    /// The stream entry id (`<ms>-<seq>`); pass it to resume reading after this event.
    public var streamID: String
    /// What happened.
    public var kind: Kind
    /// The job concerned; empty for queue-level events.
    public var jobID: String
    /// The attempt concerned, 0 when none.
    public var attempt: Int
    /// Epoch milliseconds of the transition.
    public var timestamp: Int64
    /// Kind-specific detail: an error, a retry delay in ms, the job a rerun copies.
    public var detail: String
    /// The class of the failure, on `failed` and `retrying` events: what the executor decided (a
    /// timeout, an HTTP status, a connection error...), or `abandoned` for a stalled job; nil when
    /// the worker did not know it.
    public var errorKind: ExecutionErrorKind?

    /// Creates an event, as a reader that does not decode the stream itself would (a dashboard's
    /// tests, a bridge from another source).
    public init(
        streamID: String, kind: Kind, jobID: String, attempt: Int = 0, timestamp: Int64, detail: String = "", errorKind: ExecutionErrorKind? = nil
    ) {
        self.streamID = streamID
        self.kind = kind
        self.jobID = jobID
        self.attempt = attempt
        self.timestamp = timestamp
        self.detail = detail
        self.errorKind = errorKind
    }

    /// Decodes one stream entry; nil for an entry of an unknown kind.
    init?(entry: RedisValue) {
        guard let parts = entry.array, parts.count == 2, let id = parts[0].string, let fields = parts[1].array else { return nil }
        var map: [String: String] = [:]
        var i = 0
        while i + 1 < fields.count {
            if let k = fields[i].string { map[k] = fields[i + 1].string ?? "" }
            i += 2
        }
        guard let kind = map["type"].flatMap(Kind.init(rawValue:)) else { return nil }
        self.streamID = id
        self.kind = kind
        self.jobID = map["job"] ?? ""
        self.attempt = Int(map["attempt"] ?? "") ?? 0
        self.timestamp = Int64(map["ts"] ?? "") ?? 0
        self.detail = map["detail"] ?? ""
        self.errorKind = map["class"].flatMap(ExecutionErrorKind.init(rawValue:))
    }
}
