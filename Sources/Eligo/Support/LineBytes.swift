#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// A line of output assembled through a plain pointer, then handed over in one piece.
///
/// Appending to `[UInt8]` costs ~100 instructions per call (uniqueness, capacity, then the
/// copy), and a compact screening line is some thirty pieces; here a piece is one `memcpy`.
/// One per batch worker, reused line after line (so not `Sendable`: one thread owns it).
final class LineBytes {
    private var base: UnsafeMutablePointer<UInt8>
    private var capacity: Int
    private(set) var count = 0

    init(capacity: Int = 1024) {
        self.capacity = max(64, capacity)
        base = .allocate(capacity: self.capacity)
    }

    deinit { base.deallocate() }

    /// The line so far.
    var bytes: UnsafeBufferPointer<UInt8> { UnsafeBufferPointer(start: base, count: count) }

    func reset() { count = 0 }

    @inline(__always)
    private func reserve(_ n: Int) {
        guard count + n > capacity else { return }
        let bigger = max(capacity * 2, count + n)
        let grown = UnsafeMutablePointer<UInt8>.allocate(capacity: bigger)
        grown.update(from: base, count: count)
        base.deallocate()
        base = grown
        capacity = bigger
    }

    @inline(__always)
    func byte(_ b: UInt8) {
        reserve(1)
        base[count] = b
        count += 1
    }

    @inline(__always)
    func bytes(_ b: UnsafeBufferPointer<UInt8>) {
        guard let from = b.baseAddress, !b.isEmpty else { return }
        reserve(b.count)
        memcpy(base + count, from, b.count)
        count += b.count
    }

    @inline(__always)
    func raw(_ s: StaticString) {
        bytes(s.utf8Bytes)
    }

    func bytes(_ b: [UInt8]) { b.withUnsafeBufferPointer { bytes($0) } }

    /// Text as it is, unquoted and unescaped (for words the caller knows need no escaping).
    func text(_ s: String) {
        var s = s
        s.withUTF8 { bytes($0) }
    }

    /// A JSON string, quoted, with quotes, backslashes and control characters escaped (`\n`,
    /// `\u0001`); the rest of the text, non-ASCII included, as it is.
    func jsonString(_ s: String) {
        var text = s
        text.withUTF8 { utf8 in
            byte(34)
            if !ByteScan.needsJSONEscape(utf8) {
                bytes(utf8)
            } else {
                for b in utf8 {
                    switch b {
                    case 34: byte(92); byte(34)
                    case 92: byte(92); byte(92)
                    case 10: byte(92); byte(110)
                    case 13: byte(92); byte(114)
                    case 9: byte(92); byte(116)
                    case 0..<0x20:
                        raw("\\u00")
                        byte(LineBytes.hexDigits[Int(b >> 4)])
                        byte(LineBytes.hexDigits[Int(b & 15)])
                    default: byte(b)
                    }
                }
            }
            byte(34)
        }
    }

    /// `n` bytes that `fill` writes in place (digits worked out by the caller, such as a date's).
    @inline(__always)
    func bytes(count n: Int, _ fill: (UnsafeMutablePointer<UInt8>) -> Void) {
        reserve(n)
        fill(base + count)
        count += n
    }

    private static let hexDigits = Array("0123456789abcdef".utf8)

    /// A whole number's digits, without making a string.
    func decimal(_ n: Int) {
        guard n > 0 else { bytes(Array(String(n).utf8)); return }
        reserve(20)
        var v = n, digits = 0
        while v > 0 { digits += 1; v /= 10 }
        v = n
        for i in stride(from: count + digits - 1, through: count, by: -1) {
            base[i] = UInt8(truncatingIfNeeded: 48 + v % 10)
            v /= 10
        }
        count += digits
    }
}

extension StaticString {
    /// The text's UTF-8, where the compiler put it: for writing fixed punctuation and keys
    /// straight into output bytes.
    var utf8Bytes: UnsafeBufferPointer<UInt8> { UnsafeBufferPointer(start: utf8Start, count: utf8CodeUnitCount) }
}
