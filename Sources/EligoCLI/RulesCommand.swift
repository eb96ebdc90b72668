import ArgumentParser
import Eligo
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// `eligo rules ...`: tools for the people who write the rules.
struct RulesCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "rules",
        abstract: "Tools for policy staff: check the rule files, run their tests, write the criteria document.",
        subcommands: [RulesLintCommand.self, RulesTestCommand.self, RulesDocCommand.self, RulesImpactCommand.self, RulesDiffCommand.self])
}

/// The folder a `rules` subcommand works on: the DIR argument, else `--rules`, else `./rules`.
struct RulesFolder: ParsableArguments {
    @Argument(help: ArgumentHelp("The rules folder (default: --rules, else ./rules).", valueName: "dir"))
    var directory: String?

    @OptionGroup var rulesOption: RulesOption

    /// The folder; exits 66 when it does not exist.
    func resolve() throws -> String {
        let dir = directory ?? rulesOption.directory()
        guard FileSystem.isDirectory(dir) else {
            printError("eligo: cannot read the rules folder '\(dir)': \(FileSystem.exists(dir) ? "not a folder" : "no such folder")")
            throw ExitCode(ExitStatus.missingInput.rawValue)
        }
        return dir
    }
}

/// Writes output to `--output FILE`, or to standard output.
func emit(_ text: String, to output: String?) throws {
    guard let output else { return writeOut(text) }
    guard writeFile(text, to: output) else {
        printError("eligo: cannot write '\(output)'")
        throw ExitCode(ExitStatus.missingInput.rawValue)
    }
}

/// Writes a whole file (replacing it); false when it cannot be written.
func writeFile(_ text: String, to path: String) -> Bool {
    guard let f = fopen(path, "wb") else { return false }
    var text = text
    let ok = text.withUTF8 { buffer in buffer.isEmpty || fwrite(buffer.baseAddress, 1, buffer.count, f) == buffer.count }
    return fclose(f) == 0 && ok
}
