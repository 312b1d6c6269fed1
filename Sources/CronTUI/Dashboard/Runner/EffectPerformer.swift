import Foundation

/// Carries out one ``Effect`` against the source and reports the answer as a ``DashboardInput``.
struct EffectPerformer: Sendable {
    let source: any DashboardSource
    let clock: any DashboardClock

    /// The answer to a fetch or command; nil for effects that are not one request.
    func answer(_ effect: Effect) async -> DashboardInput? {
        switch effect {
        case .fetchSnapshot(let queue):
            do {
                return .snapshotLoaded(try await source.snapshot(queue: queue), at: clock.now())
            } catch {
                return .snapshotFailed(Self.describe(error), at: clock.now())
            }
        case .fetchHistory(let query):
            do {
                return .historyLoaded(try await source.history(query), for: query)
            } catch {
                return .historyFailed(Self.describe(error), for: query)
            }
        case .fetchDetail(let id):
            do {
                return .detailLoaded(try await source.execution(id: id), id: id)
            } catch {
                return .detailFailed(Self.describe(error), id: id)
            }
        case .findExecution(let eventID, let jobID, let attempt):
            do {
                return .executionFound(try await source.executionID(jobID: jobID, attempt: attempt), eventID: eventID)
            } catch {
                return .executionLookupFailed(Self.describe(error), eventID: eventID)
            }
        case .perform(let command):
            do {
                return .commandSucceeded(command, message: try await source.perform(command))
            } catch {
                return .commandFailed(command, message: Self.describe(error))
            }
        case .subscribeEvents, .setRefreshInterval, .repaint, .quit:
            return nil
        }
    }

    /// One line for an error from the source.
    static func describe(_ error: any Error) -> String {
        String(describing: error).split(whereSeparator: \.isNewline).first.map(String.init) ?? "error"
    }
}
