/// Reading and writing PostgreSQL's text form of timestamps (`DateStyle` ISO).
extension PostgresTimestamp {
    private static let microsPerSecond: Int64 = 1_000_000
    private static let secondsPerDay: Int64 = 86_400

    /// Parses `2024-01-02 03:04:05.123456+00`, with any UTC offset (`+05:30`, `-03:00:00`), an
    /// optional ` BC` suffix, a `T` in place of the space, and `infinity` / `-infinity`. Text without
    /// an offset (a `timestamp` column) is read as UTC. Nil for anything else.
    init?(postgresText text: String) {
        self.init(postgresText: Array(text.utf8)[...])
    }

    /// The same, from the bytes of a result cell.
    init?(postgresText text: ArraySlice<UInt8>) {
        if text.elementsEqual("infinity".utf8) {
            self = .infinity
            return
        }
        if text.elementsEqual("-infinity".utf8) {
            self = .negativeInfinity
            return
        }
        var scanner = DigitScanner(text)
        let isBC = scanner.dropSuffix(" BC")
        guard var year = scanner.number(digits: 1...9), scanner.skip("-"),
            let month = scanner.number(digits: 2...2), (1...12).contains(month), scanner.skip("-"),
            let day = scanner.number(digits: 2...2), (1...31).contains(day),
            scanner.skip(" ") || scanner.skip("T"),
            let hour = scanner.number(digits: 2...2), hour <= 24, scanner.skip(":"),
            let minute = scanner.number(digits: 2...2), minute < 60, scanner.skip(":"),
            let second = scanner.number(digits: 2...2), second < 61
        else { return nil }
        var micros: Int64 = 0
        if scanner.skip(".") {
            guard let (fraction, count) = scanner.numberWithCount(digits: 1...6) else { return nil }
            micros = fraction
            for _ in count..<6 { micros *= 10 }
        }
        var offset: Int64 = 0
        if let sign = scanner.sign() {
            guard let hours = scanner.number(digits: 2...2) else { return nil }
            var seconds = hours * 3600
            if scanner.skip(":") {
                guard let minutes = scanner.number(digits: 2...2) else { return nil }
                seconds += minutes * 60
                if scanner.skip(":") {
                    guard let secs = scanner.number(digits: 2...2) else { return nil }
                    seconds += secs
                }
            }
            offset = sign * seconds
        } else if scanner.skip("Z") {
            offset = 0
        }
        guard scanner.isAtEnd else { return nil }
        if isBC { year = 1 - year }
        let days = Self.daysFromCivil(year: year, month: month, day: day)
        let seconds = days * Self.secondsPerDay + hour * 3600 + minute * 60 + second - offset
        self.init(microsecondsSinceEpoch: seconds * Self.microsPerSecond + micros)
    }

    /// `YYYY-MM-DDTHH:MM:SS.ffffffZ` (years outside 0001-9999 as PostgreSQL would print them).
    var isoText: String {
        if self == .infinity { return "infinity" }
        if self == .negativeInfinity { return "-infinity" }
        let micros = microsecondsSinceEpoch
        let (seconds, fraction) = Self.floorDivide(micros, Self.microsPerSecond)
        let (days, secondOfDay) = Self.floorDivide(seconds, Self.secondsPerDay)
        let (year, month, day) = Self.civilFromDays(days)
        func pad(_ value: Int64, _ width: Int) -> String {
            let digits = String(value)
            return String(repeating: "0", count: max(0, width - digits.count)) + digits
        }
        let yearText = year > 0 ? pad(year, 4) : pad(1 - year, 4)
        return yearText + "-" + pad(month, 2) + "-" + pad(day, 2) + "T" + pad(secondOfDay / 3600, 2)
            + ":" + pad(secondOfDay / 60 % 60, 2) + ":" + pad(secondOfDay % 60, 2) + "."
            + pad(fraction, 6)
            + "Z" + (year > 0 ? "" : " BC")
    }

    /// Days since 1970-01-01 of a proleptic Gregorian date (H. Hinnant's algorithm).
    static func daysFromCivil(year: Int64, month: Int64, day: Int64) -> Int64 {
        let y = month <= 2 ? year - 1 : year
        let era = (y >= 0 ? y : y - 399) / 400
        let yearOfEra = y - era * 400
        let dayOfYear = (153 * (month > 2 ? month - 3 : month + 9) + 2) / 5 + day - 1
        let dayOfEra = yearOfEra * 365 + yearOfEra / 4 - yearOfEra / 100 + dayOfYear
        return era * 146_097 + dayOfEra - 719_468
    }

    /// The proleptic Gregorian date `days` after 1970-01-01.
    static func civilFromDays(_ days: Int64) -> (year: Int64, month: Int64, day: Int64) {
        let z = days + 719_468
        let era = (z >= 0 ? z : z - 146_096) / 146_097
        let dayOfEra = z - era * 146_097
        let yearOfEra =
            (dayOfEra - dayOfEra / 1460 + dayOfEra / 36_524 - dayOfEra / 146_096) / 365
        let dayOfYear = dayOfEra - (365 * yearOfEra + yearOfEra / 4 - yearOfEra / 100)
        let mp = (5 * dayOfYear + 2) / 153
        let day = dayOfYear - (153 * mp + 2) / 5 + 1
        let month = mp < 10 ? mp + 3 : mp - 9
        return (yearOfEra + era * 400 + (month <= 2 ? 1 : 0), month, day)
    }

    private static func floorDivide(_ a: Int64, _ b: Int64) -> (Int64, Int64) {
        let q = a / b
        let r = a % b
        return r < 0 ? (q - 1, r + b) : (q, r)
    }
}

/// Reads ASCII digits and punctuation from the front of a string.
private struct DigitScanner {
    private var bytes: ArraySlice<UInt8>

    init(_ bytes: ArraySlice<UInt8>) { self.bytes = bytes }

    var isAtEnd: Bool { bytes.isEmpty }

    mutating func dropSuffix(_ suffix: StaticString) -> Bool {
        let count = suffix.utf8CodeUnitCount
        let tail = UnsafeBufferPointer(start: suffix.utf8Start, count: count)
        guard bytes.count >= count, bytes.suffix(count).elementsEqual(tail) else { return false }
        bytes = bytes.dropLast(count)
        return true
    }

    mutating func skip(_ literal: Unicode.Scalar) -> Bool {
        guard bytes.first == UInt8(ascii: literal) else { return false }
        bytes = bytes.dropFirst()
        return true
    }

    mutating func sign() -> Int64? {
        if skip("+") { return 1 }
        if skip("-") { return -1 }
        return nil
    }

    mutating func number(digits: ClosedRange<Int>) -> Int64? {
        numberWithCount(digits: digits)?.0
    }

    mutating func numberWithCount(digits: ClosedRange<Int>) -> (Int64, Int)? {
        var value: Int64 = 0
        var count = 0
        while let b = bytes.first, b >= 0x30, b <= 0x39, count < digits.upperBound {
            value = value * 10 + Int64(b - 0x30)
            count += 1
            bytes = bytes.dropFirst()
        }
        return digits.contains(count) ? (value, count) : nil
    }
}
