/// The test cluster's faults, one at a time: a test that kills a cluster node, and a test that
/// needs every node up from its start to its end, run inside ``run(_:)``, so that no two of them
/// overlap in the test process (whose suites, in every test target, run side by side).
package actor ClusterExclusive {
    private static let shared = ClusterExclusive()
    private var held = false
    private var waiting: [CheckedContinuation<Void, Never>] = []

    /// Runs `body` while no other such test runs.
    package static func run<T>(_ body: () async throws -> T) async throws -> T {
        await shared.acquire()
        do {
            let result = try await body()
            await shared.release()
            return result
        } catch {
            await shared.release()
            throw error
        }
    }

    private func acquire() async {
        if !held {
            held = true
            return
        }
        await withCheckedContinuation { waiting.append($0) }
    }

    private func release() {
        if waiting.isEmpty {
            held = false
        } else {
            waiting.removeFirst().resume()
        }
    }
}
