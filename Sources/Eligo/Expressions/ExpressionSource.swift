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
        let start = node.range.start
        var style = YAMLNode.ScalarStyle.plain
        if case .scalar(_, let s) = node.content { style = s }
        let quoted = style == .singleQuoted || style == .doubleQuoted  // used when no lines are given
        // Quoted scalars may hold escapes (`\"`, `''`) that make the value shorter than its source,
        // so only plain one-line scalars map by plain offset.
        let simple = node.range.start.line == node.range.end.line && style == .plain
        if simple || lines == nil {
            let col = start.column + (quoted ? 1 : 0)
            positions.reserveCapacity(text.count + 1)
            for i in 0...text.count { positions.append(SourcePosition(line: start.line, column: col + i)) }
        } else {
            let lines = lines!
            // Text whose every character is one byte (ASCII without "\r\n") on ASCII lines, nearly
            // every rule file's, is walked in bytes; anything else in Characters. Both walks place
            // every character alike.
            if value.utf8.count == text.count,
                let placed = ExpressionSource.place(
                    Array(value.utf8), from: start, lines: lines.count, lineAt: lines.ascii, isSpace: { $0 == 32 || ($0 >= 9 && $0 <= 13) })
            {
                positions = placed
            } else {
                positions = ExpressionSource.place(text, from: start, lines: lines.count, lineAt: { lines[$0] }, isSpace: { $0.isWhitespaceQuick })!
            }
        }
        self.positions = positions
    }

    /// Where each of `text`'s characters stands in the source (and, last, where the text ends),
    /// found by walking the lines from `start`, skipping indentation, quotes and line breaks.
    /// - Parameter lineAt: a 0-based line as elements; nil when it cannot be had in this form
    ///   (a line beyond ASCII for the byte walk), and then the whole walk gives nil.
    private static func place<E: Equatable>(
        _ text: [E], from start: SourcePosition, lines count: Int, lineAt: (Int) -> [E]?, isSpace: (E) -> Bool
    ) -> [SourcePosition]? {
        var positions: [SourcePosition] = []
        positions.reserveCapacity(text.count + 1)
        var line = start.line, col = start.column
        // The line being walked, kept at hand: asking for it again looks it up or converts it.
        var heldLine = 0, held: [E] = []
        var unavailable = false
        func chars(_ l: Int) -> [E] {
            if l != heldLine {
                heldLine = l
                guard let got = lineAt(l - 1) else {
                    unavailable = true
                    held = []
                    return held
                }
                held = got
            }
            return held
        }
        func at(_ l: Int, _ c: Int) -> E? {
            guard l >= 1, l <= count, c >= 1, c <= chars(l).count else { return nil }
            return held[c - 1]
        }
        func advance() {
            if line <= count && col < chars(line).count { col += 1 } else { line += 1; col = 1 }
        }
        for ch in text {
            if isSpace(ch) {
                positions.append(SourcePosition(line: line, column: col))
                continue
            }
            // Find the character in the source, skipping indentation, quotes and line breaks.
            var (l, c) = (line, col)
            var steps = 0
            var found = false
            while l <= count && steps < 400 {
                if at(l, c) == ch { found = true; break }
                if l <= count && c < chars(l).count { c += 1 } else { l += 1; c = 1 }
                steps += 1
            }
            if unavailable { return nil }
            if found { (line, col) = (l, c) }
            positions.append(SourcePosition(line: line, column: col))
            if found { advance() }
        }
        if unavailable { return nil }
        // The end of the text sits just after its last visible character, not on the next line.
        let lastVisible = text.indices.last { !isSpace(text[$0]) }.map { positions[$0] }
        positions.append(
            lastVisible.map { SourcePosition(line: $0.line, column: $0.column + 1) }
                ?? SourcePosition(line: start.line, column: start.column))
        return positions
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
