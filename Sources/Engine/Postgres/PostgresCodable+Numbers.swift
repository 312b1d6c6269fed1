/// Integers, `Bool` and `Double` bind in text form with their natural PostgreSQL type.
extension Int: PostgresCodable {
  /// The value as a `bigint` parameter.
  public var postgresValue: PostgresValue { .text(String(self), type: .int8) }
}

extension Int64: PostgresCodable {
  /// The value as a `bigint` parameter.
  public var postgresValue: PostgresValue { .text(String(self), type: .int8) }
}

extension Int32: PostgresCodable {
  /// The value as an `integer` parameter.
  public var postgresValue: PostgresValue { .text(String(self), type: .int4) }
}

extension Int16: PostgresCodable {
  /// The value as a `smallint` parameter.
  public var postgresValue: PostgresValue { .text(String(self), type: .int2) }
}

extension Bool: PostgresCodable {
  /// The value as a `boolean` parameter.
  public var postgresValue: PostgresValue { .text(self ? "t" : "f", type: .bool) }

  /// Reads a `boolean` column.
  public static func decode(from cell: PostgresCell) throws(PostgresError) -> Bool {
    try cell.require([.bool], for: "Bool")
    switch try cell.text(as: "Bool") {
    case "t": return true
    case "f": return false
    default: throw cell.mismatch("Bool")
    }
  }
}

extension Double: PostgresCodable {
  /// The value as a `double precision` parameter (`NaN` and the infinities included).
  public var postgresValue: PostgresValue {
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
  public static func decode(from cell: PostgresCell) throws(PostgresError) -> Double {
    try cell.require([.float4, .float8, .numeric, .int2, .int4, .int8], for: "Double")
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
  public static func decode(from cell: PostgresCell) throws(PostgresError) -> Self {
    try cell.integer()
  }
}

extension PostgresCell {
  /// The value of an integer column as `T`, if it fits.
  func integer<T: FixedWidthInteger>() throws(PostgresError) -> T {
    let name = String(describing: T.self)
    try require([.int2, .int4, .int8, .oidType], for: name)
    guard let value = T(try text(as: name)) else {
      throw PostgresError(
        code: .decoding,
        message: "column '\(column.name)' holds a value out of the range of \(name)")
    }
    return value
  }
}
