import Foundation
import Testing
@testable import Eligo

/// A truth value of Kleene's three-valued logic, as a record gives it:
/// an optional bool field that is true, false or absent.
enum Tri: String, CaseIterable, CustomStringConvertible, Sendable {
    case t, f, u

    var description: String { rawValue }

    /// The YAML line for field `name`, or nothing when absent.
    func yaml(_ name: String) -> String {
        switch self {
        case .t: return "\(name): true\n"
        case .f: return "\(name): false\n"
        case .u: return ""
        }
    }

    var outcome: Outcome {
        switch self {
        case .t: return .pass
        case .f: return .fail
        case .u: return .unknown
        }
    }

    var value: Value {
        switch self {
        case .t: return .bool(true)
        case .f: return .bool(false)
        case .u: return .null
        }
    }

    static func and(_ a: Tri, _ b: Tri) -> Tri {
        if a == .f || b == .f { return .f }
        if a == .t && b == .t { return .t }
        return .u
    }

    static func or(_ a: Tri, _ b: Tri) -> Tri {
        if a == .t || b == .t { return .t }
        if a == .f && b == .f { return .f }
        return .u
    }

    static var pairs: [(Tri, Tri)] { allCases.flatMap { a in allCases.map { (a, $0) } } }
}

@Suite("Evaluator: three-valued logic and outcomes")
struct EvaluatorTests {
    /// The outcome of rule `R` with `require` (and `when`) against a record, and the whole result.
    static func result(
        _ require: String, when: String? = nil, record: String, asOf: Day = day("2014-11-03"),
        sourceLocation: SourceLocation = #_sourceLocation
    ) -> RuleResult? {
        let lib = Inline.library(rules: Inline.rule(require, when: when))
        #expect(lib.errors.isEmpty, "\(lib.errors.map({ $0.message }))", sourceLocation: sourceLocation)
        guard let report = Inline.report(lib, record: record, asOf: asOf) else {
            Issue.record("no report", sourceLocation: sourceLocation)
            return nil
        }
        #expect(report.errors.isEmpty, "\(report.errors.map({ $0.located }))", sourceLocation: sourceLocation)
        return report.rules.first { $0.id == "R" }
    }

    static func outcome(
        _ require: String, when: String? = nil, record: String,
        sourceLocation: SourceLocation = #_sourceLocation
    ) -> Outcome? {
        result(require, when: when, record: record, sourceLocation: sourceLocation)?.outcome
    }

    // MARK: - Truth tables through rules

    @Test("and: Kleene truth table over present and absent bool fields", arguments: Tri.pairs)
    func andTable(a: Tri, b: Tri) {
        let record = "id: r\n" + a.yaml("a") + b.yaml("b")
        #expect(Self.outcome("a and b", record: record) == Tri.and(a, b).outcome)
        #expect(Self.outcome("b and a", record: record) == Tri.and(a, b).outcome)
    }

    @Test("or: Kleene truth table over present and absent bool fields", arguments: Tri.pairs)
    func orTable(a: Tri, b: Tri) {
        let record = "id: r\n" + a.yaml("a") + b.yaml("b")
        #expect(Self.outcome("a or b", record: record) == Tri.or(a, b).outcome)
        #expect(Self.outcome("b or a", record: record) == Tri.or(a, b).outcome)
    }

    @Test("not: negates true and false, keeps unknown", arguments: Tri.allCases)
    func notTable(a: Tri) {
        let expected: Tri = a == .t ? .f : a == .f ? .t : .u
        #expect(Self.outcome("not a", record: "id: r\n" + a.yaml("a")) == expected.outcome)
        #expect(Self.outcome("not not a", record: "id: r\n" + a.yaml("a")) == a.outcome)
    }

    @Test("three operands: a and (b or not c) over all 27 combinations")
    func combined() {
        for a in Tri.allCases {
            for b in Tri.allCases {
                for c in Tri.allCases {
                    let notC: Tri = c == .t ? .f : c == .f ? .t : .u
                    let expected = Tri.and(a, Tri.or(b, notC))
                    let record = "id: r\n" + a.yaml("a") + b.yaml("b") + c.yaml("c")
                    #expect(Self.outcome("a and (b or not c)", record: record) == expected.outcome, "a=\(a) b=\(b) c=\(c)")
                }
            }
        }
    }

    @Test("= true on an absent value is unknown, not false")
    func equalityWithAbsent() {
        #expect(Self.outcome("a = true", record: "id: r\n") == .unknown)
        #expect(Self.outcome("a = true", record: "a: false\n") == .fail)
        #expect(Self.outcome("(a ?? false) = true", record: "id: r\n") == .fail)
    }

    // MARK: - Quantifiers over lists with unknown items

    @Test(
        "any, all and none over lists with unknown items",
        arguments: [
            ("[true, null]", Tri.t, Tri.u, Tri.f),
            ("[false, null]", Tri.u, Tri.f, Tri.u),
            ("[null]", Tri.u, Tri.u, Tri.u),
            ("[null, null, true]", Tri.t, Tri.u, Tri.f),
            ("[]", Tri.f, Tri.t, Tri.t),
            ("[false, false]", Tri.f, Tri.f, Tri.t),
            ("[true, true]", Tri.t, Tri.t, Tri.f),
            ("[true, false]", Tri.t, Tri.f, Tri.f)
        ])
    func quantifiers(list: String, any: Tri, all: Tri, none: Tri) {
        // An unknown item is one whose field is absent (a list item itself cannot be empty).
        let items = list.dropFirst().dropLast().split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) }
            .map { $0 == "null" ? "{}" : "{ok: \($0)}" }
        let record = "checks: [\(items.joined(separator: ", "))]\n"
        #expect(Self.outcome("any c in checks: c.ok", record: record) == any.outcome, "any \(list)")
        #expect(Self.outcome("all c in checks: c.ok", record: record) == all.outcome, "all \(list)")
        #expect(Self.outcome("none c in checks: c.ok", record: record) == none.outcome, "none \(list)")
        #expect(Self.outcome("any(checks, c -> c.ok)", record: record) == any.outcome, "any() \(list)")
    }

    @Test("an empty list item is an input error")
    func nullListItemIsInvalid() throws {
        let lib = Inline.library(rules: Inline.rule("any(flags, f -> f)"))
        let report = try #require(Inline.report(lib, record: "flags: [true, ~]\n", asOf: day("2014-11-03")))
        #expect(report.outcome == .invalid)
        #expect(report.errors.map({ $0.id }) == ["record.null-item"])
        #expect(report.errors.first?.line != nil)
    }

    @Test("quantifiers over an absent list are unknown")
    func quantifiersOverAbsentList() {
        #expect(Self.outcome("any f in flags: f", record: "id: r\n") == .unknown)
        #expect(Self.outcome("all f in flags: f", record: "id: r\n") == .unknown)
        #expect(Self.outcome("none f in flags: f", record: "id: r\n") == .unknown)
    }

    @Test("quantifier bodies use Kleene logic over item fields")
    func quantifierBodies() {
        let record = """
            periods:
              - {role: acting, start: 2010-01-01}
              - {role: substantive, start: 2012-01-01, end: 2013-01-01}

            """
        #expect(Self.outcome(#"any p in periods: p.role = "substantive" and p.end < 2014-01-01"#, record: record) == .pass)
        // The first item's end is absent: unknown for it, false for the second -> unknown.
        #expect(Self.outcome("any p in periods: p.end > 2013-06-01", record: record) == .unknown)
        #expect(Self.outcome("all p in periods: p.start < 2013-01-01", record: record) == .pass)
        #expect(Self.outcome("all p in periods: p.end < 2012-06-01", record: record) == .fail)
    }

    /// A derived value is worked out where a rule first reads it, which can be inside one of the
    /// rule's quantifiers. The derived value's own quantifier uses the same variable slot (each
    /// expression numbers its variables from zero), so the rule's `p` must be given back after it.
    @Test(
        "a derived value's quantifier, read inside a rule's quantifier, leaves the rule's variable as it was",
        arguments: [true, false])
    func derivedQuantifierInsideQuantifier(explain: Bool) throws {
        let rules = Inline.rule(
            #"any p in periods: has_substantive and p.role = "acting""#,
            extra: """
                derived:
                  has_substantive: |
                    any q in periods: q.role = "substantive"

                """)
        let lib = Inline.library(rules: rules)
        #expect(lib.errors.isEmpty, "\(lib.errors.map({ $0.message }))")
        // The first period is acting, and the derived value's quantifier stops on the second.
        let record = """
            periods:
              - {role: acting, start: 2010-01-01}
              - {role: substantive, start: 2012-01-01}

            """
        var options = CheckOptions(asOf: day("2014-11-03"), today: day("2014-11-03"))
        options.explain = explain
        let report = try #require(lib.check(bytes: Array(record.utf8), path: "record.yaml", options: options).first)
        #expect(report.rules.first { $0.id == "R" }?.outcome == .pass)
    }

    // MARK: - Membership and comparisons with unknown

    @Test(
        "in and not in with unknown values",
        arguments: [
            ("n in [1, 2]", "n: 1\n", Outcome.pass),
            ("n in [1, 2]", "n: 3\n", Outcome.fail),
            ("n in [1, 2]", "id: r\n", Outcome.unknown),
            ("3 in [1, m]", "id: r\n", Outcome.unknown),
            ("3 in [1, 3, m]", "id: r\n", Outcome.pass),
            ("3 in nums", "nums: [1, 2]\n", Outcome.fail),
            ("3 in nums", "id: r\n", Outcome.unknown),
            ("3 in nums", "nums: []\n", Outcome.fail),
            ("3 not in [1, m]", "id: r\n", Outcome.unknown),
            ("3 not in nums", "nums: [1, 2]\n", Outcome.pass),
            ("3 not in [3, m]", "id: r\n", Outcome.fail),
            ("n not in [1, 2]", "id: r\n", Outcome.unknown),
            (#"role in ["head", "deputy"]"#, "role: deputy\n", Outcome.pass),
            (#"role not in ["head", "deputy"]"#, "role: other\n", Outcome.pass),
            // Text against text, with long (heap) text and an absent item.
            (#"s in ["abc", "a long piece of text, kept on the heap"]"#, "s: a long piece of text, kept on the heap\n", Outcome.pass),
            (#"s in ["abc", "a long piece of text, kept on the heap"]"#, "s: a long piece of text, kept on the heaq\n", Outcome.fail),
            (#"s not in ["abc"]"#, "s: abd\n", Outcome.pass),
            (#"s in ["abc", text(n)]"#, "s: zz\n", Outcome.unknown),
            (#"s in ["zz", text(n)]"#, "s: zz\n", Outcome.pass),
            (#"s not in ["zz", text(n)]"#, "s: zz\n", Outcome.fail),
            (#"s not in ["abc", text(n)]"#, "s: zz\n", Outcome.unknown)
        ])
    func membership(require: String, record: String, expected: Outcome) {
        #expect(Self.outcome(require, record: record) == expected)
    }

    @Test(
        "comparisons with absent values are unknown",
        arguments: [
            ("n > 1", "id: r\n", Outcome.unknown),
            ("n = n", "id: r\n", Outcome.unknown),
            ("n != 1", "id: r\n", Outcome.unknown),
            ("d < e", "d: 2014-01-01\n", Outcome.unknown),
            ("d < e", "d: 2014-01-01\ne: 2014-01-02\n", Outcome.pass),
            ("d <= e", "d: 2014-01-02\ne: 2014-01-02\n", Outcome.pass),
            ("d > e", "d: 2014-01-02\ne: 2014-01-02\n", Outcome.fail),
            (#"s = "x""#, "id: r\n", Outcome.unknown),
            (#"s = "x""#, "s: x\n", Outcome.pass),
            ("person.age >= 18", "id: r\n", Outcome.unknown),
            ("person.age >= 18", "person: {name: A}\n", Outcome.unknown),
            ("person.age >= 18", "person: {age: 18}\n", Outcome.pass),
            ("(n ?? 0) > 1", "id: r\n", Outcome.fail),
            ("(n ?? 5) > 1", "id: r\n", Outcome.pass),
            ("x >= 59.4", "x: 59.4\n", Outcome.pass),
            ("x > n", "x: 2.5\nn: 2\n", Outcome.pass),
            ("n = 2.0", "n: 2\n", Outcome.pass),
            ("absent(n)", "id: r\n", Outcome.pass),
            ("present(n)", "id: r\n", Outcome.fail),
            ("if a then n > 1 else true", "n: 5\n", Outcome.unknown),
            ("between(n, 1, m)", "n: 0\n", Outcome.fail),
            ("between(n, 1, m)", "n: 2\n", Outcome.unknown),
            ("between(n, 1, m)", "n: 2\nm: 2\n", Outcome.pass)
        ])
    func comparisons(require: String, record: String, expected: Outcome) {
        #expect(Self.outcome(require, record: record) == expected)
    }

    // MARK: - Outcomes

    @Test("outcomes: pass, fail, unknown, not_applicable and error")
    func outcomes() throws {
        #expect(Self.outcome("n > 1", when: "a", record: "a: false\nn: 5\n") == .notApplicable)
        #expect(Self.outcome("n > 1", when: "a", record: "a: true\nn: 5\n") == .pass)
        #expect(Self.outcome("n > 1", when: "a", record: "a: true\nn: 0\n") == .fail)
        #expect(Self.outcome("n > 1", when: "a", record: "a: true\n") == .unknown)
        // An unknown 'when' makes the rule unknown, even when 'require' would fail.
        #expect(Self.outcome("n > 1", when: "a", record: "n: 0\n") == .unknown)
        let division = try #require(Self.result("n / m > 1", record: "n: 4\nm: 0\n"))
        #expect(division.outcome == .error)
        #expect(division.message.contains("division by zero"))
        #expect(Self.outcome("n / m > 1", record: "n: 4\nm: 2\n") == .pass)
        #expect(Self.outcome("n / m > 1", record: "n: 4\n") == .unknown)
        #expect(Self.outcome("n * n > 1", record: "n: 9223372036854775807\n") == .error)
        #expect(Self.outcome("x / 0 > 1", record: "x: 1.5\n") == .error)
        // A sum that overflows is an error, unless an item is unknown: then the sum is unknown, whichever comes first.
        let big = "nums: [9223372036854775807, 5, 1]\n"
        #expect(Self.outcome("sum(nums, k -> k) > 1", record: big) == .error)
        #expect(Self.outcome("sum(nums, k -> if k = 1 then n else k) > 1", record: big) == .unknown)
        #expect(Self.outcome("sum(nums, k -> if k = 1 then n else k) > 1", record: big + "n: 2\n") == .error)
        #expect(Self.outcome("sum(nums, k -> k) = 3", record: "nums: [1, 2]\n") == .pass)
    }

    @Test("decision: fail beats unknown; unknown beats pass; advisory rules never decide")
    func decision() throws {
        let rules = Inline.ruleFile(
            """
            parts:
              - id: P
                title: Part
                rules:
                  - id: REQ-A
                    title: A
                    citation: test
                    require: a
                  - id: REQ-B
                    title: B
                    citation: test
                    require: b
                  - id: ADV
                    title: Advisory
                    severity: advisory
                    citation: test
                    require: c

            """)
        let lib = Inline.library(rules: rules)
        #expect(lib.errors.isEmpty)
        func decision(_ record: String) -> String? { Inline.report(lib, record: record)?.decision }
        #expect(decision("a: true\nb: true\nc: false\n") == "eligible")
        #expect(decision("a: true\nb: true\n") == "eligible")
        #expect(decision("a: true\n") == "incomplete")
        #expect(decision("a: false\n") == "not_eligible")
        #expect(decision("a: false\nb: true\nc: true\n") == "not_eligible")
        #expect(decision("b: false\nc: true\n") == "not_eligible")
        // A schema error makes the record invalid.
        #expect(decision("a: maybe\nb: true\n") == "invalid")
        #expect(Inline.report(lib, record: "a: maybe\n")?.outcome == .invalid)
        let report = try #require(Inline.report(lib, record: "a: true\nb: true\nc: false\n"))
        #expect(report.outcome == .pass)
        #expect(report.rules.first { $0.id == "ADV" }?.outcome == .fail)
        #expect(report.rules.first { $0.id == "ADV" }?.severity == .advisory)
    }

    @Test("decision labels come from the rule file")
    func decisionLabels() {
        let rules = Inline.ruleFile(
            """
            decisions: {pass: ok, fail: refused, unknown: pending}
            parts:
              - id: P
                rules:
                  - {id: R, title: R, citation: test, require: a}

            """)
        let lib = Inline.library(rules: rules)
        #expect(lib.errors.isEmpty)
        #expect(Inline.report(lib, record: "a: true\n")?.decision == "ok")
        #expect(Inline.report(lib, record: "a: false\n")?.decision == "refused")
        #expect(Inline.report(lib, record: "id: x\n")?.decision == "pending")
    }

    // MARK: - Values and needs

    @Test("an unknown rule lists the record paths it still needs")
    func needs() throws {
        let r1 = try #require(Self.result("n > 1", record: "id: r\n"))
        #expect(r1.needs == ["n"])
        let r2 = try #require(Self.result("person.age >= 18", record: "person: {name: A}\n"))
        #expect(r2.needs == ["person.age"])
        let r3 = try #require(Self.result("a and b", record: "a: true\n"))
        #expect(r3.needs == ["b"])
        // A false operand decides alone, so nothing is needed.
        let r4 = try #require(Self.result("a and b", record: "a: false\n"))
        #expect(r4.outcome == .fail)
        #expect(r4.needs.isEmpty)
        let r5 = try #require(Self.result("any p in periods: p.end > 2013-06-01", record: "periods: [{role: acting, start: 2010-01-01}]\n"))
        #expect(r5.needs == ["periods[0].end"])
        let r6 = try #require(Self.result("(n ?? 0) > 1 or a", record: "id: r\n"))
        #expect(r6.needs == ["a"])
    }

    @Test("a decided rule reports the values that decided it, with their paths")
    func decidingValues() throws {
        let r = try #require(Self.result("person.age >= 18 and d < e", record: "person: {age: 40}\nd: 2014-01-01\ne: 2014-02-01\n"))
        #expect(r.outcome == .pass)
        let values = Dictionary(uniqueKeysWithValues: r.values.map { ($0.path, $0.value) })
        #expect(values["person.age"] == .int(40))
        #expect(values["d"] == .date(day("2014-01-01")))
        #expect(values["e"] == .date(day("2014-02-01")))
        let items = try #require(
            Self.result(
                #"any p in periods: p.role = "substantive""#,
                record: "periods: [{role: acting, start: 2010-01-01}, {role: substantive, start: 2011-01-01}]\n"))
        #expect(items.values.map({ $0.path }) == ["periods[0].role", "periods[1].role"])
    }

    // MARK: - Expressions evaluated directly

    @Test(
        "expression values",
        arguments: [
            ("1 + 2 * 3", Value.int(7)),
            ("7 - 2 - 1", Value.int(4)),
            ("7 / 2", Value.decimal(3.5)),
            ("-3 + 1", Value.int(-2)),
            ("2.5 * 2", Value.decimal(5)),
            ("n ?? 9", Value.int(9)),
            ("if n > 1 then \"big\" else \"small\"", Value.null),
            ("count([1, 2, 3])", Value.int(3)),
            ("sum([1, 2, 3])", Value.int(6)),
            ("sum(map([1, 2], v -> v * 10))", Value.int(30)),
            ("max([3, 9, 4])", Value.int(9)),
            ("min([3, 9, 4])", Value.int(3)),
            ("max([3, null])", Value.null),
            ("max([])", Value.null),
            ("first([4, 5])", Value.int(4)),
            ("last([4, 5])", Value.int(5)),
            ("first([])", Value.null),
            ("[1, 2, 3][1]", Value.int(2)),
            ("[1, 2, 3][5]", Value.null),
            ("count(filter([1, 2, 3, 4], v -> v > 2))", Value.int(2)),
            ("count x in [1, 2, 3, 4]: x > 1", Value.int(3)),
            ("take(sort_by_desc([2012, 2014, 2011, 2013], y -> y), 3)", Value.list([.int(2014), .int(2013), .int(2012)])),
            ("sort_by([3, 1, 2], v -> v)", Value.list([.int(1), .int(2), .int(3)])),
            ("strictly_increasing([1, 2, 3])", Value.bool(true)),
            ("strictly_increasing([1, 2, 2])", Value.bool(false)),
            ("strictly_increasing([1, null, 3])", Value.null),
            ("lower(\"ABC\")", Value.string("abc")),
            ("year(2014-11-03) * 100 + month(2014-11-03)", Value.int(201411)),
            ("day(2014-11-03)", Value.int(3)),
            ("[2012, 2013][0] = 2012", Value.bool(true))
        ])
    func expressionValues(expression: String, expected: Value) throws {
        #expect(try Inline.evaluate(expression) == expected)
    }

    @Test("parameter tables are looked up by key; a missing key is unknown")
    func tables() throws {
        let rules = Inline.ruleFile(
            """
            parameters:
              floor:
                type: decimal
                by: [phase, year]
                values:
                  primary: {2013: 60, 2014: 65}
                  secondary: {2014: 40.5}
            derived:
              f2014: floor["primary"][2014]
              fsec: floor["secondary"][n]
              missing: floor["primary"][2011]
              nophase: floor["nursery"][2014]
            parts:
              - id: P
                rules:
                  - {id: R, title: R, citation: test, require: f2014 > 0 and fsec > 0 and missing > 0 and nophase > 0}

            """)
        let lib = Inline.library(rules: rules)
        #expect(lib.errors.isEmpty, "\(lib.errors.map({ $0.message }))")
        let set = try #require(lib.ruleSets.first)
        let (record, _) = Inline.typed("n: 2014\n", in: lib)
        var ev = Evaluator(ruleSet: set, root: record, asOf: day("2014-11-03"), tracing: false)
        #expect(try ev.eval(.derived(0)) == .decimal(65))
        #expect(try ev.eval(.derived(1)) == .decimal(40.5))
        #expect(try ev.eval(.derived(2)) == .null)
        #expect(try ev.eval(.derived(3)) == .null)
    }
}

/// Fields read in place (`Evaluator.field`) give what reading each mapping out first gives:
/// the value itself at every depth, and null below an absent mapping or a value that is not one.
@Suite("fields read in place") struct FieldsReadInPlaceTests {
    static let schema = """
        schema: t
        title: Nested
        fields:
          id: string?
          n: int?
          a:
            type: object?
            fields:
              n: int?
              b:
                type: object?
                fields:
                  c: int?
                  d:
                    type: object?
                    fields:
                      e: int?
          items:
            type: list?
            items:
              type: object
              fields:
                n: int?
                b:
                  type: object?
                  fields:
                    c: int?
        """

    /// Each path in a list, so that it is evaluated as an operand (a path alone is read as a reference).
    static let paths = ["n", "a.n", "a.b.c", "a.b.d.e", "map(items, i -> i.n)", "map(items, i -> i.b.c)"]

    @Test(
        "every depth, present or absent",
        arguments: [
            ("{n: 1, a: {n: 2, b: {c: 3, d: {e: 4}}}, items: [{n: 5, b: {c: 6}}, {n: 7}]}", ["1", "2", "3", "4", "[5, 7]", "[6, null]"]),
            ("{a: {n: 2, b: {c: 3}}, items: [{b: {}}]}", ["null", "2", "3", "null", "[null]", "[null]"]),
            ("{a: {n: 2}}", ["null", "2", "null", "null", "null", "null"]),
            ("{}", ["null", "null", "null", "null", "null", "null"])
        ])
    func everyDepth(record: String, expected: [String]) throws {
        for (path, want) in zip(Self.paths, expected) {
            let inPlace = try Inline.evaluate("[\(path)]", record: record, schema: Self.schema, tracing: false)
            let traced = try Inline.evaluate("[\(path)]", record: record, schema: Self.schema, tracing: true)
            let value = want == "null" ? Value.null : try Inline.evaluate(want, schema: Self.schema)
            #expect(inPlace == .list([value]), "\(path) in \(record)")
            #expect(traced == .list([value]), "\(path) in \(record)")
        }
    }
}
