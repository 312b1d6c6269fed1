/// Turns cron text into a ``CronExpression``: syntax S1-S7 and the never-fires check S8.
///
/// Every refusal is a ``CronError`` whose message quotes the offending token and fits on one line.
enum CronParser {
    /// The macros of S7 and their 5-field meaning.
    static let macros: [String: String] = [
        "@yearly": "0 0 1 1 *", "@annually": "0 0 1 1 *", "@monthly": "0 0 1 * *",
        "@weekly": "0 0 * * 0", "@daily": "0 0 * * *", "@midnight": "0 0 * * *", "@hourly": "0 * * * *",
    ]

    /// The longest expression accepted, in bytes: longer than any useful one, short enough that
    /// parsing cannot be made slow.
    static let maxLength = 1_024

    static func parse(_ text: String) throws(CronError) -> CronExpression {
        guard text.utf8.count <= maxLength else {
            throw CronError(.invalidShape, field: nil, message: "longer than \(maxLength) characters")
        }
        try checkCharacters(text)
        let written = trimmingBlanks(text)
        var fields = splitOnBlanks(written)
        if let first = fields.first, first.hasPrefix("@") {
            fields = try expandMacro(fields)
        }
        guard fields.count == 5 || fields.count == 6 else {
            throw CronError(.invalidShape, field: nil, message: "expected 5 or 6 fields, found \(fields.count)")
        }
        let hasSeconds = fields.count == 6
        if !hasSeconds { fields.insert("0", at: 0) }

        var rule = CronDayRule()
        var bits = [UInt64](repeating: 0, count: 6)
        var items = [[CronItem]](repeating: [], count: 6)
        for field in CronField.allCases {
            (items[field.rawValue], bits[field.rawValue]) = try parseField(
                fields[field.rawValue], as: field, rule: &rule)
        }
        rule.daysOfMonth = bits[CronField.dayOfMonth.rawValue]
        rule.weekdays = bits[CronField.dayOfWeek.rawValue]
        rule.dayOfMonthRestricted = !fields[CronField.dayOfMonth.rawValue].hasPrefix("*")
        rule.dayOfWeekRestricted = !fields[CronField.dayOfWeek.rawValue].hasPrefix("*")

        let months = bits[CronField.month.rawValue]
        guard (1...12).contains(where: { months & (1 << UInt64($0)) != 0 && rule.canMatch(month: $0) }) else {
            throw neverFires(fields)
        }
        return CronExpression(
            text: written, hasSecondsField: hasSeconds,
            isIntervalLike: fields[CronField.minute.rawValue].hasPrefix("*")
                || fields[CronField.hour.rawValue].hasPrefix("*"),
            seconds: bits[CronField.second.rawValue], minutes: bits[CronField.minute.rawValue],
            hours: bits[CronField.hour.rawValue], months: months, days: rule, items: items)
    }

    /// S1: printable ASCII and tabs only; no Unicode digits, no NBSP, no line breaks.
    private static func checkCharacters(_ text: String) throws(CronError) {
        var position = 0
        for scalar in text.unicodeScalars {
            position += 1
            let v = scalar.value
            if (v >= 0x20 && v < 0x7F) || v == 0x09 { continue }
            let code = String(v, radix: 16, uppercase: true)
            let padded = String(repeating: "0", count: max(0, 4 - code.count)) + code
            throw CronError(
                .invalidSyntax, field: nil,
                message: "invalid character U+\(padded) at position \(position) (only ASCII is accepted)")
        }
    }

    private static func expandMacro(_ fields: [String]) throws(CronError) -> [String] {
        let name = fields[0].lowercased()
        guard let expansion = macros[name] else {
            let unsupported = ["@reboot", "@every"].contains(name)
            throw CronError(
                .invalidShape, field: nil,
                message: "\(unsupported ? "unsupported" : "unknown") macro \(CronError.quote(fields[0]))")
        }
        guard fields.count == 1 else {
            let rest = fields.dropFirst().joined(separator: " ")
            throw CronError(
                .invalidShape, field: nil,
                message: "unexpected text \(CronError.quote(rest)) after macro \(CronError.quote(fields[0]))")
        }
        return splitOnBlanks(expansion)
    }

    private static func neverFires(_ fields: [String]) -> CronError {
        let dom = CronError.quote(fields[CronField.dayOfMonth.rawValue])
        let month = CronError.quote(fields[CronField.month.rawValue])
        let dowText = fields[CronField.dayOfWeek.rawValue]
        let what =
            dowText == "*"
            ? "day-of-month \(dom)" : "day-of-month \(dom) and day-of-week \(CronError.quote(dowText))"
        return CronError(.neverFires, field: nil, message: "never fires: no date in month \(month) matches \(what)")
    }

    // MARK: - Fields

    /// Parses one field's comma list into items and a bitset of plain values; day-field extensions
    /// (`L`, `LW`, `nW`, `dL`, `d#k`) go into `rule`.
    static func parseField(_ text: String, as field: CronField, rule: inout CronDayRule) throws(CronError) -> (
        [CronItem], UInt64
    ) {
        var items: [CronItem] = []
        var bits: UInt64 = 0
        for item in text.split(separator: ",", omittingEmptySubsequences: false) {
            guard !item.isEmpty else {
                throw CronError(.invalidSyntax, field: field, message: "empty item in \(CronError.quote(text))")
            }
            if let special = try parseExtension(item, field: field, rule: &rule) {
                items.append(special)
                continue
            }
            let (parsed, itemBits) = try parsePlainItem(item, field: field)
            items.append(parsed)
            bits |= itemBits
        }
        if field == .dayOfWeek && bits & (1 << 7) != 0 {
            bits = (bits & ~(1 << 7)) | 1
        }
        return (items, bits)
    }

    /// `*`, `n`, `a-b`, `*/s`, `a/s`, `a-b/s`.
    private static func parsePlainItem(_ item: Substring, field: CronField) throws(CronError) -> (CronItem, UInt64) {
        let parts = item.split(separator: "/", maxSplits: 1, omittingEmptySubsequences: false)
        let base = parts[0]
        var step: Int?
        if parts.count == 2 {
            step = try parseStep(parts[1], field: field, item: item)
        }
        let start: Int
        let end: Int
        let parsed: CronItem
        if base == "*" {
            start = field.minimum
            end = field.stepLimit
            parsed = step.map { .step(start: nil, end: nil, by: $0) } ?? .every
        } else if let dash = base.firstIndex(of: "-") {
            start = try parseValue(base[..<dash], field: field, item: item)
            end = try parseValue(base[base.index(after: dash)...], field: field, item: item)
            guard start <= end else {
                let hint = field == .dayOfWeek && end == 0 ? " (Sunday is 0; end a range on Sunday with 7)" : ""
                throw CronError(.invalidSyntax, field: field, message: "reversed range \(CronError.quote(item))\(hint)")
            }
            if let step {
                parsed = .step(start: start, end: end, by: step)
            } else {
                parsed = start == end ? .value(start) : .range(start, end)
            }
        } else {
            start = try parseValue(base, field: field, item: item)
            end = step == nil ? start : max(start, field.stepLimit)
            parsed = step.map { .step(start: start, end: nil, by: $0) } ?? .value(start)
        }
        var bits: UInt64 = 0
        for value in stride(from: start, through: end, by: step ?? 1) {
            bits |= 1 << UInt64(value)
        }
        return (parsed, bits)
    }

    private static func parseStep(_ text: Substring, field: CronField, item: Substring) throws(CronError) -> Int {
        guard let step = decimal(text) else {
            throw CronError(
                .invalidSyntax, field: field,
                message: "invalid step \(CronError.quote(text)) in \(CronError.quote(item))")
        }
        guard (1...field.width).contains(step) else {
            throw CronError(
                .outOfRange, field: field,
                message: "step \(text) out of range 1-\(field.width) in \(CronError.quote(item))")
        }
        return step
    }

    /// A number (leading zeros allowed) or, in month and day-of-week, a three-letter name.
    static func parseValue(_ token: Substring, field: CronField, item: Substring) throws(CronError) -> Int {
        let context = token == item ? "" : " in \(CronError.quote(item))"
        if let number = decimal(token) {
            guard (field.minimum...field.maximum).contains(number) else {
                throw CronError(
                    .outOfRange, field: field,
                    message: "value \(CronError.quote(token).dropFirst().dropLast()) out of range "
                        + "\(field.minimum)-\(field.maximum)\(context)")
            }
            return number
        }
        if token.utf8.count == 3, let index = field.names.firstIndex(of: token.uppercased()) {
            return index + field.firstNameValue
        }
        let shown = token.isEmpty ? CronError.quote(item) : CronError.quote(token) + context
        throw CronError(.invalidSyntax, field: field, message: "invalid value \(shown)")
    }

    /// Plain decimal digits; nil for anything else. Huge numbers come back as Int.max, which is out
    /// of every range, so the message can still quote them.
    static func decimal(_ text: Substring) -> Int? {
        guard !text.isEmpty else { return nil }
        var value = 0
        for byte in text.utf8 {
            guard byte >= 0x30 && byte <= 0x39 else { return nil }
            value = value > 1_000_000 ? value : value * 10 + Int(byte - 0x30)
        }
        return value > 1_000_000 ? Int.max : value
    }

    // MARK: - Quartz extensions (S6)

    /// Parses `L`, `LW`, `nW` (day-of-month) and `dL`, `d#k` (day-of-week); nil for a plain item.
    private static func parseExtension(_ item: Substring, field: CronField, rule: inout CronDayRule) throws(CronError)
        -> CronItem?
    {
        switch field {
        case .dayOfMonth: return try parseDayOfMonthExtension(item, rule: &rule)
        case .dayOfWeek: return try parseDayOfWeekExtension(item, rule: &rule)
        default: return nil
        }
    }

    private static func parseDayOfMonthExtension(_ item: Substring, rule: inout CronDayRule) throws(CronError)
        -> CronItem?
    {
        let bytes = item.utf8
        guard bytes.contains(where: { ($0 | 0x20) == UInt8(ascii: "l") || ($0 | 0x20) == UInt8(ascii: "w") }) else {
            return nil
        }
        if hasRangeOrStep(item) { throw noRangeOrStep(item, field: .dayOfMonth) }
        let upper = item.uppercased()
        if upper == "L" {
            rule.lastDay = true
            return .lastDayOfMonth
        }
        if upper == "LW" {
            rule.lastWeekdayOfMonth = true
            return .lastWeekdayOfMonth
        }
        guard upper.hasSuffix("W"), let n = decimal(item.dropLast()) else {
            throw CronError(.invalidSyntax, field: .dayOfMonth, message: "invalid value \(CronError.quote(item))")
        }
        guard (1...31).contains(n) else {
            throw CronError(
                .outOfRange, field: .dayOfMonth,
                message: "value \(item.dropLast()) out of range 1-31 in \(CronError.quote(item))")
        }
        rule.nearestWeekdays |= 1 << UInt64(n)
        return .nearestWeekday(n)
    }

    private static func parseDayOfWeekExtension(_ item: Substring, rule: inout CronDayRule) throws(CronError)
        -> CronItem?
    {
        guard let lastByte = item.utf8.last else { return nil }
        if let hash = item.firstIndex(of: "#") {
            if hasRangeOrStep(item) { throw noRangeOrStep(item, field: .dayOfWeek) }
            let weekday = try parseValue(item[..<hash], field: .dayOfWeek, item: item) % 7
            let occurrenceText = item[item.index(after: hash)...]
            guard let k = decimal(occurrenceText) else {
                throw CronError(
                    .invalidSyntax, field: .dayOfWeek,
                    message: "invalid occurrence \(CronError.quote(occurrenceText)) in \(CronError.quote(item))")
            }
            guard (1...5).contains(k) else {
                throw CronError(
                    .outOfRange, field: .dayOfWeek,
                    message: "occurrence \(occurrenceText) out of range 1-5 in \(CronError.quote(item))")
            }
            rule.nthWeekdays |= 1 << UInt64((k - 1) * 7 + weekday)
            return .nthWeekday(weekday, k)
        }
        if lastByte | 0x20 == UInt8(ascii: "l") {
            if hasRangeOrStep(item) { throw noRangeOrStep(item, field: .dayOfWeek) }
            guard item.utf8.count > 1 else {
                throw CronError(
                    .invalidSyntax, field: .dayOfWeek,
                    message: "a bare 'L' is not allowed in day-of-week; write e.g. '5L' for the last Friday")
            }
            let weekday = try parseValue(item.dropLast(), field: .dayOfWeek, item: item) % 7
            rule.lastWeekdays |= 1 << UInt64(weekday)
            return .lastWeekday(weekday)
        }
        if lastByte | 0x20 == UInt8(ascii: "w") {
            throw CronError(
                .invalidSyntax, field: .dayOfWeek,
                message: "'W' is only allowed in day-of-month: \(CronError.quote(item))")
        }
        return nil
    }

    private static func hasRangeOrStep(_ item: Substring) -> Bool {
        item.utf8.contains { $0 == UInt8(ascii: "-") || $0 == UInt8(ascii: "/") }
    }

    private static func noRangeOrStep(_ item: Substring, field: CronField) -> CronError {
        CronError(
            .invalidSyntax, field: field, message: "L, W and # take no range or step: \(CronError.quote(item))")
    }

    // MARK: - Blanks (S1)

    /// `text` without leading and trailing spaces and tabs.
    static func trimmingBlanks(_ text: String) -> String {
        let blank: (Character) -> Bool = { $0 == " " || $0 == "\t" }
        guard let first = text.firstIndex(where: { !blank($0) }), let last = text.lastIndex(where: { !blank($0) })
        else { return "" }
        return String(text[first...last])
    }

    /// `text` split on runs of spaces and tabs.
    static func splitOnBlanks(_ text: String) -> [String] {
        text.split(whereSeparator: { $0 == " " || $0 == "\t" }).map(String.init)
    }
}
