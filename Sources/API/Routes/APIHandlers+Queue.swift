import Engine
import Hummingbird

/// The queue: stats (seed-compatible), pause and resume, job retry and rerun.
extension APIHandlers {
    /// `GET /api/cron/queue/stats[?queue=NAME]`: counts per state, totals, per-minute throughput
    /// and the oldest wait of the default queue (`QUEUE_NAME`) or of `queue`, from one Redis round
    /// trip.
    @Sendable func queueStats(_ request: Request, _ context: BasicRequestContext, _ caller: APICaller) async throws -> Response {
        let query = try QueryParameters(request, allowed: ["queue"])
        let system = try system()
        let name = try query.queue() ?? system.queueName
        let stats: QueueStats
        do {
            stats = try await system.stats(ofQueue: name)
        } catch {
            throw Self.apiError(error)
        }
        return Self.json { json in stats.writeJSON(to: &json, queue: name) }
    }

    /// `POST /api/cron/queue/pause|resume[?queue=NAME]`: the default queue (`QUEUE_NAME`) or `queue`.
    func setQueuePaused(_ paused: Bool, _ request: Request, _ caller: APICaller) async throws -> Response {
        let queue = try QueryParameters(request, allowed: ["queue"]).queue()
        try await JSONBody.requireEmpty(request, limit: configuration.maxBodyBytes)
        let system = try system()
        let changed: Bool
        do {
            changed = try await system.setQueuePaused(paused, queue: queue, by: caller.auditCaller)
        } catch {
            throw Self.apiError(error)
        }
        return Self.json { json in
            json.object { o in
                o.string("queue", queue ?? system.queueName)
                o.bool("paused", paused)
                o.bool("changed", changed)
            }
        }
    }

    /// `POST /api/cron/jobs/:id/retry[?queue=NAME]`: a failed job (of the default queue, or of
    /// `queue`) runs again from its first attempt.
    @Sendable func retryJob(_ request: Request, _ context: BasicRequestContext, _ caller: APICaller) async throws -> Response {
        let queue = try QueryParameters(request, allowed: ["queue"]).queue()
        let id = try Self.parameter(context)
        try await JSONBody.requireEmpty(request, limit: configuration.maxBodyBytes)
        let system = try system()
        do {
            try await system.retryJob(id, queue: queue, by: caller.auditCaller)
        } catch {
            throw Self.apiError(error)
        }
        return Self.json(.accepted) { json in
            json.object { o in
                o.string("job_id", id)
                o.string("state", "waiting")
            }
        }
    }

    /// `POST /api/cron/jobs/:id/rerun[?queue=NAME]`: a finished job (of the default queue, or of
    /// `queue`) is copied into a new job of its queue, linked to it.
    @Sendable func rerunJob(_ request: Request, _ context: BasicRequestContext, _ caller: APICaller) async throws -> Response {
        let queue = try QueryParameters(request, allowed: ["queue"]).queue()
        let id = try Self.parameter(context)
        try await JSONBody.requireEmpty(request, limit: configuration.maxBodyBytes)
        let system = try system()
        let rerun: CronSystem.Rerun
        do {
            rerun = try await system.rerunJob(id, queue: queue, by: caller.auditCaller)
        } catch {
            throw Self.apiError(error)
        }
        return Self.json(.accepted) { json in
            json.object { o in
                o.string("job_id", rerun.jobID)
                o.string("rerun_of", id)
                o.string("trace_id", rerun.traceID)
            }
        }
    }
}
