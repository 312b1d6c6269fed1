import CommandSupport
import Engine
import Synchronization

#if canImport(Glibc)
    import Glibc
#endif

/// Who runs this process, as the audit log of the command line and the dashboard names them: `USER`
/// when it is set, else the account of the effective user id. Never `unknown`: a process without
/// an account entry is `uid <n>`.
enum OperatorIdentity {
    private static let resolved = Mutex<String?>(nil)

    /// Looks the name up once. `main` calls this before anything else runs, because the account
    /// lookup reads the system's account database (a blocking call that must not run on Swift's
    /// cooperative pool).
    static func resolve() {
        _ = name
    }

    /// The operator's name (resolved on first use when ``resolve()`` was not called).
    static var name: String {
        if let name = resolved.withLock({ $0 }) { return name }
        let name = account(environment: ProcessEnvironment.current)
        resolved.withLock { $0 = name }
        return name
    }

    /// The caller of a command-line action.
    static var cliCaller: ScheduleService.Caller { ScheduleService.Caller(actor: name, interface: .cli) }

    /// The caller of a dashboard action.
    static var dashboardCaller: ScheduleService.Caller { ScheduleService.Caller(actor: name, interface: .dashboard) }

    /// `USER` from `environment` when not empty; else the name of the effective user id in the
    /// account database (`getpwuid_r`); else `uid <n>`.
    static func account(environment: [String: String]) -> String {
        if let user = environment["USER"]?.trimmingBlanksAndControls(), !user.isEmpty { return user }
        let uid = geteuid()
        var entry = passwd()
        var found: UnsafeMutablePointer<passwd>?
        var buffer = [CChar](repeating: 0, count: 4_096)
        let status = getpwuid_r(uid, &entry, &buffer, buffer.count, &found)
        if status == 0, found != nil, let pointer = entry.pw_name {
            let name = String(cString: pointer)
            if !name.isEmpty { return name }
        }
        return "uid \(uid)"
    }
}

extension String {
    /// The string without leading and trailing spaces, tabs and control characters.
    fileprivate func trimmingBlanksAndControls() -> String {
        let scalars = unicodeScalars
        guard let first = scalars.firstIndex(where: { $0.value > 0x20 && $0.value != 0x7F }),
            let last = scalars.lastIndex(where: { $0.value > 0x20 && $0.value != 0x7F })
        else { return "" }
        return String(scalars[first...last])
    }
}
