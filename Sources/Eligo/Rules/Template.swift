/// A message with `{expression}` holes, checked when the rules load and
/// filled in with the record's values: "You have {span(start, as_of)} of headship".
///
/// A hole may give the word its number counts, singular and plural after bars:
/// `{count(schools)|school|schools}` reads "1 school" or "3 schools"; a `#` in a form
/// places the number, and then it appears only there ("{count(schools)|your school|your # schools}").
struct Template: Sendable {
    enum Piece: Sendable {
        case text(String)
        case value(Code, ValueType, Plural?)
    }

    /// The two forms of the word a hole's number counts.
    struct Plural: Sendable {
        var one: String
        var other: String

        /// "1 year", "3 years"; when either form has a `#`, the number goes only where a `#` is.
        func text(_ number: String, isOne: Bool) -> String {
            let form = isOne ? one : other
            guard one.contains("#") || other.contains("#") else { return number + " " + form }
            return form.split(separator: "#", omittingEmptySubsequences: false).joined(separator: number)
        }
    }

    /// How a hole's value reads: formatted for its type, with its word's singular or plural form.
    static func text(of value: Value, type: ValueType, plural: Plural?) -> String {
        let formatted = ValueFormatter.text(value, type: type)
        guard let plural, !value.isNull else { return formatted }
        return plural.text(formatted, isOne: value.asDouble == 1)
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
                // `{expression|one|other}`: the expression ends at the first bar.
                let bar = chars[(i + 1)..<close].firstIndex(of: "|")
                var plural: Plural?
                if let bar {
                    let forms = String(chars[(bar + 1)..<close]).split(separator: "|", omittingEmptySubsequences: false).map(String.init)
                    if forms.count == 2 && !forms[0].isEmpty && !forms[1].isEmpty {
                        plural = Plural(one: forms[0], other: forms[1])
                    } else {
                        checker.error("rules.template-plural",
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

    static func literal(_ text: String) -> Template { Template(pieces: [.text(text)]) }
}
