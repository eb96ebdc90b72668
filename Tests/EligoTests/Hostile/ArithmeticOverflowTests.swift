import Foundation
import Testing
@testable import Eligo

/// Arithmetic never traps: numbers past Int's range and dates past the year 9999 are an `error`
/// outcome on a record, and a `check.constant-failure` diagnostic when a rule file's own
/// constants cause them (docs/limits.md).
@Suite("Hostile: arithmetic overflow")
struct ArithmeticOverflowTests {
    /// The message an evaluation fails with, or nil when it gives a value.
    func failure(_ expression: String, record: String) -> String? {
        do { _ = try Inline.evaluate(expression, record: record); return nil } catch let f as EvaluationFailure {
            return f.message
        } catch { return "\(error)" }
    }

    @Test(
        "on record values: an error with a plain message, never a trap",
        arguments: [
            ("-n", "n: -9223372036854775808", "the number is too large"),
            ("n * 2", "n: 9223372036854775807", "the number is too large"),
            ("n + 1", "n: 9223372036854775807", "the number is too large"),
            ("sum(nums)", "nums: [9223372036854775807, 1]", "the number is too large"),
            ("years(n)", "n: 9223372036854775807", "9223372036854775807 years is too long a time to count"),
            ("d + years(n)", "d: 2014-01-01\nn: 768614336404564650", "the date would fall outside the years 1 to 9999"),
            ("d + days(n)", "d: 2014-01-01\nn: 9223372036854775807", "the date would fall outside the years 1 to 9999"),
            ("d - months(n) - months(n)", "d: 2014-01-01\nn: 9223372036854775807", "the date would fall outside the years 1 to 9999"),
            ("d + days(1)", "d: 9999-12-31", "the date would fall outside the years 1 to 9999"),
            ("d - days(1)", "d: 0001-01-01", "the date would fall outside the years 1 to 9999")
        ])
    func recordArithmetic(expression: String, record: String, message: String) {
        #expect(failure(expression, record: record) == message)
    }

    @Test func theCalendarsEdgesStillWork() throws {
        #expect(try Inline.evaluate("d + days(1)", record: "d: 9999-12-30") == .date(day("9999-12-31")))
        #expect(try Inline.evaluate("d - years(1)", record: "d: 0002-02-28") == .date(day("0001-02-28")))
        #expect(day("2014-01-31").adding(months: 1) == day("2014-02-28"))
        #expect(day("2014-01-01").adding(days: Int.min) == nil)
        #expect(day("2014-01-01").adding(years: Int.max) == nil)
        #expect(day("2014-01-01").adding(CalendarSpan(months: Int.min)) == nil)
    }

    @Test(
        "a rule whose constants overflow is a diagnostic at the condition",
        arguments: [
            "years(9223372036854775807) = years(1)",
            "-(-9223372036854775807 - 1) = 1",
            "d < d + years(9223372036854775807)"
        ])
    func constantOverflowIsADiagnostic(condition: String) throws {
        let lib = Inline.library(rules: Inline.rule(condition))
        let error = try #require(lib.errors.first, "\(lib.diagnostics.map({ $0.message }))")
        #expect(error.id == "check.constant-failure")
        #expect(error.message.hasPrefix("'require' of rule 'R' can never be worked out: "))
        #expect(error.range?.start.line == 13)
    }

    @Test func lintOfAnOverflowingRuleExitsOneWithThePosition() throws {
        let dir = try Hostile.rulesFolder(Inline.rule("years(9223372036854775807) = years(1)"))
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let lint = try CLI.run(["rules", "lint", "rules"], in: dir)
        #expect(lint.status == 1)
        #expect(lint.stdout.contains("rules/rules.yaml:13:11: error: 'require' of rule 'R' can never be worked out"), "\(lint.stdout)")
    }
}
