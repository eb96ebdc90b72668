/// A small streaming JSON writer: keys come out in the order written, so the
/// report's JSON is byte-for-byte deterministic, and it is faster than
/// `JSONEncoder` for the batch path.
public struct JSONWriter: ~Copyable {
    /// Where the UTF-8 goes: bytes through a plain pointer rather than a String or an array,
    /// since appending piece by piece was most of the batch path's cost (an array append
    /// checks uniqueness and capacity for each of a full report's ~400 pieces). Noncopyable,
    /// so two writers never share it.
    private let out: LineBytes
    /// Whether the next member of the innermost open object or array follows another (so a
    /// comma goes first). The outer levels' flags are bits of `outerNeedsComma` (the innermost
    /// at bit 0), pushed by `begin…` and popped by `end…`, with levels past 64 in `deeper`:
    /// every member asks, and a stored flag is cheaper than the top of an array.
    private var needsComma = false
    private var outerNeedsComma: UInt64 = 0
    private var depth = 0
    private var deeper: [Bool] = []

    public init(reservingCapacity n: Int = 512) { out = LineBytes(capacity: n) }

    /// A writer that appends to `line` (one a batch worker reuses from report to report).
    init(appendingTo line: LineBytes) { out = line }

    /// The UTF-8 written so far.
    public var bytes: [UInt8] { Array(out.bytes) }

    public var output: String { String(decoding: out.bytes, as: UTF8.self) }

    @inline(__always)
    private func raw(_ s: StaticString) { out.raw(s) }

    @inline(__always)
    private mutating func separate() {
        if needsComma { out.byte(44) }
        needsComma = true
    }

    /// Opens a level: the outer one's flag is kept until `close` (always true: it just wrote a member).
    @inline(__always)
    private mutating func push() {
        if depth >= 64 { deeper.append(outerNeedsComma >> 63 != 0) }
        outerNeedsComma = outerNeedsComma << 1 | 1
        depth += 1
        needsComma = false
    }

    @inline(__always)
    private mutating func pop() {
        needsComma = outerNeedsComma & 1 != 0
        outerNeedsComma >>= 1
        depth -= 1
        if depth >= 64, let top = deeper.popLast(), top { outerNeedsComma |= 1 << 63 }
    }

    @inline(__always)
    private mutating func open(_ bracket: UInt8) {
        separate()
        out.byte(bracket)
        push()
    }

    @inline(__always)
    private mutating func close(_ bracket: UInt8) {
        out.byte(bracket)
        pop()
    }

    public mutating func beginObject() { open(123) }
    public mutating func endObject() { close(125) }
    public mutating func beginArray() { open(91) }

    /// Begins an object whose first fields were encoded once beforehand (`{"id":"AS-1",…`);
    /// `endingInKey`: the lead ends with a key (`…,"subject":`), whose value is written next.
    mutating func beginObject(encodedLead lead: [UInt8], endingInKey: Bool = false) {
        separate()
        out.bytes(lead)
        push()
        needsComma = !endingInKey
    }

    /// `{"path":"…","value":…}`, a report's deciding value, as one member of the open array:
    /// one call, not six (a full report writes one for nearly every rule).
    mutating func pathAndValue(_ path: String, _ v: Value) {
        separate()
        raw("{\"path\":")
        out.jsonString(path)
        raw(",\"value\":")
        // The value follows its key (no comma); afterwards this level goes on as it was, past a member.
        needsComma = false
        value(v)
        out.byte(125)
        needsComma = true
    }
    public mutating func endArray() { close(93) }

    /// An empty array as the value of `key` (`"needs":[]`), in one step.
    mutating func emptyArray(_ k: StaticString) {
        key(k)
        emptyArray()
    }

    /// An empty array, in one step.
    mutating func emptyArray() {
        separate()
        raw("[]")
    }

    /// Writes `"key":`; the next value written belongs to it. Keys are fixed names written
    /// in the source (a full report has some 200 of them), so they are copied without escaping.
    public mutating func key(_ k: StaticString) {
        separate()
        out.byte(34)
        raw(k)
        raw("\":")
        needsComma = false
    }

    /// A key made at run time (a parameter table's), escaped as any string is.
    public mutating func key(text k: String) {
        separate()
        out.jsonString(k)
        out.byte(58)
        needsComma = false
    }

    public mutating func string(_ s: String?) {
        separate()
        if let s { out.jsonString(s) } else { raw("null") }
    }
    public mutating func int(_ i: Int) { separate(); out.decimal(i) }
    public mutating func bool(_ b: Bool) { separate(); if b { raw("true") } else { raw("false") } }
    public mutating func null() { separate(); raw("null") }
    public mutating func number(_ d: Double) {
        separate()
        if d.isFinite { out.text(ValueFormatter.number(d)) } else { raw("null") }
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
        case .date(let d): date(d)
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

    /// A date as a JSON string, `"2014-10-23"`, its digits written in place (a full report
    /// writes a date for most rules; making each a `String` first cost a tenth of writing them).
    mutating func date(_ day: Day) {
        separate()
        let (y, m, d) = day.components
        guard (0...9999).contains(y) else { return out.jsonString(day.description) }
        out.bytes(count: 12) { p in
            p[0] = 34
            _ = Day.writeISO(y, m, d, into: p + 1)
            p[11] = 34
        }
    }

    /// `s` as a JSON string (see `LineBytes.jsonString`), appended to `out`.
    static func appendString(_ s: String, to out: inout [UInt8]) {
        let line = LineBytes(capacity: s.utf8.count + 8)
        line.jsonString(s)
        out.append(contentsOf: line.bytes)
    }
}
