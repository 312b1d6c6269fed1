import Synchronization

/// Cheap unique-enough random numbers for ids and tokens, without a system call each.
///
/// `SystemRandomNumberGenerator` asks the kernel every time, which shows up at tens of thousands of
/// jobs a second. Trace ids and lock tokens need to be unique and unpredictable enough to not collide,
/// not secret: a SplitMix64 sequence over an atomic counter, seeded once from the system, suffices.
enum FastRandom {
    private static let state = Atomic<UInt64>(UInt64.random(in: 0...UInt64.max))

    /// The next 64 random bits.
    static func next() -> UInt64 {
        var z = state.wrappingAdd(0x9E37_79B9_7F4A_7C15, ordering: .relaxed).newValue
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }

    /// `bits` as 16 lowercase hex digits.
    static func hex(_ bits: UInt64) -> String {
        let s = String(bits, radix: 16)
        return String(repeating: "0", count: 16 - s.count) + s
    }
}
