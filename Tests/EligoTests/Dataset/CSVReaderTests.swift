import Testing
@testable import Eligo

@Suite("CSV reader") struct CSVReaderTests {
    private func rows(_ text: String) throws -> [[String]] { try CSVReader.rows(bytes: Array(text.utf8)) }

    @Test func plainRows() throws {
        #expect(try rows("a,b,c\n1,2,3\n") == [["a", "b", "c"], ["1", "2", "3"]])
        #expect(try rows("a,b\n1,2") == [["a", "b"], ["1", "2"]], "no final line break")
        #expect(try rows("") == [])
    }

    @Test func quotedFieldsHoldCommasQuotesAndLineBreaks() throws {
        #expect(try rows("name,note\n\"Marsh, Helen\",\"She said \"\"yes\"\"\"\n") == [["name", "note"], ["Marsh, Helen", "She said \"yes\""]])
        #expect(try rows("a\n\"line one\nline two\"\n") == [["a"], ["line one\nline two"]])
        #expect(try rows("a\r\n\"x\r\ny\"\r\n") == [["a"], ["x\r\ny"]], "a CRLF inside quotes is kept as written")
        #expect(try rows("\"\"\n") == [[""]] || (try rows("\"\"\n")) == [], "an empty quoted field")
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
        #expect(try CSVReader.rows(bytes: [0xEF, 0xBB, 0xBF] + Array("id,name\n1,x\n".utf8)) == [["id", "name"], ["1", "x"]])
    }

    @Test func rowsKnowTheLineTheyStartOn() throws {
        let records = try CSVReader.records(bytes: Array("h1,h2\r\n\"multi\r\nline\",x\r\n\r\nlast,y\r\n".utf8))
        #expect(records.map({ $0.line }) == [1, 2, 5])
        #expect(records[2].fields == ["last", "y"])
    }

    @Test func aQuoteInsideAnUnquotedFieldIsText() throws {
        #expect(try rows("a\n5\" screen\n") == [["a"], ["5\" screen"]])
    }

    @Test func anUnclosedQuoteIsAnErrorAtTheQuote() {
        #expect(throws: CSVReader.Failure(message: "the quoted field starting here has no closing quote", line: 2, column: 3)) {
            try CSVReader.rows(bytes: Array("a,b\n1,\"never closed\n2,3\n".utf8))
        }
    }

    @Test func textAfterAClosingQuoteIsAnError() {
        do {
            _ = try CSVReader.rows(bytes: Array("a,b\n\"x\"y,2\n".utf8))
            Issue.record("expected an error")
        } catch {
            #expect(error.line == 2)
            #expect(error.column == 4)
            #expect(error.message.contains("after a closing quote"))
        }
    }

    @Test func columnsCountCharactersNotBytes() {
        do {
            _ = try CSVReader.rows(bytes: Array("é,\"ß\"x\n".utf8))
            Issue.record("expected an error")
        } catch {
            #expect(error.line == 1)
            #expect(error.column == 6)
        }
    }

    @Test func unicodeSurvives() throws {
        #expect(try rows("name\n\"Siân O’Neill\"\nZoë\n") == [["name"], ["Siân O’Neill"], ["Zoë"]])
    }
}
