/// Durations as operators type them: `500ms`, `30s`, `5m`, `1h`, `7d`; a bare number is seconds.
public enum DurationText {
    /// The longest duration ``milliseconds(_:max:)`` accepts unless told otherwise: 100 days.
    public static let defaultMaximum: Int64 = 100 * 86_400_000

    /// The duration `text` spells, in whole milliseconds; nil when it is not one (negative, a
    /// fraction, an unknown unit, or beyond `max`, 100 days unless given).
    public static func milliseconds(_ text: String, max: Int64 = defaultMaximum) -> Int64? {
        let trimmed = text.trimmingBlanks()
        let digits = trimmed.prefix { $0.isASCII && $0.isNumber }
        guard !digits.isEmpty, digits.count <= 12, let value = Int64(digits) else { return nil }
        let scale: Int64
        switch trimmed.dropFirst(digits.count).lowercased() {
        case "ms": scale = 1
        case "", "s": scale = 1_000
        case "m": scale = 60_000
        case "h": scale = 3_600_000
        case "d": scale = 86_400_000
        default: return nil
        }
        let (result, overflow) = value.multipliedReportingOverflow(by: scale)
        guard !overflow, result <= max else { return nil }
        return result
    }

    /// The shortest exact spelling of `milliseconds`: `1h`, `90s`, `1500ms`, `0s`.
    public static func format(milliseconds: Int64) -> String {
        if milliseconds == 0 { return "0s" }
        if milliseconds % 3_600_000 == 0 { return "\(milliseconds / 3_600_000)h" }
        if milliseconds % 60_000 == 0 { return "\(milliseconds / 60_000)m" }
        if milliseconds % 1_000 == 0 { return "\(milliseconds / 1_000)s" }
        return "\(milliseconds)ms"
    }
}

extension StringProtocol {
    /// Without leading and trailing spaces and tabs.
    func trimmingBlanks() -> SubSequence {
        let isBlank: (Character) -> Bool = { $0 == " " || $0 == "\t" }
        guard let start = firstIndex(where: { !isBlank($0) }), let end = lastIndex(where: { !isBlank($0) }) else {
            return self[endIndex..<endIndex]
        }
        return self[start...end]
    }
}
