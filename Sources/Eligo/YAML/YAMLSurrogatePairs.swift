/// JSON spells a character beyond U+FFFF as two escapes, a UTF-16 surrogate pair
/// (`"\ud83d\ude00"` for 😀); YAML's double-quoted escapes do not allow surrogates, and
/// libyaml refuses them. So that `check` (through libyaml) accepts the same JSON records as
/// `screen`'s JSON reader, a document libyaml refused for a surrogate escape is read again
/// with each pair written as the one escape YAML has for it (`\U0001F600`).
///
/// Only documents libyaml refused for such an escape are rewritten (they are written with
/// JSON's escapes), and only escapes a backslash has not itself escaped. A half of a pair
/// on its own is still refused (`halfPairMessage`), by both readers alike.
enum YAMLSurrogatePairs {
    /// The bytes with every pair rewritten, and the rewritten character index after each
    /// rewrite (each makes the text 2 characters, and 2 bytes, shorter); nil without pairs.
    static func rewrite(_ body: ArraySlice<UInt8>) -> (bytes: [UInt8], shifts: [Int])? {
        var out: [UInt8] = []
        var shifts: [Int] = []
        var characters = 0
        var i = body.startIndex
        var copied = body.startIndex
        var backslashes = 0
        while i < body.endIndex {
            let c = body[i]
            if c == 92 {
                backslashes += 1
                if backslashes % 2 == 1, let high = hex4(body, i + 2), body[i + 1] == 117, (0xD800..<0xDC00).contains(high),
                    i + 12 <= body.endIndex, body[i + 6] == 92, body[i + 7] == 117,
                    let low = hex4(body, i + 8), (0xDC00..<0xE000).contains(low)
                {
                    if out.isEmpty { out.reserveCapacity(body.count) }
                    out += body[copied..<i]
                    let code = 0x10000 + ((high - 0xD800) << 10) + (low - 0xDC00)
                    let hex = String(code, radix: 16, uppercase: true)
                    out += Array(("\\U" + String(repeating: "0", count: 8 - hex.count) + hex).utf8)
                    characters += 10
                    shifts.append(characters)
                    i += 12
                    copied = i
                    backslashes = 0
                    continue
                }
            } else {
                backslashes = 0
            }
            if c & 0xC0 != 0x80 { characters += 1 }
            i += 1
        }
        guard !shifts.isEmpty else { return nil }
        out += body[copied...]
        return (out, shifts)
    }

    /// The message for a `\u` escape that is half of a surrogate pair without its other half:
    /// the same from libyaml's reader and from the JSON Lines reader.
    static func halfPairMessage(_ escape: String) -> String {
        "'\(escape)' is half of a UTF-16 surrogate pair and the other half does not follow it, so it is not a character"
    }

    /// Four hex digits at index `i` of the slice (ByteScan.hex4 reads them).
    private static func hex4(_ body: ArraySlice<UInt8>, _ i: Int) -> Int? {
        guard i >= body.startIndex else { return nil }
        return body.withUnsafeBufferPointer { ByteScan.hex4($0, at: i - body.startIndex) }
    }
}
