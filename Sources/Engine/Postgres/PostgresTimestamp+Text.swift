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
        let days = CivilCalendar.days(year: Int(year), month: Int(month), day: Int(day))
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
        let (year, month, day) = CivilCalendar.civil(days: days)
        func pad<T: BinaryInteger>(_ value: T, _ width: Int) -> String {
            let digits = String(value)
            return String(repeating: "0", count: max(0, width - digits.count)) + digits
        }
        let yearText = year > 0 ? pad(year, 4) : pad(1 - year, 4)
        return yearText + "-" + pad(month, 2) + "-" + pad(day, 2) + "T" + pad(secondOfDay / 3600, 2)
            + ":" + pad(secondOfDay / 60 % 60, 2) + ":" + pad(secondOfDay % 60, 2) + "."
            + pad(fraction, 6)
            + "Z" + (year > 0 ? "" : " BC")
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
