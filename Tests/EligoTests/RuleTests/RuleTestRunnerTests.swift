import Foundation
#if canImport(FoundationXML)
import FoundationXML
#endif
import Testing
@testable import Eligo

@Suite("rules test: test cases, failures, coverage")
struct RuleTestRunnerTests {
    /// Rules over the inline schema: one plain rule, one optional-field rule, one per-item part.
    static let rules = Inline.ruleFile(
        """
        parameters:
          min_n: {type: int, value: 3}
        parts:
          - id: A
            title: Part A
            rules:
              - id: N
                title: Enough
                citation: test
                require: n >= min_n
                messages:
                  fail: You have {n}; {min_n} are needed.
              - id: ROLE
                title: A head
                citation: test
                require: role = "head"
              - id: ANY
                title: Some acting period
                citation: test
                require: passes_part("P", periods[0])
          - id: P
            title: Per period
            for_each: p in periods
            subject: p.role
            counted_through: ANY
            rules:
              - id: ENDED
                title: Has ended
                citation: test
                require: present(p.end)

        """)

    static func run(_ tests: String, rules: String = rules, file: String = "tests.yaml") -> (RuleTestRun, [Diagnostic]) {
        let lib = Inline.library(rules: rules)
        let node = try! YAMLLoader.load(text: tests, path: file).documents[0].get()
        let (parsed, diagnostics) = RuleTestFile.parse(node, path: file)
        let runner = RuleTestRunner(library: lib, today: day("2014-11-03"))
        return (runner.run([parsed]), diagnostics + runner.lint([parsed]))
    }

    static let base = """
        tests:
          - name: base
            record:
              n: 4
              role: head
              periods:
                - {role: acting, start: 2012-01-01, end: 2013-01-01}
            decision: eligible
            rules:
              N: pass
              ROLE: pass
              ENDED: {subject: acting, outcome: pass}

        """

    @Test("a passing file: every case passes")
    func passing() {
        let (run, diagnostics) = Self.run(
            Self.base + """
                  - name: too few
                    like: base
                    with:
                      n: 2
                    decision: not_eligible
                    rules: {N: {outcome: fail, message_contains: "You have 2; 3 are needed."}}
                  - name: no role
                    like: base
                    without: [role]
                    decision: incomplete
                    rules: {ROLE: unknown}

                """)
        #expect(diagnostics.isEmpty)
        #expect(
            run.results.map({ $0.status }) == [.passed, .passed, .passed],
            "\(run.results.map { $0.mismatches.map({ $0.actual }) + $0.problems.map({ $0.message }) })")
    }

    @Test("a parameter changed under a test's feet: the failure shows expected, actual and why")
    func parameterChanged() throws {
        let changed = Self.rules.replacing("min_n: {type: int, value: 3}", with: "min_n: {type: int, value: 5}")
        let (run, _) = Self.run(Self.base, rules: changed)
        let result = try #require(run.results.first)
        #expect(result.status == .failed)
        let decision = try #require(result.mismatches.first { $0.what == "decision" })
        #expect(decision.expected == "eligible" && decision.actual == "not_eligible")
        #expect(decision.explanation.contains("N fail: “You have 4; 5 are needed.”"))
        let n = try #require(result.mismatches.first { $0.what == "N Enough" })
        #expect(n.expected == "pass" && n.actual == "fail")
        #expect(n.explanation.contains("“You have 4; 5 are needed.”"))
        #expect(n.explanation.contains("based on: n = 4"))
        #expect(n.range?.start == locate("N: pass", in: Self.base))

        let text = RuleTestTextRenderer().render(run, minCoverage: nil)
        let name = try #require(locate("base", in: Self.base)), line = try #require(locate("N: pass", in: Self.base)).line
        #expect(text.contains("✘ base  (tests.yaml:\(name.line):\(name.column))"))
        #expect(
            text.contains(
                """
                      N Enough  (line \(line))
                        expected: pass
                        actual:   fail
                          “You have 4; 5 are needed.”
                          based on: n = 4
                """))
        #expect(text.contains("1 test: 0 passed, 1 failed"))
    }

    @Test("subjects of per-item rules, and a subject that is not there")
    func subjects() throws {
        let (run, _) = Self.run(
            Self.base + """
                  - name: wrong subject
                    like: base
                    rules:
                      ENDED: {subject: substantive, outcome: pass}

                """)
        let m = try #require(run.results[1].mismatches.first)
        #expect(m.actual == "no result for subject 'substantive'; the subjects are acting")
    }

    @Test("with/without edit the base record; a bad path is reported with its place")
    func edits() throws {
        let (run, _) = Self.run(
            Self.base + """
                  - name: two periods
                    like: base
                    with:
                      periods[1]: {role: substantive, start: 2013-01-01}
                    rules:
                      ENDED:
                        - {subject: acting, outcome: pass}
                        - {subject: substantive, outcome: fail}
                  - name: bad path
                    like: base
                    with:
                      periods[5].end: 2014-01-01

                """)
        #expect(run.results[1].status == .passed, "\(run.results[1].mismatches.map({ $0.actual }))")
        #expect(run.results[2].status == .error)
        #expect(run.results[2].problems.first?.message.contains("'periods' has 1 item, so there is no 'periods[5]'") == true)
    }

    @Test("mistakes in a test file are diagnostics at their place")
    func testFileMistakes() {
        let text = """
            tests:
              - name: a
                record: {n: 1}
                rules: {NN: pass, N: passs}
                decision: eligble
              - name: b
                like: c
              - name: a
                record: {n: 2}

            """
        let (_, diagnostics) = Self.run(text)
        let ids = diagnostics.map({ $0.id }).sorted()
        #expect(ids == ["tests.bad-decision", "tests.bad-outcome", "tests.duplicate-name", "tests.unknown-rule", "tests.unknown-test"])
        #expect(diagnostics.first { $0.id == "tests.unknown-rule" }?.suggestion == "N")
        #expect(diagnostics.first { $0.id == "tests.bad-outcome" }?.suggestion == "pass")
        #expect(diagnostics.first { $0.id == "tests.bad-decision" }?.suggestion == "eligible")
        #expect(diagnostics.first { $0.id == "tests.bad-outcome" }?.range?.start == locate("passs", in: text))
    }

    @Test("an invalid test record fails the test unless it expects invalid")
    func invalidRecord() {
        let (run, _) = Self.run(
            """
            tests:
              - name: bad date
                record: {n: 4, role: head, periods: [{role: acting, start: 2014-02-30}]}
              - name: expected invalid
                record: {n: 4, role: head, periods: [{role: acting, start: 2014-02-30}]}
                decision: invalid

            """)
        #expect(run.results[0].status == .failed)
        #expect(run.results[0].problems.first?.message.contains("is not a real calendar date") == true)
        #expect(run.results[1].status == .passed)
    }

    @Test("coverage: pass and fail per rule; unknown only for rules that read an optional field")
    func coverage() throws {
        let (run, _) = Self.run(Self.base)
        let cov = run.coverage
        let n = try #require(cov.entries.first { $0.ruleID == "N" })
        #expect(n.pass && !n.fail && !n.unknown && n.canBeUnknown)  // n is optional
        #expect(cov.entries.first { $0.ruleID == "ENDED" }?.canBeUnknown == false)  // present() is never unknown
        #expect(cov.covered == 4)  // N, ROLE, ANY, ENDED pass
        #expect(cov.total == 8)
        #expect(cov.percent == 50)
        let text = RuleTestTextRenderer().render(run, minCoverage: 100)
        #expect(text.contains("4 of 8 outcomes, 50% — below the 100% required"))
        #expect(text.contains("test-rules 1 N (Enough): no test makes it fail or unknown"))
    }

    @Test("the unknown analysis of the shipped LLE rules")
    func shippedUnknowns() {
        let lib = RuleLibrary.load(directory: TestRepo.path("rules"))
        let cov = RuleCoverage(ruleSets: lib.ruleSets)
        let cannot = cov.entries.filter { $0.version == "2014.1" && !$0.canBeUnknown }.map({ $0.ruleID })
        // A1 reads only required fields; R1's when checks present(submitted_on); W1 uses '?? false'.
        #expect(cannot == ["LLE-A1", "LLE-R1", "LLE-W1"])
    }

    @Test("a table value a test looks up and the table lacks is listed")
    func tableMisses() throws {
        let rules = Inline.rule("t[n] > 1", extra: "parameters:\n  t: {type: int, by: [year], values: {2013: 5, 2014: 6}}\n")
        let (run, _) = Self.run("tests:\n  - name: a\n    record: {n: 2015}\n  - name: b\n    record: {n: 2014}\n", rules: rules)
        #expect(run.tableMisses.map { "\($0.table)\($0.keys)" } == ["t[\"2015\"]"])
        #expect(run.tableMisses.first?.testName == "a")
    }

    @Test("JUnit XML is well-formed and counts failures")
    func junit() throws {
        let changed = Self.rules.replacing("min_n: {type: int, value: 3}", with: "min_n: {type: int, value: 5}")
        let (run, _) = Self.run(Self.base + "  - name: \"quotes \\\" & <angles>\"\n    like: base\n", rules: changed)
        let xml = RuleTestJUnitRenderer.render(run, minCoverage: 90)
        let doc = try XMLDocument(xmlString: xml)
        let root = try #require(doc.rootElement())
        #expect(root.name == "testsuites")
        #expect(root.attribute(forName: "tests")?.stringValue == "4")  // 2 tests + 1 rule set + min-coverage
        #expect(root.attribute(forName: "failures")?.stringValue == "3")  // base, the rule set gaps, the minimum
        let cases = try doc.nodes(forXPath: "//testcase") as! [XMLElement]
        let names = cases.compactMap { $0.attribute(forName: "name")?.stringValue }
        #expect(names.contains("quotes \" & <angles>"))
        let failure = try #require(try doc.nodes(forXPath: "//testcase[@name='base']/failure").first as? XMLElement)
        let withProblem = RuleTestJUnitRenderer.render(
            run, minCoverage: nil,
            problems: [
                .error(
                    "tests.bad-outcome", "'pas' is not an outcome", at: SourceRange(file: "t.yaml", at: SourcePosition(line: 3, column: 9)),
                    suggestion: "pass")
            ])
        let doc2 = try XMLDocument(xmlString: withProblem)
        let error = try #require(try doc2.nodes(forXPath: "//testsuite[@name='test files']/testcase/error").first as? XMLElement)
        #expect(error.attribute(forName: "type")?.stringValue == "tests.bad-outcome")
        #expect(error.stringValue == "t.yaml:3:9: 'pas' is not an outcome (did you mean 'pass'?)")
        #expect(failure.stringValue?.contains("expected: pass") == true)
        #expect(failure.stringValue?.contains("You have 4; 5 are needed.") == true)
    }

    @Test("records by file, relative to the test file; a missing or bad file is a diagnostic")
    func recordFiles() throws {
        let dir = NSTemporaryDirectory() + "eligo-rule-tests-" + UUID().uuidString
        try FileManager.default.createDirectory(atPath: dir + "/tests/records", withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: dir) }
        try "n: 4\nrole: head\nperiods: []\n".write(toFile: dir + "/tests/records/ok.yaml", atomically: true, encoding: .utf8)
        try "- 1\n- 2\n".write(toFile: dir + "/tests/records/list.yaml", atomically: true, encoding: .utf8)
        try """
        tests:
          - name: from a file
            file: records/ok.yaml
            rules: {N: pass, ROLE: pass}
          - name: missing
            file: records/gone.yaml
          - name: a list
            file: records/list.yaml

        """.write(toFile: dir + "/tests/cases.yaml", atomically: true, encoding: .utf8)
        let loaded = RuleTestRunner.loadFiles(directory: dir)
        #expect(loaded.diagnostics.isEmpty)
        let runner = RuleTestRunner(library: Inline.library(rules: Self.rules), today: day("2014-11-03"))
        let lint = runner.lint(loaded.files)
        #expect(lint.map({ $0.id }) == ["tests.missing-file", "tests.bad-record"])
        #expect(lint.first?.message == "cannot read the record file '\(dir)/tests/records/gone.yaml'")
        let run = runner.run(loaded.files)
        #expect(run.results.map({ $0.status }) == [.passed, .error, .failed])
    }

    @Test("every diagnostic id in the sources is in the catalogue, and docs/diagnostics.md explains each")
    func catalogue() throws {
        let docs = try TestRepo.text("docs/diagnostics.md")
        for entry in DiagnosticCatalog.entries {
            #expect(docs.contains("| `\(entry.id)` |"), "docs/diagnostics.md has no row for \(entry.id)")
        }
        let sources = try FileManager.default.subpathsOfDirectory(atPath: TestRepo.path("Sources/Eligo")).filter { $0.hasSuffix(".swift") }
        let pattern = try Regex(#""((?:rules|check|parse|yaml|io|schema|tests)\.[a-z-]+)""#)
        for file in sources {
            let text = try TestRepo.text("Sources/Eligo/" + file)
            for match in text.matches(of: pattern) {
                let id = String(match.output[1].substring!)
                #expect(DiagnosticCatalog.entry(id) != nil, "\(id) (in \(file)) is not in DiagnosticCatalog")
            }
        }
    }
}
