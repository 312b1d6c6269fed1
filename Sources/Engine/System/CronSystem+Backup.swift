extension CronSystem {
    /// What a backup needs to know of the PostgreSQL side: the schema the connection works in, its
    /// migration version (0 when it holds none) and how many tables it holds.
    public struct SchemaInfo: Sendable, Equatable {
        /// `current_schema()`.
        public var name: String
        /// The newest applied migration.
        public var version: Int
        /// Tables in the schema.
        public var tables: Int
    }

    /// The schema the configured database works in.
    public func schemaInfo() async throws(SystemError) -> SchemaInfo {
        do {
            let row = try await database.query(
                """
                SELECT current_schema(), (SELECT count(*) FROM information_schema.tables WHERE table_schema = current_schema())::int
                """)[0]
            let name = try row.decode(0, as: String.self)
            let tables = try row.decode(1, as: Int.self)
            let version = tables > 0 ? try await schemaVersion() : 0
            return SchemaInfo(name: name, version: version, tables: tables)
        } catch let error as SystemError {
            throw error
        } catch {
            throw postgresFailure(error, "cannot read the schema")
        }
    }

    /// Every key of the queue, as Redis's `DUMP` serializes it, with its TTL.
    package func dumpQueue() async throws(QueueError) -> [JobQueue.DumpedKey] {
        try await queue.dump()
    }

    /// Puts dumped keys back into the queue.
    package func restoreQueue(_ keys: [JobQueue.DumpedKey]) async throws(QueueError) {
        try await queue.restore(keys)
    }
}
