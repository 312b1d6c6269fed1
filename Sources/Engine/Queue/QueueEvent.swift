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
    /// The job's attempts in all (its ``JobOptions/attempts``); nil for queue-level events and for
    /// entries written before events carried it.
    public var maxAttempts: Int?
    /// The name of the schedule the job runs for (kept by its reruns too); nil when it has none.
    public var scheduleName: String?
    /// The HTTP status of the attempt, on `completed`, `failed` and `retrying` events, as its
    /// worker reported it; nil when no response arrived.
    public var httpStatus: Int?
    /// How long the attempt took, in milliseconds, on `completed`, `failed` and `retrying` events.
    public var durationMs: Int64?
    /// Milliseconds until the next attempt, on `retrying` and `delayed` events.
    public var retryDelayMs: Int64?

    /// Creates an event, as a reader that does not decode the stream itself would (a dashboard's
    /// tests, a bridge from another source).
    public init(
        streamID: String, kind: Kind, jobID: String, attempt: Int = 0, timestamp: Int64, detail: String = "", errorKind: ExecutionErrorKind? = nil,
        maxAttempts: Int? = nil, scheduleName: String? = nil, httpStatus: Int? = nil, durationMs: Int64? = nil, retryDelayMs: Int64? = nil
    ) {
        self.streamID = streamID
        self.kind = kind
        self.jobID = jobID
        self.attempt = attempt
        self.timestamp = timestamp
        self.detail = detail
        self.errorKind = errorKind
        self.maxAttempts = maxAttempts
        self.scheduleName = scheduleName
        self.httpStatus = httpStatus
        self.durationMs = durationMs
        self.retryDelayMs = retryDelayMs
    }

    /// Decodes one stream entry; nil for an entry of an unknown kind. Entries written before events
    /// carried `max`, `schedule`, `status`, `ms` and `delay` decode with those nil (the delay of an
    /// older `retrying` or `delayed` entry is read from its detail).
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
        self.maxAttempts = map["max"].flatMap { Int($0) }
        self.scheduleName = map["schedule"].flatMap { $0.isEmpty ? nil : $0 }
        self.httpStatus = map["status"].flatMap { Int($0) }
        self.durationMs = map["ms"].flatMap { Int64($0) }
        self.retryDelayMs = map["delay"].flatMap { Int64($0) } ?? (kind == .retrying || kind == .delayed ? Int64(detail) : nil)
    }
}
