import Testing
@testable import Eligo

/// The linter's hints for the mistakes policy staff make most: YAML words in expressions,
/// comparisons of two types, functions called by another name.
@Suite("linter hints")
struct LinterHintTests {
    static func errors(_ require: String) -> [Diagnostic] {
        Inline.library(rules: Inline.rule(require)).errors
    }

    @Test func yesIsWrittenTrue() throws {
        let e = try #require(Self.errors("a = yes").first)
        #expect(e.id == "check.unknown-name")
        #expect(e.message == "unknown name 'yes': a yes/no value is written 'true' in an expression")
        #expect(e.suggestion == "true")
        #expect(Self.errors("b = no").first?.suggestion == "false")
    }

    @Test func aTypeMismatchSaysWhichSideIsWhich() throws {
        let e = try #require(Self.errors("n = 3 and d > 3").first)
        #expect(e.message == "cannot compare a date with an int")
        #expect(e.notes.map({ $0.message }) == ["the left side is a date", "the right side is an int"])
        #expect(e.notes.map { $0.range?.start.column } == [e.range?.start.column, (e.range?.start.column ?? 0) + 4])
    }

    @Test func anUnknownFunctionSuggestsTheOneMeant() throws {
        #expect(Self.errors("within(d, d, e)").first?.suggestion == "between")
        #expect(Self.errors("len(nums) > 1").first?.suggestion == "count")
        #expect(Self.errors("cout(nums) > 1").first?.suggestion == "count")
    }
}
