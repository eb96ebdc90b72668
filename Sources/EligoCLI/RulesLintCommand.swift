import ArgumentParser
import Eligo

/// `eligo rules lint [DIR]`: every problem in the rule, schema and test files, in one run.
struct RulesLintCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "lint",
        abstract: "Load, parse and type-check every rule, schema and test file; print every problem.",
        discussion: """
            Diagnostics read 'file:line:column: error: message [id]', with the source line, notes and \
            did-you-mean suggestions; docs/diagnostics.md explains every id. Exit status: 0 no errors \
            (warnings allowed), 1 errors found, 66 the folder is missing.
            """)

    enum Format: String, ExpressibleByArgument, CaseIterable { case text, json, sarif }

    @OptionGroup var folder: RulesFolder

    @Option(help: "Output format: text, json or sarif (SARIF 2.1.0, for code-scanning tools).")
    var format: Format = .text

    @Option(name: .customLong("color"), help: "Colour: auto (on a terminal), always or never.")
    var colour: ColourChoice = .auto

    func run() throws {
        let dir = try folder.resolve()
        let library = RuleLibrary.load(directory: dir)
        let tests = RuleTestRunner.loadFiles(directory: dir)
        let runner = RuleTestRunner(library: library, today: .today)
        let diagnostics = (library.diagnostics + tests.diagnostics + runner.lint(tests.files)).sorted()
        let errors = diagnostics.filter { $0.severity == .error }.count
        let warnings = diagnostics.filter { $0.severity == .warning }.count
        switch format {
        case .text:
            let sources = library.sources.merging(tests.sources) { a, _ in a }
            writeOut(DiagnosticFormatter(colour: colour.enabled(for: 1), sources: sources).format(diagnostics))
            let sets = library.ruleSets.map { "\($0.id) \($0.version)" }.joined(separator: ", ")
            let testCount = tests.files.reduce(0) { $0 + $1.cases.count }
            writeOut(
                "\(dir): \(errors) error\(errors == 1 ? "" : "s"), \(warnings) warning\(warnings == 1 ? "" : "s")"
                    + (sets.isEmpty ? "" : "; rule sets: \(sets)")
                    + (testCount == 0 ? "" : "; \(testCount) test\(testCount == 1 ? "" : "s")") + "\n")
        case .json:
            writeOut(DiagnosticJSONRenderer.render(diagnostics, ruleSets: library.ruleSets, directory: dir))
        case .sarif:
            writeOut(DiagnosticSARIFRenderer.render(diagnostics))
        }
        if errors > 0 { throw ExitCode(ExitStatus.failed.rawValue) }
    }
}
