import Foundation
import Logging

/// The worker pool's handler for HTTP jobs: decodes the ``HTTPJob``, makes the request with the
/// ``HTTPExecutor``, records the attempt with the ``ExecutionRecorder``, logs it, and reports a
/// failed attempt to the pool as a ``JobFailure`` saying whether to retry and when.
///
/// The request's own timeout (``HTTPJob/Request/timeoutMs``) bounds an attempt and is recorded as a
/// timeout; ``JobOptions/timeout`` must be nil or longer (``Schedule/jobOptions`` adds
/// ``Schedule/poolTimeoutMargin``), since the pool's timeout cancels the handler before it can
/// record what happened. The executor's classification is the only one: it goes into the record,
/// the log line (`error_class`) and the ``JobFailure`` the pool passes on to the queue.
///
/// ```swift
/// let handler = HTTPJobHandler(executor: executor, recorder: recorder, workerID: options.workerID, queueName: queue.name, logger: logger)
/// let pool = WorkerPool(reporting: queue, options: options, logger: logger, handler: handler.attempt)
/// ```
package struct HTTPJobHandler: Sendable {
    /// Makes the requests.
    package let executor: HTTPExecutor
    /// Records the attempts.
    package let recorder: ExecutionRecorder
    /// Recorded as the worker of each attempt.
    package let workerID: String
    private let logger: Logger
    private let clock: any QueueClock
    private let metrics: EngineMetrics
    /// The queue its jobs come from: recorded as the queue of each attempt, and the metrics'
    /// `queue` label.
    package let queueName: String

    /// A handler for the jobs of the queue named `queueName`; `workerID` should be the pool's
    /// ``WorkerPoolOptions/workerID``.
    package init(
        executor: HTTPExecutor, recorder: ExecutionRecorder, workerID: String, queueName: String,
        logger: Logger = Logger(label: "crontui.http"), clock: any QueueClock = SystemQueueClock(), metrics: EngineMetrics = EngineMetrics()
    ) {
        self.queueName = queueName
        self.metrics = metrics
        self.executor = executor
        self.recorder = recorder
        self.workerID = workerID
        self.logger = logger
        self.clock = clock
    }

    /// Runs one attempt of `active`. Returns when it succeeded; throws a ``JobFailure`` when it
    /// did not, or `CancellationError` when the worker stopped mid-attempt (the pool hands the
    /// job back).
    @Sendable package func handle(_ active: ActiveJob) async throws {
        _ = try await attempt(active)
    }

    /// Runs one attempt of `active`, as ``handle(_:)`` does, and returns its HTTP status and
    /// duration, which the pool writes into the attempt's `completed` event (a failure carries them
    /// in ``JobFailure/report``). Pass it to ``WorkerPool/init(reporting:options:logger:handler:)``.
    @Sendable package func attempt(_ active: ActiveJob) async throws -> AttemptReport {
        let job = active.job
        let attempt = max(1, job.attemptsMade)
        var logger = self.logger
        let payload: HTTPJob
        do {
            payload = try HTTPJob.decode(job.payload)
        } catch {
            for (k, v) in JobLogMetadata.of(jobID: job.id, traceID: job.traceID, scheduleID: nil, attempt: attempt) { logger[metadataKey: k] = v }
            var record = ExecutionRecord(
                jobID: job.id, attempt: attempt, maxAttempts: job.options.attempts, trigger: .manual, rerunOf: job.rerunOf,
                enqueuedAt: job.enqueuedAt, startedAt: clock.nowMilliseconds(), method: "", url: "", worker: workerID, queue: queueName,
                traceID: job.traceID)
            record.finishedAt = record.startedAt
            record.durationMs = 0
            record.outcome = .permanent
            record.errorKind = .invalidRequest
            record.error = "the job's payload is not an HTTP job"
            recorder.record(record)
            logger.error("the job's payload is not an HTTP job; it fails for good", metadata: ["event": "job.failed"])
            throw JobFailure("the job's payload is not an HTTP job", retryable: false, kind: .invalidRequest, report: AttemptReport(duration: .zero))
        }
        for (k, v) in JobLogMetadata.of(jobID: job.id, traceID: job.traceID, scheduleID: payload.scheduleID, attempt: attempt) {
            logger[metadataKey: k] = v
        }

        let trigger: HTTPJob.Trigger = attempt > 1 ? .retry : (job.rerunOf != nil ? .rerun : payload.trigger)
        var record = ExecutionRecord(
            jobID: job.id, attempt: attempt, maxAttempts: job.options.attempts, trigger: trigger, scheduleID: payload.scheduleID,
            scheduleName: payload.scheduleName, fireID: payload.fireID, rerunOf: job.rerunOf, scheduledFor: payload.scheduledFor,
            enqueuedAt: job.enqueuedAt, startedAt: clock.nowMilliseconds(), method: payload.request.method.uppercased(),
            url: executor.options.redaction.url(payload.request.url), worker: workerID, queue: queueName, traceID: job.traceID)
        recorder.record(record)
        logger.debug("attempt started", metadata: ["event": "job.started"])

        let result = await executor.perform(payload.request, traceID: job.traceID, expectedStatuses: payload.expectedStatuses, logger: logger)

        metrics.httpResponse(schedule: payload.scheduleName, queue: queueName, status: result.status)
        record.finishedAt = clock.nowMilliseconds()
        record.durationMs = result.duration.milliseconds
        record.httpStatus = result.status
        record.responseHeaders = result.status == nil ? nil : executor.options.redaction.headers(result.headers)
        record.responseBody = result.status == nil ? nil : Data(result.body)
        record.responseSize = result.status == nil ? nil : result.bodySize
        record.outcome = result.outcome
        record.errorKind = result.errorKind
        record.error = result.error
        record.willRetry = result.outcome == .interrupted || (result.outcome == .retryable && attempt < job.options.attempts)
        recorder.record(record)

        let status = record.status
        // Built only when a line is written (swift-log takes metadata as an autoclosure).
        let fields = { () -> Logger.Metadata in
            var fields: Logger.Metadata = [
                "event": .string("job.\(status.rawValue)"), "duration_ms": .stringConvertible(record.durationMs ?? 0),
                "http_status": .string(result.status.map(String.init) ?? "none"),
            ]
            if let error = result.error { fields["error"] = .string(error) }
            if let kind = result.errorKind { fields["error_class"] = .string(kind.rawValue) }
            if let retryAfter = result.retryAfter { fields["retry_after_ms"] = .stringConvertible(retryAfter.milliseconds) }
            return fields
        }
        let report = AttemptReport(httpStatus: result.status, duration: result.duration)
        switch result.outcome {
        case .success:
            logger.info("attempt succeeded", metadata: fields())
            return report
        case .interrupted:
            logger.notice("attempt interrupted; the job goes back to the queue", metadata: fields())
            throw CancellationError()
        case .retryable, .permanent:
            if record.willRetry {
                logger.warning("attempt failed; the job will retry", metadata: fields())
            } else {
                logger.error("attempt failed; the job failed for good", metadata: fields())
            }
            throw JobFailure(
                result.error ?? "failed", retryable: result.outcome == .retryable, retryAfter: result.retryAfter, kind: result.errorKind,
                report: report)
        }
    }
}
