import Foundation
import Testing

@testable import Engine

/// The text forms result cells are read from, parsed straight from their bytes.
struct PostgresTextDecodingTests {
    @Test func uuidsParseInEitherCaseAndAgreeWithFoundation() {
        for _ in 0..<200 {
            let uuid = UUID()
            #expect(UUID(hexText: Array(uuid.uuidString.lowercased().utf8)) == uuid)
            #expect(UUID(hexText: Array(uuid.uuidString.utf8)) == uuid)
        }
    }

    @Test(arguments: [
        "", "a0eebc99-9c0b-4ef8-bb6d-6bb9bd380a1", "a0eebc99-9c0b-4ef8-bb6d-6bb9bd380a111",
        "a0eebc999c0b-4ef8-bb6d-6bb9bd380a11-", "a0eebc99-9c0b-4ef8-bb6d_6bb9bd380a11", "g0eebc99-9c0b-4ef8-bb6d-6bb9bd380a11",
        "a0eebc99-9c0b-4ef8-bb6d-6bb9bd380a1 ", "{a0eebc99-9c0b-4ef8-bb6d-6bb9bd380a}",
    ])
    func malformedUUIDsAreRefused(text: String) {
        #expect(UUID(hexText: Array(text.utf8)) == nil)
        #expect(UUID(uuidString: text) == nil)
    }

    @Test func timestampsParseFromBytesAsFromText() {
        for text in ["2024-01-02 03:04:05.123456+00", "1999-12-31 23:59:59+05:30", "0044-03-15 12:00:00+00 BC", "infinity", "-infinity"] {
            let fromBytes = PostgresTimestamp(postgresText: Array(text.utf8)[...])
            #expect(fromBytes != nil)
            #expect(fromBytes == PostgresTimestamp(postgresText: text))
        }
        #expect(PostgresTimestamp(postgresText: Array("2024-01-02 03:04:05 XY".utf8)[...]) == nil)
        #expect(PostgresTimestamp(postgresText: Array("infinityx".utf8)[...]) == nil)
    }
}
