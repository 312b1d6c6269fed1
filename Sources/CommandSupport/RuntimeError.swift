/// A failure at run time (a server down, a refused operation): one line on stderr, exit code 1.
package struct RuntimeError: Error {
    package var message: String
    package var exitCode: Int32 = 1
    package init(_ message: String, exitCode: Int32 = 1) {
        self.message = message
        self.exitCode = exitCode
    }
}
