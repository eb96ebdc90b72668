import ArgumentParser
import Eligo
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// `eligo screen INPUT...`: decide every record of a round, streaming, in parallel, nothing lost.
struct ScreenCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "screen",
        abstract: "Batch-check a CSV, JSON Lines or multi-document YAML stream of records.",
        discussion: "Writes one result per record, in input order, and a summary to standard error. Use '-' to read standard input.")

    enum Detail: String, ExpressibleByArgument, CaseIterable { case full, outcomes }

    @Argument(help: ArgumentHelp("Input files (.csv, .jsonl, .yaml) or '-' for standard input.", valueName: "input"))
    var inputs: [String]

    @OptionGroup var rulesOption: RulesOption

    @OptionGroup var parameterSettings: ParameterSettingsOption

    @OptionGroup var assessment: AssessmentOptions
    var asOf: Day? { assessment.asOf }
    var kind: String? { assessment.kind }

    @Option(name: .customLong("input-format"), help: "jsonl, csv or yaml (default: from the file extension; jsonl for standard input).")
    var inputFormat: InputFormat?

    @Option(name: .shortAndLong, help: ArgumentHelp("Write results to this file instead of standard output.", valueName: "file"))
    var output: String?

    @Option(help: "Output format: jsonl, csv, html or markdown (default: from --output's extension, else jsonl).")
    var format: ScreenFormat?

    @OptionGroup var jobs: JobsOption

    @Option(help: "full: every rule's explanation; outcomes: every rule's outcome only (fastest).")
    var detail: Detail = .full

    @Flag(name: .shortAndLong, help: "No progress bar and no summary.")
    var quiet = false

    func run() throws {
        // An input whose format cannot be told from its name is a usage mistake, not a file of invalid rows.
        if inputFormat == nil, let unknown = inputs.first(where: { $0 != "-" && InputFormat.from(path: $0) == nil && !FileSystem.isDirectory($0) }) {
            printError(
                "eligo: cannot tell the format of '\(unknown)' from its name: screen reads .csv, .jsonl (or .json, .ndjson) and .yaml (or .yml) files; give --input-format csv, jsonl or yaml for another name"
            )
            throw ExitCode(ExitStatus.usage.rawValue)
        }
        let library = try rulesOption.load(colour: ColourChoice.auto.enabled(for: 2), settings: parameterSettings.settings)
        try assessment.requireRulesInForce(library, kinds: nil)
        let outFormat =
            format ?? output.flatMap { path in
                ScreenFormat.allCases.first { path.lowercased().hasSuffix("." + ($0 == .markdown ? "md" : $0.rawValue)) }
            } ?? .jsonl
        var options = ScreenOptions(
            output: outFormat, jobs: jobs.count,
            check: CheckOptions(asOf: asOf, today: .today, kind: kind, explain: detail == .full))
        options.check.explain = detail == .full || outFormat.needsExplanations

        var sink: UnsafeMutablePointer<FILE> = fdopen(1, "wb")
        if let output {
            guard let f = fopen(output, "wb") else {
                printError("eligo: cannot write '\(output)'")
                throw ExitCode(ExitStatus.missingInput.rawValue)
            }
            sink = f
        }
        defer { if output != nil { fclose(sink) } }
        let write: ([UInt8]) -> Void = { bytes in
            bytes.withUnsafeBufferPointer { _ = fwrite($0.baseAddress, 1, $0.count, sink) }
        }

        let screening = InputScreening(
            inputs: inputs, inputFormat: inputFormat,
            showProgress: !quiet && isatty(2) == 1)
        let (total, missing, empty) = try screening.run(library: library, options: options, write: write)
        fflush(sink)
        if !quiet {
            printError(ScreenCommand.summaryText(total, unread: missing))
            if !library.appliedOverrides.isEmpty { printError("  " + library.appliedOverrides.banner) }
        }
        if !missing.isEmpty { throw ExitCode(ExitStatus.missingInput.rawValue) }
        if total.invalid > 0 || !empty.isEmpty { throw ExitCode(ExitStatus.invalidInput.rawValue) }
    }

    /// The closing summary; `unread` names the inputs that could not be read, whose records
    /// are not counted, so it never claims nothing was lost when a whole file was not read.
    static func summaryText(_ s: ScreenSummary, unread: [String] = []) -> String {
        var out = "eligo screen: \(s.recordsRead) records in, \(s.recordsWritten) results out"
        if !unread.isEmpty {
            out +=
                "; \(unread.count == 1 ? "1 input was" : "\(unread.count) inputs were") not read ("
                + unread.map { "'\($0)'" }.joined(separator: ", ") + "), so its records are not counted\n"
        } else if !s.stoppedEarly.isEmpty {
            out +=
                "; reading stopped early in " + s.stoppedEarly.map { "'\($0)'" }.joined(separator: ", ")
                + " (see the note below), so records after that point are not counted\n"
        } else {
            out += s.recordsRead != s.recordsWritten ? " (MISMATCH)\n" : s.recordsRead == 0 ? " (no records)\n" : " (nothing lost)\n"
        }
        let decided = s.recordsWritten - s.invalid
        let counts = s.decisions.filter { $0.decision != "invalid" }.map { "\($0.count) \($0.decision.replacingAll("_", with: " "))" }
        out += "  \(decided) decided" + (counts.isEmpty ? "" : ": " + counts.joined(separator: ", ")) + "\n"
        if s.invalid > 0 { out += "  \(s.invalid) invalid (each has a result line naming the row and column)\n" }
        let top = s.topFailures(5)
        if !top.isEmpty { out += "  most often not met: " + top.map { "\($0.id) (\($0.count))" }.joined(separator: ", ") + "\n" }
        for note in s.notes { out += "  note: \(note)\n" }
        return out
    }
}

/// A one-line progress bar on standard error: records/s and, for files, ETA.
final class Progress {
    let enabled: Bool
    let totalBytes: Int
    let name: String
    let start = Progress.now()
    var last = 0.0

    init(enabled: Bool, totalBytes: Int, name: String) {
        self.enabled = enabled
        self.totalBytes = totalBytes
        self.name = name
    }

    static func now() -> Double {
        var ts = timespec()
        clock_gettime(CLOCK_MONOTONIC, &ts)
        return Double(ts.tv_sec) + Double(ts.tv_nsec) / 1e9
    }

    func update(records: Int, bytes: Int) {
        guard enabled else { return }
        let t = Progress.now()
        guard t - last > 0.1 else { return }
        last = t
        let rate = Double(records) / max(t - start, 1e-6)
        var line = "\r\(name): \(records) records, \(Int(rate))/s"
        if totalBytes > 0 {
            let f = min(1, Double(bytes) / Double(totalBytes))
            let width = 24, done = Int(f * Double(width))
            let eta = f > 0 ? (t - start) * (1 - f) / f : 0
            line =
                "\r[" + String(repeating: "=", count: done) + String(repeating: " ", count: width - done) + "] \(Int(f * 100))% "
                + "\(records) records, \(Int(rate))/s, ETA \(Int(eta.rounded()))s"
        }
        printError(line + "   ", terminator: "")
    }

    func finish() {
        if enabled && last > 0 { printError("\r" + String(repeating: " ", count: 78) + "\r", terminator: "") }
    }
}
