/// Integers, `Bool` and `Double` bind in text form with their natural PostgreSQL type.
extension Int: PostgresCodable {
    /// The value as a `bigint` parameter.
    package var postgresValue: PostgresValue { .text(String(self), type: .int8) }
}

extension Int64: PostgresCodable {
    /// The value as a `bigint` parameter.
    package var postgresValue: PostgresValue { .text(String(self), type: .int8) }
}

extension Int32: PostgresCodable {
    /// The value as an `integer` parameter.
    package var postgresValue: PostgresValue { .text(String(self), type: .int4) }
}

extension Int16: PostgresCodable {
    /// The value as a `smallint` parameter.
    package var postgresValue: PostgresValue { .text(String(self), type: .int2) }
}

extension Bool: PostgresCodable {
    /// The value as a `boolean` parameter.
    package var postgresValue: PostgresValue { .text(self ? "t" : "f", type: .bool) }

    /// Reads a `boolean` column.
    package static func decode(from cell: PostgresCell) throws(PostgresError) -> Bool {
        try cell.require(PostgresCell.boolTypes, for: "Bool")
        switch try cell.text(as: "Bool") {
        case "t": return true
        case "f": return false
        default: throw cell.mismatch("Bool")
        }
    }
}

extension Double: PostgresCodable {
    /// The value as a `double precision` parameter (`NaN` and the infinities included).
    package var postgresValue: PostgresValue {
        let text: String
        if isNaN {
            text = "NaN"
        } else if isInfinite {
            text = self < 0 ? "-Infinity" : "Infinity"
        } else {
            text = String(self)
        }
        return .text(text, type: .float8)
    }

    /// Reads a `real`, `double precision`, `numeric` or integer column.
    package static func decode(from cell: PostgresCell) throws(PostgresError) -> Double {
        try cell.require(PostgresCell.doubleTypes, for: "Double")
        let text = try cell.text(as: "Double")
        switch text {
        case "NaN": return .nan
        case "Infinity": return .infinity
        case "-Infinity": return -.infinity
        default:
            guard let value = Double(text) else { throw cell.mismatch("Double") }
            return value
        }
    }
}

extension PostgresDecodable where Self: FixedWidthInteger {
    /// Reads a `smallint`, `integer` or `bigint` column whose value fits.
    package static func decode(from cell: PostgresCell) throws(PostgresError) -> Self {
        try cell.integer()
    }
}

extension PostgresCell {
    /// The column types an integer decodes from. (Static: a literal at each call would be built for
    /// every value, which shows when a scheduler reads 100,000 rows.)
    static let integerTypes: [PostgresDataType] = [.int2, .int4, .int8, .oidType]
    /// The column types a `Double` decodes from.
    static let doubleTypes: [PostgresDataType] = [.float4, .float8, .numeric, .int2, .int4, .int8]
    /// The column types a `Bool` decodes from.
    static let boolTypes: [PostgresDataType] = [.bool]

    /// The value of an integer column as `T`, if it fits. The digits are read straight from the
    /// bytes, without an intermediate string.
    func integer<T: FixedWidthInteger>() throws(PostgresError) -> T {
        guard Self.integerTypes.contains(column.type) else { throw mismatch(String(describing: T.self)) }
        let bytes = try nonNull(as: String(describing: T.self))
        var value: T = 0
        var index = 0
        let negative = bytes.first == UInt8(ascii: "-")
        if negative { index = 1 }
        var valid = index < bytes.count
        while valid && index < bytes.count {
            let digit = bytes[index] &- UInt8(ascii: "0")
            guard digit < 10 else {
                valid = false
                break
            }
            let (shifted, overflow1) = value.multipliedReportingOverflow(by: 10)
            let (next, overflow2) =
                negative ? shifted.subtractingReportingOverflow(T(digit)) : shifted.addingReportingOverflow(T(digit))
            valid = !overflow1 && !overflow2
            value = next
            index += 1
        }
        guard valid else {
            throw PostgresError(
                code: .decoding,
                message: "column '\(column.name)' holds a value out of the range of \(String(describing: T.self))")
        }
        return value
    }
}
