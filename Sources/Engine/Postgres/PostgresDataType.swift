/// A PostgreSQL type, by its OID (the `oid` of its row in `pg_type`).
public struct PostgresDataType: Hashable, Sendable, CustomStringConvertible {
    /// The type's OID; 0 lets the server infer the type of a parameter.
    public var oid: UInt32

    /// The type with OID `oid`.
    public init(oid: UInt32) { self.oid = oid }

    /// Let the server infer the type from context.
    public static let unspecified = PostgresDataType(oid: 0)
    /// `boolean`
    public static let bool = PostgresDataType(oid: 16)
    /// `bytea`
    public static let bytea = PostgresDataType(oid: 17)
    /// `bigint`
    public static let int8 = PostgresDataType(oid: 20)
    /// `smallint`
    public static let int2 = PostgresDataType(oid: 21)
    /// `integer`
    public static let int4 = PostgresDataType(oid: 23)
    /// `text`
    public static let text = PostgresDataType(oid: 25)
    /// `oid`
    public static let oidType = PostgresDataType(oid: 26)
    /// `json`
    public static let json = PostgresDataType(oid: 114)
    /// `real`
    public static let float4 = PostgresDataType(oid: 700)
    /// `double precision`
    public static let float8 = PostgresDataType(oid: 701)
    /// `character`
    public static let bpchar = PostgresDataType(oid: 1042)
    /// `character varying`
    public static let varchar = PostgresDataType(oid: 1043)
    /// `timestamp without time zone`
    public static let timestamp = PostgresDataType(oid: 1114)
    /// `timestamp with time zone`
    public static let timestamptz = PostgresDataType(oid: 1184)
    /// `numeric`
    public static let numeric = PostgresDataType(oid: 1700)
    /// `uuid`
    public static let uuid = PostgresDataType(oid: 2950)
    /// `jsonb`
    public static let jsonb = PostgresDataType(oid: 3802)

    private static let names: [UInt32: String] = [
        0: "unspecified", 16: "bool", 17: "bytea", 20: "int8", 21: "int2", 23: "int4", 25: "text",
        26: "oid", 114: "json", 700: "float4", 701: "float8", 1042: "bpchar", 1043: "varchar",
        1114: "timestamp", 1184: "timestamptz", 1700: "numeric", 2950: "uuid", 3802: "jsonb",
    ]

    /// The type's name for the types this client knows, `oid N` otherwise.
    public var description: String { Self.names[oid] ?? "oid \(oid)" }
}
