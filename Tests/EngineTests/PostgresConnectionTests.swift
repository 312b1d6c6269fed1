import Foundation
import TestSupport
import Testing

@testable import Engine

/// Parameters, decoding, errors and transactions against the real PostgreSQL.
@Suite(.enabled(if: TestServices.enabled)) struct PostgresConnectionTests {
    static let hostileTexts = [
        "'); DROP TABLE items; --",
        "it's \"quoted\" and \\backslashed\\ and $1 and %s",
        "ünïcödé — 日本語 — 🙂 — \u{200B}",
        "line\nbreak\ttab\r",
        "",
    ]

    @Test func textRoundTripsVerbatim() async throws {
        try await TestDatabase.withSchema { database in
            let db = try await database.connect()
            try await db.query("CREATE TABLE items (id serial PRIMARY KEY, value text)")
            let values: [String?] = Self.hostileTexts + [nil]
            for value in values {
                try await db.query("INSERT INTO items (value) VALUES ($1)", [value])
            }
            let rows = try await db.query("SELECT value FROM items ORDER BY id")
            #expect(try rows.map { try $0.decode("value", as: String?.self) } == values)
            // The table survived the text that looks like SQL.
            #expect(try await db.query("SELECT count(*) FROM items")[0].decode(0, as: Int.self) == 6)
            // A parameter compared for equality finds exactly its own row.
            let found = try await db.query(
                "SELECT id FROM items WHERE value = $1", [Self.hostileTexts[0]])
            #expect(found.count == 1)
        }
    }

    @Test func textWithNULIsRefusedNotTruncated() async throws {
        try await TestDatabase.withSchema { database in
            let db = try await database.connect()
            let error = await #expect(throws: PostgresError.self) {
                try await db.query("SELECT $1::text", ["a\u{0}b"])
            }
            #expect(error?.code == .invalidParameter)
            #expect(try await db.query("SELECT 1")[0].decode(0, as: Int.self) == 1)
        }
    }

    @Test func byteaRoundTripsEveryByte() async throws {
        try await TestDatabase.withSchema { database in
            let db = try await database.connect()
            try await db.query("CREATE TABLE blobs (id serial PRIMARY KEY, body bytea)")
            let everyByte = (0...255).map(UInt8.init) + [0, 0, 0x5C, 0x78, 0]
            try await db.query(
                "INSERT INTO blobs (body) VALUES ($1), ($2), ($3)", [everyByte, [UInt8](), nil])
            let rows = try await db.query("SELECT body, length(body) AS n FROM blobs ORDER BY id")
            #expect(try rows[0].decode("body", as: [UInt8].self) == everyByte)
            #expect(try rows[0].decode("n", as: Int.self) == everyByte.count)
            #expect(try rows[1].decode("body", as: [UInt8].self) == [])
            #expect(try rows[2].decode("body", as: [UInt8]?.self) == nil)
            let data = Data([0, 1, 2, 0])
            #expect(try await db.query("SELECT $1::bytea", [data])[0].decode(0, as: Data.self) == data)
        }
    }

    @Test func decodesEveryType() async throws {
        try await TestDatabase.withSchema { database in
            let db = try await database.connect()
            let row = try await db.query(
                """
                SELECT 7::int2 AS small, 70000::int4 AS medium, 9000000000::int8 AS big, true AS yes,
                  false AS no, 2.5::float8 AS real, 'NaN'::float8 AS nan, '-Infinity'::float8 AS neginf,
                  '2024-01-02 03:04:05.123456+00'::timestamptz AS at, 'infinity'::timestamptz AS forever,
                  'a0eebc99-9c0b-4ef8-bb6d-6bb9bd380a11'::uuid AS id, '{"b": [1, 2], "a": "x"}'::jsonb AS doc,
                  '\\x00ff'::bytea AS bytes, NULL::text AS nothing, 'plain' AS word
                """)[0]
            #expect(try row.decode("small", as: Int16.self) == 7)
            #expect(try row.decode("medium", as: Int32.self) == 70000)
            #expect(try row.decode("big", as: Int64.self) == 9_000_000_000)
            #expect(try row.decode("big", as: Int.self) == 9_000_000_000)
            #expect(try row.decode("small", as: Int.self) == 7)
            #expect(try row.decode("yes", as: Bool.self) == true)
            #expect(try row.decode("no", as: Bool.self) == false)
            #expect(try row.decode("real", as: Double.self) == 2.5)
            #expect(try row.decode("nan", as: Double.self).isNaN)
            #expect(try row.decode("neginf", as: Double.self) == -.infinity)
            #expect(
                try row.decode("at", as: PostgresTimestamp.self)
                    == PostgresTimestamp(microsecondsSinceEpoch: 1_704_164_645_123_456))
            #expect(try row.decode("forever", as: PostgresTimestamp.self) == .infinity)
            #expect(
                try row.decode("id", as: UUID.self)
                    == UUID(uuidString: "A0EEBC99-9C0B-4EF8-BB6D-6BB9BD380A11"))
            #expect(try row.decode("doc", as: PostgresJSON.self).text == #"{"a": "x", "b": [1, 2]}"#)
            #expect(try row.decode("bytes", as: [UInt8].self) == [0, 255])
            #expect(try row.decode("nothing", as: String?.self) == nil)
            #expect(try row.decode(14, as: String.self) == "plain")
            #expect(try row.decode("medium", as: String.self) == "70000")
            #expect(row.columns.map(\.name).first == "small")
            #expect(row.cell(named: "big")?.column.type == .int8)
        }
    }

    @Test func decodingErrorsNameTheColumn() async throws {
        try await TestDatabase.withSchema { database in
            let db = try await database.connect()
            let row = try await db.query("SELECT NULL::int AS missing, 'x' AS word, 70000 AS wide")[0]
            for attempt in [
                { _ = try row.decode("missing", as: Int.self) },
                { _ = try row.decode("word", as: Int.self) },
                { _ = try row.decode("wide", as: Int16.self) },
                { _ = try row.decode("absent", as: Int.self) },
                { _ = try row.decode(9, as: Int.self) },
            ] as [() throws -> Void] {
                let error = #expect(throws: PostgresError.self) { try attempt() }
                #expect(error?.code == .decoding)
            }
        }
    }

    @Test func typedParametersRoundTrip() async throws {
        try await TestDatabase.withSchema { database in
            let db = try await database.connect()
            let at = PostgresTimestamp(microsecondsSinceEpoch: 1_704_164_645_123_456)
            let id = UUID()
            let date = Date(timeIntervalSince1970: 1_700_000_000.25)
            let optional: Int? = nil
            let row = try await db.query(
                """
                SELECT $1::int8 AS a, $2::int4 AS b, $3::int2 AS c, $4::bool AS d, $5::float8 AS e,
                  $6::timestamptz AS f, $7::uuid AS g, $8::jsonb AS h, $9::timestamptz AS i, $10::int8 AS j,
                  $11::timestamptz AS k, $12::float8 AS l
                """,
                [
                    Int.min, Int32.max, Int16.min, true, 0.1, at, id, PostgresJSON(#"{"k": "v"}"#), date,
                    optional, PostgresTimestamp.negativeInfinity, Double.infinity,
                ])[0]
            #expect(try row.decode("a", as: Int.self) == Int.min)
            #expect(try row.decode("b", as: Int32.self) == Int32.max)
            #expect(try row.decode("c", as: Int16.self) == Int16.min)
            #expect(try row.decode("d", as: Bool.self))
            #expect(try row.decode("e", as: Double.self) == 0.1)
            #expect(try row.decode("f", as: PostgresTimestamp.self) == at)
            #expect(try row.decode("g", as: UUID.self) == id)
            #expect(
                try row.decode("h", as: PostgresJSON.self).decode([String: String].self) == ["k": "v"])
            #expect(try row.decode("i", as: Date.self) == date)
            #expect(try row.decode("j", as: Int?.self) == nil)
            #expect(try row.decode("k", as: PostgresTimestamp.self) == .negativeInfinity)
            #expect(try row.decode("l", as: Double.self) == .infinity)
            // The server sees the instant the client meant.
            let epoch = try await db.query("SELECT extract(epoch FROM $1::timestamptz)::text", [at])
            #expect(try epoch[0].decode(0, as: String.self) == "1704164645.123456")
        }
    }

    @Test func serverErrorsCarrySQLStateMessageAndDetail() async throws {
        try await TestDatabase.withSchema { database in
            let db = try await database.connect()
            try await db.query("CREATE TABLE names (name text PRIMARY KEY)")
            try await db.query("INSERT INTO names VALUES ($1)", ["a"])
            let error = await #expect(throws: PostgresError.self) {
                try await db.query("INSERT INTO names VALUES ($1)", ["a"])
            }
            #expect(error?.code == .server)
            #expect(error?.sqlState == "23505")
            #expect(error?.message.contains("duplicate key") == true)
            #expect(error?.detail == "Key (name)=(a) already exists.")
            #expect(error.map { !$0.description.contains("\n") } == true)
            let syntax = await #expect(throws: PostgresError.self) { try await db.query("SELEC 1") }
            #expect(syntax?.sqlState == "42601")
            // The connection is still usable.
            #expect(try await db.query("SELECT count(*) FROM names")[0].decode(0, as: Int.self) == 1)
        }
    }

    @Test func transactionCommitsOrRollsBack() async throws {
        struct Boom: Error {}
        try await TestDatabase.withSchema { database in
            let db = try await database.connect()
            try await db.query("CREATE TABLE t (v int)")
            try await db.withTransaction { db in try db.query("INSERT INTO t VALUES (1)") }
            await #expect(throws: Boom.self) {
                try await db.withTransaction { db in
                    try db.query("INSERT INTO t VALUES (2)")
                    throw Boom()
                }
            }
            // A nested failure undoes only its own level.
            try await db.withTransaction { db in
                try db.query("INSERT INTO t VALUES (3)")
                _ = try? await db.withTransaction { db in
                    try db.query("INSERT INTO t VALUES (4)")
                    throw Boom()
                }
            }
            // A statement error swallowed inside the body still rolls the transaction back.
            let error = await #expect(throws: PostgresError.self) {
                try await db.withTransaction { db in
                    try db.query("INSERT INTO t VALUES (5)")
                    _ = try? db.query("INSERT INTO t VALUES ('not a number')")
                }
            }
            #expect(error?.code == .transactionRolledBack)
            let rows = try await db.query("SELECT v FROM t ORDER BY v")
            #expect(try rows.map { try $0.decode(0, as: Int.self) } == [1, 3])
            #expect(try await db.query("SELECT 1").count == 1)
        }
    }

    /// Data statements are prepared on first use; a statement whose table changed under it (here
    /// its result type) runs again instead of failing, in and out of use of the cache.
    @Test func preparedStatementsSurviveTableChanges() async throws {
        try await TestDatabase.withSchema { database in
            let db = try await database.connect()
            try await db.query("CREATE TABLE t (v int)")
            try await db.query("INSERT INTO t VALUES (1), (2)")
            let select = "SELECT * FROM t ORDER BY v"
            for _ in 0..<3 { #expect(try await db.query(select).map { try $0.decode(0, as: Int.self) } == [1, 2]) }
            try await db.query("ALTER TABLE t ALTER COLUMN v TYPE text, ADD COLUMN w int DEFAULT 7")
            let rows = try await db.query(select)
            #expect(rows.columns.map(\.name) == ["v", "w"])
            #expect(try rows.map { try $0.decode("w", as: Int.self) } == [7, 7])
            // The same text with other parameter types is a statement of its own.
            #expect(try await db.query("SELECT $1::text AS x", [5])[0].decode(0, as: String.self) == "5")
            #expect(try await db.query("SELECT $1::text AS x", ["five"])[0].decode(0, as: String.self) == "five")
            // Each run is planned for its parameter values: a generic plan for `state = $1` over a
            // skewed column could scan the whole table for a value that matches nothing.
            #expect(try await db.query("SELECT current_setting('plan_cache_mode')")[0].decode(0, as: String.self) == "force_custom_plan")
        }
    }

    /// With prepared statements off (behind a pooler in transaction mode) the session holds no
    /// prepared statement, and the same statements still run.
    @Test func preparedStatementsOffSendsEveryStatementUnnamed() async throws {
        try await TestDatabase.withSchema { database in
            let count = "SELECT count(*)::int FROM pg_prepared_statements WHERE name LIKE 'crontui%'"
            var endpoint = database.endpoint
            endpoint.preparedStatements = false
            let unnamed = try await PostgresConnection.connect(to: endpoint)
            try await unnamed.query("CREATE TABLE t (v int)")
            for v in 1...3 { try await unnamed.query("INSERT INTO t VALUES ($1)", [v]) }
            #expect(try await unnamed.query("SELECT sum(v)::int FROM t")[0].decode(0, as: Int.self) == 6)
            #expect(try await unnamed.query(count)[0].decode(0, as: Int.self) == 0)
            await unnamed.close()
            // The control: by default the same statements are prepared on the session.
            let prepared = try await database.connect()
            for v in 1...3 { try await prepared.query("INSERT INTO t VALUES ($1)", [v]) }
            #expect(try await prepared.query(count)[0].decode(0, as: Int.self) >= 1)
        }
    }

    @Test func affectedRowsAndCommandTag() async throws {
        try await TestDatabase.withSchema { database in
            let db = try await database.connect()
            try await db.query("CREATE TABLE t (v int)")
            let insert = try await db.query("INSERT INTO t SELECT generate_series(1, 3)")
            #expect(insert.affectedRows == 3)
            #expect(insert.commandTag == "INSERT 0 3")
            let update = try await db.query("UPDATE t SET v = v + 1 WHERE v > $1", [1])
            #expect(update.affectedRows == 2)
            #expect(update.isEmpty)
        }
    }

    @Test func closedConnectionThrows() async throws {
        let db = try await PostgresConnection.connect(to: TestServices.databaseEndpoint())
        await db.close()
        let error = await #expect(throws: PostgresError.self) { try await db.query("SELECT 1") }
        #expect(error?.code == .closed)
    }

    @Test func badConnectionStringsAndUnreachableServers() async throws {
        // A connection string libpq cannot read is refused when the endpoint is made, before
        // anything connects, naming where it came from.
        let invalid = #expect(throws: ConfigurationError.self) {
            _ = try PostgresEndpoint(url: "postgres://crontui@127.0.0.1:5440/crontui?bogus=1")
        }
        #expect(invalid?.field == "DATABASE_URL" && invalid?.description.contains("bogus") == true)
        let closedPort = try PostgresEndpoint(url: "postgres://crontui@127.0.0.1:1/crontui")
        let unreachable = await #expect(throws: PostgresError.self) {
            _ = try await PostgresConnection.connect(to: closedPort)
        }
        #expect(unreachable?.code == .connectionFailed)
        #expect(unreachable.map { !$0.description.contains("\n") } == true)
    }
}
