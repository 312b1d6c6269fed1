/// The fault pair of services (`FAULT_REDIS_URL`, `FAULT_DATABASE_URL`) is shared by every test
/// target, and the tests that use it stop, hang and restart it: one at a time, whichever suite it
/// is in (all test targets run in one process, suites in parallel).
package enum FaultServices {
    /// Runs `body` while no other test holds the fault services.
    package static func exclusive<T>(_ body: () async throws -> T) async throws -> T {
        await gate.enter()
        do {
            let value = try await body()
            await gate.leave()
            return value
        } catch {
            await gate.leave()
            throw error
        }
    }

    private static let gate = Gate()

    /// A first-come, first-served lock for tasks.
    private actor Gate {
        private var held = false
        private var waiting: [CheckedContinuation<Void, Never>] = []

        func enter() async {
            if !held {
                held = true
                return
            }
            await withCheckedContinuation { waiting.append($0) }
        }

        func leave() {
            if waiting.isEmpty {
                held = false
            } else {
                waiting.removeFirst().resume()
            }
        }
    }
}
