/// A history query as the API received it, already checked: newest first.
public struct APIExecutionQuery: Sendable, Equatable {
    /// The statuses history knows.
    public static let statuses = ["succeeded", "failed", "retrying", "running", "timed_out"]

    /// Only this status (one of ``statuses``).
    public var status: String?
    /// Only this schedule: its id when all digits, its name otherwise.
    public var schedule: String?
    /// Only attempts started at or after this instant, epoch ms.
    public var since: Int64?
    /// Only this trace id (32 lowercase hex digits).
    public var traceID: String?
    /// Only this queue job.
    public var jobID: String?
    /// Only attempts run by this queue (a valid queue name).
    public var queue: String?
    /// Rows per page, 1-1000.
    public var limit: Int
    /// Continue after this row: a cursor `<µs>.<id>` from the previous page.
    public var cursor: String?

    /// A query; with no arguments, the 50 newest attempts.
    public init(
        status: String? = nil, schedule: String? = nil, since: Int64? = nil, traceID: String? = nil, jobID: String? = nil, limit: Int = 50,
        cursor: String? = nil, queue: String? = nil
    ) {
        self.status = status
        self.schedule = schedule
        self.since = since
        self.traceID = traceID
        self.jobID = jobID
        self.queue = queue
        self.limit = limit
        self.cursor = cursor
    }

    /// Instants the API accepts, epoch ms: years 1 to 9999 (PostgreSQL refuses some beyond).
    public static let instantRange: ClosedRange<Int64> = -62_135_596_800_000...253_402_300_799_999

    /// The parts of a cursor, nil when `text` is not one.
    public static func cursorParts(_ text: String) -> (microseconds: Int64, id: Int64)? {
        let parts = text.split(separator: ".", omittingEmptySubsequences: false)
        guard parts.count == 2, let micros = Int64(parts[0]), let id = Int64(parts[1]), id >= 0,
            instantRange.contains(micros / 1_000)
        else { return nil }
        return (micros, id)
    }
}
