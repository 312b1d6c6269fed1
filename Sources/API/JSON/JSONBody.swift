import Foundation
import Hummingbird
import NIOCore

/// Reads a request's JSON body: the media type (415), the size limit (413), the syntax and the
/// top-level object (400), and unknown keys (400 naming the key).
struct JSONBody {
    /// The body's keys and values.
    var fields: [String: JSONValue]

    /// Reads and checks the body of `request`; `allowed` are the keys it may hold, and `hints`
    /// says, of a key it may not, what to send instead.
    static func read(_ request: Request, limit: Int, allowed: [String], hints: [String: String] = [:]) async throws(APIError) -> JSONBody {
        guard let type = request.headers[.contentType], Self.isJSON(type) else {
            throw APIError(.unsupportedMediaType, code: "unsupported_media_type", message: "the body must be application/json")
        }
        let buffer = try await collect(request, limit: limit)
        let value: JSONValue
        do {
            value = try JSONDecoder().decode(JSONValue.self, from: Data(buffer: buffer, byteTransferStrategy: .noCopy))
        } catch {
            throw APIError(.badRequest, code: "malformed_json", message: "the body is not valid JSON")
        }
        guard case .object(let fields) = value else {
            throw APIError.invalid(nil, "the body must be a JSON object, not \(value.typeName)")
        }
        if let key = Self.duplicateKey(in: Array(buffer.readableBytesView)) {
            throw APIError.invalid(String(key.prefix(60)), "field '\(key.prefix(60))' is given twice")
        }
        for key in fields.keys.sorted() where !allowed.contains(key) {
            let hint = hints[key].map { ": " + $0 } ?? ""
            throw APIError(.badRequest, code: "unknown_field", message: "unknown field '\(key.prefix(60))'\(hint)", field: String(key.prefix(60)))
        }
        return JSONBody(fields: fields)
    }

    /// Collects the whole body, refusing one over `limit` bytes before or while reading it.
    static func collect(_ request: Request, limit: Int) async throws(APIError) -> ByteBuffer {
        if let length = request.headers[.contentLength].flatMap(Int.init), length > limit {
            throw tooLarge(limit)
        }
        do {
            return try await request.body.collect(upTo: limit)
        } catch let error as HTTPError where error.status == .contentTooLarge {
            throw tooLarge(limit)
        } catch is NIOTooManyBytesError {
            // A chunked body has no Content-Length to refuse up front: it is over once read past the limit.
            throw tooLarge(limit)
        } catch {
            throw APIError(.badRequest, code: "bad_request", message: "the body could not be read")
        }
    }

    /// Whether a request without a body really has none (routes that take no body refuse one).
    static func requireEmpty(_ request: Request, limit: Int) async throws(APIError) {
        let buffer = try await collect(request, limit: limit)
        if buffer.readableBytes > 0 {
            let text = String(buffer: buffer).trimmingCharacters(in: .whitespacesAndNewlines)
            if text.isEmpty || text == "{}" { return }
            throw APIError.invalid(nil, "this route takes no body")
        }
    }

    /// The first key given twice in one object of `json` (valid JSON), which a decoder would
    /// silently resolve one way or the other.
    static func duplicateKey(in json: [UInt8]) -> String? {
        enum Container {
            case object(Set<String>)
            case array
        }
        var containers: [Container] = []
        var expectingKey = false
        var i = 0
        while i < json.count {
            switch json[i] {
            case UInt8(ascii: "{"):
                containers.append(.object([]))
                expectingKey = true
            case UInt8(ascii: "["):
                containers.append(.array)
                expectingKey = false
            case UInt8(ascii: "}"), UInt8(ascii: "]"):
                _ = containers.popLast()
                expectingKey = false
            case UInt8(ascii: ","):
                if case .object? = containers.last { expectingKey = true }
            case UInt8(ascii: "\""):
                let start = i
                i += 1
                while i < json.count, json[i] != UInt8(ascii: "\"") { i += json[i] == UInt8(ascii: "\\") ? 2 : 1 }
                if expectingKey, case .object(var keys)? = containers.last {
                    let raw = Data(json[start...min(i, json.count - 1)])
                    let key = (try? JSONDecoder().decode(String.self, from: raw)) ?? String(decoding: raw, as: UTF8.self)
                    if !keys.insert(key).inserted { return key }
                    containers[containers.count - 1] = .object(keys)
                    expectingKey = false
                }
            default:
                break
            }
            i += 1
        }
        return nil
    }

    static func tooLarge(_ limit: Int) -> APIError {
        APIError(.contentTooLarge, code: "too_large", message: "the body is larger than \(limit) bytes")
    }

    static func isJSON(_ contentType: String) -> Bool {
        let media = contentType.split(separator: ";", maxSplits: 1).first?.trimmingCharacters(in: .whitespaces).lowercased() ?? ""
        return media == "application/json"
    }

    // MARK: - Fields

    /// A string field; nil when absent.
    func string(_ key: String) throws(APIError) -> String? {
        switch fields[key] {
        case nil: return nil
        case .string(let s): return s
        case let other?: throw APIError.invalid(key, "\(key) must be a string, not \(other.typeName)")
        }
    }

    /// A field that may be a string or a whole number, as text; nil when absent.
    func text(_ key: String) throws(APIError) -> String? {
        switch fields[key] {
        case nil: return nil
        case .string(let s): return s
        case .int(let n): return String(n)
        case let other?: throw APIError.invalid(key, "\(key) must be a string or a whole number, not \(other.typeName)")
        }
    }

    /// A boolean field; nil when absent.
    func bool(_ key: String) throws(APIError) -> Bool? {
        switch fields[key] {
        case nil: return nil
        case .bool(let b): return b
        case let other?: throw APIError.invalid(key, "\(key) must be true or false, not \(other.typeName)")
        }
    }

    /// Header lines: an array of `Name: value` strings, or an object of name to value.
    func headerLines(_ key: String) throws(APIError) -> [String]? {
        switch fields[key] {
        case nil: return nil
        case .array(let items):
            var lines: [String] = []
            for item in items {
                guard case .string(let line) = item else { throw APIError.invalid(key, "\(key) must hold 'Name: value' strings") }
                lines.append(line)
            }
            return lines
        case .object(let map):
            var lines: [String] = []
            for (name, value) in map.sorted(by: { $0.key < $1.key }) {
                guard case .string(let text) = value else { throw APIError.invalid(key, "the value of header '\(name.prefix(60))' must be a string") }
                lines.append(name + ": " + text)
            }
            return lines
        case let other?: throw APIError.invalid(key, "\(key) must be an array of 'Name: value' strings or an object, not \(other.typeName)")
        }
    }
}
