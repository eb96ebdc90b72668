/// A small streaming JSON writer: keys come out in the order written, so the
/// report's JSON is byte-for-byte deterministic, and it is faster than
/// `JSONEncoder` for the batch path.
public struct JSONWriter {
    public private(set) var output = ""
    private var needsComma: [Bool] = [false]

    public init() {}

    private mutating func separate() {
        if needsComma[needsComma.count - 1] { output += "," }
        needsComma[needsComma.count - 1] = true
    }

    public mutating func beginObject() { separate(); output += "{"; needsComma.append(false) }
    public mutating func endObject() { output += "}"; needsComma.removeLast() }
    public mutating func beginArray() { separate(); output += "["; needsComma.append(false) }
    public mutating func endArray() { output += "]"; needsComma.removeLast() }

    /// Writes `"key":`; the next value written belongs to it.
    public mutating func key(_ k: String) {
        separate()
        JSONWriter.appendString(k, to: &output)
        output += ":"
        needsComma[needsComma.count - 1] = false
    }

    public mutating func string(_ s: String?) {
        separate()
        if let s { JSONWriter.appendString(s, to: &output) } else { output += "null" }
    }
    public mutating func int(_ i: Int) { separate(); output += String(i) }
    public mutating func bool(_ b: Bool) { separate(); output += b ? "true" : "false" }
    public mutating func null() { separate(); output += "null" }
    public mutating func number(_ d: Double) {
        separate()
        output += d.isFinite ? ValueFormatter.number(d) : "null"
    }

    public mutating func field(_ k: String, _ s: String?) { key(k); string(s) }

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
            for (k, item) in m.sorted(by: { $0.key.description < $1.key.description }) { key(k.description); value(item) }
            endObject()
        }
    }

    static func appendString(_ s: String, to out: inout String) {
        out += "\""
        // Most text needs no escaping: append it whole (much faster than scalar by scalar).
        let needsEscape: (UInt8) -> Bool = { $0 < 0x20 || $0 == 0x22 || $0 == 0x5C }
        if !(s.utf8.withContiguousStorageIfAvailable { $0.contains(where: needsEscape) } ?? s.utf8.contains(where: needsEscape)) {
            out += s
            out += "\""
            return
        }
        for scalar in s.unicodeScalars {
            switch scalar {
            case "\"": out += "\\\""
            case "\\": out += "\\\\"
            case "\n": out += "\\n"
            case "\r": out += "\\r"
            case "\t": out += "\\t"
            default:
                if scalar.value < 0x20 {
                    let hex = String(scalar.value, radix: 16)
                    out += "\\u" + String(repeating: "0", count: 4 - hex.count) + hex
                } else {
                    out.unicodeScalars.append(scalar)
                }
            }
        }
        out += "\""
    }
}
