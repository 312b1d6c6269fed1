import Logging
import Synchronization

/// Runs the engine's components side by side in one task group, and stops them gracefully in the
/// reverse of the order they were given: with `[recorder, workers, scheduler]`, the scheduler stops
/// firing first, then the workers drain, and the recorder writes the last attempts before it stops.
///
/// A component whose ``EngineComponent/run()`` ends on its own (a failure) stops the others too;
/// ``run()`` then rethrows its error.
public final class EngineRuntime: Sendable {
    /// The components, in start order.
    public let components: [any EngineComponent]
    private let logger: Logger
    private let trigger = Signal()

    /// A runtime for `components`, started in this order and stopped in reverse.
    public init(components: [any EngineComponent], logger: Logger = Logger(label: "crontui.engine")) {
        self.components = components
        self.logger = logger
    }

    /// Runs every component until ``shutdown()`` (or a component fails), then stops them in reverse
    /// order, each finished before the next is told to stop.
    public func run() async throws {
        let finished = components.map { _ in Signal() }
        let failure = await withTaskGroup(of: (any Error)?.self) { group -> (any Error)? in
            for (component, done) in zip(components, finished) {
                group.addTask {
                    var failure: (any Error)?
                    do {
                        try await component.run()
                    } catch {
                        self.logger.error(
                            "\(component.name) failed: \(error)", metadata: ["event": "engine.failed", "component": .string(component.name)])
                        failure = error
                    }
                    done.fire()
                    // Whatever the reason a component ended, the engine is over.
                    self.trigger.fire()
                    return failure
                }
            }
            group.addTask {
                await self.trigger.wait()
                self.logger.notice("stopping", metadata: ["event": "engine.stopping"])
                for (component, done) in zip(self.components, finished).reversed() {
                    component.shutdown()
                    await done.wait()
                    self.logger.info("\(component.name) stopped", metadata: ["event": "engine.stopped", "component": .string(component.name)])
                }
                return nil
            }
            var first: (any Error)?
            for await failure in group where first == nil { first = failure }
            return first
        }
        if let failure { throw failure }
    }

    /// Begins the graceful stop; ``run()`` returns when every component has stopped.
    public func shutdown() {
        trigger.fire()
    }
}

/// A one-shot event that any number of tasks can wait for.
final class Signal: Sendable {
    private let state = Mutex<(fired: Bool, waiters: [CheckedContinuation<Void, Never>])>((false, []))

    func fire() {
        let waiters = state.withLock { s -> [CheckedContinuation<Void, Never>] in
            if s.fired { return [] }
            s.fired = true
            defer { s.waiters = [] }
            return s.waiters
        }
        waiters.forEach { $0.resume() }
    }

    func wait() async {
        await withCheckedContinuation { continuation in
            let ready = state.withLock { s -> Bool in
                if s.fired { return true }
                s.waiters.append(continuation)
                return false
            }
            if ready { continuation.resume() }
        }
    }
}
