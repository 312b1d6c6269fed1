/// The next fire of every schedule, in a binary min-heap: the earliest is read in O(1) and taken
/// or added in O(log n), so a fire costs the same with ten schedules or a hundred thousand.
///
/// Entries are never updated in place: a changed schedule gets a new entry with a new version, and
/// the old one is dropped when it reaches the top (the owner compares versions).
struct FireHeap {
    /// One schedule's next fire.
    struct Entry: Equatable {
        /// Epoch milliseconds.
        var due: Int64
        /// The schedule.
        var scheduleID: Int64
        /// The schedule's version when the entry was made.
        var version: UInt32

        func precedes(_ other: Entry) -> Bool {
            due != other.due ? due < other.due : scheduleID < other.scheduleID
        }
    }

    private(set) var entries: [Entry] = []

    /// An empty heap.
    init() {}

    /// A heap of `entries`, built in O(n).
    init(_ entries: [Entry]) {
        self.entries = entries
        var i = entries.count / 2
        while i > 0 {
            i -= 1
            siftDown(i)
        }
    }

    /// The number of entries, stale ones included.
    var count: Int { entries.count }

    /// The earliest entry.
    var first: Entry? { entries.first }

    /// Adds an entry.
    mutating func insert(_ entry: Entry) {
        entries.append(entry)
        siftUp(entries.count - 1)
    }

    /// Removes and returns the earliest entry.
    mutating func removeFirst() -> Entry? {
        guard !entries.isEmpty else { return nil }
        entries.swapAt(0, entries.count - 1)
        let first = entries.removeLast()
        if !entries.isEmpty { siftDown(0) }
        return first
    }

    /// Removes every entry.
    mutating func removeAll() {
        entries.removeAll()
    }

    private mutating func siftUp(_ index: Int) {
        var child = index
        let entry = entries[child]
        while child > 0 {
            let parent = (child - 1) / 2
            guard entry.precedes(entries[parent]) else { break }
            entries[child] = entries[parent]
            child = parent
        }
        entries[child] = entry
    }

    private mutating func siftDown(_ index: Int) {
        var parent = index
        let entry = entries[parent]
        let count = entries.count
        while true {
            var child = 2 * parent + 1
            if child >= count { break }
            if child + 1 < count && entries[child + 1].precedes(entries[child]) { child += 1 }
            guard entries[child].precedes(entry) else { break }
            entries[parent] = entries[child]
            parent = child
        }
        entries[parent] = entry
    }
}
