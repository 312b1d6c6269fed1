/// One row of the key table: the keys, where they apply, what they do, and how help names them.
struct KeyBinding: Sendable {
    var keys: [Key]
    var contexts: Set<KeyContext>
    var action: KeyAction
    /// The help overlay's description.
    var help: String
    /// The footer's short label; nil keeps the binding out of the footer.
    var hint: String?
}
