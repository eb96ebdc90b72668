import Foundation
import Testing
@testable import Eligo

/// A rule file that holds nothing, or not a mapping, is named, not skipped; a `like:` circle
/// among tests is found by `rules lint` as by `rules test`.
@Suite("rule files that vanish") struct VanishingRuleFileTests {
    static func library(adding extra: [(String, String)]) -> RuleLibrary {
        var lib = RuleLibrary()
        lib.add(
            files: [
                (path: Inline.schemaPath, bytes: Array(Inline.schema.utf8)),
                (path: Inline.rulesPath, bytes: Array(Inline.ruleFile(Inline.rules([("N", "n >= 1", nil)])).utf8))
            ]
                + extra.map { (path: $0.0, bytes: Array($0.1.utf8)) })
        return lib
    }

    @Test(arguments: ["", "# rules to come\n", "---\n"])
    func anEmptyRuleFileIsNamed(text: String) {
        let lib = Self.library(adding: [("rules/new.yaml", text)])
        let d = lib.diagnostics.filter { $0.id == "rules.empty-file" }
        #expect(d.count == 1)
        #expect(d.first?.severity == .error)
        #expect(d.first?.message.contains("'rules/new.yaml' is empty") == true)
        #expect(d.first?.range?.file == "rules/new.yaml")
        // The rules that did load are still there.
        #expect(lib.ruleSets.count == 1)
    }

    @Test(arguments: [("- ruleset: x\n  applies_to: t\n", "a list"), ("just words\n", "a")])
    func aRootThatIsNotAMappingIsNamed(text: String, what: String) {
        let lib = Self.library(adding: [("rules/list.yaml", text)])
        let d = lib.diagnostics.filter { $0.id == "rules.not-a-mapping" }
        #expect(d.count == 1)
        #expect(d.first?.message.hasPrefix("'rules/list.yaml' holds \(what)") == true, "\(d.first?.message ?? "")")
        #expect(d.first?.range?.start == SourcePosition(line: 1, column: 1))
    }

    @Test func lintFindsLikeCircles() {
        let tests =
            RuleTestRunnerTests.base + """
                  - name: a
                    like: b
                  - name: b
                    like: a
                  - name: self
                    like: self
                  - name: c
                    like: a

                """
        let (run, diagnostics) = RuleTestRunnerTests.run(tests)
        let circles = diagnostics.filter { $0.id == "tests.like-cycle" }
        #expect(circles.count == 3)
        #expect(circles.contains { $0.message == "test 'self' is 'like' itself, so it has no record" })
        #expect(circles.contains { $0.message.hasSuffix("a → b → a") })
        #expect(circles.contains { $0.message.hasSuffix("b → a → b") })
        // `rules test` reports them as errors too.
        #expect(run.results.filter { $0.status == .error }.count == 4)
    }
}
