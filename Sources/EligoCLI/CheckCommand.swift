import ArgumentParser
import Eligo

/// `eligo check FILE...`: decide and explain each record.
struct CheckCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "check",
        abstract: "Check records (YAML or JSON documents, or a folder of CSV files holding a dataset) and explain each decision.")

    enum Format: String, ExpressibleByArgument, CaseIterable { case text, json, jsonl }

    @Argument(
        help: ArgumentHelp(
            "Record files: YAML (one or more documents) or JSON; '-' reads standard input. A folder of .yaml/.json files checks each; a folder of CSV files (tsas.csv, lles.csv, ...) is a dataset.",
            valueName: "file"))
    var files: [String]

    @OptionGroup var rulesOption: RulesOption

    @OptionGroup var parameterSettings: ParameterSettingsOption

    @OptionGroup var assessment: AssessmentOptions
    var asOf: Day? { assessment.asOf }
    var kind: String? { assessment.kind }

    @Option(help: "Output format: text, json or jsonl.")
    var format: Format = .text

    @Option(name: .customLong("color"), help: "Colour: auto (on a terminal), always or never.")
    var colour: ColourChoice = .auto

    @Flag(name: .shortAndLong, help: "Show the values and sources under passing rules too.")
    var verbose = false

    @Option(
        name: .customLong("max-input-mb"),
        help: ArgumentHelp("Largest YAML or JSON file read, in MiB (a large dataset may need more).", valueName: "n"))
    var maxInputMB = 64

    /// Threads deciding a dataset's records.
    @OptionGroup var jobs: JobsOption

    /// `--max-input-mb` in bytes, brought within 1 MiB to 1 TiB (docs/limits.md).
    var inputLimit: Int { max(1, min(maxInputMB, 1_048_576)) * 1024 * 1024 }

    func run() throws {
        let library = try rulesOption.load(
            colour: colour.enabled(for: 2), kinds: recordKinds(),
            settings: parameterSettings.settings)
        // A --kind no rule set checks is a usage mistake, caught before any record is read.
        if let kind, !library.kinds.contains(kind) {
            printError(
                "eligo: no rule set checks records of kind '\(kind)'; the rules cover: \(library.kinds.joined(separator: ", "))"
                    + (Suggestion.closestKind(to: kind, in: library.kinds).map { " (did you mean '\($0)'?)" } ?? ""))
            throw ExitCode(ExitStatus.usage.rawValue)
        }
        var options = CheckOptions(asOf: asOf, today: .today, kind: kind)
        options.yamlLimits.maxInputBytes = inputLimit
        options.jobs = jobs.count
        var output = ReportOutput(format: format, colour: colour.enabled(for: 1), verbose: verbose, schemas: library.schemas)
        try assessment.requireRulesInForce(library, kinds: recordKinds().map { $0.sorted() })
        var missing = false
        // An input with no record (empty, comments only, a lone `---`) is named and exits 65:
        // nothing checked is not the same as every record passing.
        var empty = false
        func add(_ reports: [Report], from name: String) {
            if reports.isEmpty {
                printError("eligo: no records in '\(name)'")
                empty = true
            }
            for r in reports { output.add(r) }
        }
        for file in CheckCommand.expand(files, library: library, kind: kind) {
            if FileSystem.isDirectory(file) {
                // A dataset's text report shows passing rules only with --verbose.
                var datasetOptions = options
                datasetOptions.explainPassing = format != .text || verbose
                library.checkDataset(folder: file, options: datasetOptions, prepare: output.preparer) { output.add($0) }
                continue
            }
            if file == "-" {
                let bytes = FileSystem.read("/dev/stdin", limit: options.yamlLimits.maxInputBytes) ?? []
                add(library.check(bytes: bytes, path: "<stdin>", options: options), from: "<stdin>")
                continue
            }
            // Read one byte past the limit at most: a source without end (/dev/zero, a FIFO) is
            // then reported as too large (yaml.too-large, exit 65) instead of filling memory.
            guard let bytes = FileSystem.read(file, limit: options.yamlLimits.maxInputBytes) else {
                printError("eligo: cannot read '\(file)': \(FileSystem.exists(file) ? "not a readable file" : "no such file")")
                missing = true
                continue
            }
            add(library.check(bytes: bytes, path: file, options: options), from: file)
        }
        output.finish()
        for line in output.errorLines { printError(line) }
        if output.errorLines.contains(where: { $0.contains("larger than the limit of") }) {
            printError("eligo: a large dataset can be read with --max-input-mb N, or checked as a folder of CSV files (docs/datasets.md)")
        }
        var status = CheckCommand.status(output.outcomes, missing: missing)
        if empty && status != .missingInput { status = .invalidInput }
        if status != .ok { throw ExitCode(status.rawValue) }
    }

    /// The inputs with each folder of record files (.yaml, .yml, .json) replaced by its files;
    /// a folder holding a dataset's CSV files, or nothing to check, stays a folder.
    static func expand(_ files: [String], library: RuleLibrary, kind: String?) -> [String] {
        files.flatMap { file -> [String] in
            guard FileSystem.isDirectory(file), library.datasetKinds(forFolder: file, kind: kind).isEmpty else { return [file] }
            let records = FileSystem.files(in: file, endingWith: [".yaml", ".yml", ".json"])
            let base = file.hasSuffix("/") ? String(file.dropLast()) : file
            return records.isEmpty ? [file] : records.map { base + "/" + $0 }
        }
    }

    /// The record kinds the inputs declare, so only their rules are loaded; nil (load
    /// everything) when a kind cannot be read cheaply: a folder, a document without
    /// a plain top-level `kind:` line, or a file that cannot be read.
    func recordKinds() -> Set<String>? {
        if let kind { return [kind] }
        var kinds: Set<String> = []
        for file in files {
            guard file != "-", !FileSystem.isDirectory(file), let bytes = FileSystem.read(file, limit: inputLimit),
                bytes.count <= inputLimit
            else { return nil }  // too large: reported when it is checked
            var documents = 1, kindLines = 0
            var i = 0
            while i < bytes.count {
                var end = i
                while end < bytes.count && bytes[end] != 10 { end += 1 }
                let line = String(decoding: bytes[i..<end], as: UTF8.self)
                if line.hasPrefix("---") && i > 0 { documents += 1 }
                if line.hasPrefix("kind:") {
                    kindLines += 1
                    var value = Substring(line.dropFirst(5))
                    if let hash = value.firstIndex(of: "#") { value = value[..<hash] }
                    guard let word = value.split(whereSeparator: { " \t\r\"'".contains($0) }).first else { return nil }
                    kinds.insert(String(word))
                }
                i = end + 1
            }
            if kindLines < documents { return nil }
        }
        return kinds
    }

    /// Missing files first, then invalid records, then failures, then incomplete records.
    static func status(_ reports: [Report], missing: Bool) -> ExitStatus {
        status(Set(reports.map({ $0.outcome })), missing: missing)
    }

    static func status(_ outcomes: Set<RecordOutcome>, missing: Bool) -> ExitStatus {
        if missing { return .missingInput }
        if outcomes.contains(.invalid) { return .invalidInput }
        if outcomes.contains(.fail) { return .failed }
        if outcomes.contains(.unknown) { return .incomplete }
        return .ok
    }
}
