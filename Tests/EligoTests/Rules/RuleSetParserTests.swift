import Foundation
import Testing
@testable import Eligo

@Suite("Rule-set files")
struct RuleSetParserTests {
    static let full = Inline.ruleFile(
        """
        description: A small rule set exercising every section of the format.
        effective: {from: 2014-09-01, to: 2015-08-31}
        as_of: d
        record_label: person.name
        decisions: {pass: yes_please, fail: no_thanks, unknown: tell_me_more, invalid: broken}
        parameters:
          opens:
            type: date
            value: 2014-10-13
            description: Window opens.
          min_age:
            type: int
            value: 18
          roles:
            type: list<string>
            value: [head, deputy]
          floor:
            type: decimal
            by: [phase, year]
            values:
              primary: {2013: 60, 2014: 65}
        derived:
          age: person.age
        parts:
          - id: A
            title: Part A
            rules:
              - id: A1
                title: Old enough
                citation:
                  source: The Act, section 1
                  text: "Applicants must be adults."
                  interpretation: Adult read as 18 or over.
                statement: You are at least {min_age}.
                require: age >= min_age
                messages:
                  pass: You are {age}, at least {min_age}.
                  fail: "You are {age}; {{min_age}} is {min_age}."
                  unknown: We need {person.name ?? "your"} age.
              - id: A2
                title: A role that counts
                severity: advisory
                citation: A circular, 2014
                when: present(role)
                require: role in roles and d >= opens and floor["primary"][year(d)] > 60
                messages:
                  fail: Your role is {role}.

        """)

    @Test("a rule file with every section parses into a rule set")
    func fullFile() throws {
        let lib = Inline.library(rules: Self.full)
        #expect(lib.diagnostics.isEmpty, "\(lib.diagnostics.map { "\($0.id) \($0.message)" })")
        let set = try #require(lib.ruleSets.first)
        #expect(set.id == "test-rules")
        #expect(set.title == "Test rules")
        #expect(set.version == "1")
        #expect(set.kind == "t")
        #expect(set.effectiveFrom == day("2014-09-01"))
        #expect(set.effectiveTo == day("2015-08-31"))
        #expect(set.asOfField == "d")
        #expect(set.decisions.pass == "yes_please")
        #expect(set.decisions.fail == "no_thanks")
        #expect(set.decisions.unknown == "tell_me_more")
        #expect(set.decisions.invalid == "broken")
        #expect(set.parameters.map({ $0.name }) == ["opens", "min_age", "roles", "floor"])
        #expect(set.parameters[0].value == .date(day("2014-10-13")))
        #expect(set.parameters[0].description == "Window opens.")
        #expect(set.parameters[1].value == .int(18))
        #expect(set.parameters[2].value == .list([.string("head"), .string("deputy")]))
        #expect(set.parameters[2].type == .list(.string))
        #expect(set.parameters[3].value == .map([.string("primary"): .map([.int(2013): .decimal(60), .int(2014): .decimal(65)])]))
        #expect(set.parts.map({ $0.id }) == ["A"])
        #expect(set.parts[0].title == "Part A")
        let a1 = set.parts[0].rules[0]
        #expect(a1.id == "A1")
        #expect(a1.severity == .required)
        #expect(a1.citation?.source == "The Act, section 1")
        #expect(a1.citation?.text == "Applicants must be adults.")
        #expect(a1.citation?.interpretation == "Adult read as 18 or over.")
        #expect(a1.statement == "You are at least {min_age}.")
        #expect(a1.range.start.line == locate("- id: A1", in: Self.full)?.line)
        let a2 = set.parts[0].rules[1]
        #expect(a2.severity == .advisory)
        #expect(a2.citation?.source == "A circular, 2014")
        #expect(set.digest.hasPrefix("sha256:"))
        #expect(set.digest.count == "sha256:".count + 64)
        #expect(set.files == [Inline.schemaPath, Inline.rulesPath].sorted())
    }

    @Test("messages fill their holes with the record's values")
    func messages() throws {
        let lib = Inline.library(rules: Self.full)
        let pass = try #require(Inline.report(lib, record: "person: {name: Ann, age: 40}\nrole: head\nd: 2014-11-03\n"))
        #expect(pass.record.name == "Ann")
        #expect(pass.decision == "yes_please")
        #expect(pass.rules.map({ $0.message }) == ["You are 40, at least 18.", "Met: a role that counts."])
        let fail = try #require(Inline.report(lib, record: "person: {age: 17}\nrole: other\nd: 2014-11-03\n"))
        #expect(fail.decision == "no_thanks")
        #expect(fail.rules.map({ $0.message }) == ["You are 17; {min_age} is 18.", "Your role is other."])
        let unknown = try #require(Inline.report(lib, record: "d: 2014-11-03\n"))
        #expect(unknown.decision == "tell_me_more")
        #expect(unknown.rules[0].message == "We need your age.")
        #expect(unknown.rules[1].outcome == .notApplicable)
        #expect(unknown.rules[1].message == "Does not apply.")
        let noRole = try #require(Inline.report(lib, record: "person: {age: 40}\nrole: head\n"))
        #expect(noRole.rules[1].outcome == .unknown)
        #expect(noRole.rules[1].message == "This cannot be decided yet: d is needed.")
    }

    @Test("the digest depends on the exact rule text")
    func digest() throws {
        let a = try #require(Inline.library(rules: Self.full).ruleSets.first?.digest)
        let b = try #require(Inline.library(rules: Self.full).ruleSets.first?.digest)
        let c = try #require(Inline.library(rules: Self.full.replacingOccurrences(of: "value: 18", with: "value: 19")).ruleSets.first?.digest)
        #expect(a == b)
        #expect(a != c)
    }

    // MARK: - Structural problems

    static func diagnostics(_ body: String) -> (text: String, lib: RuleLibrary) {
        let text = Inline.ruleFile(body)
        return (text, Inline.library(rules: text))
    }

    @Test("rule-level mistakes are reported at their keys")
    func ruleMistakes() throws {
        let (text, lib) = Self.diagnostics(
            """
            parts:
              - id: P
                title: Part
                rules:
                  - id: R1
                    title: One
                    citation: test
                    requires: n > 1
                  - id: R1
                    title: Two
                    citation: test
                    severity: advisroy
                    require: n > 2
                  - id: R3
                    title: Three
                    require: n > 3

            """)
        #expect(lib.ruleSets.isEmpty)
        // One mistake, one diagnostic: the misspelt key is the missing 'require', reported where it is written.
        #expect(!lib.diagnostics.contains { $0.id == "rules.unknown-key" })
        let missing = try #require(lib.diagnostics.first { $0.id == "rules.missing-key" })
        #expect(missing.message.contains("'require'"))
        #expect(missing.suggestion == "require")
        #expect(missing.range?.start == locate("requires:", in: text))
        let duplicate = try #require(lib.diagnostics.first { $0.id == "rules.duplicate-id" })
        #expect(duplicate.range?.start == locate("R1", in: text, occurrence: 2))
        #expect(duplicate.notes.first?.range?.start == locate("R1", in: text))
        let severity = try #require(lib.diagnostics.first { $0.id == "rules.bad-severity" })
        #expect(severity.suggestion == "advisory")
        #expect(severity.range?.start == locate("advisroy", in: text))
        let citation = try #require(lib.diagnostics.first { $0.id == "rules.no-citation" })
        #expect(citation.severity == .warning)
        #expect(citation.range?.start == locate("R3", in: text))
        #expect(lib.errors.count == 3)
    }

    @Test(
        "parameter mistakes",
        arguments: [
            ("type: date\n    value: 2014-02-30", "rules.bad-parameter", "2014-02-30"),
            ("type: itn\n    value: 3", "rules.unknown-type", "itn"),
            ("type: int\n    value: three", "rules.bad-parameter", "three"),
            ("type: int", "rules.missing-key", "p:"),
            ("type: list<int>\n    value: [1, x]", "rules.bad-parameter", "x]")
        ])
    func parameterMistakes(declaration: String, id: String, needle: String) throws {
        let (text, lib) = Self.diagnostics(
            """
            parameters:
              p:
                \(declaration)
            parts:
              - id: P
                rules:
                  - {id: R, title: R, citation: test, require: n > 0}

            """)
        #expect(lib.ruleSets.isEmpty)
        let d = try #require(lib.errors.first)
        #expect(lib.errors.count == 1, "\(lib.errors.map({ $0.message }))")
        #expect(d.id == id)
        #expect(d.range?.file == Inline.rulesPath)
        let expected = try #require(locate(needle, in: text))
        if id == "rules.missing-key" {
            // At the parameter's mapping.
            #expect(d.range?.start.line == expected.line + 1)
        } else {
            #expect(d.range?.start == expected, "\(d.message)")
        }
        if id == "rules.unknown-type" { #expect(d.suggestion == "int") }
    }

    @Test(
        "part-level mistakes",
        arguments: [
            ("for_each: p periods", "rules.bad-for-each", "p periods"),
            ("for_each: p in n", "check.type-mismatch", "n\n"),
            ("counted_through: R9", "rules.unknown-rule", "R9"),
            ("subject: n", "rules.subject-without-for-each", "n\n"),
            ("let: {x: n}", "rules.let-without-for-each", "{x: n}")
        ])
    func partMistakes(line: String, id: String, needle: String) throws {
        let (text, lib) = Self.diagnostics(
            """
            parts:
              - id: P
                \(line)
                rules:
                  - {id: R1, title: R, citation: test, require: n > 0}

            """)
        #expect(lib.ruleSets.isEmpty)
        let d = try #require(lib.errors.first)
        #expect(lib.errors.count == 1, "\(lib.errors.map({ $0.message }))")
        #expect(d.id == id)
        let lineNumber = try #require(locate(line, in: text)?.line)
        #expect(d.range?.start.line == lineNumber)
        if !needle.hasSuffix("\n") {
            #expect(d.range?.start == locate(needle, in: text))
        }
        if id == "rules.unknown-rule" { #expect(d.suggestion == "R1") }
    }

    @Test("template holes are checked at their position in the message")
    func templateErrors() throws {
        let (text, lib) = Self.diagnostics(
            """
            parts:
              - id: P
                rules:
                  - id: R
                    title: R
                    citation: test
                    require: n > 0
                    messages:
                      fail: You have {person.nmae} and {n + }.
                      pass: "Unclosed {n"

            """)
        #expect(lib.ruleSets.isEmpty)
        #expect(lib.errors.map({ $0.id }) == ["check.unknown-field", "parse.syntax", "rules.template-unclosed"])
        #expect(lib.errors[0].range?.start == locate("nmae", in: text))
        #expect(lib.errors[0].suggestion == "name")
        #expect(lib.errors[1].range?.start == locate("}.", in: text))
        #expect(lib.errors[2].range?.start == locate("{n\"", in: text))
    }

    @Test("names resolve to locals, then as_of, then derived values, then parameters, then record fields")
    func nameResolution() throws {
        let (text, lib) = Self.diagnostics(
            """
            parameters:
              n:
                type: int
                value: 10
              m:
                type: int
                value: 20
            derived:
              m: n + 1
            parts:
              - id: P
                rules:
                  - {id: PARAM, title: R, citation: test, require: n = 10}
                  - {id: DERIVED, title: R, citation: test, require: m = 11}
                  - id: LOCAL
                    title: R
                    citation: test
                    require: |
                      any n in nums: n = 3

            """)
        #expect(lib.errors.isEmpty, "\(lib.errors.map({ $0.message }))")
        let shadow = lib.diagnostics.filter { $0.id == "rules.shadowed-field" }
        #expect(shadow.map({ $0.severity }) == [.warning, .warning])
        #expect(shadow.first?.range?.start == locate("  n:", in: text).map { SourcePosition(line: $0.line, column: 3) })
        let report = try #require(Inline.report(lib, record: "n: 1\nm: 2\nnums: [3]\n"))
        #expect(report.rules.map({ $0.outcome }) == [.pass, .pass, .pass])
    }

    // MARK: - Files and kinds

    @Test("a rule set must name a known record kind")
    func kinds() throws {
        var lib = RuleLibrary()
        lib.add(files: [
            (path: Inline.schemaPath, bytes: Array(Inline.schema.utf8)),
            (path: "a.yaml", bytes: Array(Inline.rule("n > 0").replacingOccurrences(of: "applies_to: t", with: "applies_to: tt").utf8)),
            (path: "b.yaml", bytes: Array(Inline.rule("n > 0").replacingOccurrences(of: "applies_to: t\n", with: "").utf8)),
            (path: "c.yaml", bytes: Array("tests: []\n".utf8)),
            (path: "d.yaml", bytes: Array("something: else\n".utf8))
        ])
        #expect(lib.ruleSets.isEmpty)
        let unknownKind = try #require(lib.diagnostics.first { $0.id == "rules.unknown-kind" })
        #expect(unknownKind.range?.file == "a.yaml")
        #expect(unknownKind.suggestion == "t")
        let missing = try #require(lib.diagnostics.first { $0.id == "rules.missing-key" })
        #expect(missing.range?.file == "b.yaml")
        #expect(missing.message.contains("applies_to"))
        let skipped = lib.diagnostics.filter { $0.id == "rules.unknown-file" }
        #expect(skipped.map({ $0.range?.file }) == ["d.yaml"])
        #expect(skipped.first?.severity == .warning)
        #expect(lib.errors.count == 2)
    }

    @Test("a YAML syntax error in a rule file is a located diagnostic")
    func yamlSyntaxError() throws {
        let text = Inline.rule("n > 0") + "  - id: [unclosed\n"
        let lib = Inline.library(rules: text)
        #expect(lib.ruleSets.isEmpty)
        let d = try #require(lib.errors.first)
        #expect(d.id == "yaml.syntax")
        #expect(d.range?.file == Inline.rulesPath)
    }

    @Test("a record kind declared twice is an error")
    func duplicateSchema() {
        var lib = RuleLibrary()
        lib.add(files: [(path: "s1.yaml", bytes: Array(Inline.schema.utf8)), (path: "s2.yaml", bytes: Array(Inline.schema.utf8))])
        #expect(lib.diagnostics.map({ $0.id }) == ["rules.duplicate-schema"])
        #expect(lib.schemas["t"]?.file == "s1.yaml")
    }

    @Test("the rule set in force is chosen by the assessment date")
    func effectiveDates() throws {
        func set(_ id: String, _ from: String, _ to: String) -> [UInt8] {
            Array(
                Inline.rule("n > 0").replacingOccurrences(of: "ruleset: test-rules", with: "ruleset: \(id)\neffective: {from: \(from), to: \(to)}")
                    .utf8)
        }
        var lib = RuleLibrary()
        lib.add(files: [
            (path: Inline.schemaPath, bytes: Array(Inline.schema.utf8)),
            (path: "r2014.yaml", bytes: set("r2014", "2014-09-01", "2015-08-31")),
            (path: "r2015.yaml", bytes: set("r2015", "2015-09-01", "2016-08-31"))
        ])
        #expect(lib.errors.isEmpty)
        #expect(try lib.ruleSet(for: "t", on: day("2014-11-03")).get().id == "r2014")
        #expect(try lib.ruleSet(for: "t", on: day("2015-08-31")).get().id == "r2014")
        #expect(try lib.ruleSet(for: "t", on: day("2015-09-01")).get().id == "r2015")
        guard case .failure(.noneInForce) = lib.ruleSet(for: "t", on: day("2013-01-01")) else {
            Issue.record("expected no rule set in force")
            return
        }
        guard case .failure(.ambiguous) = lib.ruleSet(for: "t", on: nil) else {
            Issue.record("expected an ambiguous choice without a date")
            return
        }
        guard case .failure(.noRuleSet) = lib.ruleSet(for: "other", on: day("2014-11-03")) else {
            Issue.record("expected no rule set for another kind")
            return
        }
        // A record is checked by the rule set in force on its as_of date.
        let report = try #require(
            lib.check(
                bytes: Array("n: 1\n".utf8), path: "r.yaml",
                options: CheckOptions(asOf: day("2015-10-01"), today: day("2015-10-01"))
            ).first)
        #expect(report.ruleSet?.id == "r2015")
    }

    @Test("loading a folder that does not exist is an error, not a crash")
    func missingFolder() {
        let lib = RuleLibrary.load(directory: "/nonexistent/eligo-rules")
        #expect(lib.ruleSets.isEmpty)
        #expect(lib.diagnostics.map({ $0.id }) == ["io.no-rules"])
    }
}
