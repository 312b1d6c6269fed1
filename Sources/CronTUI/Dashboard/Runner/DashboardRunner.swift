import Foundation

/// Wires a source, the state, the renderer and a terminal: inputs from keys, timers and the source go
/// through ``DashboardState/update(_:)`` one at a time; effects run as tasks that answer with more
/// inputs; a frame is drawn only when something changed, at most every `frameInterval`.
struct DashboardRunner: Sendable {
    let source: any DashboardSource
    let terminal: any DashboardTerminal
    let clock: any DashboardClock
    let options: DashboardOptions
    /// At most ten frames a second: bursts of events cost one frame per interval.
    var frameInterval: Duration = .milliseconds(100)
    /// Told what each frame cost (rendering it and handing it to the terminal), when set: for
    /// `crontui bench dashboard`.
    var frameCost: (@Sendable (FrameCost) -> Void)?

    private enum Input: Sendable {
        case dashboard(DashboardInput)
        case terminal(TerminalEvent)
        case frameDue
    }

    /// Runs until the operator quits or the terminal closes; the terminal is restored on return.
    func run() async -> TerminalExit {
        let (inputs, feed) = AsyncStream<Input>.makeStream()
        let interval = LockedValue(options.refreshInterval)
        let performer = EffectPerformer(source: source, clock: clock)
        return await withTaskGroup(of: Void.self) { group in
            group.addTask {
                for await event in terminal.events { feed.yield(.terminal(event)) }
            }
            group.addTask { await tick(feed) }
            group.addTask {
                while true {
                    do { try await clock.sleep(for: interval.get()) } catch { return }
                    feed.yield(.dashboard(.refreshDue))
                }
            }
            var state = DashboardState(options: options, size: terminal.initialSize, now: clock.now())
            var lastFrame: Date?
            var lastScreen: Screen?
            var frameScheduled = false
            var repaint = false
            var exit = TerminalExit.requested
            // The event follower of the current subscription: a new one replaces it.
            var follower: Task<Void, Never>?
            feed.yield(.dashboard(.start))
            loop: for await input in inputs {
                var effects: [Effect] = []
                switch input {
                case .dashboard(let dashboardInput):
                    effects = state.update(dashboardInput)
                case .terminal(.key(let key)):
                    effects = state.update(.key(key))
                case .terminal(.resize(let size)):
                    effects = state.update(.resize(size))
                    lastScreen = nil
                case .terminal(.closed(let reason)):
                    exit = reason
                    break loop
                case .frameDue:
                    frameScheduled = false
                }
                for effect in effects {
                    switch effect {
                    case .quit:
                        await terminal.close()
                    case .repaint:
                        repaint = true
                    case .setRefreshInterval(let duration):
                        interval.set(duration)
                    case .subscribeEvents(let queue, let subscription):
                        let next = EventFollower(
                            source: source, clock: clock, capacity: options.eventCapacity, retryDelay: { interval.get() }, queue: queue,
                            subscription: subscription)
                        follower?.cancel()
                        follower = Task { await next.run { feed.yield(.dashboard($0)) } }
                    default:
                        // Not a child task: quitting must not wait for a request stuck on the network.
                        Task {
                            if let answer = await performer.answer(effect) { feed.yield(.dashboard(answer)) }
                        }
                    }
                }
                if state.quitting { continue }
                let now = clock.now()
                if let lastFrame, now.timeIntervalSince(lastFrame) < seconds(frameInterval) {
                    if !frameScheduled {
                        frameScheduled = true
                        let wait = seconds(frameInterval) - now.timeIntervalSince(lastFrame)
                        group.addTask {
                            try? await clock.sleep(for: .milliseconds(Int64(wait * 1000) + 1))
                            feed.yield(.frameDue)
                        }
                    }
                    continue
                }
                let started = frameCost == nil ? nil : FrameCost.Start()
                let screen = DashboardRenderer.render(state, size: state.size)
                if screen != lastScreen || repaint {
                    terminal.show(screen, repaint: repaint)
                    lastScreen = screen
                    lastFrame = now
                    repaint = false
                }
                if let started, let frameCost { frameCost(started.cost()) }
            }
            follower?.cancel()
            feed.finish()
            group.cancelAll()
            return exit
        }
    }

    /// A tick at each whole second, so the clock on screen turns over on time.
    private func tick(_ feed: AsyncStream<Input>.Continuation) async {
        while true {
            let now = clock.now().timeIntervalSince1970
            let wait = 1 - (now - now.rounded(.down))
            do { try await clock.sleep(for: .milliseconds(Int64(wait * 1000) + 1)) } catch { return }
            feed.yield(.dashboard(.tick(clock.now())))
        }
    }

    private func seconds(_ duration: Duration) -> Double {
        Double(DurationText.milliseconds(duration)) / 1000
    }
}
