import Hummingbird

/// A request's query parameters, checked: only known names, each at most once.
struct QueryParameters {
    private var values: [String: String] = [:]

    /// Reads the query of `request`; an unknown or repeated name is refused naming it.
    init(_ request: Request, allowed: [String]) throws(APIError) {
        for (name, value) in request.uri.queryParameters {
            let key = String(name)
            guard allowed.contains(key) else {
                throw APIError(
                    .badRequest, code: "unknown_parameter", message: "unknown query parameter '\(key.prefix(60))'", field: String(key.prefix(60)))
            }
            guard values[key] == nil else { throw APIError.invalid(key, "\(key) is given more than once") }
            values[key] = String(value)
        }
    }

    /// The text of `name`, nil when absent.
    subscript(_ name: String) -> String? { values[name] }

    /// A whole number in `range`; `fallback` when absent.
    func int(_ name: String, in range: ClosedRange<Int>, default fallback: Int) throws(APIError) -> Int {
        guard let text = values[name] else { return fallback }
        guard let n = Int(text), range.contains(n) else {
            throw APIError.invalid(name, "\(name) must be a whole number from \(range.lowerBound) to \(range.upperBound)")
        }
        return n
    }
}
