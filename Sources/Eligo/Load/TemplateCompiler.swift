/// Message templates are compiled as rule files are loaded: each `{hole}` is an expression
/// checked like a condition (the template itself is Rules/Template.swift).
extension Template {
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
                // `{expression|one|other}`: the expression ends at the first bar.
                let bar = chars[(i + 1)..<close].firstIndex(of: "|")
                var plural: Plural?
                if let bar {
                    let forms = String(chars[(bar + 1)..<close]).split(separator: "|", omittingEmptySubsequences: false).map(String.init)
                    if forms.count == 2 && !forms[0].isEmpty && !forms[1].isEmpty {
                        plural = Plural(one: forms[0], other: forms[1])
                    } else {
                        checker.error(
                            "rules.template-plural",
                            "a hole's word forms are written {number|one|other}, e.g. {count(schools)|school|schools}",
                            src.range(bar, close))
                    }
                }
                switch Parser.parse(src, from: i + 1, to: bar ?? close) {
                case .success(let e):
                    let t = checker.check(e)
                    if plural != nil && !t.type.isNumeric && t.type != .null {
                        checker.error("rules.template-plural", "only a number has singular and plural forms; this is \(t.type)", e.range)
                    }
                    pieces.append(.value(t.code, t.type, plural))
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
}
