/// Why a cron expression or time zone was refused.
///
/// `description` is the one line shown to the operator, naming the field and the offending token,
/// e.g. `minute field: value 60 out of range 0-59` or `unknown time zone 'Mars/Olympus'`.
public struct CronError: Error, Sendable, Equatable, CustomStringConvertible {
    /// What kind of problem this is; new codes may be added.
    public struct Code: Sendable, Hashable, CustomStringConvertible {
        /// A token that is not valid cron syntax.
        public static let invalidSyntax = Code(description: "invalid syntax")
        /// A number, step or occurrence outside its allowed range.
        public static let outOfRange = Code(description: "out of range")
        /// Neither 5 nor 6 fields, or an unsupported macro.
        public static let invalidShape = Code(description: "invalid shape")
        /// The expression parses but matches no date in any year.
        public static let neverFires = Code(description: "never fires")
        /// No time zone with that IANA identifier is installed.
        public static let unknownTimeZone = Code(description: "unknown time zone")

        /// A short name for the code.
        public let description: String
    }

    /// The kind of problem.
    public let code: Code
    /// The field at fault, or nil when the problem is the expression as a whole or the time zone.
    public let field: CronField?
    /// The reason, quoting the offending token; a single line.
    public let message: String

    /// Creates an error; `message` must not contain a line break.
    public init(_ code: Code, field: CronField?, message: String) {
        self.code = code
        self.field = field
        self.message = message
    }

    /// `minute field: value 60 out of range 0-59`, `expression: ...`, or the bare message for zones.
    public var description: String {
        if let field { return "\(field) field: \(message)" }
        if code == .unknownTimeZone { return message }
        return "expression: \(message)"
    }

    /// `text` in single quotes, shortened and with anything unprintable escaped, so that a message
    /// quoting it stays one readable line.
    static func quote(_ text: some StringProtocol) -> String {
        let limit = 40
        var out = "'"
        var count = 0
        for scalar in text.unicodeScalars {
            if count == limit {
                out += "..."
                break
            }
            if scalar.value >= 0x20 && scalar.value < 0x7F {
                out.unicodeScalars.append(scalar)
            } else {
                out += "\\u{" + String(scalar.value, radix: 16, uppercase: true) + "}"
            }
            count += 1
        }
        return out + "'"
    }
}
