import Foundation
import TestSupport
import Testing

@testable import Engine

/// Connections through PgBouncer in transaction mode (`scripts/services.sh pgbouncer up`), where
/// clients take turns on the same server connections.
@Suite(.enabled(if: TestServices.pgbouncerEnabled)) struct PostgresPgBouncerTests {
    /// Prepared statements clash on a shared server connection and the error says which setting
    /// helps; with them off, clients share server connections without trouble.
    @Test func preparedStatementsClashThroughAPoolerUnlessTurnedOff() async throws {
        let bouncer = try PostgresEndpoint(url: try TestServices.pgbouncerURL())
        // PgBouncer hands an idle server connection out again to the next client (last in, first
        // out), and its prepared statements stay on it: a second client (or the first, on a server
        // connection an earlier run left behind) meets a statement name it never prepared.
        var clash: PostgresError?
        var clients: [PostgresConnection] = []
        for _ in 0..<3 where clash == nil {
            do {
                let client = try await PostgresConnection.connect(to: bouncer)
                clients.append(client)
                for v in 1...5 { try await client.query("SELECT $1::int AS v", [v]) }
            } catch {
                clash = error
            }
        }
        for client in clients { await client.close() }
        #expect(clash?.sqlState == "42P05", "\(String(describing: clash))")
        #expect(clash?.message.contains("set DATABASE_PREPARED_STATEMENTS=false") == true)

        var unnamed = bouncer
        unnamed.preparedStatements = false
        let unnamedClients = try await [PostgresConnection.connect(to: unnamed), PostgresConnection.connect(to: unnamed)]
        for round in 1...5 {
            for (index, client) in unnamedClients.enumerated() {
                let sum = try await client.query("SELECT $1::int + $2::int AS sum", [round, index])[0].decode(0, as: Int.self)
                #expect(sum == round + index)
            }
        }
        for client in unnamedClients { await client.close() }
    }
}
