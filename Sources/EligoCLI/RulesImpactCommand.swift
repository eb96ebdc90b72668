import ArgumentParser
import Eligo
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// `eligo rules impact RECORDS...`: whose decision a proposed change to the rules changes, and why.
struct RulesImpactCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "impact",
        abstract: "Decide records under the current rules and under a proposed change, and report whose decision changes and why.",
        discussion: """
            The baseline is --base DIR (another rules folder) or --base-as-of DATE (the rules in force then); \
            the proposal is --rules (default ./rules) assessed --as-of, with any --set values. --set alone compares \
            the rules with and without the values. Reads what 'eligo screen' reads (CSV, JSON Lines, YAML, '-'). \
            Exit status 0 whatever the result; 78 when either side's rules do not load; 64 for wrong usage.
            """)

    @Argument(help: ArgumentHelp("Records: .csv, .jsonl or .yaml files, or '-' for standard input.", valueName: "records"))
    var inputs: [String]

    @OptionGroup var rulesOption: RulesOption

    @OptionGroup var parameterSettings: ParameterSettingsOption

    /// `--as-of` assesses every record on that date under the proposal (and the baseline, unless `--base-as-of`).
    @OptionGroup var assessment: AssessmentOptions
    var asOf: Day? { assessment.asOf }
    var kind: String? { assessment.kind }

    @Option(help: ArgumentHelp("The baseline: another rules folder (such as the published rules).", valueName: "dir"))
    var base: String?

    @Option(
        name: .customLong("base-as-of"),
        help: ArgumentHelp("The baseline: the rules in force on this date (YYYY-MM-DD), every record assessed on it.", valueName: "date"))
    var baseAsOf: Day?

    @Option(help: "Output format: text, markdown, html, csv or json (default: from --output's extension, else text).")
    var format: ImpactFormat?

    @Option(name: .shortAndLong, help: ArgumentHelp("Write the report to this file instead of standard output.", valueName: "file"))
    var output: String?

    @Option(name: .customLong("input-format"), help: "jsonl, csv or yaml (default: from the file extension; jsonl for standard input).")
    var inputFormat: InputFormat?

    @OptionGroup var jobs: JobsOption

    @Flag(name: .shortAndLong, help: "No progress bar.")
    var quiet = false

    func validate() throws {
        if base == nil && baseAsOf == nil && parameterSettings.values.isEmpty {
            throw ValidationError("nothing to compare: give the baseline with --base DIR or --base-as-of DATE, or a change with --set NAME=VALUE")
        }
    }

    func run() throws {
        let colour = ColourChoice.auto.enabled(for: 2)
        let rulesDir = rulesOption.directory()
        let baseDir = base ?? rulesDir
        // Both sides load before anything is read: a proposal that does not load is a rules error (78).
        let baseline = try rulesOption.load(directory: baseDir, colour: colour)
        let proposal = try rulesOption.load(directory: rulesDir, colour: colour, settings: parameterSettings.settings)
        let outFormat =
            format ?? output.flatMap { path in
                ImpactFormat.allCases.first { path.lowercased().hasSuffix("." + ($0 == .markdown ? "md" : $0.rawValue)) }
            } ?? .text
        let options = ScreenOptions(output: .jsonl, jobs: jobs.count, check: CheckOptions(asOf: asOf, today: .today, kind: kind, explain: false))
        let comparison = ImpactComparison(
            baseline: baseline,
            baselineOptions: CheckOptions(asOf: baseAsOf ?? asOf, today: .today, kind: kind, explain: false),
            format: outFormat)

        // Changed records are written as they are decided into a spool, and follow the summary,
        // which is known only at the end: memory stays bounded however many records change.
        guard let spool = tmpfile() else {
            printError("eligo: cannot make a temporary file for the changed records")
            throw ExitCode(70)
        }
        defer { fclose(spool) }
        let screening = InputScreening(
            inputs: inputs, inputFormat: inputFormat,
            showProgress: !quiet && isatty(2) == 1)
        let (total, missing, _) = try screening.run(library: proposal, options: options, comparing: comparison) { bytes in
            bytes.withUnsafeBufferPointer { _ = fwrite($0.baseAddress, 1, $0.count, spool) }
        }
        if !missing.isEmpty { throw ExitCode(ExitStatus.missingInput.rawValue) }

        let summary = ImpactSummary(
            baseline: side(baseDir, asOf: baseAsOf ?? asOf),
            proposal: side(rulesDir, asOf: asOf) + (parameterSettings.values.isEmpty ? "" : ", with --set"),
            overrides: proposal.appliedOverrides, inputs: inputs, recordsRead: total.recordsRead, tally: total.impact)
        var sink: UnsafeMutablePointer<FILE> = fdopen(1, "wb")
        if let output {
            guard let f = fopen(output, "wb") else {
                printError("eligo: cannot write '\(output)'")
                throw ExitCode(ExitStatus.missingInput.rawValue)
            }
            sink = f
        }
        defer { if output != nil { fclose(sink) } else { fflush(sink) } }
        func put(_ text: String) {
            var text = text
            text.withUTF8 { _ = fwrite($0.baseAddress, 1, $0.count, sink) }
        }
        put(ImpactRenderer.head(summary, outFormat))
        copy(spool, to: sink, separatingLines: outFormat == .json ? "," : nil)
        put(ImpactRenderer.tail(summary, outFormat))
        if !quiet && output != nil {
            printError("eligo rules impact: \(total.impact.changed) of \(total.impact.records) records change decision; report in \(output!)")
        }
    }

    /// "rules as of 2016-11-30", "rules, each record on its own date".
    private func side(_ dir: String, asOf: Day?) -> String {
        dir + (asOf.map { " as of \($0)" } ?? ", each record assessed on its own date")
    }

    /// Copies the spooled changes after the summary; for JSON, one object a line with commas between.
    private func copy(_ spool: UnsafeMutablePointer<FILE>, to sink: UnsafeMutablePointer<FILE>, separatingLines separator: String?) {
        rewind(spool)
        var line: UnsafeMutablePointer<CChar>?
        var capacity = 0
        var first = true
        defer { free(line) }
        if let separator {
            while true {
                let n = getline(&line, &capacity, spool)
                guard n > 0, let line else { break }
                if !first { _ = fputs(separator, sink) }
                first = false
                _ = fwrite(line, 1, n, sink)
            }
            return
        }
        var buffer = [UInt8](repeating: 0, count: 1 << 16)
        while true {
            let n = buffer.withUnsafeMutableBytes { fread($0.baseAddress, 1, $0.count, spool) }
            if n <= 0 { break }
            _ = buffer.withUnsafeBytes { fwrite($0.baseAddress, 1, n, sink) }
        }
    }
}
