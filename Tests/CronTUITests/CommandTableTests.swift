import Engine
import Foundation
import Testing

@testable import CronTUI

/// The command line's tables line up in a terminal: cells are padded by display columns, so an
/// East Asian wide character counts two and a combining mark none.
@Suite struct CommandTableTests {
    @Test func scheduleTablesPadWideAndCombiningCharactersByTheirColumns() {
        let table = ScheduleOutput.table([
            ["ID", "NAME", "STATE", "CRON"],
            ["1", "日本語レポート", "enabled", "*/5 * * * *"],
            ["22", "cafe\u{301}", "paused", "0 2 * * *"],
            ["333", "sync-users", "enabled", "@hourly"],
        ])
        // NAME is as wide as its widest cell: seven wide characters, fourteen columns.
        #expect(
            table.split(separator: "\n") == [
                "ID   NAME            STATE    CRON",
                "1    日本語レポート  enabled  */5 * * * *",
                "22   cafe\u{301}            paused   0 2 * * *",
                "333  sync-users      enabled  @hourly",
            ])
    }

    @Test func historyLinesKeepTheirColumnsAfterAWideName() {
        func record(_ name: String) -> ExecutionRecord {
            var r = ExecutionRecord(
                jobID: "7:1764424951000", attempt: 1, maxAttempts: 3, trigger: .cron, scheduleID: 7, scheduleName: name,
                startedAt: 1_764_424_951_000, method: "GET", url: "http://127.0.0.1/", traceID: "0af7651916cd43dd8448eb211c80319c")
            r.outcome = .success
            r.httpStatus = 200
            r.durationMs = 12
            return r
        }
        let header = HistoryCommand.header()
        let jobColumn = header.distance(from: header.startIndex, to: header.range(of: "JOB ")!.lowerBound)
        #expect(jobColumn == 74)
        let plain = HistoryCommand.line(record("sync-users"))
        #expect(plain.distance(from: plain.startIndex, to: plain.range(of: "7:1764424951000")!.lowerBound) == jobColumn)
        // Fourteen columns of name, six of padding: the job id starts in the same column.
        #expect(HistoryCommand.line(record("日本語レポート")).contains(" 日本語レポート      7:1764424951000 "))
        // A name wider than its nineteen columns is cut at a whole character, then padded.
        #expect(HistoryCommand.line(record("日本語レポート日本語レポート")).contains(" 日本語レポート日本  7:1764424951000 "))
    }

    @Test func historyShowsAQueueColumnOnlyWhenItsRowsComeFromSeveralQueues() throws {
        func record(_ job: String, _ queue: String?) -> ExecutionRecord {
            ExecutionRecord(
                jobID: job, attempt: 1, maxAttempts: 1, trigger: .manual, startedAt: 1_764_424_951_000, method: "GET", url: "http://127.0.0.1/",
                queue: queue, traceID: "0af7651916cd43dd8448eb211c80319c")
        }
        #expect(HistoryCommand.queueWidth([record("a", "billing"), record("b", "billing")]) == 0)
        #expect(HistoryCommand.queueWidth([record("a", nil), record("b", nil)]) == 0)
        let mixed = [record("a", "billing-eu"), record("b", nil)]
        let width = HistoryCommand.queueWidth(mixed)
        #expect(width == 11)
        let header = HistoryCommand.header(queueWidth: width)
        let queueColumn = header.distance(from: header.startIndex, to: try #require(header.range(of: "QUEUE")).lowerBound)
        let lines = mixed.map { HistoryCommand.line($0, queueWidth: width) }
        #expect(lines[0].distance(from: lines[0].startIndex, to: try #require(lines[0].range(of: "billing-eu ")).lowerBound) == queueColumn)
        #expect(lines[1].contains(" -" + String(repeating: " ", count: width - 1) + "0af7651916cd43dd8448eb211c80319c"))
        // The job id keeps its column.
        #expect(header.distance(from: header.startIndex, to: try #require(header.range(of: "JOB ")).lowerBound) == 74)
    }
}
