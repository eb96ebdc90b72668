import Testing
@testable import Eligo

/// A message's holes are evaluated untraced (Evaluator.untraced): their reads are not deciding
/// values. What they leave behind for later rules (a derived value, a `find` index, a `let:`
/// value) must still be made as a tracing evaluator makes it, or a later rule reading it
/// would lose its deciding values.
@Suite("message holes evaluated untraced")
struct UntracedHolesTests {
    static let rules = Inline.ruleFile(
        """
        derived:
          long_periods: filter(periods, p -> days_between(p.start, p.end ?? as_of) >= 365)
        parts:
          - id: P
            title: Part P
            rules:
              # Fails first, and its message is the first to read the derived value and the index.
              - id: NAMED
                title: Named
                citation: test
                require: present(s)
                messages:
                  fail: "No name; {count(long_periods)} long period(s), first acting from {find(periods, p -> p.role = \\"acting\\").start}."
              - id: LONG
                title: A long period
                citation: test
                require: count(long_periods) >= 1
              - id: ACTING
                title: Acted
                citation: test
                require: find(periods, p -> p.role = "acting").start < as_of
        """)

    static let record = """
        periods:
          - {role: acting, start: 2010-01-01, end: 2010-03-01}
          - {role: substantive, start: 2011-01-01}

        """

    @Test("values first read by a message keep their paths for the rules that read them later")
    func cachedValuesKeepPaths() throws {
        let lib = Inline.library(rules: Self.rules)
        #expect(lib.errors.isEmpty, "\(lib.errors.map(\.message))")
        let r = try #require(Inline.report(lib, record: Self.record, asOf: day("2014-11-03")))
        let named = try #require(r.rules.first { $0.id == "NAMED" })
        #expect(named.outcome == .fail)
        #expect(named.message == "No name; 1 long period(s), first acting from 1 January 2010.")
        // The message's reads are not the rule's deciding values.
        #expect(named.values.isEmpty)
        #expect(named.needs.isEmpty)
        let long = try #require(r.rules.first { $0.id == "LONG" })
        #expect(long.outcome == .pass)
        #expect(long.values.map(\.path) == ["periods[0].start", "periods[0].end", "periods[1].start"])
        let acting = try #require(r.rules.first { $0.id == "ACTING" })
        #expect(acting.outcome == .pass)
        #expect(acting.values.map(\.path).contains("periods[0].start"))
    }

    @Test("a hole's value is the value a traced evaluation gives")
    func sameValueEitherWay() throws {
        let lib = Inline.library(rules: Self.rules)
        let set = try #require(lib.ruleSets.first)
        let (record, _) = Inline.typed(Self.record, in: lib)
        for code in set.derived.map(\.code) {
            var traced = Evaluator(ruleSet: set, root: record, asOf: day("2014-11-03"), tracing: true)
            var untraced = Evaluator(ruleSet: set, root: record, asOf: day("2014-11-03"), tracing: true)
            let a = try traced.eval(code)
            let b = try untraced.untraced(code)
            #expect(a == b)
            #expect(untraced.trace.reads.isEmpty)
            #expect(!traced.trace.reads.isEmpty)
        }
    }
}
