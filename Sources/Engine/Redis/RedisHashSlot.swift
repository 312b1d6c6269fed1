/// The Redis Cluster slot of a key: CRC16 (XMODEM) of the key, or of its hash tag, modulo 16384.
///
/// A hash tag is the part between the first `{` and the next `}`, when it is not empty: keys with
/// the same tag (every key of a queue, `crontui:{name}:...`) share a slot, so one node serves them
/// all and one script may touch them together.
package enum RedisHashSlot {
    /// The number of slots of a cluster.
    package static let count = 16_384

    /// The slot of `key`.
    package static func of(_ key: some Collection<UInt8>) -> Int {
        Int(crc16(hashed(key)) & 0x3FFF)
    }

    /// The slot of `key`'s UTF-8 bytes.
    package static func of(_ key: String) -> Int { of(Array(key.utf8)) }

    /// True when `key` holds a non-empty hash tag.
    package static func hasTag(_ key: some Collection<UInt8>) -> Bool {
        hashed(key).count != key.count
    }

    /// The bytes a key hashes by: its tag when it has a non-empty one, else all of it.
    private static func hashed<C: Collection<UInt8>>(_ key: C) -> C.SubSequence {
        guard let open = key.firstIndex(of: UInt8(ascii: "{")) else { return key[...] }
        let afterOpen = key.index(after: open)
        guard let close = key[afterOpen...].firstIndex(of: UInt8(ascii: "}")), close != afterOpen else { return key[...] }
        return key[afterOpen..<close]
    }

    /// CRC16-CCITT as Redis computes it (XMODEM: polynomial 0x1021, initial value 0).
    private static func crc16(_ bytes: some Sequence<UInt8>) -> UInt16 {
        var crc: UInt16 = 0
        for byte in bytes { crc = (crc << 8) ^ table[Int(UInt8(truncatingIfNeeded: crc >> 8) ^ byte)] }
        return crc
    }

    private static let table: [UInt16] = (0..<256).map { index in
        var crc = UInt16(index) << 8
        for _ in 0..<8 { crc = crc & 0x8000 != 0 ? (crc << 1) ^ 0x1021 : crc << 1 }
        return crc
    }
}
