/// Comparison whose time does not depend on where two secrets differ.
enum ConstantTime {
    /// True when `a` and `b` are equal. Every byte of `a` is visited whatever `b` holds, and a length
    /// difference is folded into the result instead of returning early.
    static func equals(_ a: [UInt8], _ b: some Collection<UInt8>) -> Bool {
        var difference = UInt64(a.count ^ b.count)
        var bi = b.startIndex
        for byte in a {
            let other: UInt8
            if bi != b.endIndex {
                other = b[bi]
                bi = b.index(after: bi)
            } else {
                other = ~byte
            }
            difference |= UInt64(byte ^ other)
        }
        return difference == 0
    }
}
