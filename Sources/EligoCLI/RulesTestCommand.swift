import ArgumentParser
import Eligo

/// `eligo rules test [DIR]`: run the test cases in the rules folder and report coverage.
struct RulesTestCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "test",
        abstract: "Run the rule files' test cases and say which rule outcomes no test covers.",
        discussion: """
            Test files are YAML files in the rules folder whose top-level key is 'tests:' (see \
            docs/rule-tests.md). Coverage counts, for every rule of every rule-set version, whether \
            some test made it pass and fail (and, for rules that can be, unknown). Exit status: 0 all \
            tests pass (and coverage is at least --min-coverage), 1 otherwise, 66 the folder is missing.
            """)

    enum Format: String, ExpressibleByArgument, CaseIterable { case text, junit }

    @OptionGroup var folder: RulesFolder

    @Option(help: "Output format: text, or junit (JUnit XML for CI systems).")
    var format: Format = .text

    @Option(
        name: .customLong("min-coverage"),
        help: ArgumentHelp("Fail unless at least this percentage of the rules' pass and fail outcomes are covered.", valueName: "percent"))
    var minCoverage: Double?

    @Option(name: .shortAndLong, help: ArgumentHelp("Write the results to this file instead of standard output.", valueName: "file"))
    var output: String?

    @Option(name: .customLong("color"), help: "Colour: auto (on a terminal), always or never.")
    var colour: ColourChoice = .auto

    @Flag(name: .shortAndLong, help: "Show every rule's coverage, not only the gaps.")
    var verbose = false

    @Flag(name: .shortAndLong, help: "Show only the failing tests and the summary.")
    var quiet = false

    func validate() throws {
        if let m = minCoverage, !(0...100).contains(m) {
            throw ValidationError("--min-coverage must be a percentage from 0 to 100")
        }
    }

    func run() throws {
        let dir = try folder.resolve()
        let library = RuleLibrary.load(directory: dir)
        let tests = RuleTestRunner.loadFiles(directory: dir)
        let runner = RuleTestRunner(library: library, today: .today)
        let sources = library.sources.merging(tests.sources) { a, _ in a }
        let formatter = DiagnosticFormatter(colour: colour.enabled(for: 2), sources: sources)
        if library.hasErrors {
            printError(formatter.format(library.diagnostics.filter { $0.severity == .error }), terminator: "")
            printError("eligo: the rule files do not load; no test was run. Run 'eligo rules lint \(dir)' for details.")
            throw ExitCode(ExitStatus.failed.rawValue)
        }
        let testProblems = (tests.diagnostics + runner.lint(tests.files)).filter { $0.severity == .error }
        if !testProblems.isEmpty { printError(formatter.format(testProblems), terminator: "") }
        if tests.files.isEmpty { printError("eligo: no test files (YAML files starting 'tests:') in '\(dir)'") }

        let run = runner.run(tests.files)
        switch format {
        case .text:
            try emit(
                RuleTestTextRenderer(colour: output == nil && colour.enabled(for: 1), verbose: verbose, quiet: quiet).render(
                    run, minCoverage: minCoverage), to: output)
        case .junit:
            try emit(RuleTestJUnitRenderer.render(run, minCoverage: minCoverage, problems: testProblems), to: output)
        }
        let belowMinimum = minCoverage.map { run.coverage.percent + 1e-9 < $0 } ?? false
        if run.failed + run.errors > 0 || !testProblems.isEmpty || belowMinimum || tests.files.isEmpty {
            throw ExitCode(ExitStatus.failed.rawValue)
        }
    }
}
