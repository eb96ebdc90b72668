/// Finds the documents of a YAML stream by their markers, before any of them is parsed.
///
/// libyaml stops at a stream's first error, so a stream parsed whole loses every document
/// after a broken one (a syntax error, an alias bomb). YAML forbids a document marker at
/// column 0 inside content: a line that starts with `---` (then a space, a tab or the line's
/// end) begins a document, and one that starts with `...` ends one. Cut there, each document
/// is parsed on its own, so a broken one is one failure and the next is still read, and a
/// stream can be read in blocks of any size.
///
/// A document with no content (only comments, directives or markers) holds no record and is
/// not returned.
public enum YAMLDocumentSplitter {
    /// One document: its bytes (directives and markers included) and the line they start on.
    public struct Document: Sendable, Equatable {
        public var range: Range<Int>
        public var line: Int
    }

    /// What `split` found.
    public struct Split: Sendable {
        /// The complete documents, in order.
        public var documents: [Document]
        /// Where the bytes not yet split start (the last document, which more input may
        /// continue); `buffer.count` when `atEnd`.
        public var end: Int
        /// The line `end` is on.
        public var nextLine: Int
        /// Whether the bytes before `end` ended inside a skipped document (see `skipping`).
        public var stillSkipping: Bool
    }

    /// Splits `buffer`, whose first byte starts line `firstLine`. Unless `atEnd`, the last
    /// document is left for when more input has been read. With `skipping`, the content up
    /// to the first marker belongs to a document already reported (one too large to hold).
    public static func split(
        _ buffer: UnsafeBufferPointer<UInt8>, firstLine: Int, atEnd: Bool,
        skipping: Bool = false
    ) -> Split {
        var documents: [Document] = []
        var start = 0, startLine = firstLine
        var hasContent = false
        var hasStartMarker = false
        var skipping = skipping
        var lineStart = 0, line = firstLine
        let count = buffer.count
        // One scan of the block: a stream with line feeds alone pays nothing per line.
        let hasCarriageReturns = ByteScan.first(13, in: buffer, 0..<count) != nil
        while lineStart < count {
            var newline = ByteScan.lineEnd(buffer, from: lineStart)
            // Unless the input has ended, a line without its line break may go on in the next block.
            if newline == count && !atEnd { break }
            // A carriage return not followed by a line feed also ends a line, as it does for
            // libyaml: a file saved with CR-only line ends is not one long comment.
            if hasCarriageReturns { newline = bareCarriageReturn(buffer, lineStart, newline) ?? newline }
            let next = min(newline + 1, count)
            switch marker(buffer, lineStart, newline) {
            case .start(let content):
                if hasContent || hasStartMarker || skipping {
                    if hasContent && !skipping { documents.append(Document(range: start..<lineStart, line: startLine)) }
                    start = lineStart
                    startLine = line
                    hasContent = false
                }
                skipping = false
                hasStartMarker = true
                hasContent = hasContent || content
            case .end:
                if hasContent && !skipping { documents.append(Document(range: start..<next, line: startLine)) }
                skipping = false
                start = next
                startLine = line + 1
                hasContent = false
                hasStartMarker = false
            case .none:
                if !hasContent && isContent(buffer, lineStart, newline) { hasContent = true }
            }
            lineStart = next
            if newline < count { line += 1 }
        }
        if atEnd {
            if hasContent && !skipping { documents.append(Document(range: start..<count, line: startLine)) }
            return Split(documents: documents, end: count, nextLine: line, stillSkipping: false)
        }
        return Split(documents: documents, end: start, nextLine: startLine, stillSkipping: skipping)
    }

    /// Splits a whole input (after any byte order mark).
    public static func documents(_ bytes: ArraySlice<UInt8>) -> [Document] {
        bytes.withUnsafeBufferPointer { split($0, firstLine: 1, atEnd: true).documents }
            .map { Document(range: ($0.range.lowerBound + bytes.startIndex)..<($0.range.upperBound + bytes.startIndex), line: $0.line) }
    }

    /// The first carriage return in `from..<to` that no line feed follows, if any (a CR just
    /// before the line feed at `to` is a CRLF line end).
    private static func bareCarriageReturn(_ b: UnsafeBufferPointer<UInt8>, _ from: Int, _ to: Int) -> Int? {
        guard let at = ByteScan.first(13, in: b, from..<to) else { return nil }
        return at + 1 < b.count && b[at + 1] == 10 ? nil : at
    }

    private enum Marker { case start(content: Bool), end, none }

    /// `---` or `...` at column 0, followed by a space, a tab or the line's end.
    private static func marker(_ b: UnsafeBufferPointer<UInt8>, _ from: Int, _ to: Int) -> Marker {
        var end = to
        if end > from && b[end - 1] == 13 { end -= 1 }
        guard end - from >= 3 else { return .none }
        let c = b[from]
        guard (c == 45 || c == 46), b[from + 1] == c, b[from + 2] == c else { return .none }
        guard end - from == 3 || b[from + 3] == 32 || b[from + 3] == 9 else { return .none }
        if c == 46 { return .end }
        // `--- {a: 1}` or `--- |` starts a document on the marker's own line.
        return .start(content: isContent(b, from + 3, end))
    }

    /// A line that is neither blank, nor a comment, nor a directive (`%YAML`, `%TAG`).
    private static func isContent(_ b: UnsafeBufferPointer<UInt8>, _ from: Int, _ to: Int) -> Bool {
        var i = from
        while i < to && (b[i] == 32 || b[i] == 9 || b[i] == 13) { i += 1 }
        guard i < to else { return false }
        if b[i] == 35 { return false }  // '#'
        if i == from && b[i] == 37 { return false }  // '%' at column 0: a directive
        return true
    }
}
