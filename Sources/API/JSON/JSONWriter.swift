import NIOCore

/// Writes JSON straight into a `ByteBuffer`: no intermediate dictionaries, no Foundation encoder.
/// The hot routes (queue stats, history pages) answer through it.
public struct JSONWriter {
    /// The bytes written so far.
    public private(set) var buffer: ByteBuffer
    private var needsComma = false
    private var afterKey = false

    /// An empty writer.
    public init(capacity: Int = 256) {
        buffer = ByteBufferAllocator().buffer(capacity: capacity)
    }

    /// Writes `{ ... }` at the top level or as an array element.
    public mutating func object(_ body: (inout JSONWriter) -> Void) {
        separator()
        buffer.writeInteger(UInt8(ascii: "{"))
        needsComma = false
        body(&self)
        buffer.writeInteger(UInt8(ascii: "}"))
        needsComma = true
    }

    /// Writes `[ ... ]` at the top level or as an array element.
    public mutating func array(_ body: (inout JSONWriter) -> Void) {
        separator()
        buffer.writeInteger(UInt8(ascii: "["))
        needsComma = false
        body(&self)
        buffer.writeInteger(UInt8(ascii: "]"))
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
        if let value { writeString(value) } else { buffer.writeStaticString("null") }
    }

    /// `"key": 42` (null when nil).
    public mutating func int<T: BinaryInteger>(_ key: String, _ value: T?) {
        self.key(key)
        afterKey = false
        if let value { buffer.writeString(String(value)) } else { buffer.writeStaticString("null") }
    }

    /// `"key": 1.5` (null when nil or not finite).
    public mutating func double(_ key: String, _ value: Double?) {
        self.key(key)
        afterKey = false
        if let value, value.isFinite { buffer.writeString(String(value)) } else { buffer.writeStaticString("null") }
    }

    /// `"key": true`.
    public mutating func bool(_ key: String, _ value: Bool?) {
        self.key(key)
        afterKey = false
        if let value { buffer.writeStaticString(value ? "true" : "false") } else { buffer.writeStaticString("null") }
    }

    /// `"key": null`.
    public mutating func null(_ key: String) {
        self.key(key)
        afterKey = false
        buffer.writeStaticString("null")
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
        buffer.writeString(String(value))
        needsComma = true
    }

    /// Raw JSON text as the value of `key` (it must be valid JSON).
    public mutating func raw(_ key: String, _ json: String) {
        self.key(key)
        afterKey = false
        buffer.writeString(json)
    }

    /// Writes `"key":`; the next value written is its value.
    public mutating func key(_ key: String) {
        separator()
        writeString(key)
        buffer.writeInteger(UInt8(ascii: ":"))
        needsComma = true
        afterKey = true
    }

    private mutating func separator() {
        if needsComma && !afterKey { buffer.writeInteger(UInt8(ascii: ",")) }
        afterKey = false
    }

    private static let hex: [UInt8] = Array("0123456789abcdef".utf8)

    private mutating func writeString(_ value: String) {
        buffer.writeInteger(UInt8(ascii: "\""))
        var plainStart = value.utf8.startIndex
        let utf8 = value.utf8
        var index = utf8.startIndex
        while index != utf8.endIndex {
            let byte = utf8[index]
            if byte < 0x20 || byte == UInt8(ascii: "\"") || byte == UInt8(ascii: "\\") {
                buffer.writeBytes(utf8[plainStart..<index])
                switch byte {
                case UInt8(ascii: "\""): buffer.writeStaticString("\\\"")
                case UInt8(ascii: "\\"): buffer.writeStaticString("\\\\")
                case 0x0A: buffer.writeStaticString("\\n")
                case 0x0D: buffer.writeStaticString("\\r")
                case 0x09: buffer.writeStaticString("\\t")
                default:
                    buffer.writeStaticString("\\u00")
                    buffer.writeInteger(Self.hex[Int(byte >> 4)])
                    buffer.writeInteger(Self.hex[Int(byte & 0xF)])
                }
                plainStart = utf8.index(after: index)
            }
            index = utf8.index(after: index)
        }
        buffer.writeBytes(utf8[plainStart..<utf8.endIndex])
        buffer.writeInteger(UInt8(ascii: "\""))
    }
}
