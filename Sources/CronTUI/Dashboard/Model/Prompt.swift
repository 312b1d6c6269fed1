/// An input line in the footer; while one is open, keys go to it.
enum Prompt: Sendable, Hashable {
    /// Typing a `/` filter; it applies as typed, Enter closes the line and Esc clears it.
    case filter(text: String)
    /// A mutation waiting for `y`; anything else declines (the default is No).
    case confirm(question: String, command: OperatorCommand)
}
