/// A one-dimensional array parameter (`bigint[]`, `text[]`), sent in PostgreSQL's text form.
///
/// One array parameter carries any number of values, so a statement such as
/// `INSERT ... SELECT * FROM unnest($1::bigint[], $2::text[])` writes many rows in one round trip
/// without building SQL text per row.
package struct PostgresArray: Sendable, PostgresBindable {
    /// The encoded parameter.
    package let postgresValue: PostgresValue

    private init(type: PostgresDataType, text: String) {
        postgresValue = .text(text, type: type)
    }

    /// A `bigint[]` of `values`.
    package static func bigints(_ values: some Sequence<Int64>) -> PostgresArray {
        var text = "{"
        var first = true
        for value in values {
            if !first { text += "," }
            first = false
            text += String(value)
        }
        return PostgresArray(type: .int8Array, text: text + "}")
    }

    /// A `text[]` of `values`; nil elements are `NULL`. Text may not hold a NUL byte.
    package static func texts(_ values: some Sequence<String?>) -> PostgresArray {
        var text = "{"
        var first = true
        for value in values {
            if !first { text += "," }
            first = false
            guard let value else {
                text += "NULL"
                continue
            }
            text += "\""
            for character in value.unicodeScalars {
                if character == "\"" || character == "\\" { text += "\\" }
                text.unicodeScalars.append(character)
            }
            text += "\""
        }
        return PostgresArray(type: .textArray, text: text + "}")
    }
}

extension PostgresDataType {
    /// `bigint[]`
    package static let int8Array = PostgresDataType(oid: 1016)
    /// `text[]`
    package static let textArray = PostgresDataType(oid: 1009)
}
