import Foundation
import Testing
@testable import Eligo

@Suite("Checker diagnostics")
struct CheckerTests {
    /// A rule file with one rule `R` whose `require` is written as a plain scalar on one line.
    static func plainRule(_ require: String, when: String? = nil, extra: String = "") -> String {
        var body =
            extra + """
                parts:
                  - id: P
                    title: Part
                    rules:
                      - id: R
                        title: Rule
                        citation: test

                """
        if let when { body += "        when: \(when)\n" }
        body += "        require: \(require)\n"
        return Inline.ruleFile(body)
    }

    struct Checked {
        var text: String
        var lib: RuleLibrary
        var errors: [Diagnostic] { lib.errors }
    }

    static func check(_ text: String) -> Checked { Checked(text: text, lib: Inline.library(rules: text)) }

    /// Expects exactly one error, with the given id, at the `occurrence`th `needle` of the rule file.
    @discardableResult
    static func expectSingleError(
        _ c: Checked, _ id: String, at needle: String, occurrence: Int = 1, plus offset: Int = 0,
        sourceLocation: SourceLocation = #_sourceLocation
    ) -> Diagnostic? {
        #expect(c.errors.count == 1, "errors: \(c.errors.map { "\($0.id) \($0.message)" })", sourceLocation: sourceLocation)
        #expect(c.lib.ruleSets.isEmpty, "a rule set with errors must not be returned", sourceLocation: sourceLocation)
        guard let d = c.errors.first(where: { $0.id == id }) else {
            Issue.record("no \(id) among \(c.errors.map({ $0.id }))", sourceLocation: sourceLocation)
            return nil
        }
        let expected = locate(needle, in: c.text, occurrence: occurrence).map { SourcePosition(line: $0.line, column: $0.column + offset) }
        #expect(expected != nil, "'\(needle)' not in the rule file", sourceLocation: sourceLocation)
        #expect(d.range?.file == Inline.rulesPath, sourceLocation: sourceLocation)
        #expect(d.range?.start == expected, "\(d.message)", sourceLocation: sourceLocation)
        return d
    }

    @Test("a clean rule set type-checks without errors")
    func cleanRuleSet() throws {
        let c = Self.check(Self.plainRule(#"person.age >= 18 and role = "head" and d <= as_of - years(3)"#))
        #expect(c.errors.isEmpty, "\(c.errors.map({ $0.message }))")
        let set = try #require(c.lib.ruleSets.first)
        #expect(set.id == "test-rules")
        #expect(set.kind == "t")
        #expect(set.allRules.map({ $0.rule.id }) == ["R"])
    }

    @Test("unknown field: at the field name, with a suggestion")
    func unknownField() throws {
        let c = Self.check(Self.plainRule(#"person.nmae = "x""#))
        let d = try #require(Self.expectSingleError(c, "check.unknown-field", at: "nmae"))
        // Hand-counted: line 12 is `        require: person.nmae = "x"`.
        #expect(d.range?.start == SourcePosition(line: 12, column: 25))
        #expect(d.suggestion == "name")
        #expect(d.message.contains("'nmae'"))
        #expect(d.notes.contains { $0.message.contains("name") && $0.message.contains("age") })
    }

    @Test("unknown field inside a lambda and a block scalar")
    func unknownFieldInLambda() throws {
        let text = Inline.rule("any p in periods: p.strat <= as_of")
        let c = Self.check(text)
        let d = try #require(Self.expectSingleError(c, "check.unknown-field", at: "strat"))
        #expect(d.suggestion == "start")
    }

    @Test("unknown name: with a suggestion")
    func unknownName() throws {
        let c = Self.check(Self.plainRule("persn.age > 3"))
        let d = try #require(Self.expectSingleError(c, "check.unknown-name", at: "persn"))
        #expect(d.suggestion == "person")
        #expect(d.message.contains("'persn'"))
    }

    @Test("unknown function: with did-you-mean")
    func unknownFunction() throws {
        let c = Self.check(Self.plainRule("yeers_between(d, e) > 1"))
        let d = try #require(Self.expectSingleError(c, "check.unknown-function", at: "yeers_between"))
        #expect(d.suggestion == "years_between")
        let c2 = Self.check(Self.plainRule("union_day([], as_of) > 1"))
        let d2 = try #require(Self.expectSingleError(c2, "check.unknown-function", at: "union_day"))
        #expect(d2.suggestion == "union_days")
    }

    @Test("wrong argument count: at the function name")
    func argumentCount() throws {
        let c = Self.check(Self.plainRule("n > 0 and days_between(d) > 1"))
        let d = try #require(Self.expectSingleError(c, "check.argument-count", at: "days_between"))
        #expect(d.message.contains("2 arguments"))
        #expect(d.message.contains("1 was given"))
        let c2 = Self.check(Self.plainRule("present(n, m)"))
        Self.expectSingleError(c2, "check.argument-count", at: "present")
    }

    @Test("type mismatch: a date compared with an int")
    func dateVersusInt() throws {
        let c = Self.check(Self.plainRule("n > 0 and d > 3"))
        let d = try #require(Self.expectSingleError(c, "check.type-mismatch", at: "d > 3"))
        #expect(d.message.contains("date"))
        #expect(d.message.contains("int"))
    }

    @Test(
        "type mismatch: date arithmetic",
        arguments: [
            ("d + 3 > e", "3 > e", "add an int to a date"),
            ("d - e > 0", "d - e", "subtract two dates"),
            ("d + years(s) > e", "s)", "must be an int"),
            ("add_years(n, 3) > d", "n, 3", "must be a date")
        ])
    func dateArithmetic(require: String, needle: String, message: String) throws {
        let c = Self.check(Self.plainRule(require))
        let d = try #require(c.errors.first)
        #expect(c.errors.count == 1, "\(c.errors.map({ $0.message }))")
        #expect(d.id == "check.type-mismatch")
        #expect(d.message.contains(message), "\(d.message)")
        #expect(d.range?.start == locate(needle, in: c.text))
    }

    @Test("an enum compared with a misspelt value")
    func misspeltEnumValue() throws {
        let c = Self.check(Self.plainRule(#"role = "haed""#))
        let d = try #require(Self.expectSingleError(c, "check.unknown-enum-value", at: #""haed""#))
        #expect(d.suggestion == "head")
        #expect(d.notes.contains { $0.message.contains("head, deputy, other") })

        let c2 = Self.check(Inline.rule(#""depty" != role"#))
        let d2 = try #require(Self.expectSingleError(c2, "check.unknown-enum-value", at: #""depty""#))
        #expect(d2.suggestion == "deputy")

        let c3 = Self.check(Self.plainRule(#"role in ["head", "othr"]"#))
        let d3 = try #require(Self.expectSingleError(c3, "check.unknown-enum-value", at: #""othr""#))
        #expect(d3.suggestion == "other")

        let c4 = Self.check(Inline.rule(#"any p in periods: p.role = "actng""#))
        let d4 = try #require(Self.expectSingleError(c4, "check.unknown-enum-value", at: #""actng""#))
        #expect(d4.suggestion == "acting")
    }

    @Test("a valid enum value is accepted")
    func validEnumValue() {
        let c = Self.check(Self.plainRule(#"role = "deputy" or role in ["head", "other"]"#))
        #expect(c.errors.isEmpty, "\(c.errors.map({ $0.message }))")
    }

    @Test("a field of a list is an error that suggests any, all or an index")
    func memberOfList() throws {
        let c = Self.check(Self.plainRule("periods.start > d"))
        let d = try #require(Self.expectSingleError(c, "check.member-of-list", at: "start"))
        #expect(d.message.contains("each item has 'start'"))
    }

    @Test("cyclic derived values are reported once, where the cycle closes")
    func cyclicDerived() throws {
        let extra = """
            derived:
              x: y + 1
              y: x + 1
              z: z * 2
              ok: n + 1

            """
        let c = Self.check(Self.plainRule("x > 1 and ok > 2", extra: extra))
        let cycles = c.errors.filter { $0.id == "check.cyclic-derived" }
        #expect(c.errors.count == 2, "\(c.errors.map({ $0.message }))")
        #expect(cycles.count == 2)
        let xy = try #require(cycles.first { $0.message.contains("'x'") })
        #expect(xy.message.contains("x → y → x"))
        // The `x` in `y: x + 1` closes the cycle (line 7, column 6).
        #expect(xy.range?.start == SourcePosition(line: 7, column: 6))
        #expect(xy.range?.start == locate("x + 1", in: c.text))
        // `z` is used by no rule, but its self-reference is still reported.
        let z = try #require(cycles.first { $0.message.contains("'z'") })
        #expect(z.range?.start == locate("z * 2", in: c.text))
        #expect(c.lib.ruleSets.isEmpty)
    }

    @Test("derived values may be declared in any order")
    func derivedOrder() {
        let extra = """
            derived:
              later: earlier + 1
              earlier: n * 2

            """
        let c = Self.check(Self.plainRule("later > 3", extra: extra))
        #expect(c.errors.isEmpty, "\(c.errors.map({ $0.message }))")
        #expect(c.lib.ruleSets.count == 1)
    }

    @Test("'require' and 'when' must be conditions")
    func notACondition() throws {
        let c = Self.check(Self.plainRule("n + 1"))
        let d = try #require(Self.expectSingleError(c, "check.not-a-condition", at: "n + 1"))
        #expect(d.message.contains("'require'"))
        #expect(d.message.contains("an int"))

        let c2 = Self.check(Self.plainRule("a", when: "s ?? \"x\""))
        let d2 = try #require(Self.expectSingleError(c2, "check.not-a-condition", at: "when: s", plus: 6))
        #expect(d2.message.contains("'when'"))
    }

    @Test(
        "other checker errors",
        arguments: [
            ("present(x -> x)", "check.misplaced-lambda", "x -> x", 0),
            ("any(flags)", "check.expected-lambda", "any(flags)", 0),
            ("any x in nums: x + 1", "check.type-mismatch", "x + 1", 0),
            (#"s < "b""#, "check.not-ordered", #"s < "b""#, 0),
            ("flags[0].a", "check.no-fields", "].a", 2),
            ("n[0] > 1", "check.not-indexable", "n[0]", 0),
            ("n and a", "check.type-mismatch", "n and", 0),
            (#"passes_part("Q", n)"#, "check.unknown-part", #""Q""#, 0),
            ("count(n) > 1", "check.type-mismatch", "(n)", 1),
            ("as_of > 3", "check.type-mismatch", "as_of > 3", 0),
            (#"[1, "a"] = [1]"#, "check.type-mismatch", #""a""#, 0),
            ("if a then 1 else d", "check.type-mismatch", "else d", 5)
        ])
    func otherErrors(require: String, id: String, needle: String, offset: Int) {
        // Written as a block scalar, so YAML leaves `[`, `"` and `: ` alone.
        let c = Self.check(Inline.rule(require))
        Self.expectSingleError(c, id, at: needle, plus: offset)
    }

    /// The `check.type-mismatch` examples of docs/rules.md, section 7, on this file's schema
    /// (`d` is a date, `s` a string, `n` an int, `nums` a list of ints).
    @Test(
        "type-mismatch messages say which types met",
        arguments: [
            ("d = 1", "cannot compare a date with an int"),
            ("d + 1 > e", "cannot add an int to a date; use years(n), months(n) or days(n)"),
            ("d - d > 0", "cannot subtract two dates; use days_between, months_between or years_between"),
            ("not 1", "'not' must be a bool, but this is an int"),
            (#"(if true then 1 else "a") = 1"#, "'then' gives an int but 'else' gives a string"),
            ("(d ?? 1) = d", "'??' gives a date or an int; they must agree"),
            (#"d in ["a"]"#, "cannot look for a date in a list<string>"),
            ("between(d, 1, 2)", "between needs three values of one type, found a date, an int, an int"),
            (#"present(sum(["a"]))"#, "sum needs a list of numbers, found a list<string>"),
            ("any x in nums: x", "the condition of any must be a bool, but this is an int"),
            (#"lower(n) = "a""#, "lower needs text, found an int"),
            ("n in 3", "'in' needs a list on its right, found an int"),
            ("-s = 1", "cannot negate a string")
        ])
    func typeMismatchMessages(require: String, message: String) throws {
        let c = Self.check(Inline.rule(require))
        #expect(c.errors.count == 1, "\(c.errors.map({ $0.message }))")
        let d = try #require(c.errors.first)
        #expect(d.id == "check.type-mismatch")
        #expect(d.message == message)
        #expect(d.range?.start.line == locate(require, in: c.text)?.line)
    }

    @Test("a mistake gives one diagnostic, not a cascade")
    func noCascade() {
        let c = Self.check(Self.plainRule(#"persn.age > 3 and persn.name = "x" and yeers(3) = n"#))
        #expect(c.errors.map({ $0.id }) == ["check.unknown-name", "check.unknown-name", "check.unknown-function"])
        #expect(
            c.errors.map({ $0.range?.start }) == [
                locate("persn", in: c.text), locate("persn", in: c.text, occurrence: 2), locate("yeers", in: c.text)
            ])
    }

    @Test("a rule file with three distinct mistakes gives three diagnostics and no rule set")
    func threeMistakes() throws {
        let text = Inline.ruleFile(
            """
            parts:
              - id: P
                title: Part
                rules:
                  - id: R1
                    title: First
                    citation: test
                    require: person.agee > 18
                  - id: R2
                    title: Second
                    citation: test
                    require: |
                      n > 1 and
                        yeers_between(d, as_of) >= 3
                  - id: R3
                    title: Third
                    citation: test
                    when: present(role)
                    require: role = "deptuy"

            """)
        let c = Self.check(text)
        #expect(c.lib.ruleSets.isEmpty)
        let errors = c.errors
        #expect(errors.map({ $0.id }) == ["check.unknown-field", "check.unknown-function", "check.unknown-enum-value"])
        #expect(errors.allSatisfy { $0.range?.file == Inline.rulesPath })
        // Hand-counted positions (the header takes lines 1-4).
        #expect(
            errors.map({ $0.range?.start }) == [
                SourcePosition(line: 12, column: 25),
                SourcePosition(line: 18, column: 13),
                SourcePosition(line: 23, column: 25)
            ])
        #expect(
            errors.map({ $0.range?.start }) == [
                locate("agee", in: text), locate("yeers_between", in: text), locate(#""deptuy""#, in: text)
            ])
        #expect(errors.map({ $0.suggestion }) == ["age", "years_between", "deputy"])
    }

    @Test("parameters are typed and folded in; an unused parameter warns")
    func parameters() throws {
        let extra = """
            parameters:
              min_age:
                type: int
                value: 18
              roles:
                type: list<string>
                value: [head, deputy]
              unused:
                type: date
                value: 2014-10-13

            """
        let c = Self.check(Self.plainRule("person.age >= min_age and role in roles", extra: extra))
        #expect(c.errors.isEmpty, "\(c.errors.map({ $0.message }))")
        let unused = c.lib.diagnostics.filter { $0.id == "rules.unused-parameter" }
        #expect(unused.count == 1)
        #expect(unused.first?.severity == .warning)
        #expect(unused.first?.range?.start == locate("unused:", in: c.text))

        let bad = Self.check(Self.plainRule("person.age >= min_age and d > min_age", extra: extra))
        Self.expectSingleError(bad, "check.type-mismatch", at: "d > min_age")
    }
}
