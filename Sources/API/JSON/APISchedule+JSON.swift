import Engine
extension APISchedule {
    /// Writes the schedule as a JSON object.
    func write(to json: inout JSONWriter, nextFireAt: Int64?) {
        json.object { o in
            o.int("id", id)
            o.string("name", name)
            o.string("cron", cron)
            o.string("tz", timeZone)
            o.string("method", method)
            o.string("url", url)
            o.array("headers") { a in
                for line in headers { a.element(line) }
            }
            o.string("body", body)
            o.int("timeout_ms", timeoutMs)
            o.int("attempts", attempts)
            o.string("backoff", backoff)
            o.string("missed", missed)
            o.string("overlap", overlap)
            o.bool("enabled", enabled)
            o.int("pause_after_failures", pauseAfterFailures)
            o.int("consecutive_failures", consecutiveFailures)
            o.timestamp("created_at", milliseconds: createdAt)
            o.timestamp("updated_at", milliseconds: updatedAt)
            o.timestamp("next_fire_at", milliseconds: nextFireAt)
        }
    }
}
