/// Epoch milliseconds as RFC 3339 UTC text (`2026-05-01T12:00:00.250Z`) and back, without a
/// formatter object: history pages write three instants a row.
package enum ISOTime {
    /// `2026-05-01T12:00:00.250Z`.
    package static func format(milliseconds ms: Int64) -> String {
        var bytes: [UInt8] = []
        bytes.reserveCapacity(24)
        write(milliseconds: ms, into: &bytes)
        return String(decoding: bytes, as: UTF8.self)
    }

    /// Appends `2026-05-01T12:00:00.250Z` to `bytes`.
    package static func write(milliseconds ms: Int64, into bytes: inout [UInt8]) {
        let seconds = ms >= 0 ? ms / 1_000 : (ms - 999) / 1_000
        let millis = ms - seconds * 1_000
        let (year, month, day, secondOfDay) = CivilCalendar.civil(seconds: seconds)
        if year < 0 { bytes.append(UInt8(ascii: "-")) }
        appendDigits(of: UInt64(year.magnitude), width: 4, to: &bytes)
        bytes.append(UInt8(ascii: "-"))
        appendDigits(of: UInt64(month), width: 2, to: &bytes)
        bytes.append(UInt8(ascii: "-"))
        appendDigits(of: UInt64(day), width: 2, to: &bytes)
        bytes.append(UInt8(ascii: "T"))
        appendDigits(of: UInt64(secondOfDay / 3_600), width: 2, to: &bytes)
        bytes.append(UInt8(ascii: ":"))
        appendDigits(of: UInt64(secondOfDay / 60 % 60), width: 2, to: &bytes)
        bytes.append(UInt8(ascii: ":"))
        appendDigits(of: UInt64(secondOfDay % 60), width: 2, to: &bytes)
        bytes.append(UInt8(ascii: "."))
        appendDigits(of: UInt64(millis), width: 3, to: &bytes)
        bytes.append(UInt8(ascii: "Z"))
    }

    /// Appends the decimal digits of `value`, zero-padded to at least `width` digits.
    package static func appendDigits(of value: UInt64, width: Int, to bytes: inout [UInt8]) {
        var value = value
        // Room for the 20 digits of UInt64.max.
        var scratch: (UInt64, UInt64, UInt64) = (0, 0, 0)
        withUnsafeMutableBytes(of: &scratch) { digits in
            var start = digits.count
            repeat {
                start -= 1
                digits[start] = UInt8(ascii: "0") + UInt8(value % 10)
                value /= 10
            } while value > 0 || digits.count - start < width
            bytes.append(contentsOf: UnsafeRawBufferPointer(rebasing: digits[start...]))
        }
    }

    /// Parses `YYYY-MM-DDTHH:MM:SS[.fff](Z|±HH:MM)` to epoch milliseconds; nil when it is not one.
    package static func parse(_ text: String) -> Int64? {
        let b = Array(text.utf8)
        func number(_ from: Int, _ count: Int) -> Int? {
            guard from + count <= b.count else { return nil }
            var n = 0
            for i in from..<(from + count) {
                guard b[i] >= 0x30 && b[i] <= 0x39 else { return nil }
                n = n * 10 + Int(b[i] - 0x30)
            }
            return n
        }
        guard b.count >= 20, b[4] == UInt8(ascii: "-"), b[7] == UInt8(ascii: "-"), b[10] == UInt8(ascii: "T") || b[10] == UInt8(ascii: "t"),
            b[13] == UInt8(ascii: ":"), b[16] == UInt8(ascii: ":"),
            let year = number(0, 4), let month = number(5, 2), let day = number(8, 2), let hour = number(11, 2), let minute = number(14, 2),
            let second = number(17, 2), (1...12).contains(month), (1...31).contains(day), hour < 24, minute < 60, second < 60
        else { return nil }
        var i = 19
        var millis = 0
        if i < b.count, b[i] == UInt8(ascii: ".") {
            i += 1
            var digits = 0
            while i < b.count, b[i] >= 0x30, b[i] <= 0x39 {
                if digits < 3 { millis = millis * 10 + Int(b[i] - 0x30) }
                digits += 1
                i += 1
            }
            guard digits > 0, digits <= 9 else { return nil }
            for _ in digits..<3 where digits < 3 { millis *= 10 }
        }
        guard i < b.count else { return nil }
        var offset = 0
        if b[i] == UInt8(ascii: "Z") || b[i] == UInt8(ascii: "z") {
            guard i + 1 == b.count else { return nil }
        } else if b[i] == UInt8(ascii: "+") || b[i] == UInt8(ascii: "-") {
            guard i + 6 == b.count, b[i + 3] == UInt8(ascii: ":"), let oh = number(i + 1, 2), let om = number(i + 4, 2), oh < 24, om < 60 else {
                return nil
            }
            offset = (oh * 60 + om) * 60 * (b[i] == UInt8(ascii: "+") ? 1 : -1)
        } else {
            return nil
        }
        let days = CivilCalendar.days(year: year, month: month, day: day)
        let seconds = days * 86_400 + Int64(hour * 3_600 + minute * 60 + second - offset)
        return seconds * 1_000 + Int64(millis)
    }
}
