/// A place in a source file: 1-based line and column (in characters), so a
/// diagnostic can point a policy officer at the exact spot in a rule file.
public struct SourcePosition: Sendable, Hashable, Comparable, CustomStringConvertible {
    public var line: Int
    public var column: Int

    public init(line: Int, column: Int) {
        self.line = line
        self.column = column
    }

    public static func < (a: SourcePosition, b: SourcePosition) -> Bool {
        (a.line, a.column) < (b.line, b.column)
    }

    public var description: String { "\(line):\(column)" }
}

/// A span of source text in a named file; `end` is exclusive.
public struct SourceRange: Sendable, Hashable, CustomStringConvertible {
    public var file: String
    public var start: SourcePosition
    public var end: SourcePosition

    public init(file: String, start: SourcePosition, end: SourcePosition) {
        self.file = file
        self.start = start
        self.end = end
    }

    /// A range covering a single point, for errors that have no extent.
    public init(file: String, at position: SourcePosition) {
        self.init(file: file, start: position, end: SourcePosition(line: position.line, column: position.column + 1))
    }

    public var description: String { "\(file):\(start.line):\(start.column)" }
}
