/// Migration 7: an attempt names the queue that ran it, so history can be read by queue.
///
/// Rows recorded before it keep `queue` NULL: their queue is not known (a process could already
/// work several queues), so they show no queue and no queue filter matches them. The index serves
/// history filtered by queue in its own order (newest first, then by id); it is partial, as a
/// filter by queue never matches a NULL.
extension Migrations {
    static let executionQueues = Migration(
        version: 7, name: "an execution's queue",
        statements: [
            "ALTER TABLE \(StoreTables.executions) ADD COLUMN queue text",
            """
            CREATE INDEX executions_queue_idx ON \(StoreTables.executions)
              (queue, started_at DESC, id DESC) WHERE queue IS NOT NULL
            """,
        ])
}
