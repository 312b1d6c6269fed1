/// What the schedule routes need: the whole contract between the API and the schedule store.
///
/// A reference is a schedule's id when it is all digits and its name otherwise (the engine's
/// `ScheduleReference(text)`). Mutations receive the caller and must write the audit entry
/// themselves (actor = caller name, interface `api`), as the engine's `ScheduleService` does.
/// Errors are ``APIError``s: a bad field is `.invalid(field, message)` naming the JSON key, an unknown
/// schedule `.notFound`, a name in use `.conflict(_, field: "name")`, a database or queue that cannot
/// be reached `.unavailable`.
public protocol ScheduleAPIBackend: Sendable {
    /// Up to `limit` schedules whose name sorts after `afterName` (all when nil), by name.
    func schedules(after afterName: String?, limit: Int) async throws(APIError) -> [APISchedule]
    /// One schedule.
    func schedule(_ reference: String) async throws(APIError) -> APISchedule
    /// Creates a schedule; `name`, `cron` and `url` are required.
    func create(_ fields: ScheduleFields, by caller: APICaller) async throws(APIError) -> APISchedule
    /// Changes the given fields; the result is checked as a whole.
    func update(_ reference: String, with fields: ScheduleFields, by caller: APICaller) async throws(APIError) -> APISchedule
    /// Deletes a schedule; returns it.
    func delete(_ reference: String, by caller: APICaller) async throws(APIError) -> APISchedule
    /// Pauses (`false`) or resumes (`true`); `changed` is false when it already was so.
    func setEnabled(_ reference: String, _ enabled: Bool, by caller: APICaller) async throws(APIError) -> (schedule: APISchedule, changed: Bool)
    /// Enqueues one job of the schedule now (trigger `manual`).
    func runNow(_ reference: String, by caller: APICaller) async throws(APIError) -> APIManualRun
}
