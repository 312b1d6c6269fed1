/// A column of a result: its name and type.
public struct PostgresColumn: Hashable, Sendable {
    /// The column's name as the statement labelled it.
    public var name: String
    /// The column's type.
    public var type: PostgresDataType

    /// A column named `name` of `type`.
    public init(name: String, type: PostgresDataType) {
        self.name = name
        self.type = type
    }
}
