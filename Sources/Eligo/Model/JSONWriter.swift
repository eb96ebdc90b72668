/// A small streaming JSON writer: keys come out in the order written, so the
/// report's JSON is byte-for-byte deterministic, and it is faster than
/// `JSONEncoder` for the batch path.
public struct JSONWriter {
    /// The UTF-8 written so far; bytes rather than a String because appending
    /// to a String piece by piece was most of the batch path's cost.
    public private(set) var bytes: [UInt8] = []
    /// Whether the next member of the innermost open object or array follows another (so a
    /// comma goes first), kept apart from the outer levels' (`outerNeedsComma`, a stack pushed
    /// by `begin…` and popped by `end…`): every member asks, and one stored flag is cheaper to
    /// read and set than the top of an array.
    private var needsComma = false
    private var outerNeedsComma: [Bool] = []

    public init(reservingCapacity n: Int = 512) { bytes.reserveCapacity(n) }

    /// A writer that goes on from the end of `buffer`, taking its storage (no copy);
    /// `handOver(to:)` gives it back with what was written.
    init(continuing buffer: inout [UInt8]) { swap(&bytes, &buffer) }

    mutating func handOver(to buffer: inout [UInt8]) { swap(&bytes, &buffer) }

    public var output: String { String(decoding: bytes, as: UTF8.self) }

    private mutating func raw(_ s: StaticString) {
        bytes.append(contentsOf: UnsafeBufferPointer(start: s.utf8Start, count: s.utf8CodeUnitCount))
    }

    @inline(__always)
    private mutating func separate() {
        if needsComma { bytes.append(44) }
        needsComma = true
    }

    /// Opens a level: the outer one's flag is kept until `close`.
    @inline(__always)
    private mutating func open(_ bracket: UInt8) {
        separate()
        bytes.append(bracket)
        outerNeedsComma.append(true)
        needsComma = false
    }

    @inline(__always)
    private mutating func close(_ bracket: UInt8) {
        bytes.append(bracket)
        needsComma = outerNeedsComma.removeLast()
    }

    public mutating func beginObject() { open(123) }
    public mutating func endObject() { close(125) }
    public mutating func beginArray() { open(91) }

    /// Begins an object whose first fields were encoded once beforehand (`{"id":"AS-1",…`);
    /// `endingInKey`: the lead ends with a key (`…,"subject":`), whose value is written next.
    mutating func beginObject(encodedLead lead: [UInt8], endingInKey: Bool = false) {
        separate()
        bytes.append(contentsOf: lead)
        outerNeedsComma.append(true)
        needsComma = !endingInKey
    }

    /// `{"path":"…","value":…}`, a report's deciding value, as one member of the open array:
    /// one call, not six (a full report writes one for nearly every rule).
    mutating func pathAndValue(_ path: String, _ v: Value) {
        separate()
        raw("{\"path\":")
        JSONWriter.appendString(path, to: &bytes)
        raw(",\"value\":")
        // The value follows its key (no comma); afterwards this level goes on as it was, past a member.
        needsComma = false
        value(v)
        bytes.append(125)
        needsComma = true
    }
    public mutating func endArray() { close(93) }

    /// An empty array as the value of `key` (`"needs":[]`), in one step.
    mutating func emptyArray(_ k: StaticString) {
        key(k)
        separate()
        bytes.append(91)
        bytes.append(93)
    }

    /// Writes `"key":`; the next value written belongs to it. Keys are fixed names written
    /// in the source (a full report has some 200 of them), so they are copied without escaping.
    public mutating func key(_ k: StaticString) {
        separate()
        bytes.append(34)
        raw(k)
        bytes.append(34)
        bytes.append(58)
        needsComma = false
    }

    /// A key made at run time (a parameter table's), escaped as any string is.
    public mutating func key(text k: String) {
        separate()
        JSONWriter.appendString(k, to: &bytes)
        bytes.append(58)
        needsComma = false
    }

    public mutating func string(_ s: String?) {
        separate()
        if let s { JSONWriter.appendString(s, to: &bytes) } else { raw("null") }
    }
    public mutating func int(_ i: Int) { separate(); bytes.append(contentsOf: String(i).utf8) }
    public mutating func bool(_ b: Bool) { separate(); if b { raw("true") } else { raw("false") } }
    public mutating func null() { separate(); raw("null") }
    public mutating func number(_ d: Double) {
        separate()
        if d.isFinite { bytes.append(contentsOf: ValueFormatter.number(d).utf8) } else { raw("null") }
    }

    public mutating func field(_ k: StaticString, _ s: String?) { key(k); string(s) }

    /// A record value as JSON: dates as ISO strings, tables as objects.
    public mutating func value(_ v: Value) {
        switch v {
        case .null: null()
        case .bool(let b): bool(b)
        case .int(let i): int(i)
        case .decimal(let d): number(d)
        case .string(let s): string(s)
        case .date(let d): string(d.description)
        case .duration, .interval: string(ValueFormatter.text(v))
        case .list(let items):
            beginArray()
            for item in items { value(item) }
            endArray()
        case .object(let o):
            beginArray()
            for s in o.slots { value(s) }
            endArray()
        case .map(let m):
            beginObject()
            for (k, item) in m.sorted(by: { $0.key.description < $1.key.description }) { key(text: k.description); value(item) }
            endObject()
        }
    }

    static func appendString(_ s: String, to out: inout [UInt8]) {
        out.append(34)
        var s = s
        s.withUTF8 { utf8 in
            // Most text needs no escaping: copy it in one go.
            if !utf8.contains(where: { $0 < 0x20 || $0 == 34 || $0 == 92 }) {
                out.append(contentsOf: utf8)
                return
            }
            for b in utf8 {
                switch b {
                case 34: out.append(92); out.append(34)
                case 92: out.append(92); out.append(92)
                case 10: out.append(92); out.append(110)
                case 13: out.append(92); out.append(114)
                case 9: out.append(92); out.append(116)
                case 0..<0x20:
                    let hex = Array("0123456789abcdef".utf8)
                    out.append(contentsOf: [92, 117, 48, 48, hex[Int(b >> 4)], hex[Int(b & 15)]])
                default: out.append(b)
                }
            }
        }
        out.append(34)
    }
}
