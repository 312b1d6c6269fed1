/// The OpenAPI 3.0 document of the HTTP API, served at `/api/openapi.json`.
///
/// The document is `Resources/openapi.json`, written by `scripts/openapi.py` (edit that, then run
/// it; `make openapi-check` fails when the two disagree). SwiftPM embeds it in the binary
/// (`embedInCode`), so an installed `crontui` serves it with no resource bundle beside it; a test
/// checks that its paths and methods are exactly the server's routes.
enum OpenAPIDocument {
    /// The document as JSON text.
    static let json = String(decoding: PackageResources.openapi_json, as: UTF8.self)
}
