import Foundation

/// A `json` / `jsonb` value, carried as its JSON text.
///
/// Binds as a `jsonb` parameter (a plain `String` binds as `text`, which PostgreSQL will not store
/// in a `jsonb` column without a cast) and decodes from `json`, `jsonb` or text columns.
package struct PostgresJSON: Hashable, Sendable, PostgresCodable {
    /// The JSON text.
    package var text: String

    /// The JSON document `text` (not checked here; the server rejects invalid JSON).
    package init(_ text: String) { self.text = text }

    /// `value` encoded with `encoder`.
    package init<T: Encodable>(encoding value: T, encoder: JSONEncoder = JSONEncoder()) throws {
        text = String(decoding: try encoder.encode(value), as: UTF8.self)
    }

    /// The document decoded as `type`.
    package func decode<T: Decodable>(_ type: T.Type, decoder: JSONDecoder = JSONDecoder()) throws
        -> T
    {
        try decoder.decode(type, from: Data(text.utf8))
    }

    /// The document as a `jsonb` parameter.
    package var postgresValue: PostgresValue { .text(text, type: .jsonb) }

    /// Reads a `json`, `jsonb` or text column.
    package static func decode(from cell: PostgresCell) throws(PostgresError) -> PostgresJSON {
        try cell.require([.json, .jsonb, .text, .varchar], for: "PostgresJSON")
        return PostgresJSON(try cell.text(as: "PostgresJSON"))
    }
}
