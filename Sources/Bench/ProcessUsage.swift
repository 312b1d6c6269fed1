import Foundation

#if canImport(Glibc)
    import Glibc
#endif

/// What this process has used so far, as the benchmarks report it: memory from
/// `/proc/self/status`, CPU time from `getrusage`.
enum ProcessUsage {
    /// A line of `/proc/self/status` (`VmRSS`, `VmHWM`), in MB; 0 where it cannot be read.
    static func megabytes(_ field: String) -> Double {
        guard let status = try? String(contentsOfFile: "/proc/self/status", encoding: .utf8) else { return 0 }
        for line in status.split(separator: "\n") where line.hasPrefix(field + ":") {
            return (line.split(separator: " ").compactMap { Double($0) }.first ?? 0) / 1024
        }
        return 0
    }

    /// The peak resident set size (VmHWM), in MB.
    static var peakRSSMegabytes: Double { megabytes("VmHWM") }

    /// CPU time used so far (user + system), in seconds.
    static func cpuSeconds() -> Double {
        var usage = rusage()
        getrusage(__rusage_who_t(RUSAGE_SELF.rawValue), &usage)
        let user = Double(usage.ru_utime.tv_sec) + Double(usage.ru_utime.tv_usec) / 1e6
        let system = Double(usage.ru_stime.tv_sec) + Double(usage.ru_stime.tv_usec) / 1e6
        return user + system
    }
}
