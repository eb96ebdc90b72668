/// Splits expression text into tokens, keeping each token's character offsets.
struct Lexer {
    enum Kind: Equatable {
        case identifier(String)
        case int(Int)
        case decimal(Double)
        case string(String)
        case date(Day)
        case symbol(String)
        case end
    }

    struct Token {
        var kind: Kind
        var start: Int
        var end: Int
    }

    struct Failure: Error {
        var message: String
        var start: Int
        var end: Int
    }

    static let pairs: [String] = ["->", "??", "==", "!=", "<=", ">="]
    static let singles: [String] = ["(", ")", "[", "]", ",", ".", ":", "+", "-", "*", "/", "=", "<", ">", "{", "}"]

    /// The operator or punctuation starting at `i`, longest first. Compared as ASCII bytes: each
    /// Character made into a String and hashed would cost more than all the rest of lexing.
    private static func symbol(_ text: [Character], at i: Int) -> String? {
        guard let first = ascii(text[i]) else { return nil }
        if i + 1 < text.count, let second = ascii(text[i + 1]),
            let pair = pairs.first(where: { $0.utf8.first == first && $0.utf8.last == second })
        {
            return pair
        }
        return singles.first { $0.utf8.first == first }
    }

    /// A Character's byte when it is one ASCII byte ("\r\n", whose `asciiValue` is 10, is two).
    @inline(__always) private static func ascii(_ c: Character) -> UInt8? {
        c.utf8.count == 1 ? c.utf8.first : nil
    }

    /// `text[range]` as a String: byte by byte when every character is one ASCII byte (nearly
    /// every identifier and number), which is several times cheaper than joining Characters.
    private static func string(_ text: [Character], _ range: Range<Int>) -> String {
        var plain = true
        let made = String(unsafeUninitializedCapacity: range.count) { out in
            for (n, k) in range.enumerated() {
                guard let b = ascii(text[k]) else {
                    plain = false
                    return 0
                }
                out[n] = b
            }
            return range.count
        }
        return plain ? made : String(text[range])
    }

    static func tokens(_ text: [Character]) throws(Failure) -> [Token] {
        var out: [Token] = []
        var i = 0
        // ASCII first: Character's Unicode properties are slow to look up, and rules are mostly ASCII.
        func isDigit(_ c: Character) -> Bool { c.asciiValue.map { $0 >= 48 && $0 <= 57 } ?? false }
        func isLetter(_ c: Character) -> Bool { c.isLetterQuick }
        func isSpace(_ c: Character) -> Bool { c.isWhitespaceQuick }
        while i < text.count {
            let c = text[i]
            if isSpace(c) { i += 1; continue }
            let start = i
            if isLetter(c) || c == "_" {
                while i < text.count, isLetter(text[i]) || isDigit(text[i]) || text[i] == "_" || (text[i].asciiValue == nil && text[i].isNumber) {
                    i += 1
                }
                out.append(Token(kind: .identifier(string(text, start..<i)), start: start, end: i))
            } else if isDigit(c) {
                // A date literal: exactly DDDD-DD-DD with no spaces.
                if i + 10 <= text.count, text[i + 4] == "-", text[i + 7] == "-",
                    (0..<10).allSatisfy({ $0 == 4 || $0 == 7 || isDigit(text[i + $0]) }),
                    !(i + 10 < text.count && (isDigit(text[i + 10]) || isLetter(text[i + 10])))
                {
                    let s = string(text, i..<(i + 10))
                    guard let day = Day(iso: s) else {
                        throw Failure(message: "'\(s)' is not a real calendar date", start: i, end: i + 10)
                    }
                    i += 10
                    out.append(Token(kind: .date(day), start: start, end: i))
                    continue
                }
                while i < text.count, isDigit(text[i]) || text[i] == "_" { i += 1 }
                var isDecimal = false
                if i + 1 < text.count, text[i] == ".", isDigit(text[i + 1]) {
                    isDecimal = true
                    i += 1
                    while i < text.count, isDigit(text[i]) { i += 1 }
                }
                let s = string(text, start..<i).replacingUnderscores()
                if isDecimal, let d = Double(s) {
                    out.append(Token(kind: .decimal(d), start: start, end: i))
                } else if let n = Int(s) {
                    out.append(Token(kind: .int(n), start: start, end: i))
                } else {
                    throw Failure(message: "'\(s)' is not a number", start: start, end: i)
                }
            } else if c == "\"" || c == "'" {
                i += 1
                var s = ""
                var closed = false
                while i < text.count {
                    if text[i] == c { closed = true; i += 1; break }
                    if text[i] == "\\", i + 1 < text.count { i += 1 }
                    s.append(text[i])
                    i += 1
                }
                guard closed else { throw Failure(message: "text starting here has no closing \(c)", start: start, end: start + 1) }
                out.append(Token(kind: .string(s), start: start, end: i))
            } else if let sym = symbol(text, at: i) {
                i += sym.count
                out.append(Token(kind: .symbol(sym), start: start, end: i))
            } else {
                throw Failure(message: "unexpected character '\(c)'", start: i, end: i + 1)
            }
        }
        out.append(Token(kind: .end, start: text.count, end: text.count))
        return out
    }

}

extension String {
    fileprivate func replacingUnderscores() -> String { String(filter { $0 != "_" }) }
}
