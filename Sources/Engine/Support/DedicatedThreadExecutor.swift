import Foundation

/// A serial executor that runs every job on one thread of its own.
///
/// hiredis and libpq calls block. An actor whose `unownedExecutor` is one of these runs its methods
/// on that thread, so a blocking call there never stalls Swift's cooperative pool (two threads on a
/// 2-core machine). Each connection owns one; the thread ends when ``shutdown()`` is called.
///
/// It is a task executor too, with timers of its own: a task that prefers it
/// (`withTaskExecutorPreference`) and sleeps with ``sleep(until:)`` runs and wakes on that thread.
/// A plain `Task.sleep` wakes through the cooperative pool, so a pool kept busy for seconds would
/// make it late by as much: the scheduler's instants must not wait for the pool.
package final class DedicatedThreadExecutor: SerialExecutor, TaskExecutor, @unchecked Sendable {
    /// A task's wait in ``sleep(until:)``.
    private struct Wait {
        var id: UInt64
        var deadline: ContinuousClock.Instant
        var continuation: CheckedContinuation<Void, Never>
    }

    /// The executor the current task runs on, when it was bound with `withValue` (the scheduler
    /// does): its ``sleep(until:)`` is what the task's sleeps should use.
    @TaskLocal package static var current: DedicatedThreadExecutor?

    private let condition = NSCondition()
    private var jobs: [UnownedJob] = []
    private var waits: [Wait] = []
    /// Waits cancelled before their task had registered them.
    private var cancelled: Set<UInt64> = []
    private var nextWaitID: UInt64 = 0
    private var stopped = false

    /// Starts the thread; `name` shows in debuggers and `top -H`.
    package init(name: String) {
        // The thread holds the executor until shutdown() lets the loop end.
        let thread = Thread { self.loop() }
        thread.name = name
        thread.start()
    }

    package func enqueue(_ job: consuming ExecutorJob) {
        let job = UnownedJob(job)
        condition.lock()
        jobs.append(job)
        condition.signal()
        condition.unlock()
    }

    package func asUnownedSerialExecutor() -> UnownedSerialExecutor {
        UnownedSerialExecutor(ordinary: self)
    }

    package func asUnownedTaskExecutor() -> UnownedTaskExecutor {
        UnownedTaskExecutor(ordinary: self)
    }

    /// Suspends until `deadline`, woken by this executor's thread; throws `CancellationError` at
    /// once when the task is cancelled. ``shutdown()`` wakes it early; after that it is a
    /// `Task.sleep`.
    package func sleep(until deadline: ContinuousClock.Instant) async throws {
        let id: UInt64? = condition.withLock {
            if stopped { return nil }
            nextWaitID += 1
            return nextWaitID
        }
        guard let id else {
            try await Task.sleep(until: deadline, clock: .continuous)
            return
        }
        await withTaskCancellationHandler {
            await withCheckedContinuation { continuation in
                condition.lock()
                if cancelled.remove(id) != nil || stopped {
                    condition.unlock()
                    continuation.resume()
                    return
                }
                waits.append(Wait(id: id, deadline: deadline, continuation: continuation))
                condition.signal()
                condition.unlock()
            }
        } onCancel: {
            let wait = condition.withLock {
                guard let index = waits.firstIndex(where: { $0.id == id }) else {
                    cancelled.insert(id)
                    return nil as Wait?
                }
                return waits.remove(at: index)
            }
            wait?.continuation.resume()
        }
        try Task.checkCancellation()
    }

    /// Sleeps for `duration` on the timer of the ``current`` executor, or with `Task.sleep` when
    /// none is bound.
    package static func sleep(for duration: Duration) async throws {
        if let current {
            try await current.sleep(until: .now + duration)
        } else {
            try await Task.sleep(for: duration)
        }
    }

    /// Lets the thread finish the jobs already queued, then end; sleeping tasks wake.
    package func shutdown() {
        condition.lock()
        stopped = true
        condition.signal()
        condition.unlock()
    }

    private func loop() {
        while true {
            condition.lock()
            var due: [Wait]
            // Timers are looked at on every turn, so a steady stream of jobs cannot hold them back.
            while true {
                let now = ContinuousClock.now
                due = stopped ? waits : waits.filter { $0.deadline <= now }
                if !due.isEmpty || !jobs.isEmpty || stopped { break }
                if let next = waits.map(\.deadline).min() {
                    let (seconds, attoseconds) = (next - now).components
                    condition.wait(until: Date(timeIntervalSinceNow: Double(seconds) + Double(attoseconds) / 1e18))
                } else {
                    condition.wait()
                }
            }
            waits.removeAll { wait in due.contains { $0.id == wait.id } }
            let batch = jobs
            jobs.removeAll(keepingCapacity: true)
            let finished = stopped && batch.isEmpty && due.isEmpty
            condition.unlock()
            // Resuming a waiting task enqueues it here, on the next turn of the loop.
            for wait in due { wait.continuation.resume() }
            for job in batch { job.runSynchronously(isolatedTo: asUnownedSerialExecutor(), taskExecutor: asUnownedTaskExecutor()) }
            if finished { return }
        }
    }
}
