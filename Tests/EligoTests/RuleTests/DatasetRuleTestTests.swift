import Testing
@testable import Eligo

/// Test cases for a dataset rule set (one report per record): expectations per
/// rule per subject (the record's id), coverage across every record's report,
/// and `parameters:` for a rule only another setting can make fail.
@Suite("rules test: dataset test cases")
struct DatasetRuleTestTests {
    static let dataset = """
        tests:
          - name: overlap
            record:
              kind: lle-dataset
              as_of: 2015-06-30
              tsas:
                - {id: TSA-A, name: Alliance A, pilot_participant: false}
                - {id: TSA-B, name: Alliance B, pilot_participant: false}
              lles:
                - {id: LLE-1, name: Pat Lee, home_school_urn: "100001", designated_on: 2013-09-01, route: nctl_national, status: active}
                - {id: LLE-2, name: Sam Roe, home_school_urn: "100002", designated_on: 2013-09-01, route: nctl_national, status: active}
              associations:
                - {id: A-1, lle_id: LLE-1, tsa_id: TSA-A, start: 2014-10-01, initiated_by: lle}
                - {id: A-2, lle_id: LLE-1, tsa_id: TSA-B, start: 2015-03-01, initiated_by: lle}

        """

    static func run(_ tests: String) throws -> (RuleTestRun, [Diagnostic]) {
        let node = try YAMLLoader.load(text: tests, path: "ds.yaml").documents[0].get()
        let (parsed, diagnostics) = RuleTestFile.parse(node, path: "ds.yaml")
        let runner = RuleTestRunner(library: DS.library, today: day("2015-06-30"))
        return (runner.run([parsed]), diagnostics + runner.lint([parsed]))
    }

    @Test("a breach expected on one subject passes; the decision is the worst record's")
    func breachOnOneSubject() throws {
        let (run, diagnostics) = try Self.run(
            Self.dataset + """
                    decision: breach
                    rules:
                      AS-2:
                        - {subject: LLE-1, outcome: fail, message_contains: A-2}
                        - {subject: LLE-2, outcome: pass}
                      AS-6: {subject: LLE-2, outcome: pass}
                      AS-0: pass

                """)
        #expect(diagnostics.isEmpty)
        let result = try #require(run.results.first)
        #expect(result.status == .passed, "\(result.mismatches.map { "\($0.what): \($0.expected) / \($0.actual)" })")
        // Coverage counts outcomes from every record's report.
        let as2 = try #require(run.coverage.entries.first { $0.ruleSetID == "association-deployment" && $0.ruleID == "AS-2" })
        #expect(as2.pass && as2.fail)
        let as0 = try #require(run.coverage.entries.first { $0.ruleSetID == "association-deployment" && $0.ruleID == "AS-0" })
        #expect(as0.pass && !as0.fail)
    }

    @Test("the wrong outcome for a subject fails with a readable message")
    func wrongOutcomeForSubject() throws {
        let (run, _) = try Self.run(
            Self.dataset + """
                    decision: compliant
                    rules:
                      AS-2: {subject: LLE-1, outcome: pass}
                      AS-7: {subject: TSA-Z, outcome: pass}

                """)
        let result = try #require(run.results.first)
        #expect(result.status == .failed)
        let decision = try #require(result.mismatches.first { $0.what == "decision" })
        #expect(decision.expected == "compliant" && decision.actual == "breach")
        #expect(decision.explanation.contains { $0.hasPrefix("AS-2 for LLE-1 fail:") })
        let m = try #require(result.mismatches.first { $0.what.hasPrefix("AS-2 for LLE-1") })
        #expect(m.what == "AS-2 for LLE-1 One TSA or grouping at a time")
        #expect(m.expected == "pass" && m.actual == "fail")
        #expect(m.explanation.first?.contains("A-1") == true && m.explanation.first?.contains("A-2") == true)
        let missing = try #require(result.mismatches.first { $0.what == "AS-7 for TSA-Z" })
        #expect(missing.actual == "no result for subject 'TSA-Z'; the subjects are TSA-A and TSA-B")

        let text = RuleTestTextRenderer().render(run, minCoverage: nil)
        #expect(text.contains("AS-2 for LLE-1 One TSA or grouping at a time"))
        #expect(text.contains("expected: pass"))
        #expect(text.contains("actual:   fail"))
    }

    @Test("parameters: a test sets another value; an unknown name is a diagnostic")
    func parameters() throws {
        let (run, _) = try Self.run(
            Self.dataset + """
                    parameters: {unassociated_is_breach: true}
                    rules:
                      AS-6: {subject: LLE-2, outcome: fail}
                  - name: default
                    like: overlap
                    rules:
                      AS-6: {subject: LLE-2, outcome: pass}

                """)
        #expect(run.results.map({ $0.status }) == [.passed, .passed])
        let (_, diagnostics) = try Self.run(
            Self.dataset + """
                    parameters: {unassociated_is_brech: true}

                """)
        let d = try #require(diagnostics.first { $0.id == "tests.unknown-parameter" })
        #expect(d.suggestion == "unassociated_is_breach")
    }
}
