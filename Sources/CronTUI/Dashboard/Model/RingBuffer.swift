/// A bounded first-in first-out buffer: appending past capacity drops the oldest element.
struct RingBuffer<Element: Sendable>: Sendable {
    /// The most elements kept.
    let capacity: Int
    private var storage: [Element] = []
    private var head = 0
    /// Elements ever appended, including dropped ones: the sequence number of the next element.
    private(set) var appendedCount = 0

    init(capacity: Int) {
        precondition(capacity > 0)
        self.capacity = capacity
        storage.reserveCapacity(capacity)
    }

    /// Elements currently held.
    var count: Int { storage.count }

    /// The sequence number of the oldest element held.
    var firstSequence: Int { appendedCount - storage.count }

    mutating func append(_ element: Element) {
        if storage.count < capacity {
            storage.append(element)
        } else {
            storage[head] = element
            head = (head + 1) % capacity
        }
        appendedCount += 1
    }

    /// The element at `index` counted from the oldest held (0) to the newest (`count - 1`).
    subscript(index: Int) -> Element {
        storage[(head + index) % storage.count]
    }

    /// Changes the element at `index` (counted as in the subscript) in place.
    mutating func modify(_ index: Int, _ change: (inout Element) -> Void) {
        change(&storage[(head + index) % storage.count])
    }

    /// The held elements, oldest first, with their sequence numbers.
    func enumeratedBySequence() -> [(sequence: Int, element: Element)] {
        let first = firstSequence
        return (0..<storage.count).map { (first + $0, self[$0]) }
    }
}
