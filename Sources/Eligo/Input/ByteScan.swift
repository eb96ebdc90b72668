#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Scans over a block of input that look at many bytes per step: batch screening's
/// record boundaries are found by the main thread alone, so they must be cheap.
enum ByteScan {
    /// The index of the next line feed at or after `start`, or the end (memchr scans many bytes at a time).
    static func lineEnd(_ bytes: UnsafeBufferPointer<UInt8>, from start: Int) -> Int {
        guard let base = bytes.baseAddress, start < bytes.count,
              let hit = memchr(base + start, 10, bytes.count - start) else { return bytes.count }
        return base.distance(to: hit.assumingMemoryBound(to: UInt8.self))
    }

    /// Whether the bytes in `r` hold an odd number of `"`: 16 bytes compared per step, their
    /// matches added up lane by lane (a sum's lowest bit is its parity), with no branch per byte.
    @inline(__always)
    static func oddQuotes(_ bytes: UnsafeBufferPointer<UInt8>, _ r: Range<Int>) -> Bool {
        guard let base = bytes.baseAddress else { return false }
        let p = UnsafeRawPointer(base + r.lowerBound)
        let quote = SIMD16<UInt8>(repeating: 34), one = SIMD16<UInt8>(repeating: 1), zero = SIMD16<UInt8>()
        var lanes = SIMD16<UInt8>()
        var k = 0
        while k + 16 <= r.count {
            let chunk = p.loadUnaligned(fromByteOffset: k, as: SIMD16<UInt8>.self)
            lanes &+= zero.replacing(with: one, where: chunk .== quote)
            k += 16
        }
        var parity = lanes.wrappedSum()
        while k < r.count {
            parity &+= p.load(fromByteOffset: k, as: UInt8.self) == 34 ? 1 : 0
            k += 1
        }
        return parity & 1 == 1
    }
}
