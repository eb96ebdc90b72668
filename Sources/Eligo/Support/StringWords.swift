/// Small string helpers the renderers share (one of each, not one per renderer).
extension String {
    /// "eligible" → "Eligible": the first character in capitals, the rest as written.
    public var capitalizedFirst: String {
        guard let f = first else { return self }
        return f.uppercased() + dropFirst()
    }

    /// Every `target` character replaced by `replacement` ("not_eligible" → "not eligible").
    public func replacingAll(_ target: Character, with replacement: String) -> String {
        var out = ""
        for c in self { if c == target { out += replacement } else { out.append(c) } }
        return out
    }

    /// As one CSV cell: quoted, with quotes doubled, when it holds a comma, quote or line break.
    public var csvEscaped: String {
        guard contains(where: { $0 == "," || $0 == "\"" || $0 == "\n" || $0 == "\r" }) else { return self }
        return "\"" + replacingAll("\"", with: "\"\"") + "\""
    }
}
