#if canImport(Glibc)
    import Glibc
#endif

/// One connection to PostgreSQL, over libpq.
///
/// libpq blocks, so the actor runs on a thread of its own (a ``DedicatedThreadExecutor``): a slow
/// statement never stalls Swift's cooperative pool. Statements take their values as parameters
/// (`$1`, `$2`, ...), never spliced into the SQL.
///
/// If the server backend dies, a statement in flight throws ``PostgresError/Code/connectionLost``
/// and the next call reconnects (a few tries with backoff). A connection serves one task at a
/// time; share a ``PostgresPool``, not a connection. Notifications (`LISTEN`) want a connection of
/// their own: see ``listen(_:)``.
///
/// Every session is set to `DateStyle=ISO`, `TimeZone=UTC` and `bytea_output=hex`, the forms the
/// decoders read. Data statements are prepared on first use and reused (see `LibPQConnection`);
/// `plan_cache_mode=force_custom_plan` still plans each run for its parameter values, since a
/// generic plan for `status = $1` over a skewed column can scan a whole table, and a statement
/// without parameters keeps its one plan.
package actor PostgresConnection {
    private let executor: DedicatedThreadExecutor
    private var raw: LibPQConnection?
    private var isClosed = false
    /// Nesting depth of ``withTransaction(_:)``; savepoints below the first level.
    var transactionDepth = 0
    /// Channels to `LISTEN` on again after a reconnect.
    var channels: Set<String> = []
    /// A dead listening connection was reported to the waiter; the next wait reconnects.
    var listenerLossReported = false

    /// Runs the actor's methods on the connection's own thread.
    package nonisolated var unownedExecutor: UnownedSerialExecutor {
        executor.asUnownedSerialExecutor()
    }

    /// Where this connection connects (and reconnects) to.
    package nonisolated let endpoint: PostgresEndpoint

    private init(endpoint: PostgresEndpoint) {
        self.endpoint = endpoint
        executor = DedicatedThreadExecutor(name: "postgres")
    }

    deinit {
        // `raw` closes its PGconn in its own deinit; the thread ends once its queued jobs are done.
        executor.shutdown()
    }

    /// Connects to `endpoint`. Throws ``PostgresError/Code/invalidConfiguration`` for a connection
    /// string libpq cannot parse and ``PostgresError/Code/connectionFailed`` when the server cannot
    /// be reached or refuses the connection.
    package static func connect(to endpoint: PostgresEndpoint) async throws(PostgresError)
        -> PostgresConnection
    {
        let connection = PostgresConnection(endpoint: endpoint)
        try await connection.open()
        return connection
    }

    private func open() throws(PostgresError) {
        let raw = try LibPQConnection(conninfo: endpoint.conninfo, prepares: endpoint.preparedStatements)
        try configureSession(raw)
        self.raw = raw
    }

    /// Runs `sql`, one statement, with `parameters` bound to `$1`, `$2`, ...; `nil` is `NULL`.
    ///
    /// ```swift
    /// let rows = try await db.query("SELECT id FROM schedules WHERE name = $1", [name])
    /// ```
    @discardableResult
    package func query(_ sql: String, _ parameters: [(any PostgresBindable)?] = [])
        throws(PostgresError) -> PostgresResult
    {
        try ready().execute(sql, parameters.map { $0?.postgresValue })
    }

    /// How long one statement may take before the server counts as hung and the connection is
    /// dropped (default 10 s; nil: no limit, for migrations that build indexes).
    package func setStatementTimeout(_ timeout: Duration?) {
        raw?.timeout = timeout
    }

    /// The process id of the server backend currently serving this connection.
    package var backendPID: Int32 { raw?.backendPID ?? 0 }

    /// Closes the connection. Later calls throw ``PostgresError/Code/closed``.
    package func close() {
        isClosed = true
        raw = nil
    }

    /// The libpq connection, alive or not; throws if closed.
    func current() throws(PostgresError) -> LibPQConnection {
        guard !isClosed, let raw else {
            throw PostgresError(code: .closed, message: "the connection is closed")
        }
        return raw
    }

    /// The live libpq connection, reconnecting first if the backend died while idle.
    func ready() throws(PostgresError) -> LibPQConnection {
        let raw = try current()
        if raw.checkIdle() { return raw }
        guard transactionDepth == 0 else {
            // Reconnecting here would run the rest of the transaction's statements outside it.
            throw PostgresError(
                code: .connectionLost, message: "the connection was lost inside a transaction")
        }
        try reconnect(raw)
        return raw
    }

    /// `PQreset` with backoff: three tries, 50 ms and 200 ms apart, unless a try ran into the connect
    /// timeout (a hung server: trying again would only wait as long again). The waits block this
    /// connection's own thread only.
    private func reconnect(_ raw: LibPQConnection) throws(PostgresError) {
        var delay: useconds_t = 50_000
        var failure = PostgresError(code: .connectionFailed, message: "cannot reconnect")
        for attempt in 1...3 {
            let started = ContinuousClock.now
            if raw.reset() {
                do throws(PostgresError) {
                    try configureSession(raw)
                    for channel in channels.sorted() {
                        try raw.execute("LISTEN " + raw.quoteIdentifier(channel), [])
                    }
                    return
                } catch {
                    failure = error
                }
            } else {
                failure = PostgresError(code: .connectionFailed, message: raw.errorMessage)
            }
            if ContinuousClock.now - started > .seconds(1) { break }
            if attempt < 3 {
                usleep(delay)
                delay *= 4
            }
        }
        if failure.code != .connectionFailed {
            failure = PostgresError(code: .connectionFailed, message: failure.message)
        }
        throw failure
    }

    /// Sets what the decoders rely on; run after every (re)connect.
    private func configureSession(_ raw: LibPQConnection) throws(PostgresError) {
        try raw.execute(
            """
            SELECT set_config('DateStyle', 'ISO, MDY', false), set_config('TimeZone', 'UTC', false),
              set_config('bytea_output', 'hex', false), set_config('plan_cache_mode', 'force_custom_plan', false)
            """, [])
    }

    /// Rolls back a transaction left open (e.g. by a plain `BEGIN` whose caller threw), so the
    /// next user of a pooled connection starts clean.
    func rollBackLeftoverTransaction() {
        guard let raw, raw.isConnected, raw.isInTransaction else { return }
        _ = try? raw.execute("ROLLBACK", [])
    }

    /// Rolls back the transaction (or savepoint) a failed ``withTransaction(_:)`` level opened, if
    /// the connection is still there to do it.
    func rollBack(depth: Int) {
        guard let raw, raw.isConnected else { return }
        let sql = depth == 0 ? "ROLLBACK" : "ROLLBACK TO SAVEPOINT crontui_\(depth)"
        _ = try? raw.execute(sql, [])
    }

    /// Quotes `name` as an identifier.
    func quoteIdentifier(_ name: String) throws(PostgresError) -> String {
        try ready().quoteIdentifier(name)
    }
}
