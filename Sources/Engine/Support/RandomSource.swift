import Synchronization

/// The one random number generator of the engine: SplitMix64.
///
/// Seeded, it gives the same sequence on every machine, so a benchmark mix or a failing property
/// test can be reproduced. The process-wide sequence (``next()``, ``hex(_:)``, ``unit()``) feeds ids,
/// lock tokens, instance names and backoff jitter: they must be unique and unpredictable enough not
/// to collide, not secret, and `SystemRandomNumberGenerator` asks the kernel on every call, which
/// shows up at tens of thousands of jobs a second. That sequence runs over an atomic counter seeded
/// once from the system.
package struct RandomSource: RandomNumberGenerator, Sendable {
    private var state: UInt64

    /// Starts the sequence for `seed`.
    package init(seed: UInt64) {
        state = seed
    }

    /// The next 64 random bits of this sequence.
    package mutating func next() -> UInt64 {
        state &+= Self.increment
        return Self.mix(state)
    }

    private static let increment: UInt64 = 0x9E37_79B9_7F4A_7C15
    private static let processState = Atomic<UInt64>(UInt64.random(in: 0...UInt64.max))

    /// SplitMix64's output function.
    private static func mix(_ state: UInt64) -> UInt64 {
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }

    /// The next 64 random bits of the process-wide sequence.
    package static func next() -> UInt64 {
        mix(processState.wrappingAdd(increment, ordering: .relaxed).newValue)
    }

    /// A number in `0..<1` from the process-wide sequence (53 random bits).
    package static func unit() -> Double {
        Double(next() >> 11) * 0x1p-53
    }

    /// `bits` as 16 lowercase hex digits.
    package static func hex(_ bits: UInt64) -> String {
        let s = String(bits, radix: 16)
        return String(repeating: "0", count: 16 - s.count) + s
    }
}
