import Dispatch

#if canImport(Glibc)
    import Glibc
#endif

/// Turns SIGTERM and SIGINT into a call of `handler` (once per signal delivery) instead of the
/// default of dying on the spot, so the engine can drain.
final class SignalTrap {
    private let sources: [any DispatchSourceSignal]

    /// Traps `signals` until ``cancel()``.
    init(_ signals: [Int32] = [SIGTERM, SIGINT], handler: @escaping @Sendable (Int32) -> Void) {
        sources = signals.map { number in
            signal(number, SIG_IGN)
            let source = DispatchSource.makeSignalSource(signal: number, queue: .global())
            source.setEventHandler { handler(number) }
            source.resume()
            return source
        }
    }

    /// Stops trapping.
    func cancel() {
        for source in sources { source.cancel() }
    }
}
