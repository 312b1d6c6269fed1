import Foundation

/// The payload of every crontui job: one HTTP request to make, and where it came from.
///
/// The scheduler writes it (one per fire, manual run or rerun); the worker's HTTP executor reads it.
/// It travels through Redis as JSON with snake_case keys, so other tools can read it too.
public struct HTTPJob: Codable, Sendable, Equatable {
    /// Why the job exists. Attempts after the first are recorded with trigger `retry`.
    public enum Trigger: String, Codable, Sendable, CaseIterable {
        /// A cron fire.
        case cron
        /// "Run now" from the CLI, the dashboard or the API.
        case manual
        /// A new attempt of a failed job.
        case retry
        /// A copy of a finished job, run again.
        case rerun
    }

    /// The request to make.
    public struct Request: Codable, Sendable, Equatable {
        /// GET, POST, PUT, PATCH, DELETE, HEAD or OPTIONS.
        public var method: String
        /// An absolute http or https URL.
        public var url: String
        /// Header name/value pairs, in order; a name may repeat.
        public var headers: [[String]]
        /// The body bytes, if any.
        public var body: Data?
        /// How long one attempt may take, in milliseconds.
        public var timeoutMs: Int

        enum CodingKeys: String, CodingKey {
            case method, url, headers, body
            case timeoutMs = "timeout_ms"
        }

        /// Creates a request.
        public init(method: String = "GET", url: String, headers: [[String]] = [], body: Data? = nil, timeoutMs: Int = 30_000) {
            self.method = method
            self.url = url
            self.headers = headers
            self.body = body
            self.timeoutMs = timeoutMs
        }
    }

    /// The schedule that fired, nil for a request not tied to a schedule.
    public var scheduleID: Int64?
    /// The schedule's name when the job was made.
    public var scheduleName: String?
    /// The ledger row of the fire, for cron jobs.
    public var fireID: Int64?
    /// The instant the fire was due, epoch milliseconds (cron jobs).
    public var scheduledFor: Int64?
    /// Why the job exists.
    public var trigger: Trigger
    /// The request.
    public var request: Request
    /// Statuses that count as success; nil means any 2xx.
    public var expectedStatuses: [Int]?

    enum CodingKeys: String, CodingKey {
        case scheduleID = "schedule_id"
        case scheduleName = "schedule_name"
        case fireID = "fire_id"
        case scheduledFor = "scheduled_for"
        case trigger, request
        case expectedStatuses = "expected_statuses"
    }

    /// Creates a job payload.
    public init(
        scheduleID: Int64? = nil, scheduleName: String? = nil, fireID: Int64? = nil, scheduledFor: Int64? = nil,
        trigger: Trigger, request: Request, expectedStatuses: [Int]? = nil
    ) {
        self.scheduleID = scheduleID
        self.scheduleName = scheduleName
        self.fireID = fireID
        self.scheduledFor = scheduledFor
        self.trigger = trigger
        self.request = request
        self.expectedStatuses = expectedStatuses
    }

    /// The JSON bytes stored as the queue job's payload.
    public func encoded() throws -> [UInt8] {
        let encoder = JSONEncoder()
        encoder.outputFormatting = .sortedKeys
        return Array(try encoder.encode(self))
    }

    /// Decodes a queue job's payload.
    public static func decode(_ payload: [UInt8]) throws -> HTTPJob {
        try JSONDecoder().decode(HTTPJob.self, from: Data(payload))
    }

    /// The queue job id of a cron fire: `<schedule id>:<epoch ms>`, so enqueueing a fire twice adds
    /// one job.
    public static func jobID(scheduleID: Int64, scheduledFor epochMilliseconds: Int64) -> String {
        "\(scheduleID):\(epochMilliseconds)"
    }
}
