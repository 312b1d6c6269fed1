internal import CPostgres

#if canImport(Glibc)
    import Glibc
#endif

/// The owner of one libpq `PGconn *`. Every libpq call goes through here and no raw pointer
/// leaves this file.
///
/// Not thread-safe and blocking: its ``PostgresConnection`` calls it from the connection's own
/// thread only. `deinit` closes the connection, so the owning actor needs no isolated deinit.
final class LibPQConnection {
    private var conn: OpaquePointer?
    /// The server sent a FATAL error while no statement ran (e.g. `pg_terminate_backend`): the
    /// connection is doomed even if the socket has not reported its end yet.
    private var receivedFatal = false
    /// Statements prepared on this session, by SQL text and parameter types: a statement run again
    /// skips parsing and planning on the server.
    private var prepared: [PreparedKey: String] = [:]
    /// Numbers the prepared statements' names; never reused within a session.
    private var preparedCount = 0
    /// False: every statement runs unnamed (behind a pooler in transaction mode).
    private let prepares: Bool
    /// How long one statement may take, from sending it to its last result, before the connection
    /// is given up as hung (nil: no limit). A server that accepts connections but never answers
    /// (stopped, or cut off) is noticed within this bound; the next call reconnects.
    var timeout: Duration? = LibPQConnection.defaultTimeout
    /// 10 s: far above any statement crontui makes on a healthy server.
    static let defaultTimeout: Duration = .seconds(10)
    /// Seconds libpq may take to connect (the TCP connect, TLS and the login together).
    static let connectTimeout = 5
    /// A statement outlived ``timeout``: the connection is unusable until it reconnects.
    private var hung = false
    /// Beyond this many prepared statements, new ones run unnamed (parsed and planned each time).
    static let preparedLimit = 200
    /// Longer statements (multi-row inserts, whose text varies with their row count) run unnamed.
    static let preparedMaxLength = 4_096
    /// Added to the error of a statement name that exists on a session that never prepared it.
    static let sharedSessionHint =
        " (the server connection is shared with other clients: behind a pooler in transaction mode, set DATABASE_PREPARED_STATEMENTS=false)"

    private struct PreparedKey: Hashable {
        var sql: String
        var types: [Oid]
    }

    /// Connects (blocking) to `conninfo`, a URL or `key=value` string; `prepares` false sends every
    /// statement unnamed.
    init(conninfo: String, prepares: Bool = true) throws(PostgresError) {
        self.prepares = prepares
        try Self.validate(conninfo)
        // Keywords are applied in order: `connect_timeout` before `dbname` is a default the URL can
        // override; `client_encoding` after it is forced, since all text here is UTF-8.
        let keywords = ["connect_timeout", "fallback_application_name", "dbname", "client_encoding"]
        let values = [String(Self.connectTimeout), "crontui", conninfo, "UTF8"]
        conn = Self.withCStrings(keywords) { k in
            Self.withCStrings(values) { v in PQconnectdbParams(k, v, 1) }
        }
        guard let conn else {
            throw PostgresError(code: .connectionFailed, message: "out of memory")
        }
        guard PQstatus(conn) == CONNECTION_OK else {
            // A value libpq cannot use (`sslmode=bogus`, `port=x`) fails here before any network
            // activity, as "invalid ...": a bad setting, not an unreachable server.
            let message = errorMessage
            let code: PostgresError.Code = message.hasPrefix("invalid ") ? .invalidConfiguration : .connectionFailed
            let error = PostgresError(code: code, message: message)
            PQfinish(conn)
            self.conn = nil
            throw error
        }
        // Statements are sent without blocking and awaited with a deadline (``roundTrip(_:)``).
        PQsetnonblocking(conn, 1)
        // libpq prints notices (e.g. "relation already exists, skipping") on stderr by default; the
        // engine never prints, so they are dropped, except that a FATAL one marks the connection.
        // libpq calls the receiver only from calls made on this object, which outlives `conn`.
        PQsetNoticeReceiver(
            conn,
            { context, result in
                guard let context, let result,
                    let severity = PQresultErrorField(result, crontui_pg_diag_severity_nonlocalized())
                else { return }
                let text = String(cString: severity)
                if text == "FATAL" || text == "PANIC" {
                    Unmanaged<LibPQConnection>.fromOpaque(context).takeUnretainedValue().receivedFatal = true
                }
            }, Unmanaged.passUnretained(self).toOpaque())
    }

    deinit {
        if let conn { PQfinish(conn) }
    }

    /// Rejects a connection string libpq cannot parse, before any network activity, so that a bad
    /// value is told apart from an unreachable server.
    static func validate(_ conninfo: String) throws(PostgresError) {
        if let message = PostgresEndpoint.libpqParseError(conninfo) { throw PostgresError(code: .invalidConfiguration, message: message) }
    }

    /// libpq's last error message for this connection.
    var errorMessage: String {
        guard let conn, let text = PQerrorMessage(conn) else { return "no connection" }
        let message = String(cString: text)
        return message.isEmpty ? "unknown error" : message
    }

    /// True while the connection is usable as far as libpq knows.
    var isConnected: Bool { conn.map { PQstatus($0) == CONNECTION_OK } ?? false }

    /// True inside a transaction block (open, or failed and waiting for `ROLLBACK`).
    var isInTransaction: Bool {
        guard let conn else { return false }
        let status = PQtransactionStatus(conn)
        return status == PQTRANS_INTRANS || status == PQTRANS_INERROR
    }

    /// The process id of the server backend serving this connection.
    var backendPID: Int32 { conn.map(PQbackendPID) ?? 0 }

    /// Reads whatever the server sent while the connection was idle (notifications, or the notice
    /// and end of stream of a backend that was terminated). False if the connection is now dead.
    func checkIdle() -> Bool {
        guard let conn, !hung, PQstatus(conn) == CONNECTION_OK else { return false }
        let readable = waitReadable(milliseconds: 0)
        guard readable != nil else { return false }
        if readable == true {
            guard PQconsumeInput(conn) != 0 else { return false }
            // PQconsumeInput only buffers; PQisBusy parses, which is when a FATAL notice is seen.
            _ = PQisBusy(conn)
        }
        return PQstatus(conn) == CONNECTION_OK && !receivedFatal
    }

    /// Re-establishes the connection with the same parameters (blocking). True on success.
    func reset() -> Bool {
        guard let conn else { return false }
        receivedFatal = false
        hung = false
        prepared.removeAll()
        preparedCount = 0
        PQreset(conn)
        PQsetnonblocking(conn, 1)
        return PQstatus(conn) == CONNECTION_OK
    }

    /// Runs one statement with `parameters` bound to `$1`, `$2`, ... (blocking).
    func execute(_ sql: String, _ parameters: [PostgresValue?]) throws(PostgresError)
        -> PostgresResult
    {
        guard let conn else { throw PostgresError(code: .closed, message: "the connection is closed") }
        guard !sql.utf8.contains(0) else {
            throw PostgresError(code: .invalidParameter, message: "the statement contains a NUL byte")
        }
        var types: [Oid] = []
        var lengths: [Int32] = []
        var formats: [Int32] = []
        var offsets: [Int?] = []
        // All values in one buffer, text values NUL-terminated; a final byte keeps the base address
        // valid when every value is empty.
        var buffer: [UInt8] = []
        for (index, parameter) in parameters.enumerated() {
            guard let parameter else {
                types.append(0)
                lengths.append(0)
                formats.append(0)
                offsets.append(nil)
                continue
            }
            guard let length = Int32(exactly: parameter.bytes.count) else {
                throw PostgresError(
                    code: .invalidParameter, message: "parameter $\(index + 1) is too large")
            }
            if parameter.format == .text, parameter.bytes.contains(0) {
                throw PostgresError(
                    code: .invalidParameter,
                    message: "text parameter $\(index + 1) contains a NUL byte; send bytes as bytea")
            }
            types.append(parameter.type.oid)
            lengths.append(length)
            formats.append(parameter.format == .binary ? 1 : 0)
            offsets.append(buffer.count)
            buffer += parameter.bytes
            if parameter.format == .text { buffer.append(0) }
        }
        buffer.append(0)
        var name = try preparedName(sql, types)
        func run() throws(PostgresError) -> OpaquePointer? {
            try roundTrip {
                buffer.withUnsafeBytes { raw in
                    let base = raw.baseAddress!.assumingMemoryBound(to: CChar.self)
                    let values: [UnsafePointer<CChar>?] = offsets.map { $0.map { UnsafePointer(base + $0) } }
                    if let name { return PQsendQueryPrepared(conn, name, Int32(parameters.count), values, lengths, formats, 0) }
                    return PQsendQueryParams(conn, sql, Int32(parameters.count), types, values, lengths, formats, 0)
                }
            }
        }
        var result = try run()
        if name != nil, let failed = result, Self.isStalePreparedStatement(failed) {
            // A migration changed what the statement returns, or the session lost it: forget it and,
            // outside a transaction (which the failure has aborted), run the statement unnamed.
            prepared[PreparedKey(sql: sql, types: types)] = nil
            if !isInTransaction {
                PQclear(failed)
                name = nil
                result = try run()
            }
        }
        guard let result else {
            throw PostgresError(
                code: PQstatus(conn) == CONNECTION_OK ? .server : .connectionLost, message: errorMessage)
        }
        defer { PQclear(result) }
        switch PQresultStatus(result) {
        case PGRES_COMMAND_OK, PGRES_TUPLES_OK, PGRES_EMPTY_QUERY:
            return Self.read(result)
        case PGRES_COPY_IN, PGRES_COPY_OUT, PGRES_COPY_BOTH:
            abandonCopy()
            throw PostgresError(code: .unsupported, message: "COPY is not supported")
        default:
            throw error(from: result)
        }
    }

    /// The name of `sql` prepared on this session with parameters of `types`, preparing it on first
    /// use; nil for statements that are not worth preparing (no data statement, a long one, or too
    /// many prepared already) and when preparing is off, which then run unnamed.
    private func preparedName(_ sql: String, _ types: [Oid]) throws(PostgresError) -> String? {
        guard prepares, let conn, sql.utf8.count <= Self.preparedMaxLength, Self.isDataStatement(sql) else { return nil }
        let key = PreparedKey(sql: sql, types: types)
        if let name = prepared[key] { return name }
        guard prepared.count < Self.preparedLimit else { return nil }
        preparedCount += 1
        let name = "crontui_\(preparedCount)"
        guard let result = try roundTrip({ PQsendPrepare(conn, name, sql, Int32(types.count), types) }) else {
            throw PostgresError(
                code: PQstatus(conn) == CONNECTION_OK ? .server : .connectionLost, message: errorMessage)
        }
        defer { PQclear(result) }
        guard PQresultStatus(result) == PGRES_COMMAND_OK else {
            var failure = error(from: result)
            // The name is new to this session, so the server connection is shared with another
            // client: a pooler in transaction mode.
            if failure.sqlState == "42P05" { failure.message += Self.sharedSessionHint }
            throw failure
        }
        prepared[key] = name
        return name
    }

    /// Sends a statement with `send` (a `PQsend...` call) and waits for its result within
    /// ``timeout``: the first result, the others read and dropped. Nil when libpq could not send it
    /// or got no result (its error message says why). Throws ``PostgresError/Code/connectionLost``
    /// when the server does not answer in time; the connection then counts as dead.
    private func roundTrip(_ send: () -> Int32) throws(PostgresError) -> OpaquePointer? {
        guard let conn else { throw PostgresError(code: .closed, message: "the connection is closed") }
        var deadline = timeout.map { ContinuousClock.now + $0 }
        guard send() == 1 else { return nil }
        while true {
            let flushed = PQflush(conn)
            if flushed == 0 { break }
            if flushed < 0 { return nil }
            // The server may be sending while we still write: read what it sent, so neither waits.
            try waitSocket(events: Int16(POLLOUT | POLLIN), until: &deadline)
            if PQconsumeInput(conn) == 0 { return nil }
        }
        var first: OpaquePointer?
        while true {
            while PQisBusy(conn) == 1 {
                try waitSocket(events: Int16(POLLIN), until: &deadline)
                if PQconsumeInput(conn) == 0 { return first }
            }
            guard let result = PQgetResult(conn) else { break }
            let status = PQresultStatus(result)
            if first == nil { first = result } else { PQclear(result) }
            // A COPY result is followed by no end of results: the caller leaves the COPY.
            if status == PGRES_COPY_IN || status == PGRES_COPY_OUT || status == PGRES_COPY_BOTH { break }
        }
        return first
    }

    /// Waits until the socket is ready for `events`, or throws once `deadline` has passed with the
    /// socket silent (the connection is then marked hung). A socket that is ready moves the deadline
    /// to a whole ``timeout`` from now: a server still sending is not hung, however late this thread
    /// comes to read it.
    private func waitSocket(events: Int16, until deadline: inout ContinuousClock.Instant?) throws(PostgresError) {
        guard let conn else { throw PostgresError(code: .closed, message: "the connection is closed") }
        let socket = PQsocket(conn)
        guard socket >= 0 else { throw PostgresError(code: .connectionLost, message: errorMessage) }
        var entry = pollfd(fd: socket, events: events, revents: 0)
        while true {
            let left = deadline.map { max(.zero, $0 - ContinuousClock.now) }
            let count = poll(&entry, 1, left.map { Int32(clamping: $0.milliseconds + 1) } ?? -1)
            if count > 0 {
                if let current = deadline, let timeout { deadline = max(current, ContinuousClock.now + timeout) }
                return
            }
            if count < 0, errno != EINTR { throw PostgresError(code: .connectionLost, message: "the connection's socket failed") }
            if let current = deadline, ContinuousClock.now >= current {
                hung = true
                let limit = timeout.map { "\($0.components.seconds) s" } ?? "the time limit"
                throw PostgresError(code: .connectionLost, message: "the server did not answer within \(limit)")
            }
        }
    }

    /// True for `SELECT`, `INSERT`, `UPDATE`, `DELETE`, `WITH` and `VALUES`: the statements whose
    /// plans PostgreSQL caches and re-plans by itself when the tables they read change.
    private static func isDataStatement(_ sql: String) -> Bool {
        var word: [UInt8] = []
        for byte in sql.utf8 {
            if byte == 0x20 || byte == 0x0A || byte == 0x09 || byte == 0x0D {
                if word.isEmpty { continue }
                break
            }
            guard word.count < 6 else { return false }
            word.append(byte | 0x20)
        }
        return Self.dataKeywords.contains(word)
    }

    /// True when a prepared statement failed because its cached plan no longer fits (`0A000`,
    /// "cached plan must not change result type") or the session does not know it (`26000`).
    private static func isStalePreparedStatement(_ result: OpaquePointer) -> Bool {
        guard PQresultStatus(result) == PGRES_FATAL_ERROR, let state = PQresultErrorField(result, crontui_pg_diag_sqlstate()) else {
            return false
        }
        let code = String(cString: state)
        return code == "0A000" || code == "26000"
    }

    private static let dataKeywords: [[UInt8]] = ["select", "insert", "update", "delete", "with", "values"].map { Array($0.utf8) }

    /// The error a failed result carries.
    private func error(from result: OpaquePointer) -> PostgresError {
        func field(_ code: Int32) -> String? {
            PQresultErrorField(result, code).map { String(cString: $0) }
        }
        let alive = conn.map { PQstatus($0) == CONNECTION_OK } ?? false
        let message =
            field(crontui_pg_diag_message_primary())
            ?? PQresultErrorMessage(result).map { String(cString: $0) } ?? errorMessage
        return PostgresError(
            code: alive ? .server : .connectionLost, message: message.isEmpty ? errorMessage : message,
            sqlState: field(crontui_pg_diag_sqlstate()), detail: field(crontui_pg_diag_message_detail()))
    }

    /// Leaves a `COPY` the statement started, so the connection is usable again.
    private func abandonCopy() {
        guard let conn else { return }
        _ = PQputCopyEnd(conn, "COPY is not supported by this client")
        var buffer: UnsafeMutablePointer<CChar>?
        while PQgetCopyData(conn, &buffer, 0) > 0 {
            PQfreemem(buffer)
        }
        while let pending = PQgetResult(conn) { PQclear(pending) }
    }

    /// Copies a result out of libpq's memory.
    private static func read(_ result: OpaquePointer) -> PostgresResult {
        let fieldCount = PQnfields(result)
        let columns = (0..<fieldCount).map { index in
            PostgresColumn(
                name: PQfname(result, index).map { String(cString: $0) } ?? "",
                type: PostgresDataType(oid: PQftype(result, index)))
        }
        let positions = PostgresColumnPositions(columns)
        let rows = (0..<PQntuples(result)).map { row in
            let values = (0..<fieldCount).map { column -> [UInt8]? in
                if PQgetisnull(result, row, column) != 0 { return nil }
                let length = Int(PQgetlength(result, row, column))
                guard let value = PQgetvalue(result, row, column) else { return [] }
                return value.withMemoryRebound(to: UInt8.self, capacity: length) {
                    Array(UnsafeBufferPointer(start: $0, count: length))
                }
            }
            return PostgresRow(columns: columns, values: values, positions: positions)
        }
        let tag = PQcmdStatus(result).map { String(cString: $0) } ?? ""
        let affected = PQcmdTuples(result).map { String(cString: $0) }.flatMap { Int($0) } ?? 0
        return PostgresResult(columns: columns, rows: rows, commandTag: tag, affectedRows: affected)
    }

    /// `name` quoted as an SQL identifier (for `LISTEN`, which takes no parameters).
    func quoteIdentifier(_ name: String) throws(PostgresError) -> String {
        guard let conn else { throw PostgresError(code: .closed, message: "the connection is closed") }
        guard !name.utf8.contains(0) else {
            throw PostgresError(code: .invalidParameter, message: "an identifier contains a NUL byte")
        }
        let length = name.utf8.count
        guard let quoted = PQescapeIdentifier(conn, name, length) else {
            throw PostgresError(code: .invalidParameter, message: errorMessage)
        }
        defer { PQfreemem(quoted) }
        return String(cString: quoted)
    }

    /// The next notification libpq has queued, if any (no I/O).
    func takeNotification() -> PostgresNotification? {
        guard let conn, let notify = PQnotifies(conn) else { return nil }
        defer { PQfreemem(notify) }
        return PostgresNotification(
            channel: String(cString: notify.pointee.relname),
            payload: notify.pointee.extra.map { String(cString: $0) } ?? "",
            backendPID: notify.pointee.be_pid)
    }

    /// Waits up to `milliseconds` for data from the server and reads it (blocking). Throws
    /// ``PostgresError/Code/connectionLost`` if the connection died.
    func awaitInput(milliseconds: Int32) throws(PostgresError) {
        guard let conn else { throw PostgresError(code: .closed, message: "the connection is closed") }
        switch waitReadable(milliseconds: milliseconds) {
        case false?:
            return
        case true?:
            if PQconsumeInput(conn) != 0 { _ = PQisBusy(conn) }
            if PQstatus(conn) != CONNECTION_OK || receivedFatal {
                throw PostgresError(code: .connectionLost, message: errorMessage)
            }
        case nil:
            throw PostgresError(code: .connectionLost, message: "the connection's socket failed")
        }
    }

    /// Polls the socket: true if readable (or closed by the peer), false on timeout, nil on error.
    private func waitReadable(milliseconds: Int32) -> Bool? {
        guard let conn else { return nil }
        let socket = PQsocket(conn)
        guard socket >= 0 else { return nil }
        var entry = pollfd(fd: socket, events: Int16(POLLIN), revents: 0)
        while true {
            let count = poll(&entry, 1, milliseconds)
            if count > 0 { return entry.revents & Int16(POLLNVAL) == 0 ? true : nil }
            if count == 0 { return false }
            if errno != EINTR { return nil }
        }
    }

    /// Calls `body` with a NUL-terminated array of C strings that live for the call.
    private static func withCStrings<R>(
        _ strings: [String], _ body: (UnsafePointer<UnsafePointer<CChar>?>) -> R
    ) -> R {
        let copies = strings.map { strdup($0) } + [nil]
        defer { for copy in copies { free(copy) } }
        return copies.map { $0.map { UnsafePointer($0) } }.withUnsafeBufferPointer {
            body($0.baseAddress!)
        }
    }
}
