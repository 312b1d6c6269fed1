import Engine
import Hummingbird

/// Decides who a request comes from and whether it may do what it asks.
///
/// - A mutating route needs an admin token: none gives 401, a read token 403.
/// - A read route is open on loopback; beyond loopback every route needs a token (401 without).
/// - A token that is presented but unknown is always 401, on any route.
///
/// Tokens are compared in constant time, against every configured token, so neither the position of
/// the first differing byte nor which token matched shows in the timing.
public struct APIAuthenticator: Sendable {
    /// The accepted tokens.
    public let tokens: [APIToken]
    /// Whether read routes need a token too (the server is bound beyond loopback).
    public let tokenRequiredForReads: Bool

    /// An authenticator over `tokens`.
    public init(tokens: [APIToken], tokenRequiredForReads: Bool) {
        self.tokens = tokens
        self.tokenRequiredForReads = tokenRequiredForReads
    }

    /// The caller of `request` when it may use a route needing `required`; throws 401 or 403.
    public func authorize(_ request: Request, required: APIRole) throws(APIError) -> APICaller {
        guard let header = request.headers[.authorization] else {
            if required == .read && !tokenRequiredForReads { return .anonymous }
            throw Self.unauthorized(
                tokens.isEmpty ? "this server has no API tokens configured (API_TOKEN or API_TOKENS_FILE)" : "a bearer token is required")
        }
        guard let secret = Self.bearer(header), let token = match(secret) else {
            throw Self.unauthorized("the bearer token is not valid")
        }
        guard token.role >= required else {
            throw APIError(
                .forbidden, code: "forbidden",
                message: "the token '\(token.name)' has role \(token.role.rawValue); this route needs \(required.rawValue)")
        }
        return APICaller(name: token.name, role: token.role)
    }

    /// The configured token equal to `secret`, checking all of them.
    func match(_ secret: Substring.UTF8View) -> APIToken? {
        var found: APIToken?
        for token in tokens where ConstantTime.equals(token.secret, secret) && found == nil {
            found = token
        }
        return found
    }

    /// The token of `Bearer <token>` (scheme in any case), nil for another scheme.
    static func bearer(_ header: String) -> Substring.UTF8View? {
        let utf8 = header.utf8
        guard utf8.count > 7, header.prefix(7).lowercased() == "bearer " else { return nil }
        let token = header.dropFirst(7).drop(while: { $0 == " " })
        return token.isEmpty ? nil : token.utf8
    }

    static func unauthorized(_ message: String) -> APIError {
        APIError(.unauthorized, code: "unauthorized", message: message, headers: [.wwwAuthenticate: #"Bearer realm="crontui""#])
    }
}
