/// `String` binds as `text` and decodes from any column, as the column's text form.
extension String: PostgresCodable {
    /// The string as a `text` parameter.
    package var postgresValue: PostgresValue { .text(self, type: .text) }

    /// The column's text form, whatever its type.
    package static func decode(from cell: PostgresCell) throws(PostgresError) -> String {
        try cell.text(as: "String")
    }
}

/// `Optional` decodes SQL `NULL` as nil.
extension Optional: PostgresDecodable where Wrapped: PostgresDecodable {
    /// nil for `NULL`, otherwise the wrapped type's decoding.
    package static func decode(from cell: PostgresCell) throws(PostgresError) -> Wrapped? {
        cell.isNull ? nil : try Wrapped.decode(from: cell)
    }
}
