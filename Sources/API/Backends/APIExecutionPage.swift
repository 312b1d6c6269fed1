/// One page of history.
public struct APIExecutionPage: Sendable, Equatable {
    /// The rows, newest first.
    public var records: [APIExecution]
    /// The cursor of the next page; nil on the last.
    public var next: String?

    /// Creates a page.
    public init(records: [APIExecution], next: String?) {
        self.records = records
        self.next = next
    }
}
