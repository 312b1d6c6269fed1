/// What a statement returned: its rows (if any), the command tag and the count of rows affected.
package struct PostgresResult: RandomAccessCollection, Sendable {
    /// The result's columns; empty for statements that return no rows.
    package let columns: [PostgresColumn]
    /// The rows, in the order the server sent them.
    package let rows: [PostgresRow]
    /// The server's command tag, e.g. `INSERT 0 1`, `SELECT 3`, `COMMIT`.
    package let commandTag: String
    /// The rows an `INSERT`, `UPDATE`, `DELETE`, `SELECT`, ... affected; 0 for other commands.
    package let affectedRows: Int

    init(columns: [PostgresColumn], rows: [PostgresRow], commandTag: String, affectedRows: Int) {
        self.columns = columns
        self.rows = rows
        self.commandTag = commandTag
        self.affectedRows = affectedRows
    }

    /// The first row's index, 0.
    package var startIndex: Int { rows.startIndex }
    /// One past the last row's index.
    package var endIndex: Int { rows.endIndex }
    /// The row at `position`.
    package subscript(position: Int) -> PostgresRow { rows[position] }
}
