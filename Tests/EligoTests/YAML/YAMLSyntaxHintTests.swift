import Testing
@testable import Eligo

/// YAML syntax errors in a record point at the line to change, show it with a caret, and say what to do.
@Suite("YAML syntax hints")
struct YAMLSyntaxHintTests {
    static func firstError(_ text: String) -> YAMLError? {
        YAMLLoader.load(text: text, path: "me.yaml").errors.first
    }

    static let record = try! TestRepo.text("examples/applicants/eligible-primary.yaml")

    /// The record with one line indented two spaces more or less.
    static func shifted(_ line: Int, by delta: Int) -> String {
        var lines = record.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        lines[line - 1] = delta > 0 ? String(repeating: " ", count: delta) + lines[line - 1] : String(lines[line - 1].dropFirst(-delta))
        return lines.joined(separator: "\n")
    }

    // libyaml notices each of these on the line after the mistake.
    @Test(
        "an indentation mistake is reported on its own line",
        arguments: [(10, 2), (10, -2), (11, -2), (13, 2), (13, -2), (20, 2), (20, -2), (25, 2), (25, -2), (26, -2)])
    func indentationOnItsLine(line: Int, delta: Int) throws {
        let error = try #require(Self.firstError(Self.shifted(line, by: delta)))
        #expect(error.range.start.line == line)
        #expect(error.hint?.contains("indented differently from the lines around it") == true)
        #expect(error.notes.contains { $0.message == "noticed on line \(line + 1), where the next line no longer fits" })
    }

    // These libyaml already reports on the right line; the hint must not move them.
    @Test("a line that is itself out of step stays where it is", arguments: [(9, 2), (11, 2), (12, 2), (24, 2), (32, -2), (35, -2)])
    func staysOnItsLine(line: Int, delta: Int) throws {
        let error = try #require(Self.firstError(Self.shifted(line, by: delta)))
        #expect(error.range.start.line == line)
    }

    @Test func aTabSaysToUseSpaces() throws {
        let error = try #require(Self.firstError("kind: lle-application\napplicant:\n\tname: A\n"))
        #expect(error.range.start.line == 3)
        #expect(error.hint == "YAML indents with spaces, never tabs: replace the tab on this line with spaces")
        #expect(error.sourceLine == "\tname: A")
    }

    @Test func aColonInAValueSaysToQuoteIt() throws {
        let error = try #require(Self.firstError("kind: lle-application\napplicant:\n  name: Mrs: Helen Marsh\n  role: headteacher\n"))
        #expect(error.range.start.line == 3)
        #expect(error.hint == "a value containing ': ' must be put in quotes: name: \"Mrs: Helen Marsh\"")
    }

    @Test func theTextReportShowsTheLineWithACaretAndTheHint() throws {
        let library = RuleLibrary.load(directory: TestRepo.path("rules"))
        let text = "kind: lle-application\napplicant:\n  name: Mrs: Helen Marsh\n"
        let report = try #require(library.check(bytes: Array(text.utf8), path: "me.yaml", options: CheckOptions(today: day("2015-01-01"))).first)
        let rendered = TextReportRenderer().render(report)
        #expect(
            rendered.contains(
                """
                  ✘ me.yaml:3:12: mapping values are not allowed in this context
                      |   name: Mrs: Helen Marsh
                      |            ^
                      hint: a value containing ': ' must be put in quotes: name: "Mrs: Helen Marsh"

                """))
    }

    @Test func aRecordsProblemsAreListedInLineOrder() throws {
        let library = RuleLibrary.load(directory: TestRepo.path("rules"))
        let text = "kind: lle-application\nschools: 3\nreferee:\n  supports: true\ncoaching_experience: []\n"
        let report = try #require(library.check(bytes: Array(text.utf8), path: "me.yaml", options: CheckOptions(today: day("2015-01-01"))).first)
        let all = (report.errors + report.warnings).sorted { ($0.line ?? 0) < ($1.line ?? 0) }
        #expect(report.errors.map { $0.line ?? 0 } == report.errors.map { $0.line ?? 0 }.sorted())
        #expect(report.errors.map({ $0.path }) == ["applicant", "schools"])
        #expect(
            report.errors.last?.message
                == "Schools you are accountable for should be a list of entries, each with URN, school name, school type, phase, latest section 5 inspection, performance, most recent years, experienced senior leaders with capacity to work with other schools and supports maintained schools (sixth form colleges only); found '3'"
        )
        #expect(report.errors.last?.hint == "write each entry on its own line, starting with '- '")
        // Did-you-mean for unknown fields everywhere, by spelling or by shared words.
        #expect(report.warnings.first { $0.path == "referee.supports" }?.suggestion == "supports_application")
        #expect(report.warnings.first { $0.path == "coaching_experience" }?.suggestion == "support_experience")
        #expect(all.count == 4)
    }
}
