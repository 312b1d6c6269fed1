/// A long-running part of the engine: the execution recorder, the worker pool, the scheduler, the
/// demo target. ``EngineRuntime`` runs them together and stops them in order.
public protocol EngineComponent: Sendable {
    /// A short name for logs, e.g. `workers`.
    var name: String { get }
    /// Runs until the component has stopped after ``shutdown()`` (or failed).
    func run() async throws
    /// Begins a graceful stop and returns at once; ``run()`` returns when the component is done.
    func shutdown()
}

extension WorkerPool: EngineComponent {
    /// `workers`.
    public var name: String { "workers" }
    /// Stops taking jobs and lets in-flight ones finish within the grace period (then hands them back).
    public func shutdown() { stop() }
}

extension ExecutionRecorder: EngineComponent {
    /// `recorder`.
    public var name: String { "recorder" }
    /// Writes what is pending, then stops.
    public func shutdown() { stop() }
}

extension Scheduler: EngineComponent {}

extension DependencyMonitor: EngineComponent {
    /// `dependencies`.
    public var name: String { "dependencies" }
}
