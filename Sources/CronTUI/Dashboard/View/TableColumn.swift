/// A column of a ``TableLayout``.
struct TableColumn: Sendable {
    var title: String
    /// The width, or the least width of a flexible column.
    var width: Int
    /// Takes a share of the spare width.
    var flexible = false
    /// The most a flexible column can use (its longest value); what it cannot use goes to the
    /// other flexible columns.
    var most: Int?
    var alignRight = false
    /// Columns with the lowest priority are dropped first when the table does not fit.
    var priority = 0
}
