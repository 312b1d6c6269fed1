/// W3C-style trace ids: 32 lowercase hex digits.
package enum TraceID {
    /// A new random trace id.
    package static func random() -> String {
        RandomSource.hex(RandomSource.next()) + RandomSource.hex(RandomSource.next())
    }
}
