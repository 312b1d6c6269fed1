/// The one duration grammar, wherever a duration is read (command-line flags, environment
/// variables, API bodies, backoff specs): a number and a unit, `ms`, `s`, `m`, `h`, `d` or `w`
/// (`500ms`, `30s`, `5m`, `1h`, `7d`), several of them added up (`1h30m`), a decimal fraction
/// where it comes to whole milliseconds (`1.5s`); a bare number is seconds. Case and surrounding
/// blanks do not matter. Each field states its own limits as a ``DurationField``.
public enum DurationText {
    /// The longest duration ``milliseconds(_:max:)`` accepts unless told otherwise: 100 days.
    public static let defaultMaximum: Int64 = 100 * 86_400_000

    /// The duration `text` spells, in whole milliseconds; nil when it is not one (negative, an
    /// unknown unit, a fraction of a millisecond, or beyond `max`, 100 days unless given).
    public static func milliseconds(_ text: String, max: Int64 = defaultMaximum) -> Int64? {
        var rest = Substring(text.trimmingBlanks().lowercased())
        guard !rest.isEmpty else { return nil }
        if rest.allSatisfy({ $0 == "." || ($0.isASCII && $0.isNumber) }) { rest += "s" }
        var total: Int64 = 0
        while !rest.isEmpty {
            let number = rest.prefix { $0 == "." || ($0.isASCII && $0.isNumber) }
            rest = rest.dropFirst(number.count)
            let unit = rest.prefix { $0.isASCII && $0.isLetter }
            rest = rest.dropFirst(unit.count)
            guard let scale = scales[String(unit)], let value = milliseconds(number, scale: scale) else { return nil }
            let (sum, overflow) = total.addingReportingOverflow(value)
            guard !overflow, sum <= max else { return nil }
            total = sum
        }
        return total
    }

    /// The shortest exact spelling of `milliseconds`: `2d`, `1h`, `90s`, `1500ms`, `0s`.
    public static func format(milliseconds: Int64) -> String {
        if milliseconds == 0 { return "0s" }
        for (unit, scale) in [("d", Int64(86_400_000)), ("h", 3_600_000), ("m", 60_000), ("s", 1_000)] where milliseconds % scale == 0 {
            return "\(milliseconds / scale)\(unit)"
        }
        return "\(milliseconds)ms"
    }

    private static let scales: [String: Int64] = [
        "ms": 1, "s": 1_000, "m": 60_000, "h": 3_600_000, "d": 86_400_000, "w": 604_800_000,
    ]

    /// `number` (`12`, `1.5`) times `scale`, when that is a whole number of milliseconds.
    private static func milliseconds(_ number: Substring, scale: Int64) -> Int64? {
        let parts = number.split(separator: ".", omittingEmptySubsequences: false)
        guard parts.count <= 2, !parts[0].isEmpty, parts[0].count <= 12, let whole = Int64(parts[0]) else { return nil }
        var (value, overflow) = whole.multipliedReportingOverflow(by: scale)
        guard !overflow else { return nil }
        guard parts.count == 2 else { return value }
        let fraction = parts[1]
        guard !fraction.isEmpty, fraction.count <= 9, let digits = Int64(fraction) else { return nil }
        var denominator: Int64 = 1
        for _ in 0..<fraction.count { denominator *= 10 }
        let part = digits * scale
        guard part % denominator == 0 else { return nil }
        (value, overflow) = value.addingReportingOverflow(part / denominator)
        return overflow ? nil : value
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
