import Engine
import Hummingbird
import NIOCore

/// Liveness, readiness, Prometheus metrics and the OpenAPI document.
extension APIHandlers {
    /// `GET /healthz`: the process answers.
    @Sendable func healthz(_ request: Request, _ context: BasicRequestContext, _ caller: APICaller) async throws -> Response {
        _ = try QueryParameters(request, allowed: [])
        return Self.json { json in json.object { o in o.string("status", "ok") } }
    }

    /// `GET /readyz`: every dependency answers within the check timeout (200), or not (503).
    @Sendable func readyz(_ request: Request, _ context: BasicRequestContext, _ caller: APICaller) async throws -> Response {
        _ = try QueryParameters(request, allowed: [])
        let timeout = options.readinessTimeout
        let results = await withTaskGroup(of: (String, String?).self) { group in
            for check in dependencies.readiness {
                group.addTask {
                    await withTaskGroup(of: String?.self) { race in
                        race.addTask {
                            do {
                                try await check.check()
                                return nil
                            } catch let error as APIError {
                                return error.message
                            } catch {
                                return "\(error)"
                            }
                        }
                        race.addTask {
                            try? await Task.sleep(for: timeout)
                            return "no answer within \(timeout)"
                        }
                        let first = await race.next() ?? nil
                        race.cancelAll()
                        return (check.name, first)
                    }
                }
            }
            var out: [(String, String?)] = []
            for await result in group { out.append(result) }
            return out.sorted { $0.0 < $1.0 }
        }
        let ready = results.allSatisfy { $0.1 == nil }
        return Self.json(ready ? .ok : .serviceUnavailable) { json in
            json.object { o in
                o.string("status", ready ? "ready" : "unready")
                o.object("checks") { c in
                    for (name, failure) in results { c.string(name, failure.map { "error: " + Self.oneLine($0) } ?? "ok") }
                }
            }
        }
    }

    /// `text` (a libpq message runs over two lines) on one line of at most 400 characters, secrets
    /// masked.
    static func oneLine(_ text: String) -> String {
        let words = Redaction.message(text).split(whereSeparator: { $0.isWhitespace })
        return Redaction.storable(words.joined(separator: " "), limit: 400)
    }

    /// `GET /metrics`: Prometheus text; the gauges of every queue this process works are read
    /// fresh first.
    @Sendable func metrics(_ request: Request, _ context: BasicRequestContext, _ caller: APICaller) async throws -> Response {
        _ = try QueryParameters(request, allowed: [])
        if let system = dependencies.system {
            for name in Set(system.workedQueueNames + [system.queueName]).sorted() {
                guard let stats = try? await system.stats(ofQueue: name) else { continue }
                dependencies.metrics.record(
                    queue: name, waiting: stats.waiting, active: stats.active, delayed: stats.delayed, completed: stats.completed,
                    failed: stats.failed, paused: stats.paused, oldestWaiting: stats.oldestWaiting)
            }
        }
        var buffer = ByteBuffer()
        buffer.writeBytes(dependencies.registry.emitToBuffer())
        return Response(status: .ok, headers: [.contentType: "text/plain; version=0.0.4; charset=utf-8"], body: .init(byteBuffer: buffer))
    }

    /// `GET /api/openapi.json`: the document describing these routes.
    @Sendable func openAPI(_ request: Request, _ context: BasicRequestContext, _ caller: APICaller) async throws -> Response {
        _ = try QueryParameters(request, allowed: [])
        var buffer = ByteBuffer()
        buffer.writeString(OpenAPIDocument.json)
        return Response(status: .ok, headers: [.contentType: "application/json"], body: .init(byteBuffer: buffer))
    }
}
