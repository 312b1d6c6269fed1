/// A column of a result: its name and type.
package struct PostgresColumn: Hashable, Sendable {
    /// The column's name as the statement labelled it.
    package var name: String
    /// The column's type.
    package var type: PostgresDataType
}
