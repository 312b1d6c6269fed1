import Engine
import Foundation
import Testing

@testable import CronTUI

/// The queue of an execution on the dashboard: a QUEUE column in History when the rows in sight
/// come from more than one queue, and a Queue line in the detail.
@Suite struct DashboardQueueColumnTests {
    static func lines(_ state: DashboardState) -> [Substring] {
        DashboardRenderer.render(state, size: state.size).text.split(separator: "\n", omittingEmptySubsequences: false)
    }

    /// The History view at 200 columns, its rows' queues set by `queue(index)`.
    static func history(queue: (Int) -> String?) -> DashboardState {
        var state = DashboardFixture.state(size: TerminalSize(columns: 200, rows: 50))
        _ = DashboardFixture.answer(DashboardFixture.press([.char("3")], on: &state), on: &state)
        for i in state.history.rows.indices { state.history.rows[i].queue = queue(i) }
        return state
    }

    @Test func historyShowsTheQueueOnlyWhenItsRowsComeFromSeveral() throws {
        let mixed = Self.history { $0 % 2 == 0 ? "alpha" : "beta" }
        let first = try #require(mixed.history.rows.first)
        let lines = Self.lines(mixed)
        let header = try #require(lines.first { $0.contains("STARTED (UTC)") })
        #expect(header.contains(" QUEUE "))
        let row = try #require(lines.first { $0.contains("#\(first.id ?? 0)") })
        #expect(row.contains(" alpha "))
        // Before the execution number, after the name.
        #expect(header.range(of: "QUEUE")!.lowerBound < header.range(of: "EXEC#")!.lowerBound)

        for queue in ["alpha", nil] {
            let one = Self.history { _ in queue }
            #expect(!Self.lines(one).contains { $0.contains("QUEUE") }, "one queue in sight: \(queue ?? "none")")
        }
        // An attempt recorded before queues were shows none among others that name one.
        let some = Self.history { $0 == 0 ? nil : "alpha" }
        #expect(try #require(Self.lines(some).first { $0.contains("#\(first.id ?? 0)") }).contains(" - "))
    }

    @Test func theDetailNamesTheQueueThatRanTheAttempt() throws {
        let record = try #require(DashboardFixture.data.executions.first)
        let id = try #require(record.id)
        var detail = try #require(DashboardFixture.data.detail(id: id))
        func text(_ detail: ExecutionDetail) -> [String] {
            DetailDocument.lines(for: DetailState(id: record.id ?? 0, detail: detail), width: 120, ascii: false, now: DashboardFixture.now)
                .map { $0.map(\.text).joined() }
        }
        #expect(!text(detail).contains { $0.hasPrefix("  Queue") }, "no line for an attempt that names no queue")
        detail.record.queue = "billing-eu"
        let queueLine = try #require(text(detail).first { $0.hasPrefix("  Queue") })
        #expect(queueLine.hasSuffix("billing-eu"))
    }
}
