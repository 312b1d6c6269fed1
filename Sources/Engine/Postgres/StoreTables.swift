/// The names of crontui's PostgreSQL tables: the one place they are spelled.
///
/// Tables live in the first schema of the connection's `search_path` (`public` unless the URL
/// says otherwise, e.g. `?options=-csearch_path%3Dcrontui`).
package enum StoreTables {
    /// Applied migrations: `version`, `name`, `applied_at`.
    package static let schemaMigrations = "schema_migrations"
    /// Schedules: a cron expression, a time zone, an HTTP request template and policies.
    package static let schedules = "schedules"
    /// The fire ledger: one row per (schedule, scheduled instant), recorded before it is enqueued.
    package static let fires = "fires"
    /// One row per attempt of a job: timing, HTTP status, response, outcome.
    package static let executions = "executions"
    /// Who did what, from which interface.
    package static let audit = "audit"
    /// The `NOTIFY` channel on which a change to `schedules` is announced, with the payload
    /// `<schema> <insert|update|delete> <id>`: the channel is database-wide, the schema says whose.
    static let scheduleChanges = "crontui_schedules"
    /// The trigger function that sends those notifications.
    static let scheduleChangesFunction = "crontui_schedules_notify"
}
