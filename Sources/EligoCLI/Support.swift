import ArgumentParser
import Eligo
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

// The CLI avoids Foundation (and its ICU) so that checking one record starts fast.

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
            return isatty(fd) == 1 && getenv("NO_COLOR") == nil && environment("TERM") != "dumb"
        }
    }
}

/// `--jobs N` of the commands that work on many records at once (screen, rules impact, and
/// check of a dataset): how many threads; every core when not given.
struct JobsOption: ParsableArguments {
    @Option(help: "Parallel workers (default: all cores). Output is the same whatever the number.")
    var jobs: Int?

    func validate() throws {
        if let j = jobs, !(1...ScreenOptions.maxJobs).contains(j) {
            throw ValidationError("--jobs must be between 1 and \(ScreenOptions.maxJobs)")
        }
    }

    /// The number given, else the machine's cores.
    var count: Int { jobs ?? Int(sysconf(Int32(_SC_NPROCESSORS_ONLN))) }
}

/// `--as-of` and `--kind`, declared once for every command that assesses records (check,
/// screen, rules impact), so they read and fail alike.
struct AssessmentOptions: ParsableArguments {
    @Option(
        name: .customLong("as-of"),
        help: ArgumentHelp("Assess every record on this date (YYYY-MM-DD) instead of its own (submitted_on).", valueName: "date"))
    var asOf: Day?

    @Option(help: "The record kind (default: the record's own 'kind', else the one kind the rules cover).")
    var kind: String?

    /// An `--as-of` before (or after) every version of the rules is a choice of date, not a record
    /// problem: it is said as such and exits 64 before any record is read.
    func requireRulesInForce(_ library: RuleLibrary, kinds: [String]?) throws {
        guard let asOf, let why = library.asOfOutsideEveryVersion(asOf, kinds: kinds ?? kind.map { [$0] } ?? library.applicantKind.map { [$0] } ?? [])
        else { return }
        printError("eligo: " + why)
        throw ExitCode(ExitStatus.usage.rawValue)
    }
}

struct RulesOption: ParsableArguments {
    @Option(name: .long, help: ArgumentHelp("The folder of rule and schema files.", valueName: "dir"))
    var rules: String?

    /// `--rules`, else `rules` in the current folder, else the rules shipped beside the tool.
    func directory() -> String {
        if let rules { return rules }
        if FileSystem.isDirectory("rules") { return "rules" }
        // The rules shipped beside the tool: look up from the executable's folder.
        var dir = executablePath()
        for _ in 0..<6 {
            dir = parent(of: dir)
            if FileSystem.isDirectory(dir + "/rules/schema") { return dir + "/rules" }
        }
        return "rules"
    }

    /// Loads the rules, printing diagnostics to standard error; exits 78 when they do not load.
    /// - Parameter kinds: load only these record kinds' schemas and rule sets (nil: all).
    /// - Parameter settings: `--set` values; one that fits no parameter exits 64 (after any rule errors, 78).
    func load(
        directory dir: String? = nil, colour: Bool, kinds: Set<String>? = nil,
        settings: [ParameterSetting] = []
    ) throws -> RuleLibrary {
        let library = RuleLibrary.load(directory: dir ?? directory(), kinds: kinds, overrides: settings)
        if library.hasErrors {
            printError(DiagnosticFormatter(colour: colour, sources: library.sources).format(library.diagnostics), terminator: "")
            let n = library.diagnostics.filter { $0.severity == .error }.count
            printError("eligo: the rule files do not load (\(n) error\(n == 1 ? "" : "s")); nothing was checked.")
            throw ExitCode(ExitStatus.rulesDoNotLoad.rawValue)
        }
        try ParameterSettingsOption.requireUsable(library)
        return library
    }
}

extension Day: ExpressibleByArgument {
    public init?(argument: String) { self.init(iso: argument) }

    /// Today's date in UTC.
    static var today: Day { Day(ordinal: time(nil) / 86_400) }
}

// The library's format enums parse as arguments: a wrong value is a usage error listing the choices.
extension ScreenFormat: ExpressibleByArgument {}
extension InputFormat: ExpressibleByArgument {}
extension ImpactFormat: ExpressibleByArgument {}

func environment(_ name: String) -> String? { getenv(name).map { String(cString: $0) } }

func executablePath() -> String {
    var buffer = [CChar](repeating: 0, count: 4096)
    let n = readlink("/proc/self/exe", &buffer, buffer.count - 1)
    return n > 0 ? String(decoding: buffer[0..<n].map { UInt8(bitPattern: $0) }, as: UTF8.self) : CommandLine.arguments[0]
}

func parent(of path: String) -> String {
    guard let slash = path.lastIndex(of: "/") else { return "." }
    return slash == path.startIndex ? "/" : String(path[..<slash])
}

func printError(_ text: String, terminator: String = "\n") {
    write(2, text + terminator)
}

/// Writes to standard output in one go (reports can be large).
func writeOut(_ text: String) {
    write(1, text)
}

/// Writes bytes to standard output as they are (reports buffered as UTF-8).
func writeOut(bytes: [UInt8]) {
    bytes.withUnsafeBufferPointer { write(1, $0) }
}

private func write(_ fd: Int32, _ text: String) {
    var text = text
    text.withUTF8 { write(fd, $0) }
}

private func write(_ fd: Int32, _ buffer: UnsafeBufferPointer<UInt8>) {
    var offset = 0
    while offset < buffer.count {
        let n = systemWrite(fd, buffer.baseAddress! + offset, buffer.count - offset)
        if n <= 0 { return }
        offset += n
    }
}

/// POSIX `read` and `write` (from Glibc or Darwin), under names no closure parameter called
/// `read` or `write` can shadow.
func systemRead(_ fd: Int32, _ buffer: UnsafeMutableRawPointer?, _ count: Int) -> Int { read(fd, buffer, count) }
func systemWrite(_ fd: Int32, _ buffer: UnsafeRawPointer?, _ count: Int) -> Int { write(fd, buffer, count) }
