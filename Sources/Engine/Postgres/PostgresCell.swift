/// One value of a row: the column it belongs to and its text form, or nil for SQL `NULL`.
package struct PostgresCell: Sendable {
    /// The column this value belongs to.
    package let column: PostgresColumn
    /// PostgreSQL's text form of the value; nil for SQL `NULL`.
    package let bytes: [UInt8]?

    /// A cell of `column` holding `bytes` (nil for `NULL`).
    package init(column: PostgresColumn, bytes: [UInt8]?) {
        self.column = column
        self.bytes = bytes
    }

    /// True for SQL `NULL`.
    package var isNull: Bool { bytes == nil }

    /// Decodes the value as `type`.
    package func decode<T: PostgresDecodable>(_ type: T.Type = T.self) throws(PostgresError) -> T {
        try T.decode(from: self)
    }

    /// The bytes, or a decoding error naming the column if the value is `NULL`.
    func nonNull(as type: @autoclosure () -> String) throws(PostgresError) -> [UInt8] {
        guard let bytes else {
            throw PostgresError(
                code: .decoding, message: "column '\(column.name)' is NULL; decode \(type())? to accept NULL")
        }
        return bytes
    }

    /// Checks that the column's type is one of `types`.
    func require(_ types: [PostgresDataType], for swiftType: String) throws(PostgresError) {
        guard types.contains(column.type) else { throw mismatch(swiftType) }
    }

    /// The error for a value that is not a `swiftType`.
    func mismatch(_ swiftType: String) -> PostgresError {
        PostgresError(
            code: .decoding,
            message: "column '\(column.name)' of type \(column.type) cannot be decoded as \(swiftType)")
    }

    /// The text form as a string.
    func text(as type: String) throws(PostgresError) -> String {
        String(decoding: try nonNull(as: type), as: UTF8.self)
    }
}
