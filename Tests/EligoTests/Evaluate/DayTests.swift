import Testing
@testable import Eligo

@Suite("Day: calendar days")
struct DayTests {
    // MARK: - ISO parsing

    @Test(
        "valid ISO dates parse to their components",
        arguments: [
            ("2014-11-03", 2014, 11, 3),
            ("2012-02-29", 2012, 2, 29),
            ("2000-02-29", 2000, 2, 29),
            ("1970-01-01", 1970, 1, 1),
            ("1969-12-31", 1969, 12, 31),
            ("0001-01-01", 1, 1, 1),
            ("9999-12-31", 9999, 12, 31),
            ("2014-12-31", 2014, 12, 31)
        ])
    func parsesValidDates(text: String, year: Int, month: Int, dayOfMonth: Int) throws {
        let d = try #require(Day(iso: text))
        #expect(d.components == (year, month, dayOfMonth))
        #expect(d.description == text)
        #expect(Day(year: year, month: month, day: dayOfMonth) == d)
    }

    @Test(
        "days that do not exist, and malformed text, are rejected",
        arguments: [
            "2014-02-30", "2015-02-29", "2014-13-01", "2014-1-01", "2014-01-1", "2014-00-10", "2014-01-00",
            "2014-04-31", "1900-02-29", "2100-02-29", "0000-01-01", "2014/01/01", "2014-01-01 ", " 2014-01-01",
            "20140101", "2014-01-0a", "", "+014-01-01", "2014-1a-01", "2014--1-01"
        ])
    func rejectsInvalidDates(text: String) {
        #expect(Day(iso: text) == nil)
    }

    @Test("the memberwise constructor rejects the same impossible days")
    func constructorRejectsImpossibleDays() {
        #expect(Day(year: 2014, month: 2, day: 30) == nil)
        #expect(Day(year: 2015, month: 2, day: 29) == nil)
        #expect(Day(year: 2014, month: 13, day: 1) == nil)
        #expect(Day(year: 2014, month: 0, day: 1) == nil)
        #expect(Day(year: 2014, month: 6, day: 31) == nil)
        #expect(Day(year: 2014, month: 6, day: 0) == nil)
        #expect(Day(year: 2012, month: 2, day: 29) != nil)
    }

    // MARK: - Leap years

    @Test(
        "leap years follow the Gregorian rule",
        arguments: [
            (1900, false), (2000, true), (2012, true), (2014, false), (2016, true), (2100, false), (2400, true), (1996, true)
        ])
    func leapYears(year: Int, leap: Bool) {
        #expect(Day.isLeap(year) == leap)
        #expect(Day.daysIn(month: 2, year: year) == (leap ? 29 : 28))
        #expect((Day(year: year, month: 2, day: 29) != nil) == leap)
    }

    @Test("month lengths")
    func monthLengths() {
        let lengths = [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31]
        for (i, n) in lengths.enumerated() {
            #expect(Day.daysIn(month: i + 1, year: 2014) == n, "month \(i + 1)")
        }
    }

    @Test("a year has 365 or 366 days")
    func yearLengths() {
        #expect(day("2013-01-01").ordinal - day("2012-01-01").ordinal == 366)
        #expect(day("2014-01-01").ordinal - day("2013-01-01").ordinal == 365)
        #expect(day("1901-01-01").ordinal - day("1900-01-01").ordinal == 365)
        #expect(day("2001-01-01").ordinal - day("2000-01-01").ordinal == 366)
    }

    // MARK: - Ordinals

    @Test("ordinal zero is 1 January 1970")
    func epoch() {
        #expect(day("1970-01-01").ordinal == 0)
        #expect(day("1970-01-02").ordinal == 1)
        #expect(day("1969-12-31").ordinal == -1)
        #expect(day("2014-11-03").ordinal == 16377)
        #expect(day("2000-03-01").ordinal == 11017)
    }

    @Test("ordinals round-trip through components over a range of days")
    func ordinalRoundTrip() {
        // From 1 March 1896 (spanning 1900, 2000 and 2100) for about 220 years.
        var previous: (year: Int, month: Int, day: Int)?
        let start = day("1896-03-01").ordinal
        for ordinal in stride(from: start, through: start + 80_500, by: 1) {
            let d = Day(ordinal: ordinal)
            let c = d.components
            let rebuilt = Day(year: c.year, month: c.month, day: c.day)
            if rebuilt?.ordinal != ordinal {
                Issue.record("ordinal \(ordinal) -> \(c) -> \(String(describing: rebuilt?.ordinal))")
                return
            }
            if let p = previous {
                // Each next day is the next calendar day.
                let expected: (Int, Int, Int) =
                    p.day < Day.daysIn(month: p.month, year: p.year)
                    ? (p.year, p.month, p.day + 1)
                    : p.month < 12 ? (p.year, p.month + 1, 1) : (p.year + 1, 1, 1)
                if expected != c {
                    Issue.record("day after \(p) is \(c)")
                    return
                }
            }
            previous = c
            if Day(iso: d.description) != d {
                Issue.record("ISO round trip failed for \(d)")
                return
            }
        }
    }

    @Test("days compare by date")
    func comparison() {
        #expect(day("2014-11-03") < day("2014-11-04"))
        #expect(day("2013-12-31") < day("2014-01-01"))
        #expect(!(day("2014-01-01") < day("2014-01-01")))
        #expect(day("2014-01-01") == Day(year: 2014, month: 1, day: 1))
    }

    // MARK: - Adding years, months and days

    @Test(
        "adding years and months clamps to the end of the month",
        arguments: [
            ("2012-02-29", 12, "2013-02-28"),
            ("2012-02-29", 24, "2014-02-28"),
            ("2016-02-29", 48, "2020-02-29"),
            ("2014-01-31", 1, "2014-02-28"),
            ("2012-01-31", 1, "2012-02-29"),
            ("2014-03-31", 1, "2014-04-30"),
            ("2014-03-31", -1, "2014-02-28"),
            ("2014-10-31", 2, "2014-12-31"),
            ("2014-11-30", 3, "2015-02-28"),
            ("2014-12-15", 1, "2015-01-15"),
            ("2014-01-15", -1, "2013-12-15"),
            ("2014-11-03", -36, "2011-11-03"),
            ("2015-02-28", -36, "2012-02-28"),
            ("2014-05-31", -3, "2014-02-28"),
            ("2014-01-01", -13, "2012-12-01"),
            ("2014-11-03", 0, "2014-11-03")
        ])
    func addingMonths(from: String, months: Int, to: String) {
        #expect(day(from).adding(months: months) == day(to))
    }

    @Test("adding years is adding twelve months each")
    func addingYears() {
        #expect(day("2012-02-29").adding(years: 1) == day("2013-02-28"))
        #expect(day("2016-02-29").adding(years: 4) == day("2020-02-29"))
        #expect(day("2016-02-29").adding(years: -4) == day("2012-02-29"))
        #expect(day("2016-02-29").adding(years: -1) == day("2015-02-28"))
        #expect(day("2014-11-03").adding(years: -3) == day("2011-11-03"))
        #expect(day("2014-11-03").adding(years: 0) == day("2014-11-03"))
    }

    @Test("adding days crosses months, years and leap days")
    func addingDays() {
        #expect(day("2012-02-28").adding(days: 1) == day("2012-02-29"))
        #expect(day("2013-02-28").adding(days: 1) == day("2013-03-01"))
        #expect(day("2014-12-31").adding(days: 1) == day("2015-01-01"))
        #expect(day("2015-01-01").adding(days: -1) == day("2014-12-31"))
        #expect(day("2014-11-03").adding(days: 1096) == day("2017-11-03"))
    }

    @Test("a calendar span adds months first, then days")
    func addingSpan() {
        #expect(day("2014-01-31").adding(CalendarSpan(months: 1, days: 1)) == day("2014-03-01"))
        #expect(day("2014-03-01").adding(CalendarSpan(months: 1, days: 1).negated) == day("2014-01-31"))
        #expect(day("2014-11-03").adding(CalendarSpan(months: 36)) == day("2017-11-03"))
    }

    // MARK: - Whole months and years

    @Test(
        "whole months and years between two days",
        arguments: [
            ("2014-01-31", "2014-02-28", 1, 0),
            ("2014-01-31", "2014-02-27", 0, 0),
            ("2014-01-30", "2014-02-28", 1, 0),
            ("2014-02-28", "2014-03-28", 1, 0),
            ("2014-02-28", "2014-03-27", 0, 0),
            ("2014-01-15", "2014-01-15", 0, 0),
            ("2014-01-15", "2014-02-14", 0, 0),
            ("2014-01-15", "2014-02-15", 1, 0),
            ("2011-11-03", "2014-11-03", 36, 3),
            ("2011-11-04", "2014-11-03", 35, 2),
            ("2012-02-29", "2013-02-28", 12, 1),
            ("2012-02-29", "2015-02-28", 36, 3),
            ("2012-09-01", "2014-11-03", 26, 2),
            ("2009-04-20", "2014-10-13", 65, 5),
            ("2013-12-31", "2014-01-01", 0, 0)
        ])
    func wholeMonthsAndYears(from: String, to: String, months: Int, years: Int) {
        #expect(day(from).wholeMonths(to: day(to)) == months)
        #expect(day(from).wholeYears(to: day(to)) == years)
        // The same span backwards is negative.
        #expect(day(to).wholeMonths(to: day(from)) == -months)
        #expect(day(to).wholeYears(to: day(from)) == -years)
    }

    @Test("negative spans count whole months back")
    func negativeSpans() {
        #expect(day("2014-11-03").wholeMonths(to: day("2014-10-03")) == -1)
        #expect(day("2014-11-03").wholeMonths(to: day("2014-10-04")) == 0)
        #expect(day("2014-11-03").wholeYears(to: day("2011-11-03")) == -3)
        #expect(day("2014-11-03").wholeYears(to: day("2011-11-04")) == -2)
        #expect(day("2014-11-03").wholeMonths(to: day("2013-11-02")) == -12)
    }

    // MARK: - Descriptions

    @Test(
        "long descriptions are the British form",
        arguments: [
            ("2014-11-03", "3 November 2014"),
            ("2014-01-01", "1 January 2014"),
            ("2012-02-29", "29 February 2012"),
            ("2014-12-15", "15 December 2014"),
            ("2015-09-01", "1 September 2015")
        ])
    func longDescription(iso: String, long: String) {
        #expect(day(iso).longDescription == long)
    }

    @Test("ISO descriptions are zero padded")
    func isoDescription() {
        #expect(Day(year: 987, month: 3, day: 4)?.description == "0987-03-04")
        #expect(day("2014-01-05").description == "2014-01-05")
    }
}
