/// Migration 4: a schedule created without saying how many attempts gets three (the first and
/// two retries, with exponential backoff from 1 s capped at 5 min), as the product promises.
///
/// Only the column default changes: existing schedules keep the attempts they have, since their
/// operators chose them (or accepted the old default) and a migration must not change what a
/// running schedule does.
extension Migrations {
    static let defaultAttempts = Migration(
        version: 4, name: "three attempts by default",
        statements: [
            "ALTER TABLE \(StoreTables.schedules) ALTER COLUMN attempts SET DEFAULT \(ScheduleDefinition.defaultAttempts)"
        ])
}
