import Engine
import Hummingbird

/// Schedules: list, create, show, change, delete, run now, pause, resume, next fire times.
extension APIHandlers {
    func schedules() throws(APIError) -> ScheduleServiceAPIBackend {
        guard let system = dependencies.system else { throw APIError.unavailable("this server does not manage schedules") }
        let backend = ScheduleServiceAPIBackend(system: system)
        if let failure = dependencies.postgresFailure?() {
            throw APIError.unavailable("PostgreSQL is unreachable, so schedules cannot be read or changed now: \(Redaction.message(failure))")
        }
        return backend
    }

    /// The first `count` fire times after `now` (epoch ms), epoch ms; empty when the expression or
    /// zone no longer parses.
    static func nextFires(of schedule: Schedule, after now: Int64, count: Int) -> [Int64] {
        CronSystem.nextFires(of: schedule, after: now, count: count)
    }

    /// When `schedule` fires next, if it will.
    static func nextFire(of schedule: Schedule) -> Int64? {
        schedule.definition.enabled ? nextFires(of: schedule, after: now(), count: 1).first : nil
    }

    static func now() -> Int64 { SystemQueueClock().nowMilliseconds() }

    static func scheduleResponse(_ schedule: Schedule, status: HTTPResponse.Status = .ok, headers: HTTPFields = [:]) -> Response {
        let next = nextFire(of: schedule)
        return json(status, headers: headers) { json in schedule.writeJSON(to: &json, nextFireAt: next) }
    }

    /// `GET /api/cron/schedules?limit=&cursor=`: by name; `next_cursor` continues after the last.
    @Sendable func listSchedules(_ request: Request, _ context: BasicRequestContext, _ caller: APICaller) async throws -> Response {
        let q = try QueryParameters(request, allowed: ["limit", "cursor"])
        let limit = try q.int("limit", in: 1...1_000, default: 100)
        if let cursor = q["cursor"], cursor.isEmpty || cursor.utf8.count > 512 {
            throw APIError.invalid("cursor", "cursor must be a next_cursor from a previous page")
        }
        let rows = try await schedules().schedules(after: q["cursor"], limit: limit + 1)
        let page = rows.prefix(limit)
        let now = Self.now()
        return Self.json { json in
            json.object { o in
                o.array("items") { a in
                    for schedule in page {
                        schedule.writeJSON(
                            to: &a, nextFireAt: schedule.definition.enabled ? Self.nextFires(of: schedule, after: now, count: 1).first : nil)
                    }
                }
                o.string("next_cursor", rows.count > limit ? page.last?.definition.name : nil)
                o.int("limit", limit)
            }
        }
    }

    /// `POST /api/cron/schedules`: 201 with the schedule and its `Location`.
    @Sendable func createSchedule(_ request: Request, _ context: BasicRequestContext, _ caller: APICaller) async throws -> Response {
        _ = try QueryParameters(request, allowed: [])
        let body = try await JSONBody.read(request, limit: configuration.maxBodyBytes, allowed: ScheduleFields.keys, hints: ScheduleFields.hints)
        let fields = try ScheduleFields(json: body)
        for required in ["name", "cron", "url"] where body.fields[required] == nil {
            throw APIError.invalid(required, "\(required) is required")
        }
        let schedule = try await schedules().create(fields, by: caller)
        return Self.scheduleResponse(schedule, status: .created, headers: [.location: "/api/cron/schedules/\(schedule.id)"])
    }

    /// `GET /api/cron/schedules/:id` (an id, or a name).
    @Sendable func getSchedule(_ request: Request, _ context: BasicRequestContext, _ caller: APICaller) async throws -> Response {
        _ = try QueryParameters(request, allowed: [])
        return Self.scheduleResponse(try await schedules().schedule(try Self.parameter(context)))
    }

    /// `PATCH /api/cron/schedules/:id`: changes the fields given.
    @Sendable func updateSchedule(_ request: Request, _ context: BasicRequestContext, _ caller: APICaller) async throws -> Response {
        _ = try QueryParameters(request, allowed: [])
        let reference = try Self.parameter(context)
        let body = try await JSONBody.read(request, limit: configuration.maxBodyBytes, allowed: ScheduleFields.keys, hints: ScheduleFields.hints)
        let fields = try ScheduleFields(json: body)
        guard !fields.isEmpty else { throw APIError.invalid(nil, "the body changes nothing: give at least one field") }
        return Self.scheduleResponse(try await schedules().update(reference, with: fields, by: caller))
    }

    /// `DELETE /api/cron/schedules/:id`: returns the deleted schedule.
    @Sendable func deleteSchedule(_ request: Request, _ context: BasicRequestContext, _ caller: APICaller) async throws -> Response {
        _ = try QueryParameters(request, allowed: [])
        let reference = try Self.parameter(context)
        try await JSONBody.requireEmpty(request, limit: configuration.maxBodyBytes)
        return Self.scheduleResponse(try await schedules().delete(reference, by: caller))
    }

    /// `POST /api/cron/schedules/:id/run` and the seed's `POST /api/cron/agendamentos/:id/run`:
    /// 202 with the job id and trace id.
    @Sendable func runSchedule(_ request: Request, _ context: BasicRequestContext, _ caller: APICaller) async throws -> Response {
        _ = try QueryParameters(request, allowed: [])
        let reference = try Self.parameter(context)
        try await JSONBody.requireEmpty(request, limit: configuration.maxBodyBytes)
        let run = try await schedules().runNow(reference, by: caller)
        return Self.json(.accepted) { json in
            json.object { o in
                o.int("schedule_id", run.scheduleID)
                o.string("job_id", run.jobID)
                o.string("trace_id", run.traceID)
            }
        }
    }

    /// `POST /api/cron/schedules/:id/pause|resume`.
    func setSchedulePaused(_ paused: Bool, _ request: Request, _ context: BasicRequestContext, _ caller: APICaller) async throws -> Response {
        _ = try QueryParameters(request, allowed: [])
        let reference = try Self.parameter(context)
        try await JSONBody.requireEmpty(request, limit: configuration.maxBodyBytes)
        let (schedule, changed) = try await schedules().setEnabled(reference, !paused, by: caller)
        let next = Self.nextFire(of: schedule)
        return Self.json { json in
            json.object { o in
                o.bool("changed", changed)
                o.key("schedule")
                schedule.writeJSON(to: &o, nextFireAt: next)
            }
        }
    }

    /// `GET /api/cron/schedules/:id/next?count=N`: the next N fire times (1-100, default 5).
    @Sendable func nextFires(_ request: Request, _ context: BasicRequestContext, _ caller: APICaller) async throws -> Response {
        let q = try QueryParameters(request, allowed: ["count"])
        let count = try q.int("count", in: 1...100, default: 5)
        let schedule = try await schedules().schedule(try Self.parameter(context))
        let fires = Self.nextFires(of: schedule, after: Self.now(), count: count)
        return Self.json { json in
            json.object { o in
                o.int("schedule_id", schedule.id)
                o.string("cron", schedule.definition.cron)
                o.string("tz", schedule.definition.timeZone)
                o.array("fires") { a in
                    for fire in fires { a.element(ISOTime.format(milliseconds: fire)) }
                }
            }
        }
    }
}
