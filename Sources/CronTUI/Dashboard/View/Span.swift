/// A run of text with one role.
struct Span: Sendable, Hashable {
    var text: String
    var role: StyleRole

    init(_ text: String, _ role: StyleRole = .normal) {
        self.text = text
        self.role = role
    }

    /// Columns the text takes once sanitized.
    var width: Int { TextWidth.of(Sanitizer.line(text)) }
}
