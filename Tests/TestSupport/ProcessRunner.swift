import Foundation

#if canImport(Glibc)
    import Glibc
#endif

/// Runs the real `crontui` binary and captures its output.
///
/// Children are started with `posix_spawn` and an empty signal mask: Swift Testing's threads block
/// signals, and a child started with `Foundation.Process` would inherit that mask.
package enum ProcessRunner {
    /// What a finished run printed, and how it ended.
    package struct Result: Sendable {
        package var status: Int32
        package var stdout: String
        package var stderr: String
    }

    /// The binary under test: `CRONTUI_BIN`, or the debug build next to this package.
    package static var binary: String {
        if let path = ProcessInfo.processInfo.environment["CRONTUI_BIN"], !path.isEmpty { return path }
        let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent()
        return root.appendingPathComponent(".build/debug/crontui").path
    }

    /// ``run(_:executable:environment:)`` from a thread of its own, for async tests.
    ///
    /// Waiting for a child blocks; done on the cooperative pool (two threads on these machines) it
    /// makes timing tests elsewhere in the run miss their deadlines. The thread, and so the child, also
    /// runs at a lower priority, so neither takes the CPU from them.
    package static func runDetached(_ arguments: [String], environment: [String: String?] = [:]) async throws -> Result {
        try await detached { try run(arguments, environment: environment) }
    }

    /// Runs `body`, which blocks (it starts a process and waits for it), on a thread of its own at
    /// a lower priority, and suspends until it returns: the cooperative pool stays free.
    package static func detached<T: Sendable>(_ body: @escaping @Sendable () throws -> T) async throws -> T {
        try await withCheckedThrowingContinuation { continuation in
            Thread {
                // On Linux, `who` 0 with PRIO_PROCESS means the calling thread; children inherit it.
                _ = setpriority(__priority_which_t(PRIO_PROCESS.rawValue), 0, 10)
                continuation.resume(with: Swift.Result { try body() })
            }.start()
        }
    }

    /// ``wait(_:)`` on a thread of its own: for a child that may take a while to end (after SIGTERM).
    /// A child still running after `limit` is killed with SIGKILL (its status is then 137), so a
    /// process that never ends fails its test rather than hanging the whole run.
    @discardableResult
    package static func waitDetached(_ pid: pid_t, killAfter limit: Duration = .seconds(120)) async -> Int32 {
        let ended = NSLock()
        nonisolated(unsafe) var reaped = false
        let killer = Task.detached {
            try? await Task.sleep(for: limit)
            ended.withLock { if !reaped { _ = kill(pid, SIGKILL) } }
        }
        let status = await withCheckedContinuation { continuation in
            Thread.detachNewThread {
                let status = wait(pid)
                ended.withLock { reaped = true }
                continuation.resume(returning: status)
            }
        }
        killer.cancel()
        return status
    }

    /// Runs `crontui arguments...` (or `executable`) with `environment` added to (or, when nil values,
    /// removed from) ours.
    package static func run(_ arguments: [String], executable: String? = nil, environment: [String: String?] = [:]) throws -> Result {
        let outPipe = Pipe()
        let errPipe = Pipe()
        // Close-on-exec at once: a child another test starts meanwhile (a tmux server, a `serve`)
        // must not keep these write ends open, or the reads below never see end of file. Our own
        // child gets them as its stdout and stderr through dup2, which clears the flag.
        for pipe in [outPipe, errPipe] {
            for fd in [pipe.fileHandleForReading.fileDescriptor, pipe.fileHandleForWriting.fileDescriptor] { _ = fcntl(fd, F_SETFD, FD_CLOEXEC) }
        }
        let pid = try spawn(
            arguments, executable: executable, environment: environment, stdout: outPipe.fileHandleForWriting.fileDescriptor,
            stderr: errPipe.fileHandleForWriting.fileDescriptor,
            closing: [outPipe, errPipe].flatMap { [$0.fileHandleForWriting.fileDescriptor, $0.fileHandleForReading.fileDescriptor] })
        try? outPipe.fileHandleForWriting.close()
        try? errPipe.fileHandleForWriting.close()
        // Read both pipes at once so a chatty child cannot block on a full pipe.
        let errBox = DataBox()
        let done = DispatchSemaphore(value: 0)
        let errHandle = errPipe.fileHandleForReading
        Thread.detachNewThread {
            errBox.data = errHandle.readDataToEndOfFile()
            done.signal()
        }
        let outData = outPipe.fileHandleForReading.readDataToEndOfFile()
        done.wait()
        let status = wait(pid)
        return Result(
            status: status, stdout: String(decoding: outData, as: UTF8.self),
            stderr: String(decoding: errBox.data, as: UTF8.self))
    }

    /// Starts `crontui arguments...` (or `executable`) in the background writing to the given
    /// descriptors; `closing` are descriptors the child must not keep. Returns its pid; stop it with
    /// `kill` and reap it with ``wait(_:)``.
    package static func spawn(
        _ arguments: [String], executable: String? = nil, environment: [String: String?] = [:], stdout: Int32, stderr: Int32,
        closing: [Int32] = []
    ) throws -> pid_t {
        let binary = executable ?? binary
        var env = ProcessInfo.processInfo.environment
        for (k, v) in environment { env[k] = v }
        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        posix_spawn_file_actions_adddup2(&actions, stdout, 1)
        posix_spawn_file_actions_adddup2(&actions, stderr, 2)
        posix_spawn_file_actions_addopen(&actions, 0, "/dev/null", O_RDONLY, 0)
        // Only fds 0-2 may stay open in the child: a daemon (tmux's server) that kept another copy of
        // a pipe's write end would keep our reads from ever seeing end of file.
        for fd in Set(closing) where fd > 2 { posix_spawn_file_actions_addclose(&actions, fd) }
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
            for pointer in argv + envp { free(pointer) }
        }
        var pid: pid_t = 0
        let rc = posix_spawn(&pid, binary, &actions, &attr, argv, envp)
        guard rc == 0 else { throw POSIXError(POSIXErrorCode(rawValue: rc) ?? .EIO) }
        return pid
    }

    /// Waits for `pid` to end; its exit status, or 128 + the signal that ended it.
    @discardableResult
    package static func wait(_ pid: pid_t) -> Int32 {
        var status: Int32 = 0
        while waitpid(pid, &status, 0) == -1 && errno == EINTR {}
        return (status & 0x7f) == 0 ? (status >> 8) & 0xff : 128 + (status & 0x7f)
    }
}

/// Holds what the stderr reader thread read; the semaphore orders the write before the read.
private final class DataBox: @unchecked Sendable {
    var data = Data()
}
