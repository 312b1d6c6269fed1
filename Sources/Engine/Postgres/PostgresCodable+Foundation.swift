import Foundation

/// Instants, UUIDs and bytes. Timestamps and `bytea` bind in binary form: exact, and able to
/// carry NUL bytes.
extension PostgresTimestamp: PostgresCodable {
    private static let timestampTypes: [PostgresDataType] = [.timestamptz, .timestamp]
    /// Microseconds between 1970-01-01 and PostgreSQL's epoch, 2000-01-01.
    private static let postgresEpochOffset: Int64 = 946_684_800_000_000

    /// The instant as a binary `timestamptz` parameter.
    package var postgresValue: PostgresValue {
        let micros: Int64
        switch self {
        case .infinity, .negativeInfinity: micros = microsecondsSinceEpoch
        default:
            let (shifted, overflow) = microsecondsSinceEpoch.subtractingReportingOverflow(
                Self.postgresEpochOffset)
            micros = overflow ? .min : shifted
        }
        let bits = UInt64(bitPattern: micros)
        let bytes = (0..<8).reversed().map { UInt8(truncatingIfNeeded: bits >> ($0 * 8)) }
        return PostgresValue(type: .timestamptz, format: .binary, bytes: bytes)
    }

    /// Reads a `timestamptz` (or `timestamp`, taken as UTC) column.
    package static func decode(from cell: PostgresCell) throws(PostgresError) -> PostgresTimestamp {
        try cell.require(timestampTypes, for: "PostgresTimestamp")
        guard let value = PostgresTimestamp(postgresText: try cell.nonNull(as: "PostgresTimestamp")[...]) else {
            throw cell.mismatch("PostgresTimestamp")
        }
        return value
    }
}

extension Date: PostgresCodable {
    /// The instant, rounded to microseconds, as a `timestamptz` parameter.
    package var postgresValue: PostgresValue { PostgresTimestamp(self).postgresValue }

    /// Reads a `timestamptz` (or `timestamp`, taken as UTC) column.
    package static func decode(from cell: PostgresCell) throws(PostgresError) -> Date {
        try PostgresTimestamp.decode(from: cell).date
    }
}

extension UUID: PostgresCodable {
    /// The UUID as a `uuid` parameter.
    package var postgresValue: PostgresValue { .text(uuidString.lowercased(), type: .uuid) }

    private static let uuidTypes: [PostgresDataType] = [.uuid, .text, .varchar]

    /// Reads a `uuid` (or text) column.
    package static func decode(from cell: PostgresCell) throws(PostgresError) -> UUID {
        try cell.require(uuidTypes, for: "UUID")
        guard let value = UUID(hexText: try cell.nonNull(as: "UUID")) else {
            throw cell.mismatch("UUID")
        }
        return value
    }
}

extension UUID {
    /// Parses the 36-character form (`8-4-4-4-12` hex digits, either case) without a round trip
    /// through `String`.
    init?(hexText text: [UInt8]) {
        guard text.count == 36 else { return nil }
        var bytes: uuid_t = (0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0)
        let parsed = withUnsafeMutableBytes(of: &bytes) { out -> Bool in
            var index = 0
            for position in 0..<16 {
                if index == 8 || index == 13 || index == 18 || index == 23 {
                    guard text[index] == UInt8(ascii: "-") else { return false }
                    index += 1
                }
                guard let high = Self.nibble(text[index]), let low = Self.nibble(text[index + 1]) else { return false }
                out[position] = high << 4 | low
                index += 2
            }
            return true
        }
        guard parsed else { return nil }
        self.init(uuid: bytes)
    }

    private static func nibble(_ byte: UInt8) -> UInt8? {
        switch byte {
        case UInt8(ascii: "0")...UInt8(ascii: "9"): byte - UInt8(ascii: "0")
        case UInt8(ascii: "a")...UInt8(ascii: "f"): byte - UInt8(ascii: "a") + 10
        case UInt8(ascii: "A")...UInt8(ascii: "F"): byte - UInt8(ascii: "A") + 10
        default: nil
        }
    }
}

extension Array: PostgresBindable where Element == UInt8 {
    /// The bytes as a binary `bytea` parameter.
    package var postgresValue: PostgresValue {
        PostgresValue(type: .bytea, format: .binary, bytes: self)
    }
}

extension Array: PostgresDecodable where Element == UInt8 {
    /// Reads a `bytea` column.
    package static func decode(from cell: PostgresCell) throws(PostgresError) -> [UInt8] {
        try cell.bytea()
    }
}

extension Data: PostgresCodable {
    /// The bytes as a binary `bytea` parameter.
    package var postgresValue: PostgresValue {
        PostgresValue(type: .bytea, format: .binary, bytes: [UInt8](self))
    }

    /// Reads a `bytea` column.
    package static func decode(from cell: PostgresCell) throws(PostgresError) -> Data {
        Data(try cell.bytea())
    }
}

extension PostgresCell {
    private static let byteaTypes: [PostgresDataType] = [.bytea]

    /// The bytes of a `bytea` column, from its hex text form (`\x48656c6c6f`).
    func bytea() throws(PostgresError) -> [UInt8] {
        try require(Self.byteaTypes, for: "bytes")
        let text = try nonNull(as: "[UInt8]")
        guard text.count % 2 == 0, text.starts(with: [0x5C, 0x78]) else { throw mismatch("bytes") }
        func nibble(_ c: UInt8) -> UInt8? {
            switch c {
            case 0x30...0x39: return c - 0x30
            case 0x61...0x66: return c - 0x61 + 10
            case 0x41...0x46: return c - 0x41 + 10
            default: return nil
            }
        }
        var bytes: [UInt8] = []
        bytes.reserveCapacity(text.count / 2 - 1)
        var index = 2
        while index < text.count {
            guard let high = nibble(text[index]), let low = nibble(text[index + 1]) else {
                throw mismatch("bytes")
            }
            bytes.append(high << 4 | low)
            index += 2
        }
        return bytes
    }
}
