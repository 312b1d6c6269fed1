/// crontui's schema, as the ordered list of its migrations.
package enum Migrations {
    /// Every migration, in version order. Append new ones; never edit a published one.
    package static let all: [Migration] = [
        initialSchema,
        executionRecords,
        scheduler,
        defaultAttempts,
        retention,
        scheduleQueues,
        executionQueues,
    ]

    /// The newest schema version this build knows.
    package static var latestVersion: Int { all.last?.version ?? 0 }
}
