/// Migration 5: what history retention needs. Attempts and audit rows are found by age through the
/// indexes migration 1 made; the fire ledger had none by slot alone.
extension Migrations {
    static let retention = Migration(
        version: 5, name: "fire ledger index by slot, for retention",
        statements: [
            "CREATE INDEX fires_scheduled_for_idx ON \(StoreTables.fires) (scheduled_for, id)"
        ])
}
