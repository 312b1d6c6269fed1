extension Schedule {
    /// Writes the schedule as the one JSON object every interface uses (`crontui schedule
    /// list|show --json`, the API's schedule routes): secret header values and a URL password as
    /// `***`, the body as text, instants in RFC 3339 UTC, `null` for what is absent. `nextFireAt`
    /// is the next fire (epoch ms) when it will fire; `more` writes extra keys at the end (`show`
    /// adds the next fire times and the latest fires).
    public func writeJSON(to json: inout JSONWriter, nextFireAt: Int64?, more: (inout JSONWriter) -> Void = { _ in }) {
        let d = definition
        json.object { o in
            o.int("id", id)
            o.string("name", d.name)
            o.string("cron", d.cron)
            o.string("tz", d.timeZone)
            o.string("method", d.method)
            o.string("url", displayURL)
            o.array("headers") { a in
                for header in d.headers { a.element(header.description) }
            }
            o.string("body", d.body.map { String(decoding: $0, as: UTF8.self) })
            o.int("timeout_ms", d.timeoutMs)
            o.int("attempts", d.attempts)
            o.string("backoff", d.backoff.scheduleText)
            o.string("missed", d.missed.description)
            o.string("overlap", d.overlap.description)
            o.bool("enabled", d.enabled)
            o.int("pause_after_failures", d.pauseAfterFailures)
            o.string("queue", d.queue)
            o.int("consecutive_failures", consecutiveFailures)
            o.timestamp("created_at", milliseconds: createdAt)
            o.timestamp("updated_at", milliseconds: updatedAt)
            o.timestamp("next_fire_at", milliseconds: nextFireAt)
            more(&o)
        }
    }
}

extension FireRecord {
    /// Writes one fire-ledger row as JSON: the slot, what became of it, its job and trace.
    public func writeJSON(to json: inout JSONWriter) {
        json.object { o in
            o.timestamp("scheduled_for", milliseconds: scheduledFor)
            o.string("status", status.rawValue)
            o.string("reason", reason?.rawValue)
            o.string("job_id", jobID)
            o.string("trace_id", traceID)
            o.string("instance", instance)
        }
    }
}
