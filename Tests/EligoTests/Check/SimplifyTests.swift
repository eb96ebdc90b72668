import Testing
@testable import Eligo

/// Constant parts of conditions are worked out at load, and nothing else changes.
@Suite("constant parts folded at load") struct SimplifyTests {
    func requireCode(_ require: String) throws -> Code {
        let lib = Inline.library(rules: Inline.rule(require, extra: "parameters:\n  years_needed: {type: int, value: 2}\n"))
        #expect(!lib.hasErrors, "\(lib.diagnostics)")
        return try #require(lib.ruleSets.first?.parts.first?.rules.first?.require)
    }

    @Test func callsOnConstantsBecomeValues() throws {
        guard case .compare(_, _, .shift(_, .constant(.duration(let span)), false)) = try requireCode("e >= d + years(years_needed)") else {
            Issue.record("years(years_needed) was not folded"); return
        }
        #expect(span == CalendarSpan(months: 24))
        guard case .constant(.bool(true)) = try requireCode("between(2, 1, 3)") else { Issue.record("a closed call was not folded"); return }
    }

    @Test func recordReadsAndDeliberateUnknownsStay() throws {
        guard case .compare(_, .field, .constant) = try requireCode("n > 1 + 1") else { Issue.record("the field read changed"); return }
        // `unknown(...)` names what is needed when it runs, so it is never replaced.
        guard case .coalesce(.unknown, .constant) = try requireCode("unknown(n) ?? true") else { Issue.record("unknown() was folded"); return }
    }

    @Test func foldedRulesDecideAsBefore() throws {
        let lib = Inline.library(rules: Inline.rule("e >= d + years(2) and between(n, 1 + 1, 2 * 5)"))
        let pass = try #require(Inline.report(lib, record: "d: 2010-01-01\ne: 2012-01-01\nn: 2\n"))
        let fail = try #require(Inline.report(lib, record: "d: 2010-01-02\ne: 2012-01-01\nn: 2\n"))
        let unknown = try #require(Inline.report(lib, record: "d: 2010-01-01\ne: 2012-01-01\n"))
        #expect(pass.rules.map({ $0.outcome }) == [.pass])
        #expect(fail.rules.map({ $0.outcome }) == [.fail])
        #expect(unknown.rules.map({ $0.outcome }) == [.unknown])
        #expect(unknown.rules.first?.needs == ["n"])
    }
}
