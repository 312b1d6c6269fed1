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
            o.string("created_at", ISOTime.format(milliseconds: createdAt))
            o.string("updated_at", ISOTime.format(milliseconds: updatedAt))
            o.string("next_fire_at", nextFireAt.map { ISOTime.format(milliseconds: $0) })
        }
    }
}
