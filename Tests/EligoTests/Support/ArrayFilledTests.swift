import Testing
@testable import Eligo

/// `Array.filled` makes small arrays the way literals are; every size must still be a fresh array of the right length.
@Suite("arrays made as literals are") struct ArrayFilledTests {
    @Test func everySizeHasItsCountAndIsItsOwn() {
        for n in 0...40 {
            var a = [Value].filled(n, with: .string("x"))
            let b = [Value].filled(n, with: .string("x"))
            #expect(a.count == n)
            #expect(a.allSatisfy { $0 == .string("x") })
            // A write to one never shows in another made alike (no shared static storage).
            if n > 0 {
                a[n - 1] = .int(n)
                #expect(b[n - 1] == .string("x"))
                #expect(a[n - 1] == .int(n))
            }
        }
        #expect(Value.nulls(3) == [.null, .null, .null])
    }
}
