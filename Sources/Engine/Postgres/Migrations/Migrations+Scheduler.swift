/// Migration 2: what the scheduler needs beyond migration 1.
///
/// - `schedules.consecutive_failures`: the failed jobs in a row, for pausing a schedule
///   automatically; `schedules.active_since`: when the schedule last started to count (created,
///   resumed, or its cron or zone changed), so slots before it are never taken for missed ones;
/// - `fires.reason`: why a slot was recorded as it was (`catch_up`, `overlap`, `dedupe`,
///   `queue_one`, `downtime`), shown next to the status;
/// - a trigger that announces every change of a schedule with `NOTIFY`, so schedulers reload it at
///   once. A change of the failure count alone is not announced: it changes no fire.
extension Migrations {
    static let scheduler = Migration(
        version: 3, name: "schedule change notifications, failure counts, fire reasons",
        statements: [
            """
            ALTER TABLE \(StoreTables.schedules)
              ADD COLUMN consecutive_failures integer NOT NULL DEFAULT 0 CHECK (consecutive_failures >= 0),
              ADD COLUMN active_since timestamptz NOT NULL DEFAULT now(),
              ALTER COLUMN headers SET DEFAULT '[]'
            """,
            "ALTER TABLE \(StoreTables.fires) ADD COLUMN reason text",
            "CREATE INDEX schedules_enabled_idx ON \(StoreTables.schedules) (id) WHERE enabled",
            """
            CREATE FUNCTION \(StoreTables.scheduleChangesFunction)() RETURNS trigger LANGUAGE plpgsql AS $$
            BEGIN
              IF TG_OP = 'UPDATE' AND (to_jsonb(OLD) - 'consecutive_failures') = (to_jsonb(NEW) - 'consecutive_failures') THEN
                RETURN NULL;
              END IF;
              PERFORM pg_notify('\(StoreTables.scheduleChanges)', TG_TABLE_SCHEMA || ' ' || lower(TG_OP) || ' '
                || CASE WHEN TG_OP = 'DELETE' THEN OLD.id ELSE NEW.id END);
              RETURN NULL;
            END
            $$
            """,
            """
            CREATE TRIGGER schedules_notify AFTER INSERT OR UPDATE OR DELETE ON \(StoreTables.schedules)
              FOR EACH ROW EXECUTE FUNCTION \(StoreTables.scheduleChangesFunction)()
            """,
        ])
}
