import Foundation
import Synchronization

#if canImport(Glibc)
    import Glibc
#endif

/// Where log lines go: standard error or a file opened for appending. Each line is one `write(2)`
/// under a lock, so lines from many tasks never interleave.
package final class LogSink: Sendable {
    private let descriptor: Int32
    private let ownsDescriptor: Bool
    private let lock = Mutex(())

    /// Standard error.
    package static let standardError = LogSink(descriptor: 2, owns: false)

    private init(descriptor: Int32, owns: Bool) {
        self.descriptor = descriptor
        self.ownsDescriptor = owns
    }

    /// Appends to the file at `path`, creating it (mode 0640) if needed.
    package convenience init(appendingTo path: String) throws(ConfigurationError) {
        let fd = open(path, O_WRONLY | O_CREAT | O_APPEND | O_CLOEXEC, 0o640)
        guard fd >= 0 else {
            throw ConfigurationError(field: "LOG_FILE", reason: "cannot open '\(path)' for appending: \(String(cString: strerror(errno)))")
        }
        self.init(descriptor: fd, owns: true)
    }

    deinit {
        if ownsDescriptor { close(descriptor) }
    }

    /// Writes `line` (which ends with a newline) whole.
    package func write(_ line: [UInt8]) {
        lock.withLock { _ in
            line.withUnsafeBytes { buffer in
                var offset = 0
                while offset < buffer.count {
                    let n = Glibc.write(descriptor, buffer.baseAddress! + offset, buffer.count - offset)
                    if n < 0 && errno == EINTR { continue }
                    if n <= 0 { return }
                    offset += n
                }
            }
        }
    }
}
