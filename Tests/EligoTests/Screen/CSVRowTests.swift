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
}
