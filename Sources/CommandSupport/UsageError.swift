import ArgumentParser

/// A mistake in what the operator typed: one line on stderr, exit code 2.
package struct UsageError: Error {
    package var message: String
    package init(_ message: String) { self.message = message }

    /// Runs a command's checks for `validate()`: argument-parser wraps what `validate()` throws, so
    /// a ``UsageError`` travels as its `ValidationError` (also exit code 2, one line).
    package static func checking(_ body: () throws -> Void) throws {
        do {
            try body()
        } catch let error as UsageError {
            throw ValidationError(error.message)
        }
    }

    /// Throws `flag: must be in low-high` unless `range` holds `value`: the one wording of an
    /// integer flag out of its range, with the range written once.
    package static func check(_ flag: String, _ value: Int, in range: ClosedRange<Int>) throws(UsageError) {
        guard range.contains(value) else { throw UsageError("\(flag): must be in \(range.lowerBound)-\(range.upperBound)") }
    }
}
