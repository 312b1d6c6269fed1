import Foundation

extension ExecutionRecord {
    /// Writes the attempt as the one JSON object every interface uses (`crontui history --json`,
    /// `GET /api/cron/jobs`, `GET /api/cron/executions/:id`): snake_case keys, instants in RFC 3339
    /// UTC, `null` written for what is absent (`queue` is null in attempts recorded before the queue
    /// was). `cursor` is the keyset cursor of this row in a page; the response headers and body are
    /// written only with `detail` (a single attempt), the body as text when it is UTF-8 and as
    /// base64 otherwise.
    public func writeJSON(to json: inout JSONWriter, cursor: ExecutionCursor?, detail: Bool) {
        json.object { o in
            o.int("id", id)
            o.string("cursor", cursor?.description)
            o.string("record_id", recordID.uuidString.lowercased())
            o.string("job_id", jobID)
            o.int("attempt", attempt)
            o.int("max_attempts", maxAttempts)
            o.string("trigger", trigger.rawValue)
            o.string("status", status.rawValue)
            o.string("outcome", outcome?.rawValue)
            o.string("error_kind", errorKind?.rawValue)
            o.string("error", error)
            o.int("http_status", httpStatus)
            o.int("duration_ms", durationMs)
            o.int("schedule_id", scheduleID)
            o.string("schedule_name", scheduleName)
            o.int("fire_id", fireID)
            o.string("rerun_of", rerunOf)
            o.timestamp("scheduled_for", milliseconds: scheduledFor)
            o.timestamp("enqueued_at", milliseconds: enqueuedAt)
            o.timestamp("started_at", milliseconds: startedAt)
            o.timestamp("finished_at", milliseconds: finishedAt)
            o.string("method", method)
            o.string("url", url)
            o.int("response_size", responseSize)
            o.string("worker", worker)
            o.string("queue", queue)
            o.string("trace_id", traceID)
            guard detail else { return }
            if let responseHeaders {
                o.array("response_headers") { a in
                    for pair in responseHeaders {
                        a.array { p in
                            for part in pair { p.element(part) }
                        }
                    }
                }
            } else {
                o.null("response_headers")
            }
            if let body = responseBody, let text = String(validating: Array(body), as: UTF8.self) {
                o.string("response_body", text)
                o.null("response_body_base64")
            } else {
                o.null("response_body")
                o.string("response_body_base64", responseBody?.base64EncodedString())
            }
        }
    }
}

extension ExecutionPage {
    /// Writes the page's attempts as a JSON array, each with its own cursor (and, with `detail`,
    /// its response headers and body).
    public func writeJSON(to json: inout JSONWriter, detail: Bool = false) {
        json.array { a in
            for (record, cursor) in zip(records, cursors) { record.writeJSON(to: &a, cursor: cursor, detail: detail) }
        }
    }
}
