@testable import EligoWeb
import Testing

@Suite struct DecisionIDTests {
    @Test func idsAreNeverRepeatedAndAllLookAlike() {
        var seen = Set<String>()
        for _ in 0..<100_000 {
            let id = DecisionID.make()
            #expect(seen.insert(id).inserted)
            #expect(id.count == 28 && id.hasPrefix("dec_"))
            #expect(id.dropFirst(4).allSatisfy { "0123456789abcdef".contains($0) })
        }
        // Consecutive decisions do not give consecutive ids: the number is scrambled.
        let a = DecisionID.make(), b = DecisionID.make()
        #expect(a.prefix(12) != b.prefix(12))
        // The server's salt ends every id alike.
        #expect(a.suffix(8) == b.suffix(8))
    }

    @Test func hexIsZeroPaddedToItsDigits() {
        #expect(DecisionID.hex(0x2a, digits: 8) == "0000002a")
        #expect(DecisionID.hex(0xdead_beef_0000_0001, digits: 16) == "deadbeef00000001")
        #expect(DecisionID.scramble(1) != DecisionID.scramble(2))
    }
}
