import Testing
@testable import Eligo

/// Documents are found by their column-0 markers before any is parsed.
@Suite("YAML stream split by its markers") struct YAMLDocumentSplitterTests {
    static func split(_ text: String, atEnd: Bool = true, skipping: Bool = false) -> (docs: [String], lines: [Int], end: Int) {
        let bytes = Array(text.utf8)
        let s = bytes.withUnsafeBufferPointer { YAMLDocumentSplitter.split($0, firstLine: 1, atEnd: atEnd, skipping: skipping) }
        return (s.documents.map { String(decoding: bytes[$0.range], as: UTF8.self) }, s.documents.map(\.line), s.end)
    }

    @Test func markersAtColumnZeroOnly() {
        let text = "a: 1\n---\nb: \"x --- y\"\n  ---\nc: |\n  --- not a marker\n--- {d: 4}\n---\n# only a comment\n...\n%YAML 1.2\n---\ne: 5\n"
        let (docs, lines, _) = Self.split(text)
        #expect(docs == ["a: 1\n", "---\nb: \"x --- y\"\n  ---\nc: |\n  --- not a marker\n", "--- {d: 4}\n", "%YAML 1.2\n---\ne: 5\n"])
        #expect(lines == [1, 2, 7, 11])
    }

    @Test func emptyStreamsHoldNoDocument() {
        for text in ["", "\n\n", "# a comment\n  # another\n", "---\n", "---\n...\n---\n", "--- # nothing\n"] {
            #expect(Self.split(text).docs.isEmpty, "\(text.debugDescription)")
        }
    }

    @Test func endMarkerAndCarriageReturns() {
        let (docs, lines, _) = Self.split("a: 1\r\n...\r\n---\r\nb: 2\r\n---x: not a marker\r\n")
        #expect(docs == ["a: 1\r\n...\r\n", "---\r\nb: 2\r\n---x: not a marker\r\n"])
        #expect(lines == [1, 3])
    }

    /// A file saved with carriage returns alone ends its lines there, as libyaml reads it: a
    /// leading comment is not the whole file, and markers are found (lines counted at each CR).
    @Test func carriageReturnsAloneEndLines() {
        let (docs, lines, _) = Self.split("# a comment\ra: 1\r---\rb: 2\r")
        #expect(docs == ["# a comment\ra: 1\r", "---\rb: 2\r"])
        #expect(lines == [1, 3])
        // Mixed: a bare CR inside a line-feed file ends a line too; CRLF is one line end.
        #expect(Self.split("a: 1\r\n---\rb: 2\n").lines == [1, 2])
    }

    /// Unless the input has ended, the last document (and a line without its break) waits for more.
    @Test func theLastDocumentWaitsForMoreInput() {
        let text = "a: 1\n---\nb: 2\n---\nc: 3\n--"
        let (docs, _, end) = Self.split(text, atEnd: false)
        #expect(docs == ["a: 1\n", "---\nb: 2\n"])
        #expect(end == text.utf8.count - "---\nc: 3\n--".utf8.count)
    }

    /// The rest of a document too large to hold is skipped up to the next marker.
    @Test func skippingToTheNextMarker() {
        let (docs, lines, _) = Self.split("rest: of it\n  more\n---\nnext: 1\n", skipping: true)
        #expect(docs == ["---\nnext: 1\n"])
        #expect(lines == [3])
    }
}
