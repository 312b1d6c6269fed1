import Engine
import Foundation

/// One execution as `crontui history --json` prints it: snake_case keys, instants in ISO 8601, the
/// body as text when it is UTF-8 and as base64 otherwise.
struct ExecutionJSON: Encodable {
    var id: Int64?
    var cursor: String?
    var recordID: String
    var jobID: String
    var attempt: Int
    var maxAttempts: Int
    var trigger: String
    var status: String
    var outcome: String?
    var errorKind: String?
    var error: String?
    var httpStatus: Int?
    var durationMs: Int64?
    var scheduleID: Int64?
    var scheduleName: String?
    var fireID: Int64?
    var rerunOf: String?
    var scheduledFor: String?
    var enqueuedAt: String?
    var startedAt: String
    var finishedAt: String?
    var method: String
    var url: String
    var responseHeaders: [[String]]?
    var responseSize: Int64?
    var responseBody: String?
    var responseBodyBase64: String?
    var worker: String?
    var traceID: String

    enum CodingKeys: String, CodingKey {
        case id, cursor
        case recordID = "record_id"
        case jobID = "job_id"
        case attempt
        case maxAttempts = "max_attempts"
        case trigger, status, outcome
        case errorKind = "error_kind"
        case error
        case httpStatus = "http_status"
        case durationMs = "duration_ms"
        case scheduleID = "schedule_id"
        case scheduleName = "schedule_name"
        case fireID = "fire_id"
        case rerunOf = "rerun_of"
        case scheduledFor = "scheduled_for"
        case enqueuedAt = "enqueued_at"
        case startedAt = "started_at"
        case finishedAt = "finished_at"
        case method, url
        case responseHeaders = "response_headers"
        case responseSize = "response_size"
        case responseBody = "response_body"
        case responseBodyBase64 = "response_body_base64"
        case worker
        case traceID = "trace_id"
    }

    init(_ r: ExecutionRecord) {
        id = r.id
        recordID = r.recordID.uuidString.lowercased()
        jobID = r.jobID
        attempt = r.attempt
        maxAttempts = r.maxAttempts
        trigger = r.trigger.rawValue
        status = r.status.rawValue
        outcome = r.outcome?.rawValue
        errorKind = r.errorKind?.rawValue
        error = r.error
        httpStatus = r.httpStatus
        durationMs = r.durationMs
        scheduleID = r.scheduleID
        scheduleName = r.scheduleName
        fireID = r.fireID
        rerunOf = r.rerunOf
        scheduledFor = r.scheduledFor.map(Self.iso)
        enqueuedAt = r.enqueuedAt.map(Self.iso)
        startedAt = Self.iso(r.startedAt)
        finishedAt = r.finishedAt.map(Self.iso)
        method = r.method
        url = r.url
        responseHeaders = r.responseHeaders
        responseSize = r.responseSize
        if let body = r.responseBody {
            if let text = String(validating: body, as: UTF8.self) {
                responseBody = text
            } else {
                responseBodyBase64 = body.base64EncodedString()
            }
        }
        worker = r.worker
        traceID = r.traceID
    }

    static func iso(_ ms: Int64) -> String {
        let formatter = ISO8601DateFormatter()
        formatter.formatOptions = [.withInternetDateTime, .withFractionalSeconds]
        return formatter.string(from: Date(timeIntervalSince1970: Double(ms) / 1000))
    }
}
