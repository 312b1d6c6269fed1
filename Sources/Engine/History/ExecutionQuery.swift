/// A history query: filters, a page size and where the page starts. Newest first.
public struct ExecutionQuery: Sendable, Hashable {
    /// Only attempts with one of these statuses; empty: any status.
    public var statuses: Set<ExecutionStatus>
    /// Only attempts whose name passes this filter: the schedule's name, or the job id of an
    /// attempt without one (as history lists them). Nil: any name.
    public var name: NameFilter?
    /// Only attempts of the schedule with this name (its name when the job was made).
    public var scheduleName: String?
    /// Only attempts of the schedule with this id.
    public var scheduleID: Int64?
    /// Only attempts that started at or after this instant, epoch ms.
    public var since: Int64?
    /// Only attempts of this trace.
    public var traceID: String?
    /// Only attempts of this job.
    public var jobID: String?
    /// Only attempts run by this queue. Attempts recorded before the queue was (schema version 7)
    /// name none, and no queue matches them.
    public var queue: String?
    /// Rows per page, 1-1,000.
    public var limit: Int
    /// Continue after this row (the ``ExecutionPage/next`` of the previous page).
    public var after: ExecutionCursor?

    /// A query; with no arguments, the 50 newest attempts.
    public init(
        status: ExecutionStatus? = nil, scheduleName: String? = nil, since: Int64? = nil, traceID: String? = nil, jobID: String? = nil,
        limit: Int = 50, after: ExecutionCursor? = nil, scheduleID: Int64? = nil, queue: String? = nil
    ) {
        statuses = status.map { [$0] } ?? []
        self.scheduleName = scheduleName
        self.scheduleID = scheduleID
        self.since = since
        self.traceID = traceID
        self.jobID = jobID
        self.queue = queue
        self.limit = limit
        self.after = after
    }
}

extension ExecutionQuery {
    /// Only attempts with this status: the one-status form of ``statuses`` (nil when they are
    /// not exactly one).
    public var status: ExecutionStatus? {
        get { statuses.count == 1 ? statuses.first : nil }
        set { statuses = newValue.map { [$0] } ?? [] }
    }
}

/// A position in history: the start instant and id of the last row seen. Pages continue with the
/// rows strictly older than it (keyset pagination: no `OFFSET`, stable while new rows arrive).
public struct ExecutionCursor: Sendable, Hashable, CustomStringConvertible {
    /// The row's `started_at`, microseconds since the epoch.
    public var startedAtMicroseconds: Int64
    /// The row's id.
    public var id: Int64

    /// A cursor at a row.
    public init(startedAtMicroseconds: Int64, id: Int64) {
        self.startedAtMicroseconds = startedAtMicroseconds
        self.id = id
    }

    /// The text form `<µs>.<id>`, for a command line or a URL.
    public var description: String { "\(startedAtMicroseconds).\(id)" }

    /// Parses the text form; nil when it is not one.
    public init?(_ text: String) {
        let parts = text.split(separator: ".")
        guard parts.count == 2, let micros = Int64(parts[0]), let id = Int64(parts[1]) else { return nil }
        self.init(startedAtMicroseconds: micros, id: id)
    }
}

/// One page of history.
public struct ExecutionPage: Sendable, Hashable {
    /// The rows, newest first.
    public var records: [ExecutionRecord]
    /// Where the next page starts; nil on the last page.
    public var next: ExecutionCursor?
    /// The position of each of ``records``, in order: a page that starts after one continues there.
    public var cursors: [ExecutionCursor] = []

    /// A page of `records`, whose positions are `cursors`, continuing at `next`.
    public init(records: [ExecutionRecord], next: ExecutionCursor? = nil, cursors: [ExecutionCursor] = []) {
        self.records = records
        self.next = next
        self.cursors = cursors
    }
}
