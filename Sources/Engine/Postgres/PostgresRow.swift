/// One row of a result, with access to its values by column index or column name.
package struct PostgresRow: Sendable {
    /// The result's columns, in order.
    package let columns: [PostgresColumn]
    /// The values' text forms in column order; nil for `NULL`.
    let values: [[UInt8]?]
    /// Column positions by name, shared by every row of a result.
    let positions: PostgresColumnPositions

    /// The cell at `index`, or nil if there is no such column.
    package func cell(at index: Int) -> PostgresCell? {
        guard values.indices.contains(index) else { return nil }
        return PostgresCell(column: columns[index], bytes: values[index])
    }

    /// The cell of the first column named `name`, or nil if there is none.
    package func cell(named name: String) -> PostgresCell? {
        positions[name].flatMap(cell(at:))
    }

    /// Decodes the column at `index` as `type`.
    package func decode<T: PostgresDecodable>(_ index: Int, as type: T.Type = T.self)
        throws(PostgresError) -> T
    {
        guard let cell = cell(at: index) else {
            throw PostgresError(
                code: .decoding, message: "no column \(index) in a row of \(columns.count) columns")
        }
        return try T.decode(from: cell)
    }

    /// Decodes the column named `name` as `type`.
    package func decode<T: PostgresDecodable>(_ name: String, as type: T.Type = T.self)
        throws(PostgresError) -> T
    {
        guard let cell = cell(named: name) else {
            throw PostgresError(code: .decoding, message: "no column named '\(name)' in the row")
        }
        return try T.decode(from: cell)
    }
}

/// The position of the first column of each name, computed once per result.
final class PostgresColumnPositions: Sendable {
    private let positions: [String: Int]

    init(_ columns: [PostgresColumn]) {
        var positions: [String: Int] = [:]
        for (index, column) in columns.enumerated() where positions[column.name] == nil { positions[column.name] = index }
        self.positions = positions
    }

    subscript(name: String) -> Int? { positions[name] }
}
