import Foundation

/// A serial executor that runs every job on one thread of its own.
///
/// hiredis and libpq calls block. An actor whose `unownedExecutor` is one of these runs its methods
/// on that thread, so a blocking call there never stalls Swift's cooperative pool (two threads on a
/// 2-core machine). Each connection owns one; the thread ends when ``shutdown()`` is called.
package final class DedicatedThreadExecutor: SerialExecutor, @unchecked Sendable {
    private let condition = NSCondition()
    private var jobs: [UnownedJob] = []
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

    /// Lets the thread finish the jobs already queued, then end.
    package func shutdown() {
        condition.lock()
        stopped = true
        condition.signal()
        condition.unlock()
    }

    private func loop() {
        while true {
            condition.lock()
            while jobs.isEmpty && !stopped { condition.wait() }
            if jobs.isEmpty && stopped {
                condition.unlock()
                return
            }
            let batch = jobs
            jobs.removeAll(keepingCapacity: true)
            condition.unlock()
            for job in batch { job.runSynchronously(on: asUnownedSerialExecutor()) }
        }
    }
}
