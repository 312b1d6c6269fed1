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

    /// `POST /api/cron/queue/pause|resume`.
    func setQueuePaused(_ paused: Bool, _ request: Request, _ caller: APICaller) async throws -> Response {
        _ = try QueryParameters(request, allowed: [])
        try await JSONBody.requireEmpty(request, limit: configuration.maxBodyBytes)
        let system = try system()
        let changed: Bool
        do {
            changed = try await system.setQueuePaused(paused, by: caller.auditCaller)
        } catch {
            throw Self.apiError(error)
        }
        return Self.json { json in
            json.object { o in
                o.string("queue", system.queueName)
                o.bool("paused", paused)
                o.bool("changed", changed)
            }
        }
    }

    /// `POST /api/cron/jobs/:id/retry`: a failed job runs again from its first attempt.
    @Sendable func retryJob(_ request: Request, _ context: BasicRequestContext, _ caller: APICaller) async throws -> Response {
        _ = try QueryParameters(request, allowed: [])
        let id = try Self.parameter(context)
        try await JSONBody.requireEmpty(request, limit: configuration.maxBodyBytes)
        let system = try system()
        do {
            try await system.retryJob(id, by: caller.auditCaller)
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

    /// `POST /api/cron/jobs/:id/rerun`: a finished job is copied into a new job linked to it.
    @Sendable func rerunJob(_ request: Request, _ context: BasicRequestContext, _ caller: APICaller) async throws -> Response {
        _ = try QueryParameters(request, allowed: [])
        let id = try Self.parameter(context)
        try await JSONBody.requireEmpty(request, limit: configuration.maxBodyBytes)
        let system = try system()
        let rerun: CronSystem.Rerun
        do {
            rerun = try await system.rerunJob(id, by: caller.auditCaller)
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
