/// A PostgreSQL type, by its OID (the `oid` of its row in `pg_type`).
package struct PostgresDataType: Hashable, Sendable, CustomStringConvertible {
    /// The type's OID; 0 lets the server infer the type of a parameter.
    package var oid: UInt32

    /// The type with OID `oid`.
    package init(oid: UInt32) { self.oid = oid }

    /// Let the server infer the type from context.
    package static let unspecified = PostgresDataType(oid: 0)
    /// `boolean`
    package static let bool = PostgresDataType(oid: 16)
    /// `bytea`
    package static let bytea = PostgresDataType(oid: 17)
    /// `bigint`
    package static let int8 = PostgresDataType(oid: 20)
    /// `smallint`
    package static let int2 = PostgresDataType(oid: 21)
    /// `integer`
    package static let int4 = PostgresDataType(oid: 23)
    /// `text`
    package static let text = PostgresDataType(oid: 25)
    /// `oid`
    package static let oidType = PostgresDataType(oid: 26)
    /// `json`
    package static let json = PostgresDataType(oid: 114)
    /// `real`
    package static let float4 = PostgresDataType(oid: 700)
    /// `double precision`
    package static let float8 = PostgresDataType(oid: 701)
    /// `character`
    package static let bpchar = PostgresDataType(oid: 1042)
    /// `character varying`
    package static let varchar = PostgresDataType(oid: 1043)
    /// `timestamp without time zone`
    package static let timestamp = PostgresDataType(oid: 1114)
    /// `timestamp with time zone`
    package static let timestamptz = PostgresDataType(oid: 1184)
    /// `numeric`
    package static let numeric = PostgresDataType(oid: 1700)
    /// `uuid`
    package static let uuid = PostgresDataType(oid: 2950)
    /// `jsonb`
    package static let jsonb = PostgresDataType(oid: 3802)

    private static let names: [UInt32: String] = [
        0: "unspecified", 16: "bool", 17: "bytea", 20: "int8", 21: "int2", 23: "int4", 25: "text",
        26: "oid", 114: "json", 700: "float4", 701: "float8", 1042: "bpchar", 1043: "varchar",
        1114: "timestamp", 1184: "timestamptz", 1700: "numeric", 2950: "uuid", 3802: "jsonb",
    ]

    /// The type's name for the types this client knows, `oid N` otherwise.
    package var description: String { Self.names[oid] ?? "oid \(oid)" }
}
