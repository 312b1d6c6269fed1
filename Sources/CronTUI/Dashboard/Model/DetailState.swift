/// The execution detail view (`Enter`), full screen and scrollable.
struct DetailState: Sendable, Equatable {
    var id: Int64
    var detail: ExecutionDetail?
    var error: String?
    /// The first line shown.
    var scroll = 0
    var wrap = true
}
