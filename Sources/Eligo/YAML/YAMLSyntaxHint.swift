/// What a person should do about a YAML syntax error, and the line that needs it.
///
/// libyaml notices an indentation mistake only on the line after it, when that line no
/// longer fits ("did not find expected key" on line 21 when line 20 is indented one
/// step too far). A line that agrees with the line after it while the line before does
/// not fit them both is the one out of step, so the error moves there; the hint says,
/// in plain words, what to change (a tab, a colon in a value, an indentation, a quote).
struct YAMLSyntaxHint {
    var position: SourcePosition
    var hint: String?

    /// - Parameters:
    ///   - problem: libyaml's problem text ("mapping values are not allowed in this context").
    ///   - line: the text of a 1-based line of the input, nil past its end.
    static func explain(problem: String, at position: SourcePosition, line: (Int) -> String?) -> YAMLSyntaxHint {
        let text = line(position.line) ?? ""
        let indentation =
            problem.hasPrefix("did not find expected key") || problem.hasPrefix("did not find expected '-'")
            || problem.hasPrefix("mapping values are not allowed")
        if problem.hasPrefix("found character that cannot start any token"), column(of: "\t", in: text) != nil {
            return YAMLSyntaxHint(
                position: position,
                hint: "YAML indents with spaces, never tabs: replace the tab on this line with spaces")
        }
        if indentation, let earlier = lineOutOfStep(before: position.line, line: line) {
            return YAMLSyntaxHint(
                position: SourcePosition(line: earlier, column: indent(line(earlier) ?? "") + 1),
                hint: "this line is indented differently from the lines around it: line it up with the "
                    + "fields beside it (the same number of spaces)")
        }
        if problem.hasPrefix("mapping values are not allowed"), secondColon(in: text) != nil, let first = firstColon(in: text) {
            let chars = Array(text)
            var key = String(chars[..<first]).strippedOfSpaces()
            if key.hasPrefix("- ") { key = String(key.dropFirst(2)) }
            let value = String(chars[(first + 1)...]).strippedOfSpaces()
            return YAMLSyntaxHint(position: position, hint: "a value containing ': ' must be put in quotes: \(key): \"\(value)\"")
        }
        if indentation {
            return YAMLSyntaxHint(
                position: position,
                hint: "check this line's indentation: a field lines up with the fields beside it, and an entry of a list starts with '- '")
        }
        if problem.contains("quoted scalar") {
            return YAMLSyntaxHint(position: position, hint: "a quote opened here is not closed: end the text with the same quote mark")
        }
        return YAMLSyntaxHint(position: position, hint: nil)
    }

    /// The line before `reported` (skipping blank and comment lines) when it, not the reported
    /// line, is out of step with the lines around it; nil when the reported line is.
    static func lineOutOfStep(before reported: Int, line: (Int) -> String?) -> Int? {
        func content(_ n: Int, step: Int) -> Int? {
            var n = n
            while n >= 1, let t = line(n) {
                let trimmed = t.strippedOfSpaces()
                if !trimmed.isEmpty && !trimmed.hasPrefix("#") { return n }
                n += step
            }
            return nil
        }
        guard let reportedText = line(reported), let previous = content(reported - 1, step: -1),
            let previousText = line(previous)
        else { return nil }
        let here = indent(reportedText)
        // Where a line after `previous` at the same depth would start: after a list entry's dash.
        func expectedNext(_ text: String) -> Int {
            let i = indent(text)
            let rest = text.dropFirst(i)
            return rest.hasPrefix("- ") ? i + 2 + (rest.dropFirst(2).prefix { $0 == " " }.count) : i
        }
        func opensBlock(_ text: String) -> Bool {
            let chars = Array(text)
            let end = chars.indices.first { $0 > 0 && chars[$0] == "#" && chars[$0 - 1] == " " } ?? chars.count
            return String(chars[..<end]).strippedOfSpaces().hasSuffix(":")
        }
        // The line after agrees with the reported one; the one before fits neither.
        func isEntry(_ text: String) -> Bool { text.dropFirst(indent(text)).hasPrefix("-") }
        // (A reported line that opens a block is followed by its own children, not a sibling.)
        if let next = content(reported + 1, step: 1), let nextText = line(next), indent(nextText) == here,
            isEntry(nextText) == isEntry(reportedText), !opensBlock(reportedText),
            !opensBlock(previousText), expectedNext(previousText) != here
        {
            return previous
        }
        // The line before the previous one agrees with the reported one; the previous one does not.
        if let before = content(previous - 1, step: -1), let beforeText = line(before), !opensBlock(beforeText),
            expectedNext(beforeText) == here, indent(previousText) != here, !opensBlock(previousText)
        {
            return previous
        }
        return nil
    }

    static func indent(_ text: String) -> Int { text.prefix { $0 == " " }.count }

    static func column(of character: Character, in text: String) -> Int? {
        text.firstIndex(of: character).map { text.distance(from: text.startIndex, to: $0) }
    }

    /// The offset of the first ": " (or a colon ending the line): where a key ends.
    static func firstColon(in text: String) -> Int? { colons(in: text).first }

    /// The offset of a second ": " on a `key: value` line (the one inside the value), if any.
    static func secondColon(in text: String) -> Int? {
        let all = colons(in: text)
        return all.count >= 2 ? all[1] : nil
    }

    private static func colons(in text: String) -> [Int] {
        let chars = Array(text)
        return chars.indices.filter { chars[$0] == ":" && ($0 + 1 == chars.count || chars[$0 + 1] == " ") }
    }
}

private extension StringProtocol {
    func strippedOfSpaces() -> String {
        String(drop { $0 == " " || $0 == "\t" }.reversed().drop { $0 == " " || $0 == "\t" || $0 == "\r" }.reversed())
    }

}
