/// Runs the rules folder's test cases against its rule sets: `eligo rules test`.
///
/// Each test's record is checked exactly as `eligo check` would check it
/// (typed by the schema, the rule set in force chosen by `as_of` or the
/// record's date), then its report is compared with what the test expects.
/// A failure carries everything needed to see why: the expected and actual
/// outcome, the rule's explanation, and the record values that decided it.
public struct RuleTestRunner: Sendable {
    public var library: RuleLibrary
    /// The date used for a test with no `as_of` whose record has no date.
    public var today: Day

    public init(library: RuleLibrary, today: Day) {
        self.library = library
        self.today = today
    }

    /// Every test file below a folder (YAML files whose top-level key is `tests:`), with their diagnostics.
    public static func loadFiles(directory: String) -> (files: [RuleTestFile], diagnostics: [Diagnostic], sources: [String: SourceFile]) {
        var files: [RuleTestFile] = []
        var diagnostics: [Diagnostic] = []
        var sources: [String: SourceFile] = [:]
        for path in (try? FileSystem.yamlFiles(under: directory)) ?? [] {
            guard let bytes = FileSystem.read(path) else { continue }
            // Only test files are read here; the library reports problems with the others.
            // (a file past the size limit is the rule loader's to report: yaml.too-large)
            let limits = YAMLLimits(keepDocumentsWithDuplicateKeys: true)
            guard bytes.count <= limits.maxInputBytes else { continue }
            let text = String(decoding: bytes, as: UTF8.self)
            guard RuleLibrary.mayBeTestFile(text) else { continue }
            sources[path] = SourceFile(path: path, text: text)
            // The rule loader leaves a test file's YAML problems to the test tools.
            let stream = YAMLLoader.load(bytes: bytes, path: path, limits: limits)
            diagnostics += stream.keptErrors.map({ $0.diagnostic })
            for doc in stream.documents {
                let node: YAMLNode
                switch doc {
                case .failure(let e): diagnostics.append(e.diagnostic); continue
                case .success(let n): node = n
                }
                guard node["tests"] != nil, node["ruleset"] == nil, node["schema"] == nil else { continue }
                let (file, diags) = RuleTestFile.parse(node, path: path)
                files.append(file)
                diagnostics += diags
            }
        }
        return (files, diagnostics.sorted(), sources)
    }

    /// Checks the test files against the rules without running them: rule ids
    /// that no rule set has, and decisions no rule set gives.
    public func lint(_ files: [RuleTestFile]) -> [Diagnostic] {
        var out: [Diagnostic] = []
        // A rule set that did not load would make every test of it look wrong: its errors come first.
        let checkRules = !library.hasErrors && !library.ruleSets.isEmpty
        let ruleIDs = Set(library.ruleSets.flatMap { $0.allRules.map({ $0.rule.id }) })
        var decisions: Set<String> = []
        for set in library.ruleSets {
            let l = set.decisions
            decisions.formUnion([l.pass, l.fail, l.unknown, l.invalid])
        }
        for file in files {
            for c in file.cases {
                for e in c.expectations where checkRules && !ruleIDs.contains(e.ruleID) {
                    out.append(
                        .error(
                            "tests.unknown-rule", "no rule set has a rule '\(e.ruleID)'", at: e.range,
                            suggestion: Suggestion.closest(to: e.ruleID, in: ruleIDs)))
                }
                let parameterNames = Set(library.ruleSets.flatMap { $0.parameters.map({ $0.name }) })
                for p in c.parameters where checkRules && !parameterNames.contains(p.name) {
                    out.append(
                        .error(
                            "tests.unknown-parameter", "no rule set has a parameter '\(p.name)'", at: p.range,
                            suggestion: Suggestion.closest(to: p.name, in: parameterNames)))
                }
                if let d = c.decision, !decisions.contains(d.value), checkRules {
                    out.append(
                        .error(
                            "tests.bad-decision",
                            "'\(d.value)' is not a decision the rules give; they give \(ValueFormatter.list(decisions.sorted()))",
                            at: d.range, suggestion: Suggestion.closest(to: d.value, in: decisions)))
                }
                if case .file(let relative, let range) = c.record {
                    let path = RuleTestRunner.resolve(relative, from: file.path)
                    if let bytes = FileSystem.read(path) {
                        let docs = YAMLLoader.load(bytes: bytes, path: path).documents
                        var problem: String?
                        if docs.count != 1 {
                            problem = "'\(path)' holds \(docs.count) YAML documents; a test's record file must hold one"
                        } else if case .failure(let e) = docs[0] {
                            problem = "'\(path)' is not valid YAML: \(e.range): \(e.message)"
                        } else if case .success(let n) = docs[0], n.pairs == nil {
                            problem = "'\(path)' holds \(n.kindName), not a record's fields"
                        }
                        if let problem { out.append(.error("tests.bad-record", problem, at: range)) }
                    } else {
                        out.append(.error("tests.missing-file", "cannot read the record file '\(path)'", at: range))
                    }
                }
                if case .like(let name, let range) = c.record, !file.cases.contains(where: { $0.name == name }) {
                    out.append(
                        .error(
                            "tests.unknown-test", "'like' names no test of this file: '\(name)'", at: range,
                            suggestion: Suggestion.closest(to: name, in: file.cases.map({ $0.name }))))
                }
                if let circle = RuleTestRunner.likeCircle(from: c, in: file), case .like(_, let range) = c.record {
                    out.append(
                        .error(
                            "tests.like-cycle",
                            circle.count == 1
                                ? "test '\(c.name)' is 'like' itself, so it has no record"
                                : "the tests are 'like' each other in a circle, so none has a record: \((circle + [c.name]).joined(separator: " → "))",
                            at: range))
                }
            }
        }
        return out.sorted()
    }

    /// The tests from `c` round its `like` chain, when the chain comes back to `c` (a test
    /// that is `like` itself: just it); nil when it ends at a record or goes round without `c`.
    static func likeCircle(from c: RuleTestCase, in file: RuleTestFile) -> [String]? {
        var chain = [c.name]
        var current = c
        while case .like(let name, _) = current.record, let next = file.cases.first(where: { $0.name == name }) {
            if name == c.name { return chain }
            if chain.contains(name) { return nil }
            chain.append(name)
            current = next
        }
        return nil
    }

    /// Runs every case of every file, in file order.
    public func run(_ files: [RuleTestFile]) -> RuleTestRun {
        var results: [RuleTestResult] = []
        var coverage = RuleCoverage(ruleSets: library.ruleSets)
        var misses: [TableMiss] = []
        for file in files {
            var resolved: [String: Result<YAMLNode, RecordEdit.Failure>] = [:]
            for c in file.cases {
                var result = RuleTestResult(testCase: c)
                switch record(of: c, in: file, resolved: &resolved, visiting: []) {
                case .failure(let f):
                    result.problems.append(.init(f.message, at: nil))
                    result.status = .error
                case .success(let node):
                    let library: RuleLibrary
                    switch self.library(for: c) {
                    case .failure(let f):
                        result.problems.append(.init(f.message, at: nil))
                        result.status = .error
                        results.append(result)
                        continue
                    case .success(let l): library = l
                    }
                    let source = "\(file.path): \(c.name)"
                    let options = CheckOptions(asOf: c.asOf, today: today, kind: c.kind)
                    // A dataset gives one report per checked record, exactly as `eligo check` does;
                    // the test compares against them together (see `combined`).
                    let reports = library.checkDocument(node: node, source: source, options: options)
                    let report =
                        reports.count == 1 && reports[0].record.dataset == nil
                        ? reports[0] : RuleTestRunner.combined(reports, node: node, source: source, options: options, library: library)
                    result.report = report
                    compare(c, report, into: &result)
                    for r in reports { coverage.record(r) }
                    misses += TableProbe.misses(node: node, report: report, library: library, test: c)
                }
                results.append(result)
            }
        }
        var unique: [TableMiss] = []
        for m in misses where !unique.contains(where: { $0.table == m.table && $0.keys == m.keys }) { unique.append(m) }
        return RuleTestRun(results: results, coverage: coverage, tableMisses: unique)
    }

    /// The reports of a dataset's records as one report for a test: every record's rule results
    /// (each with its subject, the record's id: `AS-2 for LLE-004`), every record's problems,
    /// and as decision the worst of the records' decisions (invalid, then the rule set's fail,
    /// then unknown, then pass word: `breach` when any record is in breach).
    static func combined(_ reports: [Report], node: YAMLNode, source: String, options: CheckOptions, library: RuleLibrary) -> Report {
        let kind = node["kind"]?.scalar ?? options.kind ?? reports.first?.record.kind ?? "dataset"
        let ruleSet = reports.lazy.compactMap({ $0.ruleSet }).first
        func rank(_ o: RecordOutcome) -> Int {
            switch o {
            case .pass: return 0;
            case .unknown: return 1;
            case .fail: return 2;
            case .invalid: return 3
            }
        }
        let outcome = reports.map({ $0.outcome }).max { rank($0) < rank($1) } ?? .pass
        let labels = library.ruleSets.first { $0.id == ruleSet?.id && $0.version == ruleSet?.version }?.decisions
        let decision: String
        switch outcome {
        case .pass: decision = labels?.pass ?? "pass"
        case .fail: decision = labels?.fail ?? "fail"
        case .unknown: decision = labels?.unknown ?? "unknown"
        case .invalid: decision = labels?.invalid ?? "invalid"
        }
        return Report(
            record: .init(id: node["id"]?.scalar, kind: kind, source: source), ruleSet: ruleSet,
            asOf: reports.lazy.compactMap({ $0.asOf }).first, outcome: outcome, decision: decision,
            rules: reports.flatMap({ $0.rules }), errors: reports.flatMap({ $0.errors }), warnings: reports.flatMap({ $0.warnings }))
    }

    /// The library a test checks its record with: the loaded one, or for a test with
    /// `parameters:` one whose rule sets declaring those parameters are read again with
    /// the test's values (so the values are typed and compiled exactly like the file's).
    private func library(for c: RuleTestCase) -> Result<RuleLibrary, RecordEdit.Failure> {
        guard !c.parameters.isEmpty else { return .success(library) }
        var variant = library
        for (i, set) in library.ruleSets.enumerated() {
            let mine = c.parameters.filter { p in set.parameters.contains { $0.name == p.name } }
            guard !mine.isEmpty else { continue }
            guard let schema = library.schemas[set.kind],
                let path = set.files.first(where: { $0 != schema.file }), let bytes = FileSystem.read(path)
            else {
                return .failure(.init(message: "cannot read the rule file of \(set.id) \(set.version) again to set its parameters"))
            }
            let node = YAMLLoader.load(bytes: bytes, path: path).documents.compactMap { try? $0.get() }
                .first { $0["ruleset"]?.scalar == set.id && ($0["version"]?.scalar ?? "") == set.version }
            guard var node else {
                return .failure(.init(message: "cannot find \(set.id) \(set.version) in '\(path)' to set its parameters"))
            }
            for p in mine {
                let edit = RecordEdit(
                    path: "parameters.\(p.name).value", segments: [.key("parameters"), .key(p.name), .key("value")],
                    value: p.value, range: p.range)
                do { node = try edit.apply(to: node) } catch {
                    return .failure(.init(message: "\(p.range): parameter '\(p.name)': \(error.message)"))
                }
            }
            let (parsed, diags) = RuleSetParser.parse(node, schema: schema, source: library.sources[path])
            guard var parsed, !diags.hasErrors else {
                let why = diags.filter { $0.severity == .error }.map({ $0.message }).joined(separator: "; ")
                return .failure(.init(message: "the test's parameters make \(set.id) \(set.version) invalid: \(why)"))
            }
            parsed.files = set.files
            parsed.digest = set.digest
            parsed.cachedRuleInfos = parsed.ruleInfos
            variant.ruleSets[i] = parsed
        }
        return .success(variant)
    }

    // MARK: - Records

    /// The record a test checks: inline, from a file, or another test's record, with its edits made.
    private func record(
        of c: RuleTestCase, in file: RuleTestFile, resolved: inout [String: Result<YAMLNode, RecordEdit.Failure>],
        visiting: [String]
    ) -> Result<YAMLNode, RecordEdit.Failure> {
        if let done = resolved[c.name] { return done }
        var node: YAMLNode
        switch c.record {
        case .inline(let n):
            node = n
        case .file(let relative, _):
            let path = RuleTestRunner.resolve(relative, from: file.path)
            guard let bytes = FileSystem.read(path) else {
                return .failure(.init(message: "cannot read the record file '\(path)'"))
            }
            let docs = YAMLLoader.load(bytes: bytes, path: path).documents
            guard docs.count == 1 else {
                return .failure(.init(message: "'\(path)' holds \(docs.count) documents; a test's record file must hold one"))
            }
            switch docs[0] {
            case .failure(let e): return .failure(.init(message: "\(e.range): \(e.message)"))
            case .success(let n): node = n
            }
        case .like(let name, _):
            guard let base = file.cases.first(where: { $0.name == name }) else {
                return .failure(.init(message: "'like' names no test of this file: '\(name)'"))
            }
            if visiting.contains(name) || name == c.name {
                return .failure(
                    .init(message: "the tests are 'like' each other in a circle: \((visiting + [c.name, name]).joined(separator: " → "))"))
            }
            switch record(of: base, in: file, resolved: &resolved, visiting: visiting + [c.name]) {
            case .failure(let f): return .failure(.init(message: "its base test '\(name)' has no record: \(f.message)"))
            case .success(let n): node = n
            }
        }
        for edit in c.edits {
            do {
                node = try edit.apply(to: node)
            } catch {
                return .failure(.init(message: "\(edit.range): \(error.message)"))
            }
        }
        resolved[c.name] = .success(node)
        return .success(node)
    }

    /// A record file's path: as written when absolute, else relative to the test file's folder.
    /// A rules folder copied elsewhere (`cp -r rules /tmp/draft`) keeps its tests working: when
    /// the path does not exist there, the same path without its leading `../` steps is tried
    /// from the current folder, the project's root when `eligo` is run there
    /// (`../../examples/datasets/kyra.yaml` → `examples/datasets/kyra.yaml`).
    static func resolve(_ relative: String, from testFile: String) -> String {
        if relative.hasPrefix("/") { return relative }
        guard let slash = testFile.lastIndex(of: "/") else { return relative }
        let beside = String(testFile[...slash]) + relative
        guard !FileSystem.exists(beside), relative.hasPrefix("../") else { return beside }
        var fromRoot = Substring(relative)
        while fromRoot.hasPrefix("../") { fromRoot = fromRoot.dropFirst(3) }
        return FileSystem.exists(String(fromRoot)) ? String(fromRoot) : beside
    }

    // MARK: - Comparison

    private func compare(_ c: RuleTestCase, _ report: Report, into result: inout RuleTestResult) {
        let expectsInvalid = c.decision?.value == (labels(report)?.invalid ?? "invalid")
        if !expectsInvalid {
            for e in report.errors { result.problems.append(.init("the record is invalid: \(e.located)", at: nil)) }
            for w in report.warnings { result.problems.append(.init("the record has a problem: \(w.located)", at: nil)) }
        }
        if let v = c.version, report.ruleSet?.version != v.value {
            let actual = report.ruleSet.map { "\($0.id) \($0.version)" } ?? "no rule set"
            result.mismatches.append(.init(what: "rule-set version", expected: v.value, actual: actual, range: v.range))
        }
        if let d = c.decision, d.value != report.decision {
            result.mismatches.append(
                .init(
                    what: "decision", expected: d.value, actual: report.decision, range: d.range,
                    explanation: RuleTestRunner.why(report)))
        }
        for e in c.expectations { check(e, report, into: &result) }
        for words in c.messageContains where !report.rules.contains(where: { $0.message.contains(words.value) }) {
            result.mismatches.append(
                .init(
                    what: "messages", expected: "a message containing “\(words.value)”",
                    actual: "no message contains it", range: words.range))
        }
        if result.status == .passed && (!result.mismatches.isEmpty || !result.problems.isEmpty) { result.status = .failed }
    }

    private func check(_ e: RuleExpectation, _ report: Report, into result: inout RuleTestResult) {
        var matches = report.rules.filter { $0.id == e.ruleID }
        let label = e.subject.map { "\(e.ruleID) for \($0)" } ?? e.ruleID
        if let subject = e.subject {
            let subjects = matches.compactMap({ $0.subject })
            matches = matches.filter { $0.subject == subject }
            if matches.isEmpty && !subjects.isEmpty {
                result.mismatches.append(
                    .init(
                        what: label, expected: e.outcome?.rawValue ?? "a result",
                        actual: "no result for subject '\(subject)'; the subjects are \(ValueFormatter.list(subjects))",
                        range: e.range))
                return
            }
        }
        guard !matches.isEmpty else {
            let set = report.ruleSet.map { "\($0.id) \($0.version)" } ?? "no rule set"
            let why =
                report.rules.isEmpty
                ? "no rule was evaluated (the record is \(report.decision))"
                : library.ruleSets.contains {
                    $0.id == report.ruleSet?.id && $0.version == report.ruleSet?.version && $0.allRules.contains { $0.rule.id == e.ruleID }
                }
                    ? "it was not evaluated (its list is empty)" : "\(set) has no rule '\(e.ruleID)'"
            result.mismatches.append(.init(what: label, expected: e.outcome?.rawValue ?? "a result", actual: why, range: e.range))
            return
        }
        for m in matches {
            let who = m.subject.map { "\(e.ruleID) for \($0)" } ?? e.ruleID
            let title = "\(who) \(m.title)"
            if let expected = e.outcome, m.outcome != expected {
                result.mismatches.append(
                    .init(
                        what: title, expected: expected.rawValue, actual: m.outcome.rawValue, range: e.range,
                        explanation: RuleTestRunner.explanation(m)))
            }
            for words in e.messageContains where !m.message.contains(words) {
                result.mismatches.append(.init(what: title, expected: "a message containing “\(words)”", actual: "“\(m.message)”", range: e.range))
            }
        }
    }

    private func labels(_ report: Report) -> DecisionLabels? {
        library.ruleSets.first { $0.id == report.ruleSet?.id && $0.version == report.ruleSet?.version }?.decisions
    }

    /// Why a rule came out as it did: its message, the values it read, what it needed.
    static func explanation(_ r: RuleResult) -> [String] {
        var lines = ["“\(r.message)”"]
        if !r.values.isEmpty {
            lines.append("based on: " + r.values.map { "\($0.path) = \(ValueFormatter.text($0.value))" }.joined(separator: "; "))
        }
        if !r.needs.isEmpty { lines.append("needs: " + r.needs.joined(separator: ", ")) }
        return lines
    }

    /// Why the record got its decision: the rules that failed or were unknown.
    static func why(_ report: Report) -> [String] {
        var lines: [String] = []
        for r in report.rules where r.severity == .required && (r.outcome == .fail || r.outcome == .unknown || r.outcome == .error) {
            let who = r.subject.map { "\(r.id) for \($0)" } ?? r.id
            lines.append("\(who) \(r.outcome.rawValue): “\(r.message)”")
        }
        for e in report.errors { lines.append("record error: \(e.located)") }
        return lines
    }
}

/// The outcome of one test.
public struct RuleTestResult: Sendable {
    public enum Status: String, Sendable { case passed, failed, error }

    /// One way the report differs from what the test expects.
    public struct Mismatch: Sendable {
        /// What differs: "decision", "LLE-A2 3 years' substantive headship".
        public var what: String
        public var expected: String
        public var actual: String
        public var range: SourceRange?
        /// The explanation behind the actual value (the rule's message, its deciding values).
        public var explanation: [String] = []
    }

    public var testCase: RuleTestCase
    public var status: Status = .passed
    public var mismatches: [Mismatch] = []
    /// Problems with the test itself or its record (unreadable file, invalid record).
    public var problems: [Diagnostic.Note] = []
    public var report: Report?
}

/// Everything one `eligo rules test` run found.
public struct RuleTestRun: Sendable {
    public var results: [RuleTestResult]
    public var coverage: RuleCoverage
    /// Parameter-table values that some test looked up and the table lacks.
    public var tableMisses: [TableMiss]

    public var passed: Int { results.filter { $0.status == .passed }.count }
    public var failed: Int { results.filter { $0.status == .failed }.count }
    public var errors: Int { results.filter { $0.status == .error }.count }
}
