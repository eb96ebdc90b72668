/// A message with `{expression}` holes, checked when the rules load and
/// filled in with the record's values: "You have {span(start, as_of)} of headship".
struct Template: Sendable {
    enum Piece: Sendable {
        case text(String)
        case value(Code, ValueType)
    }
    var pieces: [Piece]
    /// Where each `{hole}` is written, in order, for diagnostics about holes.
    var holeRanges: [SourceRange] = []

    /// Parses and checks the holes; `{{` and `}}` stand for literal braces.
    static func compile(_ node: YAMLNode, lines: CharacterLines?, checker: inout Checker) -> Template {
        let src = ExpressionSource(node: node, lines: lines)
        let chars = src.text
        var pieces: [Piece] = []
        var holeRanges: [SourceRange] = []
        var literal = ""
        var i = 0
        while i < chars.count {
            let c = chars[i]
            if c == "{" && i + 1 < chars.count && chars[i + 1] == "{" { literal.append("{"); i += 2; continue }
            if c == "}" && i + 1 < chars.count && chars[i + 1] == "}" { literal.append("}"); i += 2; continue }
            if c == "{" {
                guard let close = chars[(i + 1)...].firstIndex(of: "}") else {
                    checker.error("rules.template-unclosed", "'{' in this message has no closing '}'", src.range(i, i + 1))
                    break
                }
                if !literal.isEmpty { pieces.append(.text(literal)); literal = "" }
                switch Parser.parse(src, from: i + 1, to: close) {
                case .success(let e):
                    let t = checker.check(e)
                    pieces.append(.value(t.code, t.type))
                    holeRanges.append(e.range)
                case .failure(let f):
                    checker.diagnostics.append(.error(f.id, f.message, at: f.range))
                }
                i = close + 1
                continue
            }
            literal.append(c)
            i += 1
        }
        if !literal.isEmpty { pieces.append(.text(literal)) }
        return Template(pieces: pieces, holeRanges: holeRanges)
    }

    static func literal(_ text: String) -> Template { Template(pieces: [.text(text)]) }
}
