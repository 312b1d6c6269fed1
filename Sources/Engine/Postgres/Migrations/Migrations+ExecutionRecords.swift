/// Migration 2: what recording every attempt needs beyond migration 1.
///
/// - `record_id`: the idempotency key of an attempt, unique, so a record delivered twice (an outbox
///   replay, a start and an end) is one row;
/// - `status`: the history status derived when the row is written (see ``ExecutionStatus``), so the
///   status filter reads an index;
/// - the schedule's name at the time (history outlives renames and deletions), the job a rerun
///   copies, the request's method and URL, and the error kind.
extension Migrations {
    static let executionRecords = Migration(
        version: 2, name: "execution record ids, status and request",
        statements: [
            """
            ALTER TABLE \(StoreTables.executions)
              ADD COLUMN record_id uuid NOT NULL DEFAULT gen_random_uuid(),
              ADD COLUMN status text NOT NULL DEFAULT 'running'
                CHECK (status IN ('succeeded', 'failed', 'retrying', 'running', 'timed_out')),
              ADD COLUMN schedule_name text,
              ADD COLUMN rerun_of text,
              ADD COLUMN method text,
              ADD COLUMN url text,
              ADD COLUMN error_kind text,
              ADD COLUMN will_retry boolean NOT NULL DEFAULT false
            """,
            "CREATE UNIQUE INDEX executions_record_idx ON \(StoreTables.executions) (record_id)",
            """
            CREATE INDEX executions_status_idx ON \(StoreTables.executions)
              (status, started_at DESC, id DESC)
            """,
            """
            CREATE INDEX executions_schedule_name_idx ON \(StoreTables.executions)
              (schedule_name, started_at DESC, id DESC)
            """,
        ])
}
