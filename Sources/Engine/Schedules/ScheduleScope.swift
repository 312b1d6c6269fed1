/// The schedules one scheduler fires: those naming its queue, and, on the default queue's
/// scheduler, those naming none.
package struct ScheduleScope: Sendable, Equatable {
    /// The queue the scheduler fires into.
    package var queue: String
    /// Whether schedules that name no queue are fired here (this is the default queue).
    package var includesDefault: Bool

    /// Whether `schedule` is fired by this scope's scheduler.
    package func contains(_ schedule: Schedule) -> Bool {
        schedule.definition.queue.map { $0 == queue } ?? includesDefault
    }
}
