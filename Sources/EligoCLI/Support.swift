import ArgumentParser
import Eligo
import Foundation

/// The documented exit statuses (interface.md).
enum ExitStatus: Int32 {
    case ok = 0, failed = 1, incomplete = 2, usage = 64, invalidInput = 65, missingInput = 66, rulesDoNotLoad = 78
}

enum ColourChoice: String, ExpressibleByArgument, CaseIterable {
    case auto, always, never

    /// Colour only on a terminal, and never when NO_COLOR is set.
    func enabled(for fd: Int32) -> Bool {
        switch self {
        case .always: return true
        case .never: return false
        case .auto:
            let env = ProcessInfo.processInfo.environment
            return isatty(fd) == 1 && env["NO_COLOR"] == nil && env["TERM"] != "dumb"
        }
    }
}

struct RulesOption: ParsableArguments {
    @Option(name: .long, help: ArgumentHelp("The folder of rule and schema files.", valueName: "dir"))
    var rules: String?

    /// `--rules`, else `rules` in the current folder, else the rules shipped beside the tool.
    func directory() -> String {
        if let rules { return rules }
        if FileManager.default.fileExists(atPath: "rules") { return "rules" }
        var dir = URL(fileURLWithPath: CommandLine.arguments[0]).resolvingSymlinksInPath().deletingLastPathComponent()
        for _ in 0..<5 {
            let candidate = dir.appendingPathComponent("rules").path
            if FileManager.default.fileExists(atPath: candidate + "/schema") { return candidate }
            dir.deleteLastPathComponent()
        }
        return "rules"
    }

    /// Loads the rules, printing diagnostics to standard error; exits 78 when they do not load.
    func load(colour: Bool) throws -> RuleLibrary {
        let library = RuleLibrary.load(directory: directory())
        if library.hasErrors {
            printError(DiagnosticFormatter(colour: colour, sources: library.sources).format(library.diagnostics), terminator: "")
            let n = library.diagnostics.filter { $0.severity == .error }.count
            printError("eligo: the rule files do not load (\(n) error\(n == 1 ? "" : "s")); nothing was checked.")
            throw ExitCode(ExitStatus.rulesDoNotLoad.rawValue)
        }
        return library
    }
}

extension Day: ExpressibleByArgument {
    public init?(argument: String) { self.init(iso: argument) }

    /// Today's date in UTC.
    static var today: Day { Day(ordinal: Int((Date().timeIntervalSince1970 / 86_400).rounded(.down))) }
}

func printError(_ text: String, terminator: String = "\n") {
    FileHandle.standardError.write(Data((text + terminator).utf8))
}

/// Writes to standard output in one go (reports can be large).
func writeOut(_ text: String) {
    FileHandle.standardOutput.write(Data(text.utf8))
}
