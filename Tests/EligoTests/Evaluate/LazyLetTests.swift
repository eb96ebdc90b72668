import Testing
@testable import Eligo

/// A part's `let:` values are evaluated when a rule or message first reads them (Evaluator.pendingLets);
/// what a report says must not change with that: the values, the deciding values, the needs.
@Suite("let values evaluated when first read")
struct LazyLetTests {
    static let rules = Inline.ruleFile(
        """
        derived:
          # A lambda outside any part: its variable takes a slot a part's `let:` also uses.
          substantive_count: count(filter(periods, q -> q.role = "substantive"))
        parts:
          - id: P
            for_each: p in periods
            subject: p.start
            let:
              ends: p.end ?? as_of
              long: days_between(p.start, ends) >= 365
              later: filter(periods, o -> o.start > p.start)
            rules:
              - id: LONG
                title: At least a year
                citation: test
                require: long
                messages:
                  fail: "{p.start} to {ends} is short; {count(later)} later period(s)."
              - id: SHARED
                title: Another substantive period
                citation: test
                require: substantive_count >= 1 and count(later) >= 0
              - id: ROLE
                title: Substantive
                citation: test
                require: p.role = "substantive"
                messages:
                  pass: "{p.start}: substantive, {count(later)} later."
                  fail: "{p.start}: {p.role}."
        """)

    static let record = """
        periods:
          - {role: acting, start: 2010-01-01, end: 2010-03-01}
          - {role: substantive, start: 2011-01-01}
          - {role: acting, start: 2012-01-01, end: 2014-01-01}

        """

    @Test("values, messages and deciding values read through lets are the record's own, item by item")
    func valuesPerItem() throws {
        let lib = Inline.library(rules: Self.rules)
        #expect(lib.errors.isEmpty, "\(lib.errors.map(\.message))")
        let r = try #require(Inline.report(lib, record: Self.record, asOf: day("2014-11-03")))
        let long = r.rules.filter { $0.id == "LONG" }
        #expect(long.map(\.outcome) == [.fail, .pass, .pass])
        // The failure message reads `ends` and `later`, never read by a rule of this item before.
        #expect(long[0].message == "1 January 2010 to 1 March 2010 is short; 2 later period(s).")
        let role = r.rules.filter { $0.id == "ROLE" }
        #expect(role.map(\.message) == ["1 January 2010: acting.", "1 January 2011: substantive, 1 later.", "1 January 2012: acting."])
        // A derived value's lambda borrows a slot of a pending let; the let still reads its own value afterwards.
        #expect(r.rules.filter { $0.id == "SHARED" }.map(\.outcome) == [.pass, .pass, .pass])
        // A let's own reads are not the reading rule's deciding values (as when lets were evaluated up front):
        // LONG decides on `long` alone, whose reads are p.start and p.end.
        #expect(long[0].values.map(\.path).allSatisfy { !$0.hasPrefix("periods[1]") && !$0.hasPrefix("periods[2]") })
    }

    @Test("a let nobody reads costs nothing and changes nothing; an unreadable one reads as unknown")
    func unreadLets() throws {
        let lib = Inline.library(
            rules: Inline.ruleFile(
                """
                parts:
                  - id: P
                    for_each: p in periods
                    let:
                      broken: 1 / 0
                      fine: p.role
                    rules:
                      - id: USES-BROKEN
                        title: Reads the broken value
                        citation: test
                        require: broken > 0
                      - id: USES-FINE
                        title: Reads the fine value
                        citation: test
                        require: fine = "acting"
                """))
        #expect(lib.errors.isEmpty, "\(lib.errors.map(\.message))")
        let r = try #require(Inline.report(lib, record: "periods:\n  - {role: acting, start: 2010-01-01}\n", asOf: day("2014-11-03")))
        #expect(r.rules.map(\.outcome) == [.unknown, .pass])
    }
}
