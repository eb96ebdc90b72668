extension Array {
    /// `count` copies of `value`, allocated the way array literals are.
    ///
    /// Swift's general array allocation (`Array(repeating:count:)`, `reserveCapacity`,
    /// `init(unsafeUninitializedCapacity:)`) looks up the element type's generic metadata on
    /// every call: measured here at ~800 instructions per array made and freed, against ~110
    /// for a literal. Readers make several small arrays per record, so the common sizes go
    /// through literals; larger ones take the general path. Never inlined: inlined with a
    /// constant `x`, a literal becomes a read-only static array that the first write copies.
    @inline(never)
    static func filled(_ count: Int, with x: Element) -> [Element] {
        switch count {
        case ...0: return []
        case 1: return [x]
        case 2: return [x, x]
        case 3: return [x, x, x]
        case 4: return [x, x, x, x]
        case 5: return [x, x, x, x, x]
        case 6: return [x, x, x, x, x, x]
        case 7: return [x, x, x, x, x, x, x]
        case 8: return [x, x, x, x, x, x, x, x]
        case 9: return [x, x, x, x, x, x, x, x, x]
        case 10: return [x, x, x, x, x, x, x, x, x, x]
        case 11: return [x, x, x, x, x, x, x, x, x, x, x]
        case 12: return [x, x, x, x, x, x, x, x, x, x, x, x]
        case 13: return [x, x, x, x, x, x, x, x, x, x, x, x, x]
        case 14: return [x, x, x, x, x, x, x, x, x, x, x, x, x, x]
        case 15: return [x, x, x, x, x, x, x, x, x, x, x, x, x, x, x]
        case 16: return [x, x, x, x, x, x, x, x, x, x, x, x, x, x, x, x]
        default: return Array(repeating: x, count: count)
        }
    }
}
