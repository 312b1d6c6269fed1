import NIOCore

/// Writes JSON straight into a byte array: no intermediate dictionaries, no Foundation encoder.
/// The hot routes (queue stats, history pages) answer through it.
public struct JSONWriter {
    /// The bytes written so far.
    public private(set) var bytes: [UInt8]
    private var needsComma = false
    private var afterKey = false

    /// An empty writer.
    public init(capacity: Int = 256) {
        bytes = []
        bytes.reserveCapacity(capacity)
    }

    /// The bytes written so far, as a buffer for a response body.
    public var buffer: ByteBuffer { ByteBuffer(bytes: bytes) }

    /// Writes `{ ... }` at the top level or as an array element.
    public mutating func object(_ body: (inout JSONWriter) -> Void) {
        container(UInt8(ascii: "{"), UInt8(ascii: "}"), body)
    }

    /// Writes `[ ... ]` at the top level or as an array element.
    public mutating func array(_ body: (inout JSONWriter) -> Void) {
        container(UInt8(ascii: "["), UInt8(ascii: "]"), body)
    }

    /// Writes `open`, what `body` writes (its first value without a comma), and `close`.
    private mutating func container(_ open: UInt8, _ close: UInt8, _ body: (inout JSONWriter) -> Void) {
        separator()
        bytes.append(open)
        needsComma = false
        body(&self)
        bytes.append(close)
        needsComma = true
    }

    /// Writes `"key": { ... }` inside an object.
    public mutating func object(_ key: String, _ body: (inout JSONWriter) -> Void) {
        self.key(key)
        object(body)
    }

    /// Writes `"key": [ ... ]` inside an object.
    public mutating func array(_ key: String, _ body: (inout JSONWriter) -> Void) {
        self.key(key)
        array(body)
    }

    /// `"key": "value"` (null when nil).
    public mutating func string(_ key: String, _ value: String?) {
        self.key(key)
        afterKey = false
        if let value { writeString(value) } else { writeNull() }
    }

    /// `"key": "2026-05-01T12:00:00.250Z"` for epoch milliseconds (null when nil).
    public mutating func timestamp(_ key: String, milliseconds: Int64?) {
        self.key(key)
        afterKey = false
        guard let milliseconds else { return writeNull() }
        bytes.append(UInt8(ascii: "\""))
        ISOTime.write(milliseconds: milliseconds, into: &bytes)
        bytes.append(UInt8(ascii: "\""))
    }

    /// `"key": 42` (null when nil).
    public mutating func int<T: BinaryInteger>(_ key: String, _ value: T?) {
        self.key(key)
        afterKey = false
        if let value { writeInteger(value) } else { writeNull() }
    }

    /// `"key": 1.5` (null when nil or not finite).
    public mutating func double(_ key: String, _ value: Double?) {
        self.key(key)
        afterKey = false
        if let value, value.isFinite { bytes += String(value).utf8 } else { writeNull() }
    }

    /// `"key": true`.
    public mutating func bool(_ key: String, _ value: Bool?) {
        self.key(key)
        afterKey = false
        if let value { bytes += (value ? "true" : "false").utf8 } else { writeNull() }
    }

    /// `"key": null`.
    public mutating func null(_ key: String) {
        self.key(key)
        afterKey = false
        writeNull()
    }

    /// A string as an array element.
    public mutating func element(_ value: String) {
        separator()
        writeString(value)
        needsComma = true
    }

    /// An integer as an array element.
    public mutating func element<T: BinaryInteger>(_ value: T) {
        separator()
        writeInteger(value)
        needsComma = true
    }

    /// Raw JSON text as the value of `key` (it must be valid JSON).
    public mutating func raw(_ key: String, _ json: String) {
        self.key(key)
        afterKey = false
        bytes += json.utf8
    }

    /// Writes `"key":`; the next value written is its value.
    public mutating func key(_ key: String) {
        separator()
        writeString(key)
        bytes.append(UInt8(ascii: ":"))
        needsComma = true
        afterKey = true
    }

    private mutating func separator() {
        if needsComma && !afterKey { bytes.append(UInt8(ascii: ",")) }
        afterKey = false
    }

    private mutating func writeNull() {
        bytes += "null".utf8
    }

    private mutating func writeInteger<T: BinaryInteger>(_ value: T) {
        guard let small = Int64(exactly: value) else {
            bytes += String(value).utf8
            return
        }
        if small < 0 { bytes.append(UInt8(ascii: "-")) }
        ISOTime.appendDigits(of: small.magnitude, width: 1, to: &bytes)
    }

    private mutating func writeString(_ value: String) {
        JSONText.append(value, to: &bytes)
    }
}
