import Demo
import Engine
import Foundation
import Synchronization

/// A local HTTP target that answers from a script and remembers what it received.
package final class ScriptedTarget: Sendable {
    /// One request as the target saw it.
    package struct Received: Sendable {
        package var request: LoopbackHTTPServer.Request
        package var at: ContinuousClock.Instant
    }

    private let script: @Sendable (Int, LoopbackHTTPServer.Request) -> LoopbackHTTPServer.Response
    private let log = Mutex<[Received]>([])
    private let server = Mutex<LoopbackHTTPServer?>(nil)

    /// A target whose `n`th request (from 0) gets `script(n, request)`.
    package init(_ script: @escaping @Sendable (Int, LoopbackHTTPServer.Request) -> LoopbackHTTPServer.Response) {
        self.script = script
    }

    /// Starts serving on a free port; returns the base URL (`http://127.0.0.1:port`).
    package func start() async throws -> String {
        let s = try await LoopbackHTTPServer.start { [self] request in
            let n = log.withLock { entries -> Int in
                entries.append(Received(request: request, at: .now))
                return entries.count - 1
            }
            return script(n, request)
        }
        server.withLock { $0 = s }
        return "http://127.0.0.1:\(s.port)"
    }

    /// Everything received so far.
    package var received: [Received] { log.withLock { $0 } }

    /// Stops the server.
    package func stop() async {
        await server.withLock { $0 }?.shutdown()
    }

    /// Runs `body` with a started target and stops it afterwards.
    package static func with(
        _ script: @escaping @Sendable (Int, LoopbackHTTPServer.Request) -> LoopbackHTTPServer.Response,
        _ body: (ScriptedTarget, String) async throws -> Void
    ) async throws {
        let target = ScriptedTarget(script)
        let url = try await target.start()
        do {
            try await body(target, url)
        } catch {
            await target.stop()
            throw error
        }
        await target.stop()
    }
}
