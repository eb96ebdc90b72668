/// Options for checking records, shared by `eligo check`, `screen` and tests.
public struct CheckOptions: Sendable {
    /// Overrides every record's assessment date (`--as-of`).
    public var asOf: Day?
    /// The date used when neither `--as-of` nor the record gives one.
    public var today: Day
    /// The record kind for records without a `kind` field (`--kind`).
    public var kind: String?
    /// Trace values and render messages (off only for the fastest batch runs).
    public var explain: Bool
    /// The one record kind batch screening decides (set by `Screener`): a record whose own `kind`
    /// is present and differs is invalid (`record.wrong-kind`), not decided under other rules.
    public var screening: String?
    /// With `explain`, also give passing and not-applicable rules their message and deciding
    /// values. Outputs that show only what needs attention (the reviewer CSV and Markdown, a
    /// dataset's text report) turn it off, so nobody waits for sentences that are never written.
    public var explainPassing = true
    /// With `explain`, also give each explained rule the values that decided it and, for a failing
    /// rule about dates, the first day it would pass. The reviewer CSV and Markdown show only each
    /// rule's sentence and the fields it needs, so they turn it off and a rule that did not pass
    /// is evaluated again, traced, only when it is unknown (for the fields it needs).
    public var explainValues = true
    /// Caps for reading YAML and JSON input (a large dataset may need a larger `maxInputBytes`).
    public var yamlLimits = YAMLLimits()
    /// Threads deciding the records of a dataset (`eligo check` uses every core). The reports and
    /// their order are the same for any number.
    public var jobs = 1

    public init(asOf: Day? = nil, today: Day, kind: String? = nil, explain: Bool = true) {
        self.asOf = asOf
        self.today = today
        self.kind = kind
        self.explain = explain
    }
}

extension RuleLibrary {
    /// Checks every document of a YAML or JSON file; one report per document,
    /// including documents that could not be read (decision invalid), or for a
    /// dataset one report per checked record (Dataset/DatasetCheck.swift).
    public func check(bytes: [UInt8], path: String, options: CheckOptions) -> [Report] {
        if bytes.count > options.yamlLimits.maxInputBytes {
            return [yamlFailureReport(YAMLLoader.tooLarge("file", path, 1, options.yamlLimits), path: path, source: path, options: options)]
        }
        // Each document is parsed on its own (see YAMLDocumentSplitter.swift): a broken one is one
        // invalid result, and the documents after it are still read.
        let body = bytes.starts(with: [0xEF, 0xBB, 0xBF]) ? bytes[3...] : bytes[...]
        let documents = YAMLDocumentSplitter.documents(body)
        return documents.enumerated().flatMap { index, document in
            check(
                document: body[document.range], line: document.line, path: path,
                source: documents.count > 1 ? "\(path)#\(index + 1)" : path, options: options)
        }
    }

    /// Checks one document of a YAML stream, found by `YAMLDocumentSplitter`, that starts on `line`
    /// of `path`: its records' reports, or one invalid report saying why it cannot be read.
    public func check(
        document bytes: ArraySlice<UInt8>, line: Int, path: String, source: String,
        options: CheckOptions
    ) -> [Report] {
        YAMLLoader.load(bytes: bytes, path: path, firstLine: line, limits: options.yamlLimits).documents.flatMap { doc -> [Report] in
            switch doc {
            case .failure(let e) where e.id == "yaml.invalid-utf8":
                // Worded as the JSON Lines and CSV readers word a record that is not UTF-8.
                let lead = bytes.withUnsafeBufferPointer { b in ByteScan.firstInvalidUTF8(b).map { b[$0] } } ?? 0xFF
                var issue = RecordIssue.notUTF8(lead: lead).at(e.range)
                issue.file = path
                issue.sourceLine = e.sourceLine
                return [unreadableReport(issue, source: source, options: options)]
            case .failure(let e): return [yamlFailureReport(e, path: path, source: source, options: options)]
            case .success(let node): return checkDocument(node: node, source: source, options: options)
            }
        }
    }

    /// The invalid report of a document that cannot be read as YAML.
    private func yamlFailureReport(_ e: YAMLError, path: String, source: String, options: CheckOptions) -> Report {
        var issue = RecordIssue(.error, e.id, path: "", e.message, at: e.range)
        issue.file = path
        issue.hint = e.hint
        issue.sourceLine = e.sourceLine
        return unreadableReport(issue, source: source, options: options)
    }

    /// The invalid report of a document that could not be read, with the one issue saying why.
    private func unreadableReport(_ issue: RecordIssue, source: String, options: CheckOptions) -> Report {
        invalidReport(kind: options.screening ?? options.kind ?? kinds.first ?? "record", id: nil, source: source, issues: [issue])
    }

    /// Checks one record given as a YAML node.
    public func check(node: YAMLNode, source: String, options: CheckOptions) -> Report {
        // `id:` or `id: null` is an id not given, as in a JSON line or a blank CSV cell, not the text "null".
        let id = node["id"].flatMap { $0.isNull ? nil : $0.scalar }
        if let screened = options.screening, let written = node["kind"], !written.isNull, written.scalar != screened {
            let issue = RecordIssue.wrongKind(RecordTyper.untyped(written), screened: screened, known: kinds, at: written.range)
            return invalidReport(kind: screened, id: id, source: source, issues: [issue])
        }
        // `kind:` or `kind: null` is a kind not given, as in a JSON line or a blank CSV cell.
        let writtenKind = node["kind"].flatMap { $0.isNull ? nil : $0.scalar }
        let kind = writtenKind ?? options.kind ?? (kinds.count == 1 ? kinds[0] : nil)
        guard let kind, let schema = schemas[kind], ruleSets.contains(where: { $0.kind == kind }) else {
            let written = writtenKind ?? options.kind
            let message =
                written.map { "no rule set checks records of kind '\($0)'; the rules cover: \(kinds.joined(separator: ", "))" }
                ?? "the record has no 'kind' and --kind was not given; the rules cover: \(kinds.joined(separator: ", "))"
            let issue = RecordIssue(
                .error, "record.unknown-kind", path: "kind", message, at: node["kind"]?.range ?? node.range,
                suggestion: written.flatMap { Suggestion.closestKind(to: $0, in: kinds) })
            return invalidReport(kind: written ?? "record", id: id, source: source, issues: [issue])
        }
        var typer = RecordTyper()
        let value = typer.object(node, as: schema.root, path: "", isRoot: true)
        return check(record: value, kind: kind, id: id, source: source, issues: typer.issues, options: options)
    }

    /// Checks a record already typed against its schema (CSV and JSON Lines readers produce these).
    /// Its issues are listed in the one order every reader's are (`ObjectType.ordered`); a record
    /// of another kind than the one screened (`record.wrong-kind`) is not decided: its report
    /// has no rule outcomes and that error alone (what its fields would say of this kind's
    /// schema would mislead), as a YAML record of another kind gets before it is typed.
    public func check(
        record value: Value, kind: String, id: String?, source: String, issues: [RecordIssue],
        options: CheckOptions
    ) -> Report {
        var room = EvaluationRoom()
        return check(record: value, kind: kind, id: id, source: source, issues: issues, options: options, room: &room)
    }

    /// `check(record:…)`, evaluating in a thread's `room` (see `EvaluationRoom`).
    func check(
        record value: Value, kind: String, id: String?, source: String, issues: [RecordIssue],
        options: CheckOptions, room: inout EvaluationRoom
    ) -> Report {
        var issues = issues
        if let wrongKind = issues.first(where: { $0.id == "record.wrong-kind" }) {
            return invalidReport(kind: kind, id: id, source: source, issues: [wrongKind])
        }
        if issues.count > 1, let schema = schemas[kind] { issues = schema.root.ordered(issues) }
        guard let (asOf, choice) = ruleSetChoice(for: value, kind: kind, options: options) else {
            return invalidReport(kind: kind, id: id, source: source, issues: issues)
        }
        if let blamed = unreadableAssessmentDate(kind: kind, issues: issues, options: options) {
            return invalidReport(kind: kind, id: id, source: source, issues: blamed)
        }
        switch choice {
        case .failure(let why):
            return invalidReport(
                kind: kind, id: id, source: source,
                issues: issues + [RecordIssue(.error, "rules.no-rule-set", path: "", why.description)])
        case .success(let index):
            let set = ruleSets[index]
            var info = Report.RecordInfo(id: id, kind: kind, source: source)
            if options.explain, let code = set.labelCode, case .string(let s)? = Evaluator.value(of: code, in: value) {
                info.name = s
            }
            return RecordEvaluation(ruleSet: set, options: options).report(record: value, info: info, issues: issues, asOf: asOf, room: &room)
        }
    }

    /// A record's assessment date (the override, else the `as_of` field named by the kind's first
    /// rule set, else today) and the rule set in force on it, by index in `ruleSets`; nil when no
    /// rule set checks the kind. Batch screening's outcome lines choose with it too.
    func ruleSetChoice(for record: Value, kind: String, options: CheckOptions) -> (asOf: Day, choice: Result<Int, RuleSetChoiceError>)? {
        // By index: `first(where:)` would copy the whole rule set for every record.
        guard let first = ruleSets.firstIndex(where: { $0.kind == kind }) else { return nil }
        let asOf = ruleSets[first].assessmentDate(for: record, override: options.asOf, today: options.today)
        return (asOf, ruleSetIndex(for: kind, on: asOf))
    }

    /// When the record's own assessment date (`as_of: submitted_on`) was given but could not be
    /// read and `--as-of` does not replace it, the record's issues with that one explained: it is
    /// decided on no other date (today's would show outcomes that are not real), so it gets no
    /// rule outcomes, only the error. Nil when the date is fine, absent, or overridden.
    func unreadableAssessmentDate(kind: String, issues: [RecordIssue], options: CheckOptions) -> [RecordIssue]? {
        guard options.asOf == nil, !issues.isEmpty,
            let field = ruleSets.first(where: { $0.kind == kind })?.asOfField,
            let i = issues.firstIndex(where: { $0.severity == .error && $0.path == field })
        else { return nil }
        var out = issues
        out[i].message += "; it is the date the criteria are assessed on, so none was assessed"
        return out
    }

    func invalidReport(kind: String, id: String?, source: String, issues: [RecordIssue]) -> Report {
        Report(
            record: .init(id: id, kind: kind, source: source), ruleSet: nil, asOf: nil, outcome: .invalid,
            decision: "invalid", rules: [], errors: issues.filter { $0.severity == .error },
            warnings: issues.filter { $0.severity == .warning })
    }
}

extension RecordEvaluation {
    /// An evaluation explaining as `options` ask (`explain`, `explainPassing`, `explainValues`):
    /// one place that reads them, for every caller deciding records under a check's options.
    init(ruleSet: RuleSet, options: CheckOptions) {
        self.init(ruleSet: ruleSet, explain: options.explain)
        explainPassing = options.explainPassing
        explainValues = options.explainValues
    }
}
