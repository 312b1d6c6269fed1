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
}
