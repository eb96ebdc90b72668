#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import CByteScan

/// Scans over a block of input that look at many bytes per step: batch screening's
/// record boundaries are found by the main thread alone, so they must be cheap.
enum ByteScan {
    /// The high bit of each byte of the word that may be zero: the lowest flagged byte always is
    /// (the usual bit trick; bytes above a real zero may be flagged too).
    @inline(__always)
    static func zeroBytes(_ w: UInt64) -> UInt64 { (w &- 0x0101_0101_0101_0101) & ~w & 0x8080_8080_8080_8080 }

    /// Whether any byte of `utf8` must be escaped in a JSON string (a control byte, a quote or a backslash),
    /// sixteen bytes at a time: every string of a report is asked, and few need it.
    @inline(__always)
    static func needsJSONEscape(_ utf8: UnsafeBufferPointer<UInt8>) -> Bool {
        guard let base = utf8.baseAddress else { return false }
        return eligo_json_needs_escape(base, utf8.count) != 0
    }

    /// The Unicode scalars in well-formed UTF-8: the bytes that do not continue a sequence.
    static func scalarCount(_ utf8: UnsafeBufferPointer<UInt8>) -> Int {
        var n = 0
        for b in utf8 where b & 0xC0 != 0x80 { n += 1 }
        return n
    }

    /// Whether `utf8` makes a CSV cell need quotes (a comma, a quote or a line break), sixteen
    /// bytes at a time: every cell of a reviewer's row is asked, and few need them.
    @inline(__always)
    static func needsCSVQuotes(_ utf8: UnsafeBufferPointer<UInt8>) -> Bool {
        guard let base = utf8.baseAddress else { return false }
        return eligo_csv_needs_quotes(base, utf8.count) != 0
    }

    /// The index of the next line feed at or after `start`, or the end (memchr scans many bytes at a time).
    static func lineEnd(_ bytes: UnsafeBufferPointer<UInt8>, from start: Int) -> Int {
        guard let base = bytes.baseAddress, start < bytes.count,
            let hit = memchr(base + start, 10, bytes.count - start)
        else { return bytes.count }
        return base.distance(to: hit.assumingMemoryBound(to: UInt8.self))
    }

    /// The index of the first `byte` in `r`, if any (memchr).
    static func first(_ byte: UInt8, in bytes: UnsafeBufferPointer<UInt8>, _ r: Range<Int>) -> Int? {
        guard let base = bytes.baseAddress, !r.isEmpty,
            let hit = memchr(base + r.lowerBound, Int32(byte), r.count)
        else { return nil }
        return base.distance(to: hit.assumingMemoryBound(to: UInt8.self))
    }

    /// The value of the four hex digits at `i` (a `\u` escape's), or nil if there are not four:
    /// shared by the JSON Lines reader and the YAML path's surrogate-pair check.
    static func hex4(_ bytes: UnsafeBufferPointer<UInt8>, at i: Int) -> Int? {
        guard i >= 0, i + 4 <= bytes.count else { return nil }
        var v = 0
        for k in i..<(i + 4) {
            let c = bytes[k]
            switch c {
            case 48...57: v = v * 16 + Int(c - 48)
            case 65...70: v = v * 16 + Int(c - 55)
            case 97...102: v = v * 16 + Int(c - 87)
            default: return nil
            }
        }
        return v
    }

    /// Where the first byte is that is not part of well-formed UTF-8 (Unicode Table 3-7: no
    /// overlongs, no surrogates, nothing above U+10FFFF), or nil when all of it is. Runs of ASCII,
    /// nearly every record, are passed 32 bytes at a time: screening checks every record's
    /// bytes with it, so that a file saved as Latin-1 is refused rather than read with its
    /// accented letters turned to U+FFFD (the YAML loader refuses it with the same test).
    static func firstInvalidUTF8(_ bytes: UnsafeBufferPointer<UInt8>) -> Int? {
        guard let base = bytes.baseAddress else { return nil }
        let count = bytes.count
        var i = 0
        let raw = UnsafeRawPointer(base)
        let high: UInt64 = 0x8080_8080_8080_8080
        while true {
            // Thirty-two bytes a step while they are all ASCII (one test of four words), then eight.
            while i + 32 <= count {
                let w =
                    raw.loadUnaligned(fromByteOffset: i, as: UInt64.self) | raw.loadUnaligned(fromByteOffset: i + 8, as: UInt64.self)
                    | raw.loadUnaligned(fromByteOffset: i + 16, as: UInt64.self) | raw.loadUnaligned(fromByteOffset: i + 24, as: UInt64.self)
                if w & high != 0 { break }
                i += 32
            }
            while i + 8 <= count && raw.loadUnaligned(fromByteOffset: i, as: UInt64.self) & high == 0 { i += 8 }
            while i < count && base[i] < 0x80 { i += 1 }
            guard i < count else { return nil }
            let length = wellFormedSequenceLength(bytes, at: i)
            if length == 0 { return i }
            i += length
        }
    }

    /// Length of the well-formed multi-byte UTF-8 sequence at `i`, or 0 if ill-formed.
    static func wellFormedSequenceLength(_ buffer: UnsafeBufferPointer<UInt8>, at i: Int) -> Int {
        let lead = buffer[i]
        let length: Int
        var secondRange: ClosedRange<UInt8> = 0x80...0xBF
        switch lead {
        case 0xC2...0xDF: length = 2
        case 0xE0: length = 3; secondRange = 0xA0...0xBF
        case 0xE1...0xEC, 0xEE...0xEF: length = 3
        case 0xED: length = 3; secondRange = 0x80...0x9F
        case 0xF0: length = 4; secondRange = 0x90...0xBF
        case 0xF1...0xF3: length = 4
        case 0xF4: length = 4; secondRange = 0x80...0x8F
        default: return 0
        }
        guard i + length <= buffer.count, secondRange.contains(buffer[i + 1]) else { return 0 }
        for k in 2..<length where buffer[i + k] & 0xC0 != 0x80 { return 0 }
        return length
    }

    /// What is wrong at the first ill-formed byte, `lead`: "byte 0xE9, which cannot start a
    /// character" or "an incomplete or malformed sequence starting with byte 0xE2".
    static func invalidUTF8Description(lead: UInt8) -> String {
        let digits = Array("0123456789ABCDEF")
        let hex = "0x" + String(digits[Int(lead >> 4)]) + String(digits[Int(lead & 0x0F)])
        return (0xC2...0xF4).contains(lead)
            ? "an incomplete or malformed sequence starting with byte \(hex)"
            : "byte \(hex), which cannot start a character"
    }

    /// How many line breaks `bytes[range]` holds.
    static func lineBreaks(_ bytes: UnsafeBufferPointer<UInt8>, in range: Range<Int>) -> Int {
        let part = UnsafeBufferPointer(rebasing: bytes[range])
        var n = 0, at = lineEnd(part, from: 0)
        while at < part.count { n += 1; at = lineEnd(part, from: at + 1) }
        return n
    }

    /// Just past the last line break at or after `start`, or `start` when there is none: where
    /// the complete lines of a block end. (A plain pointer loop: the generic `lastIndex(of:)`
    /// took minutes over a 64 MiB line in a debug build.)
    static func afterLastLineBreak(_ bytes: UnsafeBufferPointer<UInt8>, from start: Int) -> Int {
        guard let base = bytes.baseAddress, start < bytes.count else { return start }
        var i = bytes.count
        while i > start {
            if base[i - 1] == 10 { return i }
            i -= 1
        }
        return start
    }

    /// Whether the bytes in `r` hold an odd number of `"`: where the quotes of 16 bytes are, as
    /// bits (the same `pmovmskb` as `UnquotedCommas`), their count's parity added up, with no
    /// branch per byte.
    @inline(__always)
    static func oddQuotes(_ bytes: UnsafeBufferPointer<UInt8>, _ r: Range<Int>) -> Bool {
        guard let base = bytes.baseAddress else { return false }
        let p = base + r.lowerBound
        var parity = 0
        var k = 0
        while k + 16 <= r.count {
            parity ^= eligo_quotes16(p + k).nonzeroBitCount
            k += 16
        }
        while k < r.count {
            if p[k] == 34 { parity ^= 1 }
            k += 1
        }
        return parity & 1 == 1
    }

    /// The indexes of the commas outside quotes, in order: the cell breaks of a CSV row. Sixteen
    /// bytes at a time: where the quotes and commas are, as bits (one SSE2 `pmovmskb` each, from
    /// the CByteScan target); which bytes are inside quotes, as
    /// the running parity of the quote bits (`""` toggles twice, changing nothing); then only the
    /// commas are visited, however many quotes a cell of JSON text holds.
    struct UnquotedCommas: IteratorProtocol {
        private let base: UnsafePointer<UInt8>?
        private let count: Int
        private var next16 = 0
        private var chunkStart = 0
        /// The commas of the current chunk not yet returned, as bits.
        private var pending: UInt16 = 0
        private var quoted = false

        init(_ bytes: UnsafeBufferPointer<UInt8>) {
            base = bytes.baseAddress
            count = bytes.count
        }

        @inline(__always)
        mutating func next() -> Int? {
            guard let base else { return nil }
            while true {
                if pending != 0 {
                    let i = chunkStart + pending.trailingZeroBitCount
                    pending &= pending &- 1
                    return i
                }
                guard next16 + 16 <= count else { break }
                let marks = eligo_quotes_and_commas16(base + next16)
                var parity = UInt16(truncatingIfNeeded: marks)
                parity ^= parity << 1
                parity ^= parity << 2
                parity ^= parity << 4
                parity ^= parity << 8
                if quoted { parity = ~parity }
                pending = UInt16(truncatingIfNeeded: marks >> 16) & ~parity
                quoted = parity & 0x8000 != 0
                chunkStart = next16
                next16 += 16
            }
            // The last few bytes, one at a time.
            while next16 < count {
                let c = base[next16]
                next16 += 1
                if c == 34 { quoted.toggle() } else if c == 44 && !quoted { return next16 - 1 }
            }
            return nil
        }
    }
}
