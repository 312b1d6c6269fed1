import Foundation

extension APIExecution {
    /// Writes the attempt as a JSON object with the keys of `crontui history --json`; the response
    /// headers and body only when `detail` (the single-execution route).
    func write(to json: inout JSONWriter, detail: Bool) {
        json.object { o in
            o.int("id", id)
            o.string("cursor", cursor)
            o.string("record_id", recordID)
            o.string("job_id", jobID)
            o.int("attempt", attempt)
            o.int("max_attempts", maxAttempts)
            o.string("trigger", trigger)
            o.string("status", status)
            o.string("outcome", outcome)
            o.string("error_kind", errorKind)
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
            o.string("trace_id", traceID)
            if detail {
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
                if let body = responseBody, let text = String(validating: body, as: UTF8.self) {
                    o.string("response_body", text)
                    o.null("response_body_base64")
                } else {
                    o.null("response_body")
                    o.string("response_body_base64", responseBody.map { Data($0).base64EncodedString() })
                }
            }
        }
    }
}
