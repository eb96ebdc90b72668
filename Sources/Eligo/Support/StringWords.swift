/// Small string helpers the renderers share (one of each, not one per renderer).
extension String {
    /// "eligible" → "Eligible": the first character in capitals, the rest as written.
    public var capitalizedFirst: String {
        guard let f = first else { return self }
        return f.uppercased() + dropFirst()
    }

    /// Every `target` character replaced by `replacement` ("not_eligible" → "not eligible").
    public func replacingAll(_ target: Character, with replacement: String) -> String {
        // Text without the target, most of it, is returned as it is; ASCII text with it is
        // replaced byte by byte (the same result: in ASCII only "\r\n" joins into one character).
        if let byte = target.asciiValue, byte != 10, byte != 13 {
            var text = self
            let ascii: Bool? = text.withUTF8 { utf8 in
                var found = false, ascii = true
                for b in utf8 {
                    if b == byte { found = true } else if b >= 0x80 { ascii = false; break }
                }
                return !found && ascii ? nil : ascii
            }
            guard let ascii else { return self }
            if ascii {
                var out: [UInt8] = []
                out.reserveCapacity(utf8.count + 8)
                for b in utf8 { if b == byte { out.append(contentsOf: replacement.utf8) } else { out.append(b) } }
                return String(decoding: out, as: UTF8.self)
            }
        }
        var out = ""
        for c in self { if c == target { out += replacement } else { out.append(c) } }
        return out
    }

    /// As one CSV cell: quoted, with quotes doubled, when it holds a comma, quote or line break
    /// (looked for in the UTF-8 bytes, so a "\r\n" line break, one character, is found too).
    public var csvEscaped: String {
        guard utf8.contains(where: { $0 == 44 || $0 == 34 || $0 == 10 || $0 == 13 }) else { return self }
        return "\"" + replacingAll("\"", with: "\"\"") + "\""
    }
}

/// Character classes answered for ASCII without Unicode's property tables (slow to look up, and
/// rule files are mostly ASCII), with the same answers as `isLetter`, `isNumber` and `isWhitespace`.
extension Character {
    /// `isLetter`: a-z and A-Z for ASCII.
    @inline(__always) var isLetterQuick: Bool {
        if let a = asciiValue { return (a >= 65 && a <= 90) || (a >= 97 && a <= 122) }
        return isLetter
    }

    /// `isNumber`: 0-9 for ASCII.
    @inline(__always) var isNumberQuick: Bool {
        if let a = asciiValue { return a >= 48 && a <= 57 }
        return isNumber
    }

    /// `isWhitespace`: tab to carriage return and space for ASCII ("\r\n" too, whose `asciiValue` is 10).
    @inline(__always) var isWhitespaceQuick: Bool {
        if let a = asciiValue { return a == 32 || (a >= 9 && a <= 13) }
        return isWhitespace
    }
}
