import ArgumentParser
import Eligo

/// `--set NAME=VALUE`, shared by `check`, `screen` and `rules impact`: a rule-set
/// parameter given another value for this run, typed by its declaration.
struct ParameterSettingsOption: ParsableArguments {
    @Option(
        name: .customLong("set"), parsing: .singleValue,
        help: ArgumentHelp(
            "Give a rule-set parameter another value for this run, typed by its declaration: "
                + "min_headship_years=2, 'referee_roles=[a, b]', window_closes=2015-01-05, a table cell floor.primary.2015=60. "
                + "Reports say so and carry another digest.", valueName: "name=value"))
    var values: [String] = []

    func validate() throws {
        for text in values where ParameterSetting(argument: text) == nil {
            throw ValidationError("--set '\(text)' must be NAME=VALUE (or TABLE.KEY.KEY=VALUE for a table cell)")
        }
    }

    var settings: [ParameterSetting] { values.compactMap(ParameterSetting.init(argument:)) }

    /// Exits 64 (usage) naming each setting that matches no parameter or does not fit its type.
    static func requireUsable(_ library: RuleLibrary) throws {
        guard !library.overrideProblems.isEmpty else { return }
        for problem in library.overrideProblems { printError("eligo: \(problem)") }
        throw ExitCode(ExitStatus.usage.rawValue)
    }
}
