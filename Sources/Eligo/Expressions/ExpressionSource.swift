/// The text of one expression or message template taken from a YAML scalar,
/// with the file position of every character, so a diagnostic inside
/// `require: applicant.headships.strat` points at `strat` in the rule file.
public struct ExpressionSource: Sendable {
    public let text: [Character]
    public let file: String
    private let positions: [SourcePosition]

    /// Positions computed by walking the scalar's source text alongside its value,
    /// which copes with quotes, folded and literal block scalars.
    /// - Parameter lines: the source file's lines, read as characters where needed.
    init(node: YAMLNode, lines: CharacterLines?) {
        let value = node.scalar ?? ""
        self.text = Array(value)
        self.file = node.range.file
        var positions: [SourcePosition] = []
        positions.reserveCapacity(text.count + 1)
        let start = node.range.start
        var style = YAMLNode.ScalarStyle.plain
        if case .scalar(_, let s) = node.content { style = s }
        let quoted = style == .singleQuoted || style == .doubleQuoted  // used when no lines are given
        // Quoted scalars may hold escapes (`\"`, `''`) that make the value shorter than its source,
        // so only plain one-line scalars map by plain offset.
        let simple = node.range.start.line == node.range.end.line && style == .plain
        if simple || lines == nil {
            let col = start.column + (quoted ? 1 : 0)
            for i in 0...text.count { positions.append(SourcePosition(line: start.line, column: col + i)) }
        } else {
            let lines = lines!
            var line = start.line, col = start.column
            // The line being walked, kept at hand: asking `lines` for it looks it up in a table.
            var heldLine = 0, held: [Character] = []
            func chars(_ l: Int) -> [Character] {
                if l != heldLine { heldLine = l; held = lines[l - 1] }
                return held
            }
            func at(_ l: Int, _ c: Int) -> Character? {
                guard l >= 1, l <= lines.count, c >= 1, c <= chars(l).count else { return nil }
                return held[c - 1]
            }
            func advance() {
                if line <= lines.count && col < chars(line).count { col += 1 } else { line += 1; col = 1 }
            }
            for ch in text {
                if ch.isWhitespaceQuick {
                    positions.append(SourcePosition(line: line, column: col))
                    continue
                }
                // Find the character in the source, skipping indentation, quotes and line breaks.
                var (l, c) = (line, col)
                var steps = 0
                var found = false
                while l <= lines.count && steps < 400 {
                    if at(l, c) == ch { found = true; break }
                    if l <= lines.count && c < chars(l).count { c += 1 } else { l += 1; c = 1 }
                    steps += 1
                }
                if found { (line, col) = (l, c) }
                positions.append(SourcePosition(line: line, column: col))
                if found { advance() }
            }
            // The end of the text sits just after its last visible character, not on the next line.
            let chars = text, seen = positions
            let lastVisible = chars.indices.last { !chars[$0].isWhitespaceQuick }.map { seen[$0] }
            positions.append(
                lastVisible.map { SourcePosition(line: $0.line, column: $0.column + 1) }
                    ?? SourcePosition(line: start.line, column: start.column))
        }
        self.positions = positions
    }

    /// For tests and synthesized expressions: positions on one line from a column.
    public init(text: String, file: String = "<expression>", line: Int = 1, column: Int = 1) {
        self.text = Array(text)
        self.file = file
        self.positions = (0...self.text.count).map { SourcePosition(line: line, column: column + $0) }
    }

    public func position(_ offset: Int) -> SourcePosition {
        positions[max(0, min(offset, positions.count - 1))]
    }

    public func range(_ start: Int, _ end: Int) -> SourceRange {
        let s = position(start)
        var e = position(end)
        if e.line != s.line || e.column <= s.column { e = SourcePosition(line: s.line, column: s.column + max(1, end - start)) }
        return SourceRange(file: file, start: s, end: e)
    }
}
