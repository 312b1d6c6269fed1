/// A long-running part of the engine: the execution recorder, the worker pool, the scheduler, the
/// demo target. ``EngineRuntime`` runs them together and stops them in order.
package protocol EngineComponent: Sendable {
    /// A short name for logs, e.g. `workers`.
    var name: String { get }
    /// Runs until the component has stopped after ``shutdown()`` (or failed).
    func run() async throws
    /// Begins a graceful stop and returns at once; ``run()`` returns when the component is done.
    func shutdown()
}

extension WorkerPool: EngineComponent {
    /// `workers`.
    package var name: String { "workers" }
    /// Stops taking jobs and lets in-flight ones finish within the grace period (then hands them back).
    package func shutdown() { stop() }
}

extension ExecutionRecorder: EngineComponent {
    /// `recorder`.
    package var name: String { "recorder" }
    /// Writes what is pending, then stops.
    package func shutdown() { stop() }
}

extension Scheduler: EngineComponent {}

extension DependencyMonitor: EngineComponent {
    /// `dependencies`.
    package var name: String { "dependencies" }
}

extension HistoryRetention: EngineComponent {}
