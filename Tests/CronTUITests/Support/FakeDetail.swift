import Engine
import Foundation

@testable import CronTUI

/// Made-up request and response records for a fake execution: JSON, secrets to mask, a binary body
/// and a hostile one.
enum FakeDetail {
    static func make(for record: ExecutionRecord, schedule: Schedule?) -> ExecutionDetail {
        let id = record.id ?? 0
        let requestBody = """
            {"job":"\(record.name)","execution":\(id),"attempt":\(record.attempt),"token":"abc123","items":[1,2,3],"meta":{"source":"crontui","dry_run":false}}
            """
        let request = HTTPJob.Request(
            method: record.method, url: record.url,
            headers: [
                ["Content-Type", "application/json"],
                ["Authorization", "Bearer eyJhbGciOiJIUzI1NiJ9.secret"],
                ["User-Agent", "crontui/" + "0.1.0"],
                ["X-Trace-Id", traceID(id)],
            ],
            body: Data(requestBody.utf8))
        var full = record
        if let status = record.httpStatus {
            let body: [UInt8]
            let type: String
            switch id % 4 {
            case 0:
                body = Array("{\"ok\":\(status < 400),\"received\":\(id)}".utf8)
                type = "application/json"
            case 1:
                body = [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A, 0x00, 0x00, 0x00, 0x0D, 0xFF, 0xFE]
                type = "image/png"
            case 2:
                body = Array("upstream says:\n\u{1B}[2J\u{1B}]52;c;ZXZpbA==\u{07}cleared your screen?\tno.".utf8)
                type = "text/plain"
            default:
                body = Array("<html><body>Service Unavailable</body></html>".utf8)
                type = "text/html"
            }
            full.responseHeaders = [["Content-Type", type], ["Set-Cookie", "session=deadbeef; HttpOnly"]]
            full.responseBody = Data(body)
            full.responseSize = Int64(body.count)
        }
        return ExecutionDetail(record: full, request: request, cron: schedule?.definition.cron)
    }

    /// The trace id of fake execution `id`.
    static func traceID(_ id: Int64) -> String {
        "4bf92f3577b34da6a3ce929d0e0e" + String(id, radix: 16)
    }
}
