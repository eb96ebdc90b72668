import Testing
@testable import Eligo

/// `CSVTable.fileRows`: a whole CSV file (a dataset's) split strictly into rows of cells.
@Suite("CSV file rows") struct CSVFileRowsTests {
    /// The rows' cell texts (quotes removed), failing the test on a syntax error.
    private func rows(_ text: String) throws -> [[String]] { try rows(bytes: Array(text.utf8)) }

    private func rows(bytes: [UInt8]) throws -> [[String]] {
        try bytes.withUnsafeBufferPointer { (b) throws -> [[String]] in
            let file = CSVTable.fileRows(b)
            if let failure = file.failure { throw failure }
            return file.rows.map { $0.cells.map { CSVTable.text(b, $0) } }
        }
    }

    private func failure(_ text: String) -> CSVTable.SyntaxFailure? {
        Array(text.utf8).withUnsafeBufferPointer { CSVTable.fileRows($0).failure }
    }

    @Test func plainRows() throws {
        #expect(try rows("a,b,c\n1,2,3\n") == [["a", "b", "c"], ["1", "2", "3"]])
        #expect(try rows("a,b\n1,2") == [["a", "b"], ["1", "2"]], "no final line break")
        #expect(try rows("") == [])
    }

    @Test func quotedFieldsHoldCommasQuotesAndLineBreaks() throws {
        #expect(try rows("name,note\n\"Marsh, Helen\",\"She said \"\"yes\"\"\"\n") == [["name", "note"], ["Marsh, Helen", "She said \"yes\""]])
        #expect(try rows("a\n\"line one\nline two\"\n") == [["a"], ["line one\nline two"]])
        #expect(try rows("a\r\n\"x\r\ny\"\r\n") == [["a"], ["x\r\ny"]], "a CRLF inside quotes is kept as written")
        #expect(try rows("a\r\"x\ry\"\r") == [["a"], ["x\ry"]], "a lone CR inside quotes is kept as written")
        #expect(try rows("\"\"\n") == [], "an empty quoted field alone is a blank row")
        #expect(try rows("a,b\n\"\",x\n") == [["a", "b"], ["", "x"]])
    }

    @Test func lineEndingsCRLFLFAndCR() throws {
        let expected = [["a", "b"], ["1", "2"], ["3", "4"]]
        #expect(try rows("a,b\r\n1,2\r\n3,4\r\n") == expected)
        #expect(try rows("a,b\n1,2\n3,4\n") == expected)
        #expect(try rows("a,b\r1,2\r3,4\r") == expected)
        #expect(try rows("a,b\r\n1,2\n3,4") == expected, "mixed")
    }

    @Test func emptyFieldsAndBlankRows() throws {
        #expect(try rows("a,b,c\n,,\n1,,3\n\n\n4,5,\n") == [["a", "b", "c"], ["", "", ""], ["1", "", "3"], ["4", "5", ""]])
    }

    @Test func aByteOrderMarkIsSkipped() throws {
        #expect(try rows(bytes: [0xEF, 0xBB, 0xBF] + Array("id,name\n1,x\n".utf8)) == [["id", "name"], ["1", "x"]])
    }

    @Test func rowsKnowTheLineTheyStartOn() throws {
        let text = Array("h1,h2\r\n\"multi\r\nline\",x\r\n\r\nlast,y\r\n".utf8)
        let file = text.withUnsafeBufferPointer { CSVTable.fileRows($0) }
        #expect(file.failure == nil)
        #expect(file.rows.map({ $0.line }) == [1, 2, 5])
        #expect(try rows(bytes: text)[2] == ["last", "y"])
    }

    @Test func cellsAreTheRangesTheScreenReaderTypes() throws {
        // Quoted cells keep their quotes in the range, as `CSVTable.cells(ofRow:)` gives them.
        let text = Array("a,\"b,c\",d\n".utf8)
        let file = text.withUnsafeBufferPointer { CSVTable.fileRows($0) }
        #expect(file.rows.first?.cells == [0..<1, 2..<7, 8..<9])
        var screen: [Range<Int>] = []
        text.withUnsafeBufferPointer { CSVTable.cells(ofRow: UnsafeBufferPointer(rebasing: $0[0..<9]), into: &screen) }
        #expect(screen == file.rows.first?.cells)
    }

    @Test func aQuoteInsideAnUnquotedFieldIsText() throws {
        #expect(try rows("a\n5\" screen\n") == [["a"], ["5\" screen"]])
        #expect(try rows("a,b\n5\" screen,x\n6,y\n") == [["a", "b"], ["5\" screen", "x"], ["6", "y"]], "the rows after it are rows")
    }

    @Test func anUnclosedQuoteIsAnErrorAtTheQuoteAndTheRowsBeforeItAreKept() throws {
        #expect(
            failure("a,b\n1,\"never closed\n2,3\n")
                == CSVTable.SyntaxFailure(message: "the quoted field starting here has no closing quote", line: 2, column: 3))
        let text = Array("a,b\n1,2\n3,\"open\n".utf8)
        let file = text.withUnsafeBufferPointer { CSVTable.fileRows($0) }
        #expect(file.rows.count == 2)
        #expect(file.failure?.line == 3)
    }

    @Test func textAfterAClosingQuoteIsAnError() throws {
        let error = try #require(failure("a,b\n\"x\"y,2\n"))
        #expect(error.line == 2)
        #expect(error.column == 4)
        #expect(error.message.contains("after a closing quote"))
    }

    @Test func columnsCountCharactersNotBytes() throws {
        let error = try #require(failure("é,\"ß\"x\n"))
        #expect(error.line == 1)
        #expect(error.column == 6)
        #expect(error.description == "1:6: unexpected text after a closing quote; write a quote inside a quoted field as \"\"")
    }

    @Test func linesAreCountedThroughLineBreaksInQuotes() {
        #expect(failure("a\n\"one\ntwo\"\n\"x\"y\n")?.line == 4)
        #expect(failure("a\r\n\"one\r\ntwo\"\r\n\"x\"y\r\n")?.line == 4, "a CRLF is one line break")
    }

    @Test func unicodeSurvives() throws {
        #expect(try rows("name\n\"Siân O’Neill\"\nZoë\n") == [["name"], ["Siân O’Neill"], ["Zoë"]])
    }
}
