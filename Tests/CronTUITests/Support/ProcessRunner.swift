import Foundation

#if canImport(Glibc)
    import Glibc
#endif

/// Runs the real `crontui` binary and captures its output.
///
/// Children are started with `posix_spawn` and an empty signal mask: Swift Testing's threads block
/// signals, and a child started with `Foundation.Process` would inherit that mask.
enum ProcessRunner {
    struct Result {
        var status: Int32
        var stdout: String
        var stderr: String
    }

    /// The binary under test: `CRONTUI_BIN`, or the debug build next to this package.
    static var binary: String {
        if let path = ProcessInfo.processInfo.environment["CRONTUI_BIN"], !path.isEmpty { return path }
        let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent().deletingLastPathComponent()
        return root.appendingPathComponent(".build/debug/crontui").path
    }

    /// ``run(_:environment:)`` from a thread of its own, for async tests.
    ///
    /// Waiting for a child blocks; done on the cooperative pool (two threads on these machines) it
    /// makes timing tests elsewhere in the run, such as a 50 ms ticker, miss their deadlines. The
    /// thread, and so the child, also runs at a lower priority, so neither takes the CPU from them.
    static func runDetached(_ arguments: [String], environment: [String: String?] = [:]) async throws -> Result {
        try await withCheckedThrowingContinuation { continuation in
            Thread {
                // On Linux, `who` 0 with PRIO_PROCESS means the calling thread; children inherit it.
                _ = setpriority(__priority_which_t(PRIO_PROCESS.rawValue), 0, 10)
                continuation.resume(with: Swift.Result { try run(arguments, environment: environment) })
            }.start()
        }
    }

    /// Runs `crontui arguments...` with `environment` added to (or, when nil values, removed from) ours.
    static func run(_ arguments: [String], environment: [String: String?] = [:]) throws -> Result {
        var env = ProcessInfo.processInfo.environment
        for (k, v) in environment { env[k] = v }
        let outPipe = Pipe()
        let errPipe = Pipe()
        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        posix_spawn_file_actions_adddup2(&actions, outPipe.fileHandleForWriting.fileDescriptor, 1)
        posix_spawn_file_actions_adddup2(&actions, errPipe.fileHandleForWriting.fileDescriptor, 2)
        posix_spawn_file_actions_addopen(&actions, 0, "/dev/null", O_RDONLY, 0)
        var attr = posix_spawnattr_t()
        posix_spawnattr_init(&attr)
        defer { posix_spawnattr_destroy(&attr) }
        var mask = sigset_t()
        sigemptyset(&mask)
        posix_spawnattr_setsigmask(&attr, &mask)
        var defaults = sigset_t()
        sigfillset(&defaults)
        posix_spawnattr_setsigdefault(&attr, &defaults)
        posix_spawnattr_setflags(&attr, Int16(POSIX_SPAWN_SETSIGMASK | POSIX_SPAWN_SETSIGDEF))

        let argv = ([binary] + arguments).map { strdup($0) } + [nil]
        let envp = env.map { strdup("\($0.key)=\($0.value)") } + [nil]
        defer {
            argv.forEach { free($0) }
            envp.forEach { free($0) }
        }
        var pid: pid_t = 0
        let rc = posix_spawn(&pid, binary, &actions, &attr, argv, envp)
        try? outPipe.fileHandleForWriting.close()
        try? errPipe.fileHandleForWriting.close()
        guard rc == 0 else { throw POSIXError(POSIXErrorCode(rawValue: rc) ?? .EIO) }
        // Read both pipes concurrently so a chatty child cannot block on a full pipe.
        let errBox = DataBox()
        let done = DispatchSemaphore(value: 0)
        let errHandle = errPipe.fileHandleForReading
        Thread.detachNewThread {
            errBox.data = errHandle.readDataToEndOfFile()
            done.signal()
        }
        let outData = outPipe.fileHandleForReading.readDataToEndOfFile()
        done.wait()
        var status: Int32 = 0
        while waitpid(pid, &status, 0) == -1 && errno == EINTR {}
        let exitStatus: Int32 = (status & 0x7f) == 0 ? (status >> 8) & 0xff : 128 + (status & 0x7f)
        return Result(
            status: exitStatus, stdout: String(decoding: outData, as: UTF8.self),
            stderr: String(decoding: errBox.data, as: UTF8.self))
    }
}

/// Holds what the stderr reader thread read; the semaphore orders the write before the read.
private final class DataBox: @unchecked Sendable {
    var data = Data()
}
