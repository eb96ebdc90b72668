import Foundation
import Testing
@testable import Eligo

@Suite("Record evaluation: assessment date, passes_from, per-item parts")
struct RecordEvaluationTests {
    static let headshipRules = Inline.ruleFile(
        """
        as_of: d
        parameters:
          min_years:
            type: int
            value: 3
        derived:
          covered: union_days(map(filter(periods, p -> p.role = "substantive"), p -> interval(p.start, p.end)), as_of)
          required: days_between(as_of - years(min_years), as_of)
        parts:
          - id: P
            rules:
              - id: HEADSHIP
                title: Three years
                citation: test
                require: covered >= required
                messages:
                  fail: "You have {span(as_of - days(covered), as_of)}; {min_years} years are required (as of {as_of})."
              - id: START
                title: Started three years ago
                citation: test
                require: e <= as_of - years(min_years)
              - id: FUTURE
                title: Never passes later
                citation: test
                require: e > as_of
              - id: PLAIN
                title: No dates
                citation: test
                require: n > 3

        """)

    static func report(_ record: String, asOf: Day?, today: Day = day("2030-01-01")) -> Report? {
        let lib = Inline.library(rules: headshipRules)
        #expect(lib.errors.isEmpty, "\(lib.errors.map({ $0.message }))")
        return lib.check(bytes: Array(record.utf8), path: "r.yaml", options: CheckOptions(asOf: asOf, today: today)).first
    }

    static func rule(_ report: Report?, _ id: String) -> RuleResult? { report?.rules.first { $0.id == id } }

    @Test("passes_from for a failing date rule: headship started 2012-09-01, as of 2014-11-03")
    func passesFrom() throws {
        let record = """
            e: 2012-09-01
            n: 1
            periods:
              - {role: substantive, start: 2012-09-01}

            """
        let r = try #require(Self.report(record, asOf: day("2014-11-03")))
        let headship = try #require(Self.rule(r, "HEADSHIP"))
        #expect(headship.outcome == .fail)
        #expect(headship.passesFrom == day("2015-09-01"))
        #expect(headship.message == "You have 2 years 2 months; 3 years are required (as of 3 November 2014).")
        let start = try #require(Self.rule(r, "START"))
        #expect(start.outcome == .fail)
        #expect(start.passesFrom == day("2015-09-01"))
        // Never passes at a later date: no passes_from.
        let future = try #require(Self.rule(r, "FUTURE"))
        #expect(future.outcome == .fail)
        #expect(future.passesFrom == nil)
        // Does not depend on the date: no passes_from.
        let plain = try #require(Self.rule(r, "PLAIN"))
        #expect(plain.outcome == .fail)
        #expect(plain.passesFrom == nil)
    }

    @Test("passes_from counts days, not start + 3 years, for a 29 February start")
    func passesFromLeapDay() throws {
        let record = "e: 2012-02-29\nperiods: [{role: substantive, start: 2012-02-29}]\n"
        let r = try #require(Self.report(record, asOf: day("2014-12-01")))
        #expect(Self.rule(r, "HEADSHIP")?.passesFrom == day("2015-03-01"))
        // On 28 February 2015, as_of - 3 years is 28 February 2012, still before the start.
        #expect(Self.rule(r, "START")?.passesFrom == day("2015-03-01"))
    }

    @Test("passes_from is the first passing day at the boundary: one day short")
    func passesFromBoundary() throws {
        // [2011-12-01, 2014-11-30) covers 1095 days; 1096 are required (the span contains 29 Feb 2012).
        let record = "periods: [{role: substantive, start: 2011-12-01}, {role: acting, start: 2011-09-01, end: 2011-11-30}]\n"
        let r = try #require(Self.report(record, asOf: day("2014-11-30")))
        #expect(Self.rule(r, "HEADSHIP")?.outcome == .fail)
        #expect(Self.rule(r, "HEADSHIP")?.passesFrom == day("2014-12-01"))
        let later = try #require(Self.report(record, asOf: day("2014-12-01")))
        #expect(Self.rule(later, "HEADSHIP")?.outcome == .pass)
        #expect(Self.rule(later, "HEADSHIP")?.passesFrom == nil)
    }

    @Test("the assessment date: the override, else the record's as_of field, else today")
    func assessmentDate() throws {
        let record = "d: 2014-11-03\ne: 2011-11-03\n"
        #expect(Self.report(record, asOf: day("2014-12-01"))?.asOf == day("2014-12-01"))
        #expect(Self.report(record, asOf: nil)?.asOf == day("2014-11-03"))
        #expect(Self.report("e: 2011-11-03\n", asOf: nil, today: day("2015-06-30"))?.asOf == day("2015-06-30"))
        // The rule is evaluated on that date.
        #expect(Self.rule(Self.report(record, asOf: nil), "START")?.outcome == .pass)
        #expect(Self.rule(Self.report("e: 2011-11-03\n", asOf: nil, today: day("2014-11-02")), "START")?.outcome == .fail)
    }

    static let perItemRules = Inline.ruleFile(
        """
        parts:
          - id: A
            rules:
              - id: ANY-ITEM
                title: Some period meets every rule of part B
                citation: test
                require: |
                  any p in periods: passes_part("B", p)
          - id: B
            for_each: p in periods
            subject: p.start
            subject_label: "{p.role} from {p.start}"
            counted_through: ANY-ITEM
            let:
              long: days_between(p.start, p.end ?? as_of) >= 365
            rules:
              - id: B-LONG
                title: At least a year
                citation: test
                require: long
              - id: B-SUBST
                title: Substantive
                citation: test
                when: present(p.end)
                require: p.role = "substantive"

        """)

    @Test("per-item parts: one result per item, counted only through their rule")
    func perItemParts() throws {
        let lib = Inline.library(rules: Self.perItemRules)
        #expect(lib.errors.isEmpty, "\(lib.errors.map({ $0.message }))")
        let record = """
            periods:
              - {role: acting, start: 2010-01-01, end: 2012-01-01}
              - {role: substantive, start: 2014-06-01}

            """
        let r = try #require(Inline.report(lib, record: record))
        let b = r.rules.filter { $0.partID == "B" }
        #expect(b.map({ $0.id }) == ["B-LONG", "B-SUBST", "B-LONG", "B-SUBST"])
        #expect(b.map({ $0.subject }) == ["1 January 2010", "1 January 2010", "1 June 2014", "1 June 2014"])
        #expect(b.map({ $0.outcome }) == [.pass, .fail, .fail, .notApplicable])
        #expect(b.allSatisfy { !$0.counted })
        #expect(b.first?.subjectLabel == "acting from 1 January 2010")
        // The second period is a year long from 1 June 2015: the rule depends on the date only through `let`.
        #expect(b[2].passesFrom == day("2015-06-01"))
        #expect(b[1].passesFrom == nil)
        // Neither period passes every rule of part B.
        #expect(r.rules.first { $0.id == "ANY-ITEM" }?.outcome == .fail)
        #expect(r.decision == "not_eligible")

        let good = try #require(Inline.report(lib, record: record + "  - {role: substantive, start: 2005-01-01, end: 2009-01-01}\n"))
        #expect(good.rules.first { $0.id == "ANY-ITEM" }?.outcome == .pass)
        // The failing items of part B do not make the record fail.
        #expect(good.decision == "eligible")
    }

    @Test("without values, a rule that did not pass keeps its sentence and needs but is not traced again")
    func sentencesWithoutValues() throws {
        let lib = Inline.library(
            rules: Inline.flowRules([
                "{id: FEW, title: Enough, citation: test, require: n >= 3, messages: {fail: \"Only {n} of 3; started {d}.\"}}",
                "{id: NAMED, title: Named, citation: test, require: present(s)}",
                "{id: DIVIDED, title: Divided, citation: test, require: n / m > 1}",
                "{id: LATER, title: Later, citation: test, require: e <= as_of - years(1)}",
                "{id: PERSON, title: Person, citation: test, require: person.age >= 18}",
                "{id: OK, title: Fine, citation: test, require: n > 0}"
            ]))
        #expect(lib.errors.isEmpty, "\(lib.errors.map(\.message))")
        let record = "n: 2\nm: 0\nd: 2014-01-01\ne: 2014-06-01\nperson: {name: Ann}\n"
        var options = CheckOptions(asOf: day("2014-11-03"), today: day("2014-11-03"))
        let full = try #require(lib.check(bytes: Array(record.utf8), path: "r.yaml", options: options).first)
        options.explainPassing = false
        options.explainValues = false
        let brief = try #require(lib.check(bytes: Array(record.utf8), path: "r.yaml", options: options).first)
        #expect(full.rules.map(\.outcome) == [.fail, .fail, .error, .fail, .unknown, .pass])
        #expect(brief.rules.map(\.outcome) == full.rules.map(\.outcome))
        #expect(brief.decision == full.decision)
        for (b, f) in zip(brief.rules, full.rules) where f.outcome != .pass {
            #expect(b.message == f.message, "\(f.id)")
            #expect(b.needs == f.needs, "\(f.id)")
        }
        #expect(Self.rule(brief, "FEW")?.message == "Only 2 of 3; started 1 January 2014.")
        #expect(Self.rule(brief, "DIVIDED")?.message.contains("division by zero") == true)
        #expect(Self.rule(brief, "PERSON")?.needs == ["person.age"])
        // What the full report adds: deciding values and the day a failing date rule would pass.
        #expect(Self.rule(full, "FEW")?.values.map(\.path) == ["n"])
        #expect(Self.rule(full, "LATER")?.passesFrom == day("2015-06-01"))
        for id in ["FEW", "NAMED", "DIVIDED", "LATER"] {
            #expect(Self.rule(brief, id)?.values.isEmpty == true, "\(id)")
        }
        #expect(Self.rule(brief, "LATER")?.passesFrom == nil)
        #expect(Self.rule(brief, "OK")?.message == "")
    }
}
