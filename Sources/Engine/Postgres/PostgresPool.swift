import Foundation

/// A small pool of ``PostgresConnection``s to one endpoint.
///
/// Connections open lazily, up to `size`. ``withConnection(isolation:_:)`` lends one to a task for
/// the length of a closure; when all are lent, tasks wait in a first-come, first-served queue,
/// suspended (never blocking a thread). A waiting task that is cancelled stops waiting and throws
/// ``PostgresError/Code/cancelled``.
package final class PostgresPool: Sendable {
    /// Where the pool's connections connect to.
    package let endpoint: PostgresEndpoint
    /// The most connections the pool opens.
    package let size: Int

    private let state = PoolState()

    /// A pool of at most `size` (at least 1) connections to `endpoint`. Nothing connects until the
    /// first use.
    package init(endpoint: PostgresEndpoint, size: Int = 5) {
        self.endpoint = endpoint
        self.size = max(1, size)
    }

    /// Lends a connection to `body` and takes it back when `body` returns or throws. A transaction
    /// `body` left open is rolled back. Throws what `body` throws, or a ``PostgresError`` when no
    /// connection can be had.
    package func withConnection<T>(
        isolation: isolated (any Actor)? = #isolation,
        _ body: (PostgresConnection) async throws -> T
    ) async throws -> T {
        let connection = try await checkout()
        do {
            let value = try await body(connection)
            await checkin(connection)
            return value
        } catch {
            await checkin(connection)
            throw error
        }
    }

    /// Runs one statement on a pooled connection; see ``PostgresConnection/query(_:_:)``.
    @discardableResult
    package func query(_ sql: String, _ parameters: [(any PostgresBindable)?] = [])
        async throws(PostgresError) -> PostgresResult
    {
        let connection = try await checkout()
        do {
            let result = try await connection.query(sql, parameters)
            await checkin(connection)
            return result
        } catch {
            await checkin(connection)
            throw error
        }
    }

    /// Closes idle connections now and lent ones when they come back; waiting and later callers
    /// get ``PostgresError/Code/closed``.
    package func close() async {
        for connection in state.close() { await connection.close() }
    }

    /// How many tasks are waiting for a connection.
    var waitingCount: Int { state.waitingCount }

    private func checkout() async throws(PostgresError) -> PostgresConnection {
        let id = state.newWaiterID()
        let lease = await withTaskCancellationHandler {
            await withCheckedContinuation { continuation in
                state.lease(id: id, size: size, continuation: continuation)
            }
        } onCancel: {
            state.cancel(id: id)
        }
        switch lease {
        case .connection(let connection):
            return connection
        case .failure(let error):
            throw error
        case .open:
            do {
                return try await PostgresConnection.connect(to: endpoint)
            } catch {
                state.openFailed()
                throw error
            }
        }
    }

    private func checkin(_ connection: PostgresConnection) async {
        await connection.rollBackLeftoverTransaction()
        if !state.giveBack(connection) { await connection.close() }
    }
}
