import Engine

/// What the schedule routes need, through the system's façade: the same validators, store and
/// audit log as `crontui schedule` and the dashboard, with the API as the audited interface.
///
/// A reference is a schedule's id when it is all digits and its name otherwise. Errors are
/// ``APIError``s: a bad field is `.invalid(field, message)` naming the JSON key, an unknown schedule
/// `.notFound`, a name in use `.conflict(_, field: "name")`, a database or queue that cannot be
/// reached `.unavailable`.
struct ScheduleServiceAPIBackend: Sendable {
    /// The system it calls.
    let system: CronSystem

    func schedules(after afterName: String?, limit: Int) async throws(APIError) -> [Schedule] {
        try await call { () throws(ScheduleError) in try await system.schedules(after: afterName, limit: max(0, limit)) }
    }

    func schedule(_ reference: String) async throws(APIError) -> Schedule {
        try await call { () throws(ScheduleError) in try await system.schedule(ScheduleReference(reference)) }
    }

    func create(_ fields: ScheduleFields, by caller: APICaller) async throws(APIError) -> Schedule {
        try await call { () throws(ScheduleError) in try await system.createSchedule(fields, by: caller.auditCaller) }
    }

    func update(_ reference: String, with fields: ScheduleFields, by caller: APICaller) async throws(APIError) -> Schedule {
        try await call { () throws(ScheduleError) in
            try await system.updateSchedule(ScheduleReference(reference), with: fields, by: caller.auditCaller)
        }
    }

    func delete(_ reference: String, by caller: APICaller) async throws(APIError) -> Schedule {
        try await call { () throws(ScheduleError) in try await system.deleteSchedule(ScheduleReference(reference), by: caller.auditCaller) }
    }

    func setEnabled(_ reference: String, _ enabled: Bool, by caller: APICaller) async throws(APIError) -> (
        schedule: Schedule, changed: Bool
    ) {
        try await call { () throws(ScheduleError) in
            let result = try await system.setScheduleEnabled(ScheduleReference(reference), enabled, by: caller.auditCaller)
            return result
        }
    }

    func runNow(_ reference: String, by caller: APICaller) async throws(APIError) -> CronSystem.ManualRun {
        try await call { () throws(ScheduleError) in
            try await system.runSchedule(ScheduleReference(reference), by: caller.auditCaller)
        }
    }

    /// Runs `body`, its ``ScheduleError`` turned into the ``APIError`` the routes answer with.
    private func call<T>(_ body: () async throws(ScheduleError) -> T) async throws(APIError) -> T {
        do {
            return try await body()
        } catch {
            throw Self.apiError(error)
        }
    }

    /// The JSON key of a field the engine names by its command-line flag (`header` → `headers`,
    /// `pause-after-failures` → `pause_after_failures`).
    static func jsonField(_ flag: String) -> String {
        flag == "header" ? "headers" : flag.replacing("-", with: "_")
    }

    /// The API's answer to a schedule error: 400 naming the JSON field, 404, 409 on the name, or 503.
    static func apiError(_ error: ScheduleError) -> APIError {
        switch error.code {
        case .invalid:
            let field = error.field.map(jsonField)
            return APIError.invalid(field, field.map { "\($0): \(error.message)" } ?? error.message)
        case .notFound: return APIError.notFound(error.message)
        case .duplicateName: return APIError.conflict(error.message, field: "name")
        case .database: return APIError.unavailable("the schedule store cannot be reached: \(error.message)")
        case .queue: return APIError.unavailable("the queue cannot be reached: \(error.message)")
        default: return APIError.internal(error.description)
        }
    }
}
