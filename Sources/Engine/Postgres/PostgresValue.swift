/// A parameter as it goes over the wire: its type, its format and its bytes.
///
/// Most code passes Swift values (`String`, `Int`, `Date`, ...) that conform to
/// ``PostgresBindable``; build a `PostgresValue` by hand for a type this client does not know.
package struct PostgresValue: Hashable, Sendable, PostgresBindable {
    /// How the bytes encode the value.
    package enum Format: Hashable, Sendable {
        /// PostgreSQL's text form (what `SELECT` prints). Cannot hold a NUL byte.
        case text
        /// PostgreSQL's binary form of the type (required for `bytea` holding arbitrary bytes).
        case binary
    }

    /// The parameter's type; ``PostgresDataType/unspecified`` lets the server infer it.
    package var type: PostgresDataType
    /// How ``bytes`` encode the value.
    package var format: Format
    /// The encoded value.
    package var bytes: [UInt8]

    /// A value in PostgreSQL's text form, e.g. `.text("{}", type: .jsonb)`.
    package static func text(_ text: String, type: PostgresDataType) -> PostgresValue {
        PostgresValue(type: type, format: .text, bytes: Array(text.utf8))
    }

    /// The value itself.
    package var postgresValue: PostgresValue { self }
}
