#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

extension CronZoneRules {
    /// Where the IANA database lives: `TZDIR`, else `/usr/share/zoneinfo`.
    static var zoneDirectory: String {
        if let dir = getenv("TZDIR"), dir.pointee != 0 { return String(cString: dir) }
        return "/usr/share/zoneinfo"
    }

    /// Loads the zone `identifier` from the IANA database; nil when the identifier is malformed or no
    /// valid TZif file has that name.
    static func load(identifier: String) -> CronZoneRules? {
        guard isPlausibleIdentifier(identifier), let bytes = readFile(zoneDirectory + "/" + identifier) else {
            return nil
        }
        return CronZoneRules(tzif: bytes)
    }

    /// `Area/Location` style names only: no absolute paths, no `..`, nothing but `[A-Za-z0-9_+-./]`.
    static func isPlausibleIdentifier(_ identifier: String) -> Bool {
        guard !identifier.isEmpty, identifier.utf8.count <= 255 else { return false }
        let allowed = identifier.utf8.allSatisfy { b in
            (b >= 0x30 && b <= 0x39) || ((b | 0x20) >= 0x61 && (b | 0x20) <= 0x7A)
                || b == UInt8(ascii: "_") || b == UInt8(ascii: "+") || b == UInt8(ascii: "-")
                || b == UInt8(ascii: ".") || b == UInt8(ascii: "/")
        }
        guard allowed else { return false }
        return identifier.split(separator: "/", omittingEmptySubsequences: false).allSatisfy {
            !$0.isEmpty && $0 != "." && $0 != ".."
        }
    }

    /// The whole file, or nil if it cannot be read or is larger than any zone file (1 MiB).
    private static func readFile(_ path: String) -> [UInt8]? {
        let fd = open(path, O_RDONLY)
        guard fd >= 0 else { return nil }
        defer { close(fd) }
        var bytes: [UInt8] = []
        var chunk = [UInt8](repeating: 0, count: 16_384)
        while true {
            let n = chunk.withUnsafeMutableBytes { read(fd, $0.baseAddress, $0.count) }
            if n < 0 && errno == EINTR { continue }
            guard n >= 0 else { return nil }
            if n == 0 { return bytes }
            bytes += chunk[0..<n]
            if bytes.count > 1 << 20 { return nil }
        }
    }

    /// Parses a TZif file (RFC 8536), version 1 to 4; nil when it is not one, or when it counts leap
    /// seconds (the `right/` zones), whose timestamps are not POSIX time.
    convenience init?(tzif bytes: [UInt8]) {
        var reader = TZifReader(bytes: bytes)
        guard let header = reader.header(), header.leapCount == 0 else { return nil }
        var block = header
        var timeSize = 4
        if header.version >= UInt8(ascii: "2") {
            // Skip the 32-bit block; the 64-bit one follows with its own header.
            guard reader.skip(header.dataSize(timeSize: 4)), let second = reader.header() else { return nil }
            block = second
            timeSize = 8
        }
        guard block.typeCount > 0, let times = reader.integers(count: block.timeCount, size: timeSize),
            let indices = reader.bytes(count: block.timeCount)
        else { return nil }
        var typeOffsets: [Int64] = []
        for _ in 0..<block.typeCount {
            guard let utoff = reader.integers(count: 1, size: 4), reader.skip(2) else { return nil }
            typeOffsets.append(utoff[0])
        }
        let rest = block.charCount + block.leapCount * (timeSize + 4) + block.standardCount + block.utCount
        guard reader.skip(rest), indices.allSatisfy({ Int($0) < typeOffsets.count }) else { return nil }
        var rule: PosixTimeZoneRule?
        if timeSize == 8, let footer = reader.footer(), !footer.isEmpty {
            rule = PosixTimeZoneRule(footer)
        }
        let table = zip(times, indices).map { (at: $0.0, offset: typeOffsets[Int($0.1)]) }
        self.init(initialOffset: typeOffsets[0], table: table, rule: rule)
    }

    /// Big-endian fields of a TZif file, bounds-checked.
    private struct TZifReader {
        struct Header {
            var version: UInt8
            var utCount: Int
            var standardCount: Int
            var leapCount: Int
            var timeCount: Int
            var typeCount: Int
            var charCount: Int

            func dataSize(timeSize: Int) -> Int {
                timeCount * timeSize + timeCount + typeCount * 6 + charCount + leapCount * (timeSize + 4)
                    + standardCount + utCount
            }
        }

        let bytes: [UInt8]
        var index = 0

        mutating func skip(_ n: Int) -> Bool {
            guard n >= 0, index + n <= bytes.count else { return false }
            index += n
            return true
        }

        mutating func bytes(count: Int) -> [UInt8]? {
            guard count >= 0, index + count <= bytes.count else { return nil }
            defer { index += count }
            return Array(bytes[index..<(index + count)])
        }

        /// Signed big-endian integers of 4 or 8 bytes.
        mutating func integers(count: Int, size: Int) -> [Int64]? {
            guard count >= 0, count <= bytes.count, let raw = bytes(count: count * size) else { return nil }
            var values: [Int64] = []
            values.reserveCapacity(count)
            for i in 0..<count {
                var value: UInt64 = 0
                for j in 0..<size { value = value << 8 | UInt64(raw[i * size + j]) }
                values.append(size == 4 ? Int64(Int32(truncatingIfNeeded: value)) : Int64(bitPattern: value))
            }
            return values
        }

        mutating func header() -> Header? {
            guard let magic = bytes(count: 4), magic == Array("TZif".utf8), let version = bytes(count: 1),
                skip(15), let counts = integers(count: 6, size: 4), counts.allSatisfy({ $0 >= 0 && $0 < 1 << 20 })
            else { return nil }
            return Header(
                version: version[0], utCount: Int(counts[0]), standardCount: Int(counts[1]),
                leapCount: Int(counts[2]), timeCount: Int(counts[3]), typeCount: Int(counts[4]),
                charCount: Int(counts[5]))
        }

        /// The text between the two newlines after the 64-bit block.
        mutating func footer() -> String? {
            guard index < bytes.count, bytes[index] == 0x0A else { return nil }
            let start = index + 1
            guard let end = bytes[start...].firstIndex(of: 0x0A) else { return nil }
            return String(decoding: bytes[start..<end], as: UTF8.self)
        }
    }
}
