import ArgumentParser
import Eligo

/// `eligo rules ...`: tools for the people who write the rules.
struct RulesCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "rules",
        abstract: "Tools for policy staff: check the rule files.",
        subcommands: [LintCommand.self])

    struct LintCommand: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "lint",
            abstract: "Load, parse and type-check every rule and schema file; print every problem.")

        @Argument(help: ArgumentHelp("The rules folder (default: --rules, else ./rules).", valueName: "dir"))
        var directory: String?

        @OptionGroup var rulesOption: RulesOption

        @Option(name: .customLong("color"), help: "Colour: auto (on a terminal), always or never.")
        var colour: ColourChoice = .auto

        func run() throws {
            let dir = directory ?? rulesOption.directory()
            let library = RuleLibrary.load(directory: dir)
            let text = DiagnosticFormatter(colour: colour.enabled(for: 1), sources: library.sources).format(library.diagnostics)
            writeOut(text)
            let errors = library.diagnostics.filter { $0.severity == .error }.count
            let warnings = library.diagnostics.filter { $0.severity == .warning }.count
            let sets = library.ruleSets.map { "\($0.id) \($0.version)" }.joined(separator: ", ")
            writeOut("\(dir): \(errors) error\(errors == 1 ? "" : "s"), \(warnings) warning\(warnings == 1 ? "" : "s")"
                     + (sets.isEmpty ? "" : "; rule sets: \(sets)") + "\n")
            if errors > 0 { throw ExitCode(ExitStatus.failed.rawValue) }
        }
    }
}
