/// Random valid cron expressions covering the whole dialect: plain values, ranges, steps, lists,
/// names, `L`/`W`/`#`, seconds fields and macros, both interval-like and fixed-time.
///
/// It feeds `crontui bench cron` and the property tests, so both exercise the same mix.
package enum CronExpressionSampler {
    /// A random expression that parses (and can fire); draws again when a draw never fires.
    package static func expression(using random: inout some RandomNumberGenerator) -> String {
        while true {
            let text = draw(using: &random)
            if (try? CronExpression(text)) != nil { return text }
        }
    }

    private static func draw(using random: inout some RandomNumberGenerator) -> String {
        if Int.random(in: 0..<100, using: &random) < 4 {
            let macros = ["@yearly", "@annually", "@monthly", "@weekly", "@daily", "@midnight", "@hourly"]
            return macros.randomElement(using: &random)!
        }
        var fields: [CronField] = [.minute, .hour, .dayOfMonth, .month, .dayOfWeek]
        if Int.random(in: 0..<100, using: &random) < 15 { fields.insert(.second, at: 0) }
        return fields.map { field($0, using: &random) }.joined(separator: " ")
    }

    /// How often `*` is drawn, per field: time fields are mostly restricted, date fields mostly not.
    private static func starPercent(_ field: CronField) -> Int {
        switch field {
        case .second: return 30
        case .minute: return 20
        case .hour: return 40
        case .dayOfMonth, .dayOfWeek: return 65
        case .month: return 75
        }
    }

    private static func field(_ field: CronField, using random: inout some RandomNumberGenerator) -> String {
        let roll = Int.random(in: 0..<100, using: &random)
        if roll < starPercent(field) { return "*" }
        if roll < starPercent(field) + 8 { return "*/\(step(field, using: &random))" }
        if field == .dayOfMonth || field == .dayOfWeek, Int.random(in: 0..<100, using: &random) < 25 {
            return extensionItem(field, using: &random)
        }
        let count = Int.random(in: 0..<100, using: &random) < 75 ? 1 : Int.random(in: 2...3, using: &random)
        return (0..<count).map { _ in item(field, using: &random) }.joined(separator: ",")
    }

    private static func item(_ field: CronField, using random: inout some RandomNumberGenerator) -> String {
        let low = field.minimum
        let high = field.maximum
        let a = Int.random(in: low...high, using: &random)
        let b = Int.random(in: a...high, using: &random)
        switch Int.random(in: 0..<10, using: &random) {
        case 0...4: return value(a, field, using: &random)
        case 5, 6: return value(a, field, using: &random) + "-" + value(b, field, using: &random)
        case 7: return "\(a)-\(b)/\(step(field, using: &random))"
        default: return value(a, field, using: &random) + "/\(step(field, using: &random))"
        }
    }

    /// `L`, `LW`, `nW` in day-of-month; `dL`, `d#k` in day-of-week.
    private static func extensionItem(_ field: CronField, using random: inout some RandomNumberGenerator) -> String {
        if field == .dayOfMonth {
            switch Int.random(in: 0..<3, using: &random) {
            case 0: return "L"
            case 1: return "LW"
            default: return "\(Int.random(in: 1...31, using: &random))W"
            }
        }
        let weekday = value(Int.random(in: 0...7, using: &random), field, using: &random)
        return Bool.random(using: &random) ? weekday + "L" : weekday + "#\(Int.random(in: 1...5, using: &random))"
    }

    /// A number, or sometimes its name in month and day-of-week.
    private static func value(_ n: Int, _ field: CronField, using random: inout some RandomNumberGenerator) -> String {
        let names = field.names
        let index = n - field.firstNameValue
        if !names.isEmpty, index < names.count, Int.random(in: 0..<3, using: &random) == 0 {
            return Bool.random(using: &random) ? names[index] : names[index].lowercased()
        }
        return "\(n)"
    }

    private static func step(_ field: CronField, using random: inout some RandomNumberGenerator) -> Int {
        Int.random(in: 0..<4, using: &random) == 0
            ? Int.random(in: 1...field.width, using: &random)
            : [2, 3, 5, 6, 10, 15].filter { $0 <= field.width }
                .randomElement(using: &random)!
    }
}
