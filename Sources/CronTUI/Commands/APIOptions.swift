import ArgumentParser
import CommandSupport
import Engine

/// Where the HTTP API listens: the flags `serve` and `api` share. They override the environment.
struct APIOptions: ParsableArguments {
    @Option(name: .customLong("api-host"), help: "Address the HTTP API binds (overrides API_HOST; default 127.0.0.1).")
    var host: String?

    @Option(name: .customLong("api-port"), help: "Port of the HTTP API (overrides API_PORT; default 8080; 0 picks a free one).")
    var port: String?

    /// The API's configuration from these flags and the environment; a bad value throws a
    /// ``ConfigurationError`` naming its source.
    func configuration() throws -> APIConfiguration {
        try APIConfiguration.resolve(environment: ProcessEnvironment.current, flags: .init(host: host, port: port))
    }

    /// Refuses a port that cannot be listened on (in use, privileged), before anything starts.
    func checkListenable(_ api: APIConfiguration) throws(ConfigurationError) {
        if let problem = PortProbe.problem(host: api.host, port: api.port) {
            throw ConfigurationError(field: port != nil ? "--api-port" : "API_PORT", reason: problem)
        }
    }
}
