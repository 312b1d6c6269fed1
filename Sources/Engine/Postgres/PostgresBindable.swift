/// A Swift value that can be sent as a statement parameter (`$1`, `$2`, ...).
///
/// Values always travel as parameters, never spliced into SQL text, so no value can change what a
/// statement does. `nil` in a parameter list is SQL `NULL`.
package protocol PostgresBindable: Sendable {
    /// The value encoded for the wire.
    var postgresValue: PostgresValue { get }
}
