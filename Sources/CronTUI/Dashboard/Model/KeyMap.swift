/// The one key table: key handling and the help overlay and footer are all read from it, so they
/// cannot drift apart.
enum KeyMap {
    static let bindings: [KeyBinding] = [
        KeyBinding(keys: [.char("q")], contexts: KeyContext.anywhere, action: .back, help: "back; quit at the top", hint: "quit"),
        KeyBinding(keys: [.ctrl("c")], contexts: KeyContext.anywhere, action: .quit, help: "quit now"),
        KeyBinding(keys: [.escape], contexts: KeyContext.anywhere, action: .cancel, help: "cancel, clear the filter, go back (never quits)"),
        KeyBinding(keys: [.char("?"), .function(1)], contexts: KeyContext.anywhere, action: .help, help: "this help", hint: "help"),
        KeyBinding(keys: [.tab], contexts: KeyContext.anywhere, action: .nextView, help: "next view", hint: "view"),
        KeyBinding(keys: [.backTab], contexts: KeyContext.anywhere, action: .previousView, help: "previous view"),
        KeyBinding(keys: [.char("1")], contexts: KeyContext.anywhere, action: .show(.overview), help: "Overview"),
        KeyBinding(keys: [.char("2")], contexts: KeyContext.anywhere, action: .show(.schedules), help: "Schedules"),
        KeyBinding(keys: [.char("3")], contexts: KeyContext.anywhere, action: .show(.history), help: "History"),
        KeyBinding(keys: [.char("4")], contexts: KeyContext.anywhere, action: .show(.events), help: "Events"),
        KeyBinding(keys: [.char("k"), .up], contexts: KeyContext.anywhere, action: .up, help: "move up"),
        KeyBinding(keys: [.char("j"), .down], contexts: KeyContext.anywhere, action: .down, help: "move down"),
        KeyBinding(keys: [.pageUp], contexts: KeyContext.anywhere, action: .pageUp, help: "page up"),
        KeyBinding(keys: [.pageDown], contexts: KeyContext.anywhere, action: .pageDown, help: "page down"),
        KeyBinding(keys: [.ctrl("u")], contexts: KeyContext.anywhere, action: .halfPageUp, help: "half a page up"),
        KeyBinding(keys: [.ctrl("d")], contexts: KeyContext.anywhere, action: .halfPageDown, help: "half a page down"),
        KeyBinding(keys: [.char("g"), .home], contexts: KeyContext.anywhere, action: .top, help: "top"),
        KeyBinding(keys: [.char("G"), .end], contexts: KeyContext.anywhere, action: .bottom, help: "bottom (Events: follow again)"),
        KeyBinding(
            keys: [.enter], contexts: KeyContext.lists, action: .open, help: "open: a schedule's runs, an execution's detail", hint: "details"),
        KeyBinding(keys: [.char("/")], contexts: KeyContext.lists, action: .filter, help: "filter by name (a|b: either, !x: not)", hint: "filter"),
        KeyBinding(keys: [.char("["), .left], contexts: KeyContext.lists, action: .previousStatus, help: "previous status filter"),
        KeyBinding(keys: [.char("]"), .right], contexts: KeyContext.lists, action: .nextStatus, help: "next status filter", hint: "status"),
        KeyBinding(
            keys: [.char("f")], contexts: KeyContext.lists, action: .failuresOnly, help: "problems only (failed, timed out) on/off", hint: "problems"),
        KeyBinding(
            keys: [.char("s")], contexts: [.overview, .schedules], action: .sort, help: "sort schedules: health, name, next fire", hint: "sort"),
        KeyBinding(
            keys: [.char("r")], contexts: [.overview, .schedules, .history, .events, .detail], action: .rerun,
            help: "rerun the execution / run the schedule now", hint: "rerun"),
        KeyBinding(
            keys: [.char("p")], contexts: [.overview, .schedules], action: .pauseSchedule, help: "pause or resume the schedule", hint: "pause"),
        KeyBinding(keys: [.char("P")], contexts: KeyContext.anywhere, action: .pauseQueue, help: "pause or resume the queue"),
        KeyBinding(
            keys: [.char("Q")], contexts: KeyContext.lists, action: .nextQueue, help: "follow the next queue: its stats and events", hint: "queue"),
        KeyBinding(keys: [.char("F")], contexts: [.events], action: .follow, help: "follow new events on/off", hint: "follow"),
        KeyBinding(keys: [.char("w")], contexts: [.detail], action: .wrap, help: "wrap long lines on/off", hint: "wrap"),
        KeyBinding(keys: [.char("Z")], contexts: KeyContext.anywhere, action: .freeze, help: "freeze or resume live updates", hint: "freeze"),
        KeyBinding(keys: [.char("R")], contexts: KeyContext.anywhere, action: .refresh, help: "refresh now"),
        KeyBinding(keys: [.char("+")], contexts: KeyContext.anywhere, action: .slower, help: "refresh less often"),
        KeyBinding(keys: [.char("-")], contexts: KeyContext.anywhere, action: .faster, help: "refresh more often"),
        KeyBinding(keys: [.ctrl("l")], contexts: KeyContext.anywhere, action: .repaint, help: "repaint the screen"),
    ]

    /// The actions that change something: refused under `--readonly`, so the footer does not offer
    /// them there.
    static let mutations: Set<KeyAction> = [.rerun, .pauseSchedule, .pauseQueue]

    /// The action `key` has in `context`, if any.
    static func action(for key: Key, in context: KeyContext) -> KeyAction? {
        bindings.first { $0.contexts.contains(context) && $0.keys.contains(key) }?.action
    }

    /// The bindings that apply in `context`, in table order.
    static func bindings(in context: KeyContext) -> [KeyBinding] {
        bindings.filter { $0.contexts.contains(context) }
    }
}
