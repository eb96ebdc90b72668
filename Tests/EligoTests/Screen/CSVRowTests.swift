import Testing
@testable import Eligo

/// The reviewer CSV's rows are written straight into bytes (ScreenRenderer.csvRow); each must
/// read as the cells joined with commas, each escaped as `csvEscaped` escapes it.
@Suite("reviewer CSV rows")
struct CSVRowTests {
    static let rules = Inline.ruleFile(
        """
        parts:
          - id: P
            title: Part P
            rules:
              - id: R
                title: Enough
                citation: test
                require: n >= 3
                messages:
                  fail: 'Only {n}, "too few"; see notes'
              - id: S
                title: Named
                citation: test
                require: present(s)
        """)

    @Test("quotes doubled, cells with commas or quotes quoted, joined cells quoted as a whole")
    func escapedLikeCSVEscaped() throws {
        let lib = Inline.library(rules: Self.rules)
        #expect(lib.errors.isEmpty, "\(lib.errors.map(\.message))")
        let r = try #require(Inline.report(lib, record: "id: \"A,1\"\nn: 2\nc: true\n"))
        let row = ScreenRenderer.row(r, .csv, explain: true, runOn: day("2014-12-01"))
        // The cells as the renderer's words give them, escaped one by one.
        let cells = [
            r.record.id ?? "", r.record.name ?? "", "", r.decision, r.asOf!.description,
            r.failedRuleIDs.joined(separator: ";"), r.unknownRuleIDs.joined(separator: ";"),
            ScreenRenderer.needs(r).joined(separator: ";"), ScreenRenderer.reasons(r).joined(separator: " | "),
            r.record.source ?? "", r.ruleSet!.id, r.ruleSet!.version, r.ruleSet!.digest, "2014-12-01"
        ]
        #expect(row == cells.map(\.csvEscaped).joined(separator: ",") + "\n")
        #expect(row.hasPrefix("\"A,1\",,,"))
        #expect(row.contains(",R;S,,,\"R: Only 2, \"\"too few\"\"; see notes | S: Not met: named.\","))
        var bytes: [UInt8] = Array("before\n".utf8)
        ScreenRenderer.row(r, .csv, explain: true, runOn: day("2014-12-01"), into: &bytes)
        #expect(String(decoding: bytes, as: UTF8.self) == "before\n" + row)
    }

    @Test("Markdown rows: each | in a cell escaped, the decision in words, reasons joined with <br>")
    func markdownRows() throws {
        let lib = Inline.library(
            rules: Inline.flowRules([
                "{id: R, title: Enough, citation: test, require: n >= 3, messages: {fail: \"Only {n} | too few\"}}",
                "{id: S, title: Named, citation: test, require: present(s)}",
                "{id: T, title: Dated, citation: test, require: d < as_of}"
            ]))
        #expect(lib.errors.isEmpty, "\(lib.errors.map(\.message))")
        let r = try #require(Inline.report(lib, record: "id: \"A|1\"\nn: 2\n"))
        #expect(ScreenRenderer.reasons(r) == ["R: Only 2 | too few", "S: Not met: named.", "T: This cannot be decided yet: d is needed."])
        #expect(
            ScreenRenderer.row(r, .markdown, explain: true)
                == "| A\\|1 |  | not eligible | R: Only 2 \\| too few<br>S: Not met: named.<br>T: This cannot be decided yet: d is needed. |\n")
        // Without a name or id, the row names where the record is.
        let anonymous = try #require(Inline.report(lib, record: "n: 5\ns: x\nd: 2014-01-01\n"))
        #expect(ScreenRenderer.row(anonymous, .markdown, explain: true) == "| record.yaml |  | eligible |  |\n")
    }
}
