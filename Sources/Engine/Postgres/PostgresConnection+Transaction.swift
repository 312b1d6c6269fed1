/// Transactions: commit when the body returns, roll back when it throws.
extension PostgresConnection {
    /// Runs `body` inside a transaction: `COMMIT` if it returns, `ROLLBACK` if it throws (and the
    /// error is rethrown). Nested calls use savepoints, so an inner failure undoes only the inner
    /// level.
    ///
    /// `body` runs isolated to the connection, so its statements need no `await`:
    /// ```swift
    /// try await db.withTransaction { db in
    ///   try db.query("INSERT INTO audit (actor, action) VALUES ($1, $2)", [actor, action])
    /// }
    /// ```
    /// If the body catches a statement's error and returns anyway, PostgreSQL has already failed the
    /// transaction: `COMMIT` rolls back and this throws ``PostgresError/Code/transactionRolledBack``.
    package func withTransaction<T: Sendable>(
        _ body: @Sendable (isolated PostgresConnection) async throws -> T
    ) async throws -> T {
        let depth = transactionDepth
        try query(depth == 0 ? "BEGIN" : "SAVEPOINT crontui_\(depth)")
        transactionDepth = depth + 1
        do {
            let value = try await body(self)
            transactionDepth = depth
            if depth == 0 {
                let result = try query("COMMIT")
                if result.commandTag == "ROLLBACK" {
                    throw PostgresError(
                        code: .transactionRolledBack,
                        message: "a statement in the transaction failed, so COMMIT rolled it back")
                }
            } else {
                try query("RELEASE SAVEPOINT crontui_\(depth)")
            }
            return value
        } catch {
            transactionDepth = depth
            rollBack(depth: depth)
            throw error
        }
    }
}
