/// A column of a ``TableLayout``.
struct TableColumn: Sendable {
    var title: String
    /// The width, or the least width of a flexible column.
    var width: Int
    /// Takes a share of the spare width.
    var flexible = false
    var alignRight = false
    /// Columns with the lowest priority are dropped first when the table does not fit.
    var priority = 0
}
