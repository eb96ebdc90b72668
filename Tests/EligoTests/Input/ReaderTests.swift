import Testing
@testable import Eligo

@Suite("CSV rows") struct CSVTableTests {
    func rows(_ text: String) -> [[String]] {
        let bytes = Array(text.utf8)
        return bytes.withUnsafeBufferPointer { buf in
            CSVTable.rows(buf).map { row in row.cells.map { CSVTable.text(buf, $0) } }
        }
    }

    @Test func quotesCommasAndDoubledQuotes() {
        #expect(rows("a,\"b,c\",\"say \"\"hi\"\"\"\n") == [["a", "b,c", "say \"hi\""]])
    }

    @Test func crlfAndEmbeddedNewlines() {
        #expect(rows("a,b\r\n\"x\ny\",z\r\n") == [["a", "b"], ["x\ny", "z"]])
    }

    @Test func emptyCellsAndNoFinalNewline() {
        #expect(rows("a,,c\n,,\nlast") == [["a", "", "c"], ["", "", ""], ["last"]])
    }

    @Test func lineNumbersCountEmbeddedNewlines() {
        let bytes = Array("h\n\"1\n2\"\nthree\n".utf8)
        let lines = bytes.withUnsafeBufferPointer { CSVTable.rows($0).map({ $0.line }) }
        #expect(lines == [1, 2, 4])
    }

    @Test func lastRowEndNeverSplitsAQuotedCell() {
        let bytes = Array("a,b\n\"open\nstill open".utf8)
        let cut = bytes.withUnsafeBufferPointer { CSVTable.completeRows($0, firstLine: 1, atEnd: false) }
        #expect(cut.end == 4)
        #expect(cut.rows.map({ $0.line }) == [1])
        #expect(cut.nextLine == 2)
    }
}

@Suite("JSON records") struct JSONRecordReaderTests {
    static let schema = """
        schema: j
        fields:
          id: string
          n: int?
          x: decimal?
          d: date?
          ok: bool?
          tags: list<string>?
          sub:
            type: object?
            fields:
              grade: {type: int?, min: 1, max: 4}
        """

    func read(_ json: String) throws -> (Value?, [RecordIssue], String?) {
        var lib = RuleLibrary()
        lib.add(files: [(path: "j.yaml", bytes: Array(Self.schema.utf8))])
        let plan = ObjectPlan(try #require(lib.schemas["j"]).root)
        let bytes = Array(json.utf8)
        return bytes.withUnsafeBufferPointer { buf in
            var reader = JSONRecordReader(bytes: buf, line: 7, file: "in.jsonl")
            do throws(JSONRecordReader.SyntaxError) {
                let v = try reader.record(plan)
                return (v, reader.issues, nil)
            } catch {
                return (nil, reader.issues, "\(error.offset):\(error.message)")
            }
        }
    }

    func slot(_ v: Value?, _ i: Int) -> Value? {
        guard case .object(let o)? = v else { return nil }
        return o.slots[i]
    }

    @Test func typesByTheSchemaNotByJSON() throws {
        let (v, issues, err) = try read(#"{"id": 120001, "n": "2", "x": 2, "d": "2014-11-03", "ok": true, "tags": ["a", "b\u00e9"]}"#)
        #expect(err == nil)
        #expect(issues.isEmpty)
        #expect(slot(v, 0) == .string("120001"))
        #expect(slot(v, 1) == .int(2))
        #expect(slot(v, 2) == .decimal(2))
        #expect(slot(v, 3) == .date(Day(iso: "2014-11-03")!))
        #expect(slot(v, 5) == .list([.string("a"), .string("bé")]))
    }

    @Test func badDateIsAnIssueWithColumn() throws {
        let (v, issues, _) = try read(#"{"id": "A", "d": "2014-02-30"}"#)
        let issue = try #require(issues.first)
        #expect(issue.path == "d")
        #expect(issue.line == 7)
        #expect(issue.column == 18)
        #expect(issue.message.contains("not a real calendar date"))
        #expect(slot(v, 3) == .null)
    }

    @Test func rangeAndNestedPaths() throws {
        let (_, issues, _) = try read(#"{"id": "A", "sub": {"grade": 5}}"#)
        #expect(issues.map({ $0.path }) == ["sub.grade"])
        #expect(issues.first?.id == "record.out-of-range")
    }

    @Test func unknownFieldWarnsWithSuggestionAndIsKept() throws {
        let (v, issues, _) = try read(#"{"id": "A", "tagz": ["x"]}"#)
        #expect(issues.first?.severity == .warning)
        #expect(issues.first?.suggestion == "tags")
        guard case .object(let o)? = v else { Issue.record("not an object"); return }
        #expect(o.extras.map({ $0.name }) == ["tagz"])
    }

    @Test func missingRequiredField() throws {
        let (_, issues, _) = try read(#"{"n": 1}"#)
        #expect(issues.contains { $0.id == "record.missing-field" && $0.path == "id" })
    }

    @Test(arguments: [
        (#"{"id": "A""#, 10),
        (#"{"id": "A",}"#, 11),
        (#"{"id": "A"} x"#, 12),
        (#"{"id": tru}"#, 7)
    ])
    func syntaxErrorsCarryTheirOffset(json: String, offset: Int) throws {
        let (_, _, err) = try read(json)
        #expect(err?.hasPrefix("\(offset):") == true, "\(err ?? "no error")")
    }
}
