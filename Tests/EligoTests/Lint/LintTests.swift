import Foundation
import Testing
@testable import Eligo

/// A rule-file text with `⟪` markers where diagnostics are expected: the
/// markers are removed and their positions kept, so each expected position is
/// visible in the source of the test (as swift-syntax's tests do).
struct Marked {
    var text: String
    var positions: [SourcePosition]

    init(_ marked: String) {
        var lines: [String] = []
        var positions: [SourcePosition] = []
        for (i, line) in marked.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
            var out = ""
            var column = 1
            for c in line {
                if c == "⟪" { positions.append(SourcePosition(line: i + 1, column: column)); continue }
                out.append(c)
                column += 1
            }
            lines.append(out)
        }
        text = lines.joined(separator: "\n")
        self.positions = positions
    }
}

@Suite("rules lint: authoring mistakes")
struct LintTests {
    /// Ten different mistakes; each marker is where its diagnostic must point.
    static let tenMistakes = Marked(
        """
        ruleset: test-rules
        title: Test rules
        version: "1"
        applies_to: t
        parameters:
          min_n:
            type: int
            value: 3
          ⟪spare:
            type: int
            value: 4
          roles:
            type: list<string>
            value: [head, ⟪deptuy]
          floor:
            type: decimal
            by: [phase, year]
            values:
              primary: {2012: 60, 2013: 60, 2014: 65}
              ⟪secondary: {2012: 40, 2014: 40}
        derived:
          loop_a: loop_b + 1
          loop_b: ⟪loop_a + 1
        parts:
          - id: P
            title: Part P
            rules:
              - id: R1
                title: Old enough
                citation: The Act
                require: n >= min_n and role in roles
              - id: ⟪R1
                title: Again
                citation: The Act
                require: ⟪min_n > 2
              - id: ⟪R3
                title: No source
                require: passes_part(⟪"Q", person)
              - id: R4
                title: Message
                citation: The Act
                require: present(n) and loop_a > 0
                messages:
                  fail: You gave {⟪nn}, against a floor of {floor["primary"][2014]}.
              - id: R5
                title: Field
                citation: The Act
                require: person.⟪agee > 18
        """)

    static let expectedIDs = [
        "rules.unused-parameter", "check.unknown-enum-value", "rules.table-missing-key", "check.cyclic-derived",
        "rules.duplicate-id", "check.constant-condition", "rules.no-citation", "check.unknown-part",
        "check.unknown-name", "check.unknown-field"
    ]

    @Test("a rule file with ten different mistakes gives ten diagnostics, each at its line and column")
    func tenMistakesTenDiagnostics() throws {
        let file = Self.tenMistakes
        try #require(file.positions.count == 10)
        let lib = Inline.library(rules: file.text)
        let found = lib.diagnostics.filter { $0.severity != .note }
        #expect(found.count == 10, "\(found.map { "\($0.range?.description ?? "-") \($0.id): \($0.message)" })")
        for (i, id) in Self.expectedIDs.enumerated() {
            let at = file.positions[i]
            let match = found.first { $0.id == id && $0.range?.start == at && $0.range?.file == Inline.rulesPath }
            #expect(match != nil, "expected \(id) at \(at); got \(found.map { "\($0.id)@\($0.range?.start.description ?? "-")" })")
        }
        // The same ten, once each, in the text a policy officer reads.
        let text = DiagnosticFormatter(sources: lib.sources).format(lib.diagnostics)
        for (i, id) in Self.expectedIDs.enumerated() {
            #expect(text.contains("\(Inline.rulesPath):\(file.positions[i].line):\(file.positions[i].column): "), "\(id)")
            #expect(text.contains("[\(id)]"))
        }
        #expect(text.contains("did you mean 'deputy'?"))
        #expect(text.contains("did you mean 'age'?"))
    }

    /// Eleven more mistakes, of the kinds that tend to hide or multiply others: a
    /// duplicate key, misspelt required keys, a bad parameter type, a syntax
    /// error in the only use of a parameter. Still one diagnostic each.
    static let tenMoreMistakes = Marked(
        """
        ruleset: test-rules
        title: Test rules
        version: "1"
        applies_to: t
        effective: {from: 2014-09-01, to: ⟪2014-13-01}
        parameters:
          min_n:
            type: int
            value: 3
          ⟪min_n:
            type: int
            value: 4
          max_n:
            type: ⟪integer
            value: 9
          low:
            ⟪typ: int
            value: 1
          high:
            type: int
            value: ⟪ten
          grades:
            type: list<string>
            value: [head]
        parts:
          - id: P
            title: Part P
            rules:
              - id: R1
                ⟪titel: Enough
                citation: The Act
                require: n >= min_n and n <= max_n and n >= low and n <= high
              - id: R2
                title: Role
                ⟪citaton: The Act
                ⟪requires: role in grades
              - id: R3
                title: Syntax
                citation: The Act
                require: n >= low and⟪
                severity: ⟪mandatory
                messages:
                  fail: "Below ⟪{low."
        """)

    @Test("eleven mistakes that tend to hide or multiply others still give one diagnostic each")
    func tenMoreMistakes() throws {
        let file = Self.tenMoreMistakes
        try #require(file.positions.count == 11)
        let lib = Inline.library(rules: file.text)
        let expected = [
            "rules.bad-date", "yaml.duplicate-key", "rules.unknown-type", "rules.missing-key", "rules.bad-parameter",
            "rules.missing-key", "rules.unknown-key", "rules.missing-key", "parse.syntax", "rules.bad-severity",
            "rules.template-unclosed"
        ]
        let found = lib.diagnostics.filter { $0.severity != .note }
        #expect(found.count == 11, "\(found.map { "\($0.range?.start.description ?? "-") \($0.id): \($0.message)" })")
        for (i, id) in expected.enumerated() {
            #expect(
                found.contains { $0.id == id && $0.range?.start == file.positions[i] },
                "expected \(id) at \(file.positions[i]); got \(found.map { "\($0.id)@\($0.range?.start.description ?? "-")" })")
        }
        #expect(!found.contains { $0.id == "rules.unused-parameter" || $0.id == "check.unknown-name" || $0.id == "rules.no-citation" })
    }

    @Test("misspelt keys that change decisions, and a misspelt kind: one error each, the rest still checked")
    func misspeltKeys() throws {
        let text = """
            ruleset: test-rules
            title: Test rules
            version: "1"
            applies_to: tt
            parameter:
              min_n: {type: int, value: 3}
            parts:
              - id: P
                rules:
                  - id: R
                    title: R
                    citation: test
                    whn: n > min_n
                    require: n > min_nn

            """
        let lib = Inline.library(rules: text)
        #expect(
            lib.diagnostics.map({ $0.id }) == ["rules.unknown-kind", "rules.misspelt-key", "rules.misspelt-key", "check.unknown-name"],
            "\(lib.diagnostics.map({ $0.message }))")
        #expect(lib.diagnostics[1].range?.start == locate("parameter:", in: text))
        #expect(lib.diagnostics[1].suggestion == "parameters")
        #expect(lib.diagnostics[2].range?.start == locate("whn:", in: text))
        #expect(lib.diagnostics[3].suggestion == "min_n")
    }

    // MARK: - Constant conditions

    @Test(
        "a require that is always true or false once parameters are filled in is a warning",
        arguments: [
            ("min_n > 2", "always true", "can never fail"), ("min_n > 5", "always false", "can never pass"),
            ("n > 1 or min_n >= 3", "always true", "can never fail"), ("n > 1 and count(opens) > 5", "always false", "can never pass")
        ])
    func constantRequire(require: String, always: String, effect: String) throws {
        let lib = Inline.library(
            rules: Inline.rule(require, extra: "parameters:\n  min_n: {type: int, value: 3}\n  opens: {type: list<int>, value: [1, 2]}\n"))
        let d = try #require(lib.diagnostics.first { $0.id == "check.constant-condition" }, "\(lib.diagnostics.map({ $0.message }))")
        #expect(d.severity == .warning)
        #expect(d.message.contains(always))
        #expect(d.message.contains(effect))
        #expect(lib.diagnostics.filter { $0.id == "check.constant-condition" }.count == 1)
    }

    @Test("a part of a condition that has no effect is pointed at")
    func constantSubcondition() throws {
        let rules = Inline.rule("n > 1 and min_n >= 3", extra: "parameters:\n  min_n: {type: int, value: 3}\n")
        let lib = Inline.library(rules: rules)
        let d = try #require(lib.diagnostics.first { $0.id == "check.constant-condition" })
        #expect(d.message.contains("this part of 'require' is always true"))
        #expect(d.range?.start == locate("min_n >= 3", in: rules))
    }

    @Test(
        "a when that never applies, and a condition inside 'any' that never changes",
        arguments: [
            ("when", "'when' is always false once parameters are filled in: the rule never applies"),
            ("any", "the condition of 'any' is always true once parameters are filled in, whatever the item")
        ])
    func constantWhenAndAny(kind: String, message: String) throws {
        let rules =
            kind == "when"
            ? Inline.rule("n > 1", when: "flag = false", extra: "parameters:\n  flag: {type: bool, value: true}\n")
            : Inline.rule("any p in periods: flag", extra: "parameters:\n  flag: {type: bool, value: true}\n")
        let lib = Inline.library(rules: rules)
        #expect(lib.diagnostics.contains { $0.id == "check.constant-condition" && $0.message == message }, "\(lib.diagnostics.map({ $0.message }))")
    }

    @Test(
        "conditions that depend on the record, literal true, and parameter switches in 'if' are not flagged",
        arguments: ["n > min_n", "true", "if flag then n > 1 else n > 2", "present(n) or absent(n) and n > min_n"])
    func notConstant(require: String) {
        let lib = Inline.library(
            rules: Inline.rule(require, extra: "parameters:\n  min_n: {type: int, value: 3}\n  flag: {type: bool, value: true}\n"))
        #expect(!lib.diagnostics.contains { $0.id == "check.constant-condition" }, "\(lib.diagnostics.map({ $0.message }))")
    }

    // MARK: - Enum values through parameters and derived values

    @Test("a misspelt enum value in a list parameter is reported at the value, with a note at the comparison")
    func enumValueInParameter() throws {
        let rules = Inline.rule("role in roles", extra: "parameters:\n  roles: {type: list<string>, value: [head, depty]}\n")
        let lib = Inline.library(rules: rules)
        let d = try #require(lib.errors.first { $0.id == "check.unknown-enum-value" })
        #expect(d.message == "'depty' is not a value of role")
        #expect(d.range?.start == locate("depty", in: rules))
        #expect(d.suggestion == "deputy")
        #expect(d.notes.first?.message == "parameter 'roles' is compared with role here")
        #expect(d.notes.first?.range?.start == locate("role in roles", in: rules))
        #expect(lib.ruleSets.isEmpty)
    }

    @Test("a misspelt value in a derived list (either branch of an if) and in a string parameter compared with '='")
    func enumValueInDerivedAndEquals() throws {
        let derived = Inline.rule(
            "any p in periods: p.role in counted",
            extra: """
                parameters:
                  acting: {type: bool, value: false}
                derived:
                  counted: |
                    if acting then ["substantive", "actng"] else ["substantive"]

                """)
        let lib = Inline.library(rules: derived)
        let d = try #require(lib.errors.first { $0.id == "check.unknown-enum-value" })
        #expect(d.range?.start == locate("\"actng\"", in: derived))
        #expect(d.notes.first?.message == "derived value 'counted' is compared with role here")

        let equals = Inline.rule("role = wanted", extra: "parameters:\n  wanted: {type: string, value: hed}\n")
        let lib2 = Inline.library(rules: equals)
        let e = try #require(lib2.errors.first { $0.id == "check.unknown-enum-value" })
        #expect(e.range?.start == locate("hed", in: equals))
        #expect(e.suggestion == "head")
    }

    @Test("a parameter used in two comparisons is reported once")
    func enumValueReportedOnce() {
        let lib = Inline.library(
            rules: Inline.rules(
                [(id: "A", require: "role in roles", when: nil), (id: "B", require: "role not in roles", when: nil)],
                extra: "parameters:\n  roles: {type: list<string>, value: [hed]}\n"))
        #expect(lib.errors.filter { $0.id == "check.unknown-enum-value" }.count == 1)
    }

    // MARK: - Parameter tables

    @Test("a row lacking a year another row has, and a year missing from every row")
    func tableGaps() throws {
        let rules = Inline.rule(
            "floor[\"primary\"][n] > 1 and other[\"primary\"][n] > 1",
            extra: """
                parameters:
                  floor:
                    type: decimal
                    by: [phase, year]
                    values:
                      primary: {2012: 60, 2013: 60, 2014: 65}
                      secondary: {2012: 40, 2014: 40}
                  other:
                    type: decimal
                    by: [phase, year]
                    values:
                      primary: {2012: 60, 2014: 65}
                      secondary: {2012: 40, 2014: 40}

                """)
        let lib = Inline.library(rules: rules)
        let missing = try #require(lib.diagnostics.first { $0.id == "rules.table-missing-key" })
        #expect(missing.message.hasPrefix("floor[secondary] has no value for year 2013, which floor[primary] has"))
        #expect(missing.range?.start == locate("secondary: {2012: 40, 2014: 40}", in: rules))
        #expect(missing.notes.first?.range?.start == locate("2013: 60", in: rules))
        let gap = try #require(lib.diagnostics.first { $0.id == "rules.table-year-gap" })
        #expect(gap.message == "other has values for year 2012 to 2014 but none for 2013")
        #expect(lib.diagnostics.filter { $0.id.hasPrefix("rules.table") }.count == 2)
        #expect(!lib.hasErrors)  // warnings: the rules still load
    }

    // MARK: - Statements

    @Test("a statement hole that reads the record is a warning; parameter holes are fine")
    func statementHoles() throws {
        let rules = Inline.ruleFile(
            """
            parameters:
              min_n: {type: int, value: 3}
            parts:
              - id: P
                rules:
                  - id: R
                    title: R
                    citation: test
                    statement: At least {min_n}, and you gave {n}.
                    require: n >= min_n

            """)
        let lib = Inline.library(rules: rules)
        let d = try #require(lib.diagnostics.first { $0.id == "rules.statement-needs-record" })
        #expect(d.range?.start == locate("n}.", in: rules))
        #expect(lib.diagnostics.count == 1)
        #expect(!lib.hasErrors)
    }

    @Test("an unknown name in a statement is an error like one in a message")
    func statementUnknownName() {
        let lib = Inline.library(
            rules: Inline.ruleFile(
                """
                parts:
                  - id: P
                    rules:
                      - id: R
                        title: R
                        citation: test
                        statement: At least {min_nn} years.
                        require: n > 1

                """))
        #expect(lib.errors.map({ $0.id }) == ["check.unknown-name"])
    }

    // MARK: - Dated versions

    static func version(_ id: String, _ effective: String?) -> [UInt8] {
        let header = "ruleset: \(id)" + (effective.map { "\neffective: \($0)" } ?? "")
        return Array(Inline.rule("n > 0").replacing("ruleset: test-rules", with: header).utf8)
    }

    @Test("two versions in force on the same days are an error at the later file, with a note at the other")
    func overlappingVersions() throws {
        var lib = RuleLibrary()
        lib.add(files: [
            (path: Inline.schemaPath, bytes: Array(Inline.schema.utf8)),
            (path: "a-2014.yaml", bytes: Self.version("lle", "{from: 2014-09-01, to: 2016-11-30}")),
            (path: "b-2016.yaml", bytes: Self.version("lle", "{from: 2016-11-01}"))
        ])
        let d = try #require(lib.errors.first { $0.id == "rules.overlapping-versions" })
        #expect(d.range?.file == "b-2016.yaml")
        #expect(d.range?.start == SourcePosition(line: 2, column: 12))
        #expect(d.message.contains("from 2016-11-01 to 2016-11-30 would match both"))
        #expect(d.notes.first?.range?.file == "a-2014.yaml")
    }

    @Test("versions that meet without overlapping are fine; each is chosen on its days")
    func adjacentVersions() throws {
        var lib = RuleLibrary()
        lib.add(files: [
            (path: Inline.schemaPath, bytes: Array(Inline.schema.utf8)),
            (path: "a.yaml", bytes: Self.version("lle", "{from: 2014-09-01, to: 2016-11-30}")),
            (path: "b.yaml", bytes: Self.version("lle", "{from: 2016-12-01}"))
        ])
        #expect(lib.diagnostics.isEmpty)
        #expect(try lib.ruleSet(for: "t", on: day("2016-11-30")).get().effectiveFrom == day("2014-09-01"))
        #expect(try lib.ruleSet(for: "t", on: day("2016-12-01")).get().effectiveFrom == day("2016-12-01"))
        guard case .failure(let e) = lib.ruleSet(for: "t", on: day("2014-08-31")) else {
            Issue.record("expected no rule set in force")
            return
        }
        #expect(e.description.contains("no rule set for 't' is in force on 2014-08-31"))
        #expect(e.description.contains("lle 1 (in force 2014-09-01 to 2016-11-30)"))
        #expect(e.description.contains("in force 2014-09-01 to 2016-11-30"))
        #expect(e.description.contains("in force from 2016-12-01"))
    }

    @Test("a single dated rule set is not used outside its period")
    func singleVersionOutsideItsPeriod() {
        var lib = RuleLibrary()
        lib.add(files: [
            (path: Inline.schemaPath, bytes: Array(Inline.schema.utf8)),
            (path: "a.yaml", bytes: Self.version("lle", "{from: 2014-09-01, to: 2016-11-30}"))
        ])
        let report = Inline.report(lib, record: "n: 1\n", asOf: day("2017-01-01"))
        #expect(report?.decision == "invalid")
        #expect(report?.errors.first?.id == "rules.no-rule-set")
    }

    @Test("two undated rule sets for one kind, and a period that ends before it starts")
    func undatedAndBackwards() {
        var lib = RuleLibrary()
        lib.add(files: [
            (path: Inline.schemaPath, bytes: Array(Inline.schema.utf8)),
            (path: "a.yaml", bytes: Self.version("one", nil)),
            (path: "b.yaml", bytes: Self.version("two", nil)),
            (path: "c.yaml", bytes: Self.version("three", "{from: 2020-01-01, to: 2019-01-01}"))
        ])
        #expect(lib.errors.contains { $0.id == "rules.overlapping-versions" && $0.message.contains("on every date") })
        #expect(lib.errors.contains { $0.id == "rules.bad-effective" && $0.range?.file == "c.yaml" })
    }

    // MARK: - The shipped rules

    @Test("the shipped rules and their tests lint with no errors and no warnings")
    func shippedRulesAreClean() {
        let lib = RuleLibrary.load(directory: TestRepo.path("rules"))
        let tests = RuleTestRunner.loadFiles(directory: TestRepo.path("rules"))
        let all = lib.diagnostics + tests.diagnostics + RuleTestRunner(library: lib, today: day("2020-01-01")).lint(tests.files)
        #expect(all.isEmpty, "\(DiagnosticFormatter(sources: lib.sources).format(all))")
        #expect(lib.ruleSets.filter { $0.kind == "lle-application" }.map({ $0.version }).sorted() == ["2014.1", "2016.1"])
    }
}

@Suite("constant folding")
struct ConstantFoldingTests {
    static func fold(_ expression: String) throws -> Value? {
        let lib = Inline.library(
            rules: Inline.ruleFile(
                """
                parameters:
                  three: {type: int, value: 3}
                  yes: {type: bool, value: true}
                  roles: {type: list<string>, value: [head, deputy]}
                  opens: {type: date, value: 2014-10-13}
                derived:
                  v: |
                    \(expression)
                  twice: three * 2
                parts:
                  - id: P
                    rules:
                      - id: R
                        title: R
                        citation: test
                        require: present(v) or n > 0

                """))
        let set = try #require(lib.ruleSets.first, "\(lib.errors.map({ $0.message }))")
        return ConstantFolding(ruleSet: set).value(of: set.derived[0].code)
    }

    @Test(arguments: [
        ("three + 1", Value.int(4)),
        ("twice > 5", .bool(true)),
        ("opens + years(three)", .date(Day(year: 2017, month: 10, day: 13)!)),
        ("count(filter(roles, r -> r != \"head\"))", .int(1)),
        ("if yes then \"a\" else \"b\"", .string("a")),
        ("n > 1 and not yes", .bool(false)),
        ("n > 1 or yes", .bool(true)),
        ("null ?? three", .int(3)),
        ("\"deputy\" in roles", .bool(true))
    ])
    func folds(expression: String, expected: Value) throws {
        #expect(try Self.fold(expression) == expected)
    }

    @Test(arguments: ["n + three", "as_of > opens", "n > 1 and yes", "if n > 1 then 1 else 2", "any p in periods: p.start > opens"])
    func dependsOnTheRecord(expression: String) throws {
        #expect(try Self.fold(expression) == nil)
    }
}
