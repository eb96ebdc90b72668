import Testing
@testable import Eligo

/// by_id, find and where (indexed lookups), records as intervals, and concat:
/// their types, their values, and the diagnostics for misuse.
@Suite("dataset functions") struct DatasetFunctionTests {
    static let schema = """
        schema: d
        fields:
          as_of: date?
          people:
            type: list
            default: []
            items:
              type: object
              fields:
                id: string
                name: string
                team: string?
                start: date
                end: date?
                grade: int?
          teams:
            type: list
            default: []
            items:
              type: object
              fields:
                code: string
                name: string
        """

    static let record = """
        kind: d
        people:
          - {id: P1, name: Ann, team: T1, start: 2014-01-01, end: 2015-01-01, grade: 2}
          - {id: P2, name: Bob, team: T2, start: 2014-06-01, grade: 3}
          - {id: P3, name: Cat, team: T1, start: 2015-01-01}
          - {id: P3, name: Dup, start: 2016-01-01}
        teams:
          - {code: T1, name: Maths}
          - {code: T2, name: English}
        """

    /// Evaluates an expression (a derived value) against the record above.
    private func eval(_ expression: String, record: String = DatasetFunctionTests.record) throws -> Value {
        try Inline.evaluate(expression, record: record, asOf: day("2015-06-30"), schema: Self.schema, kind: "d", tracing: true)
    }

    /// The schema above with one rule, R, requiring `expression`.
    private func library(requiring expression: String) -> RuleLibrary {
        let rules = Inline.ruleFile(
            """
            parts:
              - id: P
                rules:
                  - id: R
                    title: R
                    citation: test
                    require: |
                      \(expression)

            """, kind: "d")
        return Inline.library(schema: Self.schema, rules: rules)
    }

    private func diagnostics(_ expression: String) -> [Diagnostic] {
        library(requiring: expression).errors
    }

    @Test func byIdFindsARecordOrNothing() throws {
        #expect(try eval("by_id(people, \"P2\").name") == .string("Bob"))
        #expect(try eval("present(by_id(people, \"P9\"))") == .bool(false))
        #expect(try eval("by_id(people, \"P9\").name") == .null)
        // The first of duplicate ids.
        #expect(try eval("by_id(people, \"P3\").name") == .string("Cat"))
        // An absent key gives an unknown result, not "not found".
        #expect(try eval("by_id(people, by_id(people, \"P3\").team)") == .null)
    }

    @Test func findMatchesAnyFieldAndMore() throws {
        #expect(try eval("find(teams, t -> t.name = \"English\").code") == .string("T2"))
        #expect(try eval("find(people, p -> p.team = \"T1\" and p.start >= 2015-01-01).name") == .string("Cat"))
        #expect(try eval("find(people, p -> \"T2\" = p.team).id") == .string("P2"))
    }

    @Test func whereGivesEveryMatchInOrder() throws {
        #expect(try eval("map(where(people, p -> p.team = \"T1\"), p -> p.name)") == .list([.string("Ann"), .string("Cat")]))
        #expect(try eval("count(where(people, p -> p.team = \"T9\"))") == .int(0))
        #expect(try eval("map(where(people, p -> p.team = \"T1\" and p.start < 2015-01-01), p -> p.name)") == .list([.string("Ann")]))
        // A condition unknown for a candidate (Cat has no grade) makes the result unknown, as with filter.
        #expect(try eval("where(people, p -> p.team = \"T1\" and p.grade > 1)") == .null)
        // Inside another function, with the key from the item in hand.
        #expect(try eval("map(teams, t -> count(where(people, p -> p.team = t.code)))") == .list([.int(2), .int(1)]))
    }

    @Test func whereOverAListThatChangesIsScanned() throws {
        // The list depends on the function's variable, so it cannot be indexed once; the answer is the same.
        #expect(
            try eval("map(teams, t -> count(where(filter(people, p -> p.start >= 2014-06-01), q -> q.team = t.code)))")
                == .list([.int(1), .int(1)]))
    }

    @Test func recordsWithStartAndEndAreIntervals() throws {
        #expect(try eval("text(interval(by_id(people, \"P1\")))") == .string("from 1 January 2014 to 1 January 2015"))
        #expect(try eval("text(interval(by_id(people, \"P2\")))") == .string("from 1 June 2014"))
        #expect(try eval("active_on(by_id(people, \"P1\"), 2014-12-31)") == .bool(true))
        #expect(try eval("active_on(by_id(people, \"P1\"), 2015-01-01)") == .bool(false))
        #expect(try eval("overlaps(by_id(people, \"P1\"), by_id(people, \"P3\"))") == .bool(false))
        #expect(try eval("overlaps(by_id(people, \"P1\"), by_id(people, \"P2\"))") == .bool(true))
        #expect(try eval("overlaps(interval(2014-01-01, null), by_id(people, \"P3\"))") == .bool(true))
    }

    @Test func concatPrintsValuesAsMessagesDo() throws {
        #expect(
            try eval(
                "concat(by_id(people, \"P1\").name, \" started on \", by_id(people, \"P1\").start, \" (grade \", by_id(people, \"P3\").grade, \")\")")
                == .string("Ann started on 1 January 2014 (grade not given)"))
    }

    @Test func theIndexIsBuiltOnceAndShared() throws {
        let rules = Inline.ruleFile(
            """
            parts:
              - id: P
                for_each: p in people
                subject: p.id
                rules:
                  - id: R
                    title: R
                    citation: test
                    require: present(find(teams, t -> t.code = p.team)) and count(where(people, q -> q.team = p.team)) >= 1

            """, kind: "d")
        let lib = Inline.library(schema: Self.schema, rules: rules)
        try #require(lib.errors.isEmpty, "\(lib.errors.map({ $0.message }))")
        let (value, _) = Inline.typed(Self.record, in: lib, kind: "d")
        var ev = Evaluator(ruleSet: lib.ruleSets[0], root: value, asOf: day("2015-06-30"), tracing: true)
        let part = lib.ruleSets[0].parts[0]
        let people = ev.listWithPath(part.forEach!.list).0
        var outcomes: [Outcome] = []
        for (i, person) in people.enumerated() {
            ev.bindItem(part.forEach!, person, path: "people[\(i)]")
            outcomes.append(ev.outcome(of: part.rules[0]).0)
        }
        // Dup has no team: nothing is found, and present() is never unknown.
        #expect(outcomes == [.pass, .pass, .pass, .fail])
        #expect(Set(ev.indexes?.tables.keys ?? [:].keys) == ["teams|code", "people|team"])
    }

    /// An index made first by an evaluator that does not trace (one looking for `passes_from`) has
    /// no paths; a tracing evaluator sharing the cache makes its own, so what a report says it read
    /// does not depend on which record happened to make the index.
    @Test func aTracingLookupSaysWhatItReadWhateverMadeTheIndex() throws {
        let lib = library(requiring: #"by_id(people, "P2").name = "Bob""#)
        try #require(lib.errors.isEmpty, "\(lib.errors.map({ $0.message }))")
        let (value, _) = Inline.typed(Self.record, in: lib, kind: "d")
        let rule = lib.ruleSets[0].parts[0].rules[0]
        let cache = IndexCache()
        var untraced = Evaluator(ruleSet: lib.ruleSets[0], root: value, asOf: day("2015-06-30"), tracing: false)
        untraced.indexes = cache
        #expect(untraced.outcome(of: rule).0 == .pass)
        var traced = Evaluator(ruleSet: lib.ruleSets[0], root: value, asOf: day("2015-06-30"), tracing: true)
        traced.indexes = cache
        #expect(traced.outcome(of: rule).0 == .pass)
        let read = traced.trace.reads.map { traced.paths.text($0.path) }
        #expect(read.contains("people[1].id"))
        #expect(read.contains("people[1].name"))
    }

    @Test func misuseIsReportedWhenTheRulesLoad() {
        #expect(diagnostics("present(where(people, p -> p.grade > 2))").map({ $0.id }) == ["check.unindexable-condition"])
        #expect(diagnostics("present(where(people, p -> p.team = p.name))").map({ $0.id }) == ["check.unindexable-condition"])
        #expect(diagnostics("present(by_id(teams, \"T1\"))").map({ $0.id }) == ["check.unknown-field"])
        #expect(diagnostics("present(by_id(people, 3))").map({ $0.id }) == ["check.type-mismatch"])
        #expect(diagnostics("present(by_id(as_of, \"x\"))").map({ $0.id }) == ["check.type-mismatch"])
        #expect(diagnostics("present(where(people, \"team\", \"T1\"))").map({ $0.id }) == ["check.expected-lambda"])
        let typo = diagnostics("present(find(people, p -> p.tema = \"T1\"))")
        #expect(typo.map({ $0.id }) == ["check.unknown-field"])
        #expect(typo.first?.suggestion == "team")
        #expect(
            diagnostics("active_on(find(teams, t -> t.code = \"T1\"), 2015-01-01)").contains { $0.message.contains("record with 'start' and 'end'") })
        #expect(diagnostics("present(by_ids(people, \"P1\"))").first?.suggestion == "by_id")
    }
}
