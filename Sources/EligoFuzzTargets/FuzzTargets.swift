import Eligo
#if canImport(Glibc)
import Glibc
#endif

/// The fuzz targets: every entry point that reads untrusted bytes. The `eligo-fuzz` executable
/// (built only by `.ci/fuzz`) runs the one `ELIGO_FUZZ_TARGET` names under libFuzzer; the test
/// suite replays every saved finding through the same code (see docs/fuzzing.md). A target
/// passes when it returns: a trap, a crash or a hang is the finding.
public enum FuzzTarget: String, CaseIterable, Sendable {
    /// The YAML loader (libyaml events → position-carrying nodes), with its caps.
    case yaml
    /// A rule-set file loaded and type-checked beside the shipped schemas.
    case rules
    /// One `require:` expression parsed, checked and folded inside a minimal rule set.
    case expr
    /// `screen`'s JSON Lines reader and the decisions after it.
    case jsonl
    /// `screen`'s CSV reader (header, cells, list columns) and the decisions after it.
    case csv
    /// `screen`'s YAML stream reader (documents cut at their markers).
    case yamlstream
    /// `eligo check` of one record file against the shipped rules, end to end to the text report.
    case check
}

/// Why the fuzz targets cannot start.
public struct FuzzSetupError: Error, Sendable { public var message: String }

/// What every run of a target shares, made once: the shipped rules and the target chosen.
public struct FuzzSetup: Sendable {
    let target: FuzzTarget
    let library: RuleLibrary
    let schemaFiles: [(path: String, bytes: [UInt8])]
    let checkOptions: CheckOptions
    /// An applicant the `expr` target's rule is evaluated on, so the evaluator is fuzzed too.
    let sampleRecord: [UInt8]

    /// The shipped rules in `rules` (a folder path) and a sample applicant below `examples`; nil with
    /// the reason when the rules do not load.
    public static func make(target: FuzzTarget, rules: String, examples: String) -> Result<FuzzSetup, FuzzSetupError> {
        let library = RuleLibrary.load(directory: rules)
        guard !library.hasErrors, let applicant = library.applicantKind else {
            return .failure(FuzzSetupError(message: "the rules in '\(rules)' do not load"))
        }
        var schemaFiles: [(path: String, bytes: [UInt8])] = []
        for kind in library.schemas.keys.sorted() {
            let path = "\(rules)/schema/\(kind).yaml"
            if let bytes = readFile(path) { schemaFiles.append((path, bytes)) }
        }
        let asOf = Day(year: 2014, month: 11, day: 3)!
        let options = CheckOptions(asOf: asOf, today: asOf, kind: applicant)
        let sample = readFile("\(examples)/applicants/a2-short-headship.yaml") ?? []
        return .success(
            FuzzSetup(
                target: target, library: library, schemaFiles: schemaFiles, checkOptions: options,
                sampleRecord: sample))
    }

    /// Runs one input through the chosen target; every result is thrown away.
    public func run(_ bytes: [UInt8]) {
        switch target {
        case .yaml:
            _ = YAMLLoader.load(bytes: bytes, path: "fuzz.yaml")
        case .rules:
            loadRules(bytes)
        case .expr:
            let loaded = loadRules(exprFrame(bytes))
            if !loaded.ruleSets.isEmpty {
                let reports = loaded.check(bytes: sampleRecord, path: "sample.yaml", options: checkOptions)
                _ = TextReportRenderer(verbose: true, schemas: loaded.schemas).render(reports)
            }
        case .jsonl: screen(bytes, as: .jsonl)
        case .csv: screen(bytes, as: .csv)
        case .yamlstream: screen(bytes, as: .yaml)
        case .check:
            let reports = library.check(bytes: bytes, path: "fuzz.yaml", options: checkOptions)
            _ = TextReportRenderer(verbose: true, schemas: library.schemas).render(reports)
        }
    }

    /// A minimal rule set (it loads with no errors around a valid condition) whose one condition is
    /// `bytes`, as a block scalar: every line indented, so YAML never ends it early.
    func exprFrame(_ bytes: [UInt8]) -> [UInt8] {
        var file = Array(
            ("ruleset: fuzz\ntitle: Fuzz\nversion: \"1\"\neffective: {from: 2000-01-01}\n"
                + "applies_to: \(checkOptions.kind ?? "")\nparts:\n  - id: A\n    title: A\n    rules:\n"
                + "      - id: F-1\n        title: Fuzz\n        require: |-\n          ").utf8)
        for byte in bytes { file.append(byte); if byte == 10 { file += Array("          ".utf8) } }
        file += Array("\n        messages:\n          pass: yes {as_of}\n          fail: no\n".utf8)
        return file
    }

    /// How many rule sets load from the `expr` target's frame around `bytes` (1 or 0): lets a
    /// test see that the frame reaches the checker and evaluator.
    public func loadedRuleSetCount(_ bytes: [UInt8]) -> Int { loadRules(exprFrame(bytes)).ruleSets.count }

    @discardableResult
    private func loadRules(_ bytes: [UInt8]) -> RuleLibrary {
        var fresh = RuleLibrary()
        fresh.add(files: schemaFiles + [(path: "fuzz/rules.yaml", bytes: bytes)])
        // The criteria document renders every part of a rule set that loaded.
        _ = MarkdownCriteriaRenderer.render(fresh.ruleSets.map(CriteriaDocument.init(ruleSet:)))
        return fresh
    }

    private func screen(_ bytes: [UInt8], as format: InputFormat) {
        let options = ScreenOptions(output: .csv, jobs: 1, check: checkOptions)
        guard let screener = try? Screener(library: library, input: format, source: "fuzz", options: options) else { return }
        var offset = 0
        screener.run(
            read: { buffer in
                let n = min(buffer.count, bytes.count - offset)
                for i in 0..<n { buffer[i] = bytes[offset + i] }
                offset += n
                return n
            }, write: { _ in }, progress: { _, _ in })
    }
}

/// A whole file's bytes, or nil when it cannot be read.
func readFile(_ path: String) -> [UInt8]? {
    guard let file = fopen(path, "rb") else { return nil }
    defer { fclose(file) }
    var bytes: [UInt8] = []
    var buffer = [UInt8](repeating: 0, count: 65536)
    while true {
        let n = fread(&buffer, 1, buffer.count, file)
        if n <= 0 { return bytes }
        bytes += buffer[0..<n]
    }
}
