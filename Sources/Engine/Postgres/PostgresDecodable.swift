/// A Swift type that can be read from a result column.
///
/// Results arrive in PostgreSQL's text form (the session is set to ISO dates, UTC and hex `bytea`
/// so that form is predictable). Non-optional types throw a ``PostgresError/Code/decoding`` error
/// for SQL `NULL`; decode an `Optional` to accept it.
package protocol PostgresDecodable {
    /// Decodes the value held by `cell`.
    static func decode(from cell: PostgresCell) throws(PostgresError) -> Self
}

/// A type that can both be sent as a parameter and read from a column.
package typealias PostgresCodable = PostgresBindable & PostgresDecodable
