import Testing

@testable import Engine

extension CronTests {
    /// Syntax S1-S8: what parses, what it means, and the exact message for what does not.
    @Suite struct CronParserTests {
        @Test(arguments: [
            "* * * * *", " \t0  0\t* * *  ", "0 0 1 1 *", "05 0 * * *", "0-0 * * * *", "*/60 * * * *", "0 */24 * * *",
            "0 0 */31 * *", "0 0 1 */12 *", "0 0 * * */7", "0 0 * * 0-7", "0 0 * * 1-7", "0 0 * * 7", "0 0 * * MON-FRI",
            "0 0 * * mon-Fri", "0 0 * JAN-MAR/2 *", "0 0 * jan,Jul *", "0 0 * * SUN/2", "0 0 L * *", "0 0 LW * *",
            "0 0 15W * *", "0 0 lw * *", "0 0 1W,L,15 * *", "0 0 * * 5L", "0 0 * * FRIL", "0 0 * * 5#3", "0 0 * * fri#5",
            "0 0 * * 7#1", "0 0 * * 1#1,5L,3", "*/5 * * * * *", "0 0 0 29 2 */7", "0 0 29 2 */7", "@yearly", "@ANNUALLY",
            "@monthly", "@Weekly", "@daily", "@midnight", "@hourly", " @daily\t",
        ])
        func accepts(_ expression: String) {
            #expect(CronFixtures.error(expression) == nil)
        }

        /// Every refusal: the field, the offending token, one line.
        @Test(arguments: [
            ("", "expression: expected 5 or 6 fields, found 0"),
            (" \t ", "expression: expected 5 or 6 fields, found 0"),
            ("* * * *", "expression: expected 5 or 6 fields, found 4"),
            ("0 0 0 * * * 2026", "expression: expected 5 or 6 fields, found 7"),
            ("60 * * * *", "minute field: value 60 out of range 0-59"),
            ("* 24 * * *", "hour field: value 24 out of range 0-23"),
            ("* * 0 * *", "day-of-month field: value 0 out of range 1-31"),
            ("* * 32 * *", "day-of-month field: value 32 out of range 1-31"),
            ("* * * 0 *", "month field: value 0 out of range 1-12"),
            ("* * * 13 *", "month field: value 13 out of range 1-12"),
            ("* * * * 8", "day-of-week field: value 8 out of range 0-7"),
            ("60 * * * * *", "second field: value 60 out of range 0-59"),
            ("50-60 * * * *", "minute field: value 60 out of range 0-59 in '50-60'"),
            ("99999999999999999999 * * * *", "minute field: value 99999999999999999999 out of range 0-59"),
            ("5-3 * * * *", "minute field: reversed range '5-3'"),
            ("* * * DEC-JAN *", "month field: reversed range 'DEC-JAN'"),
            ("* * * * MON-SUN", "day-of-week field: reversed range 'MON-SUN' (Sunday is 0; end a range on Sunday with 7)"),
            ("*/0 * * * *", "minute field: step 0 out of range 1-60 in '*/0'"),
            ("*/90 * * * *", "minute field: step 90 out of range 1-60 in '*/90'"),
            ("0 */25 * * *", "hour field: step 25 out of range 1-24 in '*/25'"),
            ("0 0 * * */8", "day-of-week field: step 8 out of range 1-7 in '*/8'"),
            ("*/ * * * *", "minute field: invalid step '' in '*/'"),
            ("*/x * * * *", "minute field: invalid step 'x' in '*/x'"),
            ("*/5/2 * * * *", "minute field: invalid step '5/2' in '*/5/2'"),
            ("1,,2 * * * *", "minute field: empty item in '1,,2'"),
            ("1, * * * *", "minute field: empty item in '1,'"),
            (",1 * * * *", "minute field: empty item in ',1'"),
            ("+5 * * * *", "minute field: invalid value '+5'"),
            ("-5 * * * *", "minute field: invalid value '-5'"),
            ("1.5 * * * *", "minute field: invalid value '1.5'"),
            ("0x10 * * * *", "minute field: invalid value '0x10'"),
            ("1-2-3 * * * *", "minute field: invalid value '2-3' in '1-2-3'"),
            ("*-5 * * * *", "minute field: invalid value '*' in '*-5'"),
            ("* MON * * *", "hour field: invalid value 'MON'"),
            ("* * * * JAN", "day-of-week field: invalid value 'JAN'"),
            ("* * * MON *", "month field: invalid value 'MON'"),
            ("* * * * MONDAY", "day-of-week field: invalid value 'MONDAY'"),
            ("* * * JAN-FEBRUARY *", "month field: invalid value 'FEBRUARY' in 'JAN-FEBRUARY'"),
            ("* * ? * *", "day-of-month field: invalid value '?'"),
            ("* * * * ?", "day-of-week field: invalid value '?'"),
            ("* * L-3 * *", "day-of-month field: L, W and # take no range or step: 'L-3'"),
            ("* * L/2 * *", "day-of-month field: L, W and # take no range or step: 'L/2'"),
            ("* * LW/2 * *", "day-of-month field: L, W and # take no range or step: 'LW/2'"),
            ("* * 1-5W * *", "day-of-month field: L, W and # take no range or step: '1-5W'"),
            ("* * 15W/2 * *", "day-of-month field: L, W and # take no range or step: '15W/2'"),
            ("* * * * 1-5L", "day-of-week field: L, W and # take no range or step: '1-5L'"),
            ("* * * * 5#3/2", "day-of-week field: L, W and # take no range or step: '5#3/2'"),
            ("* * W * *", "day-of-month field: invalid value 'W'"),
            ("* * WL * *", "day-of-month field: invalid value 'WL'"),
            ("* * 0W * *", "day-of-month field: value 0 out of range 1-31 in '0W'"),
            ("* * 32W * *", "day-of-month field: value 32 out of range 1-31 in '32W'"),
            ("* * 1#2 * *", "day-of-month field: invalid value '1#2'"),
            (
                "* * * * L",
                "day-of-week field: a bare 'L' is not allowed in day-of-week; write e.g. '5L' for the last Friday"
            ),
            ("* * * * W", "day-of-week field: 'W' is only allowed in day-of-month: 'W'"),
            ("* * * * 5W", "day-of-week field: 'W' is only allowed in day-of-month: '5W'"),
            ("* * * * 5#0", "day-of-week field: occurrence 0 out of range 1-5 in '5#0'"),
            ("* * * * 5#6", "day-of-week field: occurrence 6 out of range 1-5 in '5#6'"),
            ("* * * * 5#", "day-of-week field: invalid occurrence '' in '5#'"),
            ("* * * * 8#1", "day-of-week field: value 8 out of range 0-7 in '8#1'"),
            ("* * * * 8L", "day-of-week field: value 8 out of range 0-7 in '8L'"),
            ("5L * * * *", "minute field: invalid value '5L'"),
            ("* L * * *", "hour field: invalid value 'L'"),
            ("* * * 5#2 *", "month field: invalid value '5#2'"),
            ("* * * 1W *", "month field: invalid value '1W'"),
            ("@reboot", "expression: unsupported macro '@reboot'"),
            ("@every 5m", "expression: unsupported macro '@every'"),
            ("@fortnightly", "expression: unknown macro '@fortnightly'"),
            ("@daily 5", "expression: unexpected text '5' after macro '@daily'"),
            ("@daily * * * *", "expression: unexpected text '* * * *' after macro '@daily'"),
            ("0 @daily * * *", "hour field: invalid value '@daily'"),
            ("0 0 30 2 *", "expression: never fires: no date in month '2' matches day-of-month '30'"),
            ("0 0 31 4,6,9,11 *", "expression: never fires: no date in month '4,6,9,11' matches day-of-month '31'"),
            ("0 0 30W 2 *", "expression: never fires: no date in month '2' matches day-of-month '30W'"),
            ("0 0 31 FEB,apr *", "expression: never fires: no date in month 'FEB,apr' matches day-of-month '31'"),
            (
                "0 0 */3 2 1#5",
                "expression: never fires: no date in month '2' matches day-of-month '*/3' and day-of-week '1#5'"
            ),
            ("0 0 * * *\n", "expression: invalid character U+000A at position 10 (only ASCII is accepted)"),
            ("0\u{A0}0 * * *", "expression: invalid character U+00A0 at position 2 (only ASCII is accepted)"),
            ("\u{663} * * * *", "expression: invalid character U+0663 at position 1 (only ASCII is accepted)"),
            ("0 0 * * *\r", "expression: invalid character U+000D at position 10 (only ASCII is accepted)"),
            ("0 0 1 1 \u{1F600}", "expression: invalid character U+1F600 at position 9 (only ASCII is accepted)"),
        ])
        func refuses(_ expression: String, message: String) {
            #expect(CronFixtures.error(expression) == message)
        }

        @Test func errorsCarryTheFieldAndCode() throws {
            let error = try #require(throws: CronError.self) { try CronExpression("0 60 * * *") }
            #expect(error.field == .hour)
            #expect(error.code == .outOfRange)
            #expect(error.message == "value 60 out of range 0-23")
            let never = try #require(throws: CronError.self) { try CronExpression("0 0 30 2 *") }
            #expect(never.field == nil)
            #expect(never.code == .neverFires)
        }

        @Test func longTokensAreShortenedInMessages() {
            // Under the 1,024-character limit on a whole expression, so the field's own message shows.
            let message = CronFixtures.error(String(repeating: "x", count: 1000) + " * * * *") ?? ""
            #expect(message == "minute field: invalid value '" + String(repeating: "x", count: 40) + "...'")
        }

        /// T2: interval-like is textual: the minute or hour field starts with `*`; seconds do not count.
        @Test(arguments: [
            ("*/15 * * * *", true), ("30 * * * *", true), ("*/10 2 * * *", true), ("@hourly", true), ("* 2 * * *", true),
            ("30 2 * * *", false), ("0 1-3 * * *", false), ("0 0-23 * * *", false), ("@daily", false), ("@weekly", false),
            ("@monthly", false), ("@yearly", false), ("* 30 2 * * *", false), ("*/5 0 0-23 * * *", false),
            ("0 */5 2 * * *", true), ("0 0,*/2 * * *", false),
        ])
        func intervalLikeIsTextual(_ expression: String, intervalLike: Bool) throws {
            #expect(try CronExpression(expression).isIntervalLike == intervalLike)
        }

        @Test func fieldsExpandToTheirValues() throws {
            let e = try CronExpression("0-10/5,30 */6 1,L * MON-FRI")
            #expect(e.minutes == 1 << 0 | 1 << 5 | 1 << 10 | 1 << 30)
            #expect(e.hours == 1 << 0 | 1 << 6 | 1 << 12 | 1 << 18)
            #expect(e.seconds == 1)
            #expect(e.days.daysOfMonth == 1 << 1 && e.days.lastDay)
            #expect(e.days.weekdays == 0b0111110)
            #expect(e.days.dayOfMonthRestricted && e.days.dayOfWeekRestricted)
            // a/s runs to the field maximum; for day-of-week that is 6.
            #expect(try CronExpression("0 0 * * 2/3").days.weekdays == 1 << 2 | 1 << 5)
            #expect(try CronExpression("0 0 * * */2").days.weekdays == 1 << 0 | 1 << 2 | 1 << 4 | 1 << 6)
            #expect(try CronExpression("0 0 * * 5-7").days.weekdays == 1 << 0 | 1 << 5 | 1 << 6)
            #expect(try CronExpression("0 0 * * 7").days.weekdays == 1 << 0)
            #expect(try CronExpression("0 0 * * 0-7").days.weekdays == 0x7F)
            #expect(try CronExpression("50/4 * * * *").minutes == 1 << 50 | 1 << 54 | 1 << 58)
            #expect(try CronExpression("0 0 */10 * *").days.daysOfMonth == 1 << 1 | 1 << 11 | 1 << 21 | 1 << 31)
            #expect(try CronExpression("0 0 1 */5 *").months == 1 << 1 | 1 << 6 | 1 << 11)
        }

        @Test func macrosMeanTheirExpansion() throws {
            let pairs = [
                ("@yearly", "0 0 1 1 *"), ("@annually", "0 0 1 1 *"), ("@monthly", "0 0 1 * *"), ("@weekly", "0 0 * * 0"),
                ("@daily", "0 0 * * *"), ("@midnight", "0 0 * * *"), ("@hourly", "0 * * * *"),
            ]
            for (macro, expansion) in pairs {
                let a = try CronExpression(macro)
                let b = try CronExpression(expansion)
                #expect(a.text == macro)
                #expect(
                    (a.seconds, a.minutes, a.hours, a.months, a.days, a.isIntervalLike)
                        == (b.seconds, b.minutes, b.hours, b.months, b.days, b.isIntervalLike), "\(macro)")
            }
        }

        @Test func textIsKeptWithoutSurroundingBlanks() throws {
            #expect(try CronExpression(" \t*/5  * * * *\t").text == "*/5  * * * *")
            #expect(try CronExpression("0 0 * * *") == CronExpression("0 0 * * *"))
            #expect(try !CronExpression("0 0 * * *").hasSecondsField)
            #expect(try CronExpression("0 0 0 * * *").hasSecondsField)
        }
    }
}
