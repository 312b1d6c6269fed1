import Engine
import Foundation

@testable import CronTUI

/// Made-up request and response records for a fake execution: JSON, secrets to mask, a binary body
/// and a hostile one.
enum FakeDetail {
    static func make(for summary: ExecutionSummary, cron: String?) -> ExecutionDetail {
        let url = "https://api.example.com/v1/hooks/\(summary.scheduleID)?api_key=sk_live_123&page=1"
        let requestBody = """
            {"job":"\(summary.job)","execution":\(summary.id),"attempt":\(summary.attempt),"token":"abc123","items":[1,2,3],"meta":{"source":"crontui","dry_run":false}}
            """
        let request = HTTPRecord(
            startLine: "POST " + url,
            headers: [
                .init(name: "Content-Type", value: "application/json"),
                .init(name: "Authorization", value: "Bearer eyJhbGciOiJIUzI1NiJ9.secret"),
                .init(name: "User-Agent", value: "crontui/" + "0.1.0"),
                .init(name: "X-Trace-Id", value: traceID(summary.id)),
            ],
            body: Array(requestBody.utf8), bodyTotalBytes: requestBody.utf8.count)
        var response: HTTPRecord?
        if let status = summary.httpStatus {
            let body: [UInt8]
            let type: String
            switch summary.id % 4 {
            case 0:
                body = Array("{\"ok\":\(status < 400),\"received\":\(summary.id)}".utf8)
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
            response = HTTPRecord(
                startLine: "HTTP \(status)",
                headers: [
                    .init(name: "Content-Type", value: type),
                    .init(name: "Set-Cookie", value: "session=deadbeef; HttpOnly"),
                ],
                body: body, bodyTotalBytes: body.count)
        }
        let error: String? =
            switch summary.status {
            case .failed: "target answered \(summary.httpStatus ?? 0)"
            case .timedOut: "no response within 30s (timeout)"
            case .retrying: "target answered 503; retrying in 30s"
            default: nil
            }
        let finished = summary.duration.map { summary.startedAt.addingTimeInterval(Double(DurationText.milliseconds($0)) / 1000) }
        return ExecutionDetail(
            summary: summary, cron: cron, finishedAt: finished, request: request, response: response, error: error,
            traceID: traceID(summary.id))
    }

    private static func traceID(_ id: Int64) -> String {
        "4bf92f3577b34da6a3ce929d0e0e" + String(id, radix: 16)
    }
}
