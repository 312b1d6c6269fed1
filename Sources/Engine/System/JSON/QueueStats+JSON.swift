extension QueueStats {
    /// Writes the figures as the one JSON object every interface uses (`crontui stats --json`,
    /// `GET /api/cron/queue/stats`): counts per state, totals, per-minute throughput of the last
    /// hour and the oldest wait. `more` writes extra keys at the end (the CLI adds workers and the
    /// leader).
    public func writeJSON(to json: inout JSONWriter, queue: String, more: (inout JSONWriter) -> Void = { _ in }) {
        json.object { o in
            o.string("queue", queue)
            o.int("waiting", waiting)
            o.int("active", active)
            o.int("delayed", delayed)
            o.int("completed", completed)
            o.int("failed", failed)
            o.bool("paused", paused)
            o.int("completed_total", completedTotal)
            o.int("failed_total", failedTotal)
            o.int("stalled_total", stalledTotal)
            o.int("throughput_per_minute", lastMinuteThroughput)
            o.array("completed_per_minute") { a in
                for n in completedPerMinute { a.element(n) }
            }
            o.array("failed_per_minute") { a in
                for n in failedPerMinute { a.element(n) }
            }
            o.int("oldest_waiting_ms", oldestWaiting?.milliseconds)
            more(&o)
        }
    }

    /// Jobs finished in the last complete minute (the current one is still filling).
    public var lastMinuteThroughput: Int {
        completedPerMinute.count >= 59 ? completedPerMinute[58] + failedPerMinute[58] : 0
    }
}
