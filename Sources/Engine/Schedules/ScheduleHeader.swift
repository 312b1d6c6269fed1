/// One header of a schedule's request, e.g. `Authorization: Bearer x`.
public struct ScheduleHeader: Sendable, Hashable, Codable, CustomStringConvertible {
    /// The name, as written.
    public var name: String
    /// The value, without surrounding blanks.
    public var value: String

    /// A header `name: value`.
    public init(name: String, value: String) {
        self.name = name
        self.value = value
    }

    /// Headers the HTTP client sets from the request itself (lowercased): refused as schedule headers.
    public static let reservedNames: Set<String> = ["content-length", "transfer-encoding", "host", "connection"]

    /// What listings show in place of a secret.
    public static let mask = Redaction.mask

    /// Whether the value is a secret, shown as `***` in every listing, history and logs
    /// (``Redaction/isSecretHeader(_:)``).
    public var isSensitive: Bool { Redaction.isSecretHeader(name) }

    /// The value as listings show it: `***` for a secret.
    public var displayValue: String { isSensitive ? Self.mask : value }

    /// Parses `Name: value`. The name is one or more token characters (RFC 9110); the value may hold
    /// any visible character, spaces and tabs, but no line break or other control character.
    public init(line: String) throws(ScheduleError) {
        guard let colon = line.firstIndex(of: ":") else {
            // Not echoed: a header written without its colon is most often a secret (`Authorization Bearer …`).
            throw .invalid("header", "expected 'Name: value' (the colon is missing) in a header of \(line.count) characters")
        }
        let name = String(line[..<colon])
        guard !name.isEmpty, name.utf8.count <= 256, name.utf8.allSatisfy(Self.isTokenByte) else {
            throw .invalid("header", "name \(ErrorText.quote(name)) is not a header name (letters, digits and !#$%&'*+-.^_`|~)")
        }
        let value = String(line[line.index(after: colon)...].trimmingBlanks())
        guard value.utf8.count <= 8_192 else { throw .invalid("header", "the value of \(name) is longer than 8192 bytes") }
        guard value.unicodeScalars.allSatisfy({ $0 == "\t" || ($0.value >= 0x20 && $0.value != 0x7F) }) else {
            throw .invalid("header", "the value of \(name) holds a line break or control character")
        }
        self.init(name: name, value: value)
    }

    /// `Name: value`, the value masked when it is a secret.
    public var description: String { "\(name): \(displayValue)" }

    static func isTokenByte(_ b: UInt8) -> Bool {
        switch b {
        case UInt8(ascii: "0")...UInt8(ascii: "9"), UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "A")...UInt8(ascii: "Z"):
            return true
        default:
            return "!#$%&'*+-.^_`|~".utf8.contains(b)
        }
    }
}
