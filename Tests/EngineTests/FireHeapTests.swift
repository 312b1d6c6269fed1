import Testing

@testable import Engine

/// The heap of next fires against a sorted reference.
@Suite struct FireHeapTests {
    @Test func popsInDueThenIDOrder() {
        var generator = RandomSource(seed: 7)
        var reference: [FireHeap.Entry] = []
        var heap = FireHeap()
        for i in 0..<2_000 {
            let entry = FireHeap.Entry(due: Int64(generator.next() % 500), scheduleID: Int64(i), version: 0)
            reference.append(entry)
            heap.insert(entry)
            if i % 3 == 0, let first = heap.removeFirst() {
                let expected = reference.min { $0.precedes($1) }!
                #expect(first == expected)
                reference.removeAll { $0 == expected }
            }
        }
        var built = FireHeap(reference)
        reference.sort { $0.precedes($1) }
        var popped: [FireHeap.Entry] = []
        while let entry = heap.removeFirst() { popped.append(entry) }
        #expect(popped == reference)
        popped = []
        while let entry = built.removeFirst() { popped.append(entry) }
        #expect(popped == reference)
    }
}
