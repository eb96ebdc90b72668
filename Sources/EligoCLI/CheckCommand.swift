import ArgumentParser
import Eligo

/// `eligo check FILE...`: decide and explain each record.
struct CheckCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "check",
        abstract: "Check records (YAML or JSON documents) and explain each decision.")

    enum Format: String, ExpressibleByArgument, CaseIterable { case text, json, jsonl }

    @Argument(help: ArgumentHelp("Record files: YAML (one or more documents) or JSON.", valueName: "file"))
    var files: [String]

    @OptionGroup var rulesOption: RulesOption

    @Option(name: .customLong("as-of"), help: ArgumentHelp("Assess on this date (YYYY-MM-DD) instead of the record's own date.", valueName: "date"))
    var asOf: Day?

    @Option(help: "The record kind for records without a 'kind' field.")
    var kind: String?

    @Option(help: "Output format: text, json or jsonl.")
    var format: Format = .text

    @Option(name: .customLong("color"), help: "Colour: auto (on a terminal), always or never.")
    var colour: ColourChoice = .auto

    @Flag(name: .shortAndLong, help: "Show the values and sources under passing rules too.")
    var verbose = false

    func run() throws {
        let library = try rulesOption.load(colour: colour.enabled(for: 2))
        let options = CheckOptions(asOf: asOf, today: .today, kind: kind)
        var reports: [Report] = []
        var missing = false
        for file in files {
            guard let bytes = FileSystem.read(file) else {
                printError("eligo: cannot read '\(file)': \(FileSystem.exists(file) ? "not a readable file" : "no such file")")
                missing = true
                continue
            }
            reports += library.check(bytes: bytes, path: file, options: options)
        }
        switch format {
        case .text: writeOut(TextReportRenderer(colour: colour.enabled(for: 1), verbose: verbose).render(reports))
        case .json: writeOut(JSONReportRenderer.array(reports))
        case .jsonl: writeOut(reports.map(JSONReportRenderer.line).joined())
        }
        for r in reports {
            for e in r.errors { printError(e.file == nil ? "\(r.record.source ?? "record"): \(e.located)" : e.located) }
        }
        let status = CheckCommand.status(reports, missing: missing)
        if status != .ok { throw ExitCode(status.rawValue) }
    }

    /// Missing files first, then invalid records, then failures, then incomplete records.
    static func status(_ reports: [Report], missing: Bool) -> ExitStatus {
        if missing { return .missingInput }
        if reports.contains(where: { $0.outcome == .invalid }) { return .invalidInput }
        if reports.contains(where: { $0.outcome == .fail }) { return .failed }
        if reports.contains(where: { $0.outcome == .unknown }) { return .incomplete }
        return .ok
    }
}
