import Foundation
import Testing
@testable import Eligo

@Suite("Calendar built-ins")
struct BuiltinsTests {
    static func value(
        _ expression: String, record: String = "{}", asOf: Day = day("2014-11-03"),
        sourceLocation: SourceLocation = #_sourceLocation
    ) -> Value? {
        do {
            return try Inline.evaluate(expression, record: record, asOf: asOf, sourceLocation: sourceLocation)
        } catch {
            Issue.record("\(expression): \(error)", sourceLocation: sourceLocation)
            return nil
        }
    }

    // MARK: - union_days

    @Test(
        "union_days counts each day once over half-open intervals",
        arguments: [
            // One interval: [1 Jan, 11 Jan) is ten days.
            ("[interval(2014-01-01, 2014-01-11)]", "2014-12-31", 10),
            // Overlapping: [1 Jan, 15 Jan).
            ("[interval(2014-01-01, 2014-01-11), interval(2014-01-05, 2014-01-15)]", "2014-12-31", 14),
            // The same, given in the other order.
            ("[interval(2014-01-05, 2014-01-15), interval(2014-01-01, 2014-01-11)]", "2014-12-31", 14),
            // Adjacent: the end day of one is the start of the next.
            ("[interval(2014-01-01, 2014-01-11), interval(2014-01-11, 2014-01-21)]", "2014-12-31", 20),
            // A one-day gap is not covered.
            ("[interval(2014-01-01, 2014-01-11), interval(2014-01-12, 2014-01-22)]", "2014-12-31", 20),
            // One interval inside another.
            ("[interval(2014-01-01, 2014-01-31), interval(2014-01-05, 2014-01-10)]", "2014-12-31", 30),
            // Identical intervals.
            ("[interval(2014-01-01, 2014-01-31), interval(2014-01-01, 2014-01-31)]", "2014-12-31", 30),
            // An open end runs to the cut-off.
            ("[interval(2014-01-01, null)]", "2014-02-01", 31),
            // An open interval overlapping a closed one.
            ("[interval(2014-01-01, 2014-03-01), interval(2014-02-01, null)]", "2014-04-01", 90),
            // An end after the cut-off is cut off.
            ("[interval(2014-01-01, 2015-01-01)]", "2014-02-01", 31),
            // Intervals starting on or after the cut-off count nothing.
            ("[interval(2014-03-01, null), interval(2014-02-01, 2014-02-11)]", "2014-02-01", 0),
            ("[interval(2014-01-01, 2014-01-11), interval(2014-06-01, null)]", "2014-06-01", 10),
            // Across 29 February 2012.
            ("[interval(2012-02-28, 2012-03-01)]", "2014-01-01", 2),
            ("[interval(2011-11-03, null)]", "2014-11-03", 1096),
            // Three chained, overlapping and out of order.
            ("[interval(2014-01-20, 2014-02-01), interval(2014-01-01, 2014-01-10), interval(2014-01-05, 2014-01-25)]", "2014-12-31", 31),
            ("[]", "2014-12-31", 0)
        ])
    func unionDays(intervals: String, cutoff: String, days: Int) {
        #expect(Self.value("union_days(\(intervals), \(cutoff))") == .int(days), "\(intervals)")
    }

    @Test("union_days over record intervals, and unknown when a start is absent")
    func unionDaysOverRecord() {
        let record = """
            periods:
              - {role: substantive, start: 2009-01-01, end: 2010-01-01}
              - {role: acting, start: 2009-06-01, end: 2011-01-01}
              - {role: substantive, start: 2012-01-01}

            """
        let all = "union_days(map(periods, p -> interval(p.start, p.end)), as_of)"
        let substantive = #"union_days(map(filter(periods, p -> p.role = "substantive"), p -> interval(p.start, p.end)), as_of)"#
        // 2009-01-01 .. 2011-01-01 is 730 days; 2012-01-01 .. 2014-11-03 is 1037.
        #expect(Self.value(all, record: record) == .int(730 + 1037))
        #expect(Self.value(substantive, record: record) == .int(365 + 1037))
        #expect(Self.value("union_days([interval(d, e)], as_of)", record: "e: 2014-01-01\n") == .null)
        #expect(Self.value(all, record: "id: x\n") == .null)
    }

    @Test("interval, overlaps and active_on")
    func intervals() {
        #expect(Self.value("interval(2014-01-01, 2014-02-01)") == .interval(start: day("2014-01-01"), end: day("2014-02-01")))
        #expect(Self.value("interval(2014-01-01, e)") == .interval(start: day("2014-01-01"), end: nil))
        #expect(Self.value("overlaps(interval(2014-01-01, 2014-02-01), interval(2014-01-31, null))") == .bool(true))
        #expect(Self.value("overlaps(interval(2014-01-01, 2014-02-01), interval(2014-02-01, null))") == .bool(false))
        #expect(Self.value("active_on(interval(2014-01-01, 2014-02-01), 2014-01-31)") == .bool(true))
        #expect(Self.value("active_on(interval(2014-01-01, 2014-02-01), 2014-02-01)") == .bool(false))
        #expect(Self.value("active_on(interval(2014-01-01, null), 2020-02-01)") == .bool(true))
        #expect(Self.value("active_on(interval(2014-01-01, null), 2013-12-31)") == .bool(false))
    }

    // MARK: - Durations and date arithmetic

    @Test(
        "years(n), months(n) and days(n) shift dates by calendar spans",
        arguments: [
            ("2012-02-29 + years(1)", "2013-02-28"),
            ("2016-02-29 + years(4)", "2020-02-29"),
            ("2014-11-03 - years(3)", "2011-11-03"),
            ("2014-01-31 + months(1)", "2014-02-28"),
            ("2014-03-31 - months(1)", "2014-02-28"),
            ("2014-12-31 + days(1)", "2015-01-01"),
            ("2014-03-01 - days(1)", "2014-02-28"),
            ("as_of - years(5)", "2009-11-03"),
            ("as_of + years(n)", "2016-11-03"),
            ("add_years(2012-02-29, 2)", "2014-02-28"),
            ("add_months(2014-10-31, 4)", "2015-02-28"),
            ("add_days(2014-11-03, -3)", "2014-10-31")
        ])
    func shifts(expression: String, expected: String) {
        #expect(Self.value(expression, record: "n: 2\n") == .date(day(expected)))
    }

    @Test("a shift of an absent date, or by an absent number, is unknown")
    func absentShift() {
        #expect(Self.value("d + years(1)") == .null)
        #expect(Self.value("2014-01-01 + years(n)") == .null)
        #expect(Self.value("as_of - years(n)") == .null)
    }

    @Test(
        "years_between, months_between and days_between",
        arguments: [
            ("years_between(2011-11-03, 2014-11-03)", 3),
            ("years_between(2011-11-04, 2014-11-03)", 2),
            ("years_between(2012-02-29, 2013-02-28)", 1),
            ("months_between(2014-01-31, 2014-02-28)", 1),
            ("months_between(2014-01-31, 2014-02-27)", 0),
            ("months_between(2014-11-03, 2014-10-03)", -1),
            ("days_between(2011-11-03, 2014-11-03)", 1096),
            ("days_between(2011-11-30, 2014-11-30)", 1096),
            ("days_between(2012-03-01, 2015-03-01)", 1095),
            ("days_between(2014-11-03, 2014-11-01)", -2),
            ("days_between(as_of - years(3), as_of)", 1096)
        ])
    func between(expression: String, expected: Int) {
        #expect(Self.value(expression) == .int(expected))
    }

    // MARK: - span()

    @Test(
        "span() says a length of time in words",
        arguments: [
            ("span(2012-09-01, 2014-11-03)", "2 years 2 months"),
            ("span(2011-11-17, 2014-11-17)", "3 years"),
            ("span(2013-11-03, 2014-11-03)", "1 year"),
            ("span(2014-10-03, 2014-11-03)", "1 month"),
            ("span(2014-01-31, 2014-02-28)", "1 month"),
            ("span(2013-09-03, 2014-11-03)", "1 year 2 months"),
            ("span(2014-11-01, 2014-11-12)", "11 days"),
            ("span(2014-11-02, 2014-11-03)", "1 day"),
            ("span(2014-11-03, 2014-11-03)", "0 days"),
            ("span(2009-04-20, 2014-10-13)", "5 years 5 months"),
            ("span(as_of - days(793), as_of)", "2 years 2 months")
        ])
    func spanWording(expression: String, expected: String) {
        #expect(Self.value(expression) == .string(expected))
    }

    @Test("span() of an absent date is unknown")
    func spanAbsent() {
        #expect(Self.value("span(d, as_of)") == .null)
    }

    /// The examples of the built-in function table in docs/rules.md, section 4.
    @Test(
        "the documented examples of the built-in functions",
        arguments: [
            ("2014-01-31 + years(1)", Value.date(day("2015-01-31"))),
            ("2014-01-31 + months(1)", Value.date(day("2014-02-28"))),
            ("2014-01-31 + days(30)", Value.date(day("2014-03-02"))),
            ("add_years(2012-02-29, 1)", Value.date(day("2013-02-28"))),
            ("add_months(2014-01-31, 1)", Value.date(day("2014-02-28"))),
            ("add_days(2014-12-31, 1)", Value.date(day("2015-01-01"))),
            ("years_between(2012-09-01, 2014-11-03)", Value.int(2)),
            ("months_between(2012-09-01, 2014-11-03)", Value.int(26)),
            ("days_between(2014-11-01, 2014-11-03)", Value.int(2)),
            ("span(2012-09-01, 2014-11-03)", Value.string("2 years 2 months")),
            ("overlaps(interval(2014-01-01, 2014-02-01), interval(2014-02-01, null))", Value.bool(false)),
            ("active_on(interval(2014-01-01, null), 2020-01-01)", Value.bool(true)),
            ("max(2014-01-01, 2015-01-01)", Value.date(day("2015-01-01"))),
            ("min(3, 2.5)", Value.decimal(2.5)),
            ("min([4, 2, 9])", Value.int(2)),
            ("sum([1, 2, 3.5])", Value.decimal(6.5)),
            ("sum([])", Value.int(0)),
            ("strictly_increasing([60, 62, 65])", Value.bool(true)),
            ("month(2014-11-03)", Value.int(11)),
            ("lower(\"Head\")", Value.string("head")),
            ("text(2014-11-03)", Value.string("3 November 2014")),
            ("any([1, 2, 3], x -> x > 2)", Value.bool(true)),
            ("all([1, 2, 3], x -> x > 2)", Value.bool(false)),
            ("all([], x -> x > 2)", Value.bool(true)),
            ("none([1, 2, 3], x -> x > 5)", Value.bool(true)),
            ("count([1, 2, 3], x -> x > 1)", Value.int(2)),
            ("sum([1, 2, 3], x -> x * 10)", Value.int(60)),
            ("min([3, 1, 2], x -> x * 2)", Value.int(2)),
            ("filter([1, 2, 3, 4], x -> x > 2)", Value.list([.int(3), .int(4)])),
            ("map([1, 2], x -> x * 2)", Value.list([.int(2), .int(4)])),
            ("map([1, null], x -> x * 2)", Value.list([.int(2), .null])),
            ("sum([1, null])", Value.null),
            ("count([1, null, 3], x -> x > 1)", Value.null),
            ("[10, 20, 30][-1]", Value.int(30))
        ])
    func documentedExamples(expression: String, expected: Value) {
        #expect(Self.value(expression) == expected)
    }

    @Test("values are formatted the way an applicant reads them")
    func formatting() {
        #expect(ValueFormatter.text(.date(day("2014-11-03"))) == "3 November 2014")
        #expect(ValueFormatter.text(.bool(true)) == "yes")
        #expect(ValueFormatter.text(.null) == "not given")
        #expect(ValueFormatter.text(.decimal(59.4)) == "59.4")
        #expect(ValueFormatter.text(.decimal(65)) == "65")
        #expect(ValueFormatter.text(.duration(CalendarSpan(months: 38))) == "3 years 2 months")
        #expect(ValueFormatter.text(.list([.int(1), .int(2), .int(3)])) == "1, 2 and 3")
        #expect(ValueFormatter.text(.string("executive_headteacher"), type: .enumeration(EnumType(name: nil, values: []))) == "executive headteacher")
    }
}
