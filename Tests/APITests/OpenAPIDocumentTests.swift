import API
import Engine
import Foundation
import Testing

/// The OpenAPI document served at `/api/openapi.json` describes exactly the routes.
struct OpenAPIDocumentTests {
    static func document() throws -> [String: Any] {
        let server = APIServer(configuration: APIConfiguration(), dependencies: APIDependencies(registry: .init(), metrics: EngineMetrics()))
        return try #require(try JSONSerialization.jsonObject(with: Data(server.openAPIDocument.utf8)) as? [String: Any])
    }

    /// `Sources/API/Resources/openapi.json` as checked in (what `scripts/openapi.py` writes).
    static func resourceText() throws -> String {
        let url = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("../../Sources/API/Resources/openapi.json")
        return try String(contentsOf: url.standardizedFileURL, encoding: .utf8)
    }

    @Test func theServedDocumentIsTheResource() throws {
        let server = APIServer(configuration: APIConfiguration(), dependencies: APIDependencies(registry: .init(), metrics: EngineMetrics()))
        #expect(server.openAPIDocument == (try Self.resourceText()))
    }

    @Test func pathsAndMethodsAreTheRoutes() throws {
        let document = try Self.document()
        #expect(document["openapi"] as? String == "3.0.3")
        let paths = try #require(document["paths"] as? [String: [String: Any]])
        var documented = Set<String>()
        for (path, operations) in paths {
            for method in operations.keys { documented.insert(method.uppercased() + " " + path) }
        }
        let server = APIServer(configuration: APIConfiguration(), dependencies: APIDependencies(registry: .init(), metrics: EngineMetrics()))
        let served = Set(
            server.routeSignatures.map { route in
                route.method + " "
                    + route.path.split(separator: "/", omittingEmptySubsequences: false).map {
                        $0.hasPrefix(":") ? "{\($0.dropFirst())}" : String($0)
                    }
                    .joined(separator: "/")
            })
        #expect(documented == served)
    }

    @Test func everyReferenceResolves() throws {
        let document = try Self.document()
        let server = APIServer(configuration: APIConfiguration(), dependencies: APIDependencies(registry: .init(), metrics: EngineMetrics()))
        let text = server.openAPIDocument
        let components = try #require(document["components"] as? [String: [String: Any]])
        var cursor = text.startIndex
        var count = 0
        while let range = text.range(of: "#/components/", range: cursor..<text.endIndex) {
            let rest = text[range.upperBound...]
            let end = rest.firstIndex(of: "\"") ?? rest.endIndex
            let parts = rest[..<end].replacingOccurrences(of: "\\/", with: "/").split(separator: "/")
            #expect(parts.count == 2 && components[String(parts[0])]?[String(parts[1])] != nil, "\(rest[..<end])")
            cursor = end
            count += 1
        }
        #expect(count > 20)
    }
}

/// Instants as the API writes and reads them.
struct ISOTimeTests {
    @Test func formatsAndParses() {
        #expect(APIServer.formatInstant(0) == "1970-01-01T00:00:00.000Z")
        #expect(APIServer.formatInstant(1_777_636_800_250) == "2026-05-01T12:00:00.250Z")
        #expect(APIServer.formatInstant(951_782_400_000) == "2000-02-29T00:00:00.000Z")
        #expect(APIServer.formatInstant(-1) == "1969-12-31T23:59:59.999Z")
        #expect(APIServer.parseInstant("2026-05-01T12:00:00.250Z") == 1_777_636_800_250)
        #expect(APIServer.parseInstant("2026-05-01T14:00:00+02:00") == 1_777_636_800_000)
        #expect(APIServer.parseInstant("2026-13-01T00:00:00Z") == nil)
        #expect(APIServer.parseInstant("yesterday") == nil)
        for ms: Int64 in [0, 1, 86_399_999, 4_102_444_800_123, 1_709_164_800_000] {
            #expect(APIServer.parseInstant(APIServer.formatInstant(ms)) == ms)
        }
    }
}

/// The JSON the hot routes write byte by byte, checked against Foundation's parser.
struct JSONWriterTests {
    @Test func writesWhatFoundationReadsBack() throws {
        let hostile = "quote \" backslash \\ newline \n tab \t bell \u{7} nul \u{0} ünï 日本 🙂"
        var writer = JSONWriter()
        writer.object { o in
            o.string("text", hostile)
            o.string("none", nil)
            o.int("min", Int64.min)
            o.int("max", UInt64.max)
            o.int("zero", 0)
            o.int("negative", -42)
            o.double("half", 0.5)
            o.bool("yes", true)
            o.timestamp("at", milliseconds: 1_777_636_800_250)
            o.timestamp("never", milliseconds: nil)
            o.array("list") { a in
                a.element("x")
                a.element(7)
                a.object { $0.null("empty") }
            }
        }
        let text = String(decoding: writer.bytes, as: UTF8.self)
        let object = try #require(try JSONSerialization.jsonObject(with: Data(writer.bytes)) as? [String: Any], "\(text)")
        #expect(object["text"] as? String == hostile)
        #expect(object["none"] is NSNull)
        #expect(text.contains(#""min":-9223372036854775808"#))
        #expect(text.contains(#""max":18446744073709551615"#))
        #expect(object["zero"] as? Int == 0 && object["negative"] as? Int == -42)
        #expect(object["half"] as? Double == 0.5 && object["yes"] as? Bool == true)
        #expect(object["at"] as? String == "2026-05-01T12:00:00.250Z" && object["never"] is NSNull)
        #expect(text.hasSuffix(#""list":["x",7,{"empty":null}]}"#))
        #expect(writer.buffer.readableBytes == writer.bytes.count)
    }
}
