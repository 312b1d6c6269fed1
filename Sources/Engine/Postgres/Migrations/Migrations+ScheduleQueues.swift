/// Migration 6: a schedule names the queue its jobs go to; NULL is the default queue (the
/// `QUEUE_NAME` of the processes working it), so every existing schedule stays where it was.
extension Migrations {
    static let scheduleQueues = Migration(
        version: 6, name: "a schedule's queue",
        statements: [
            "ALTER TABLE \(StoreTables.schedules) ADD COLUMN queue text"
        ])
}
