extension DashboardState {
    /// `r`, `p`, `P`: opens the `[y/N]` question for the selected thing, or says why not.
    mutating func askToConfirm(_ action: KeyAction) {
        guard !options.readonly else {
            showFlash("Read-only: changes are disabled (started with --readonly)", .failure)
            return
        }
        guard let (question, command) = confirmation(for: action) else {
            showFlash("Nothing selected", .info)
            return
        }
        prompt = .confirm(question: question, command: command)
    }

    private func confirmation(for action: KeyAction) -> (String, OperatorCommand)? {
        switch action {
        case .rerun:
            return rerunConfirmation()
        case .pauseSchedule:
            guard let schedule = selectedSchedule else { return nil }
            let verb = schedule.paused ? "Resume" : "Pause"
            return (
                "\(verb) schedule \"\(schedule.name)\"? [y/N]",
                .setSchedulePaused(scheduleID: String(schedule.id), paused: !schedule.paused)
            )
        case .pauseQueue:
            // Not before the followed queue's own figures are in: the question must be about it.
            guard let snapshot = followedSnapshot else { return nil }
            if snapshot.queuePaused {
                return ("Resume queue \"\(snapshot.queueName)\"? [y/N]", .setQueuePaused(false, queue: queue))
            }
            return ("Pause queue \"\(snapshot.queueName)\"? Workers stop taking jobs. [y/N]", .setQueuePaused(true, queue: queue))
        default:
            return nil
        }
    }

    private func rerunConfirmation() -> (String, OperatorCommand)? {
        if let detail {
            let job = detail.detail?.record.name ?? "execution"
            return ("Rerun \"\(job)\" (from exec #\(detail.id)) now? [y/N]", .rerun(executionID: detail.id))
        }
        switch view {
        case .overview, .schedules:
            guard let schedule = selectedSchedule else { return nil }
            return ("Run \"\(schedule.name)\" now? [y/N]", .runNow(scheduleID: String(schedule.id)))
        case .history:
            guard let execution = selectedExecution, let id = execution.id else { return nil }
            return ("Rerun \"\(execution.name)\" (from exec #\(id)) now? [y/N]", .rerun(executionID: id))
        case .events:
            // The feed's jobs are those of the queue followed.
            guard let event = selectedEvent else { return nil }
            if let id = event.executionID {
                return ("Rerun \"\(event.job ?? "execution")\" (from exec #\(id)) now? [y/N]", .rerun(executionID: id, queue: queue))
            }
            guard let jobID = event.jobID else { return nil }
            return ("Rerun \"\(event.job ?? jobID)\" (job \(jobID)) now? [y/N]", .rerunJob(jobID: jobID, queue: queue))
        }
    }
}
