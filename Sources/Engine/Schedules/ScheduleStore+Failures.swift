/// Counting failed jobs in a row, and pausing a schedule when there are too many.
extension ScheduleStore {
    /// Counts the outcome of a finished job of schedule `id`: a failure adds one to
    /// ``Schedule/consecutiveFailures``, a success resets it. When the count reaches the
    /// schedule's ``ScheduleDefinition/pauseAfterFailures``, the schedule is paused in the same
    /// statement; it is returned then (nil otherwise, or when there is no such schedule).
    package func countOutcome(scheduleID id: Int64, failed: Bool) async throws(ScheduleError) -> Schedule? {
        let now = PostgresTimestamp(milliseconds: clock.nowMilliseconds())
        let rows = try await query(
            """
            WITH old AS (SELECT id AS old_id, enabled AS was_enabled FROM \(Self.table) WHERE id = $1 FOR UPDATE)
            UPDATE \(Self.table) SET
              consecutive_failures = CASE WHEN $2 THEN consecutive_failures + 1 ELSE 0 END,
              enabled = enabled AND NOT ($2 AND consecutive_failures + 1 >= coalesce(pause_after_failures, 2147483647)),
              updated_at = CASE WHEN enabled AND $2 AND consecutive_failures + 1 >= coalesce(pause_after_failures, 2147483647)
                THEN $3 ELSE updated_at END
            FROM old
            WHERE id = old_id AND ($2 OR consecutive_failures <> 0)
            RETURNING \(Self.columns), was_enabled AND NOT enabled AS paused_now
            """, [id, failed, now])
        guard let row = rows.first, try Self.decode(row, Self.columnCount, as: Bool.self) else { return nil }
        return try Self.decode(row)
    }
}
