import Testing
@testable import Eligo

@Suite("SHA-256")
struct SHA256Tests {
    struct Vector: Sendable, CustomTestStringConvertible {
        var name: String
        var message: [UInt8]
        var digest: String
        var testDescription: String { name }
    }

    /// FIPS 180-4 / NIST CAVP example vectors.
    static let vectors: [Vector] = [
        Vector(
            name: "empty", message: [],
            digest: "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855"),
        Vector(
            name: "abc", message: Array("abc".utf8),
            digest: "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad"),
        Vector(
            name: "448-bit", message: Array("abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq".utf8),
            digest: "248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1"),
        Vector(
            name: "896-bit",
            message: Array(
                ("abcdefghbcdefghicdefghijdefghijkefghijklfghijklmghijklmnhijklmno"
                    + "ijklmnopjklmnopqklmnopqrlmnopqrsmnopqrstnopqrstu").utf8),
            digest: "cf5b16a778af8380036ce59e7b0492370b249b11e8f07a51afac45037afee9d1")
    ]

    @Test(arguments: vectors)
    func nistVector(_ vector: Vector) {
        #expect(SHA256.hexDigest(of: vector.message) == vector.digest)
    }

    @Test func oneMillionA() {
        var hasher = SHA256()
        let chunk = [UInt8](repeating: UInt8(ascii: "a"), count: 1000)
        for _ in 0..<1000 { hasher.update(chunk) }
        #expect(
            SHA256.hex(hasher.finalize())
                == "cdc76e5c9914fb9281a1c7e284d73e67f1809a48a497200e046d39ccc7112cd0")
    }

    /// Lengths around the 55/56/64-byte padding boundaries, checked against values
    /// from `sha256sum`.
    @Test(arguments: [
        (55, "9f4390f8d30c2dd92ec9f095b65e2b9ae9b0a925a5258e241c9f1e910f734318"),
        (56, "b35439a4ac6f0948b6d6f9e3c6af0f5f590ce20f1bde7090ef7970686ec6738a"),
        (63, "7d3e74a05d7db15bce4ad9ec0658ea98e3f06eeecf16b4c6fff2da457ddc2f34"),
        (64, "ffe054fe7ae0cb6dc65c3af9b61d5209f439851db43d0ba5997337df154668eb"),
        (65, "635361c48bb9eab14198e76ea8ab7f1a41685d6ad62aa9146d301d4f17eb0ae0")
    ])
    func paddingBoundaries(length: Int, digest: String) {
        #expect(SHA256.hexDigest(of: [UInt8](repeating: UInt8(ascii: "a"), count: length)) == digest)
    }

    @Test func randomChunkSizesGiveTheSameDigest() {
        var rng = SplitMix64(seed: 0x5EED)
        let message = (0..<5000).map { _ in UInt8.random(in: 0...255, using: &rng) }
        let expected = SHA256.hexDigest(of: message)
        for _ in 0..<50 {
            var hasher = SHA256()
            var index = 0
            while index < message.count {
                let size = Int.random(in: 0...150, using: &rng)
                let end = min(index + size, message.count)
                hasher.update(message[index..<end])
                index = end
            }
            #expect(SHA256.hex(hasher.finalize()) == expected)
        }
    }

    @Test func finalizeDoesNotConsumeTheHasher() {
        var hasher = SHA256()
        hasher.update(Array("ab".utf8))
        let early = hasher.finalize()
        #expect(hasher.finalize() == early)
        hasher.update(Array("c".utf8))
        #expect(
            SHA256.hex(hasher.finalize())
                == "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad")
        #expect(SHA256.hex(early) == SHA256.hexDigest(of: Array("ab".utf8)))
        #expect(early.count == 32)
    }

    @Test func hexIsLowercaseAndPadded() {
        #expect(SHA256.hex([0x00, 0x0f, 0xab, 0xff]) == "000fabff")
    }
}
