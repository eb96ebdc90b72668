/// Checking datasets: a YAML/JSON document of a kind whose rule set reports per
/// record (`report_per_subject: true`), or a folder of CSV files. Each checked
/// record of the dataset gets its own report (see `RecordEvaluation.reportsPerSubject`).
extension RuleLibrary {
    /// Whether records of this kind are datasets, checked with one report per record of each collection.
    public func isDatasetKind(_ kind: String) -> Bool {
        ruleSets.contains { $0.kind == kind && $0.reportPerSubject }
    }

    /// Checks one YAML/JSON document: a dataset gives a report per checked record, anything else one report.
    func checkDocument(node: YAMLNode, source: String, options: CheckOptions) -> [Report] {
        let kind = node["kind"]?.scalar ?? options.kind ?? (kinds.count == 1 ? kinds[0] : nil)
        // Batch screening decides one record kind, never a dataset (`check(node:)` says so of another kind).
        guard options.screening == nil, let kind, isDatasetKind(kind), let schema = schemas[kind] else {
            return [check(node: node, source: source, options: options)]
        }
        var typer = RecordTyper()
        let value = typer.object(node, as: schema.root, path: "", isRoot: true)
        var itemPlaces: [String: DatasetSource.ItemPlaces] = [:]
        for pair in node.pairs ?? [] {
            guard let name = pair.key.scalar, let items = pair.value.items else { continue }
            itemPlaces[name] = .init(file: source, lines: items.map { Int32(clamping: $0.range.start.line) })
        }
        var reports: [Report] = []
        checkDataset(
            record: value, kind: kind, source: DatasetSource(path: source, itemPlaces: itemPlaces),
            issues: typer.issues, options: options, prepare: { $0 }, each: { reports.append($0) })
        return reports
    }

    /// Checks a dataset already typed against its schema, handing over each record's report as it is made.
    /// Its issues are put in the one order every reader's are (`ObjectType.ordered`), as `check(record:)` does.
    /// `prepare` turns a report into what `each` is given, on the thread that made it (see `reportsPerSubject`).
    public func checkDataset<Piece>(
        record value: Value, kind: String, source: DatasetSource, issues: [RecordIssue],
        options: CheckOptions, prepare: @escaping @Sendable (Report) -> Piece, each: (Piece) -> Void
    ) {
        let issues = issues.count > 1 ? schemas[kind]?.root.ordered(issues) ?? issues : issues
        // The same as-of date and choice of rule set as `check` (`ruleSetChoice`).
        guard let (asOf, choice) = ruleSetChoice(for: value, kind: kind, options: options) else {
            each(prepare(invalidReport(kind: kind, id: nil, source: source.path, issues: issues)))
            return
        }
        if let blamed = unreadableAssessmentDate(kind: kind, issues: issues, options: options) {
            each(prepare(invalidReport(kind: kind, id: nil, source: source.path, issues: blamed)))
            return
        }
        switch choice {
        case .failure(let why):
            each(
                prepare(
                    invalidReport(
                        kind: kind, id: nil, source: source.path,
                        issues: issues + [RecordIssue(.error, "rules.no-rule-set", path: "", why.description)])))
        case .success(let index) where !ruleSets[index].reportPerSubject:
            each(prepare(check(record: value, kind: kind, id: nil, source: source.path, issues: issues, options: options)))
        case .success(let index):
            RecordEvaluation(ruleSet: ruleSets[index], options: options).reportsPerSubject(
                record: value, kind: kind, source: source, issues: issues, asOf: asOf, jobs: options.jobs, prepare: prepare, each: each)
        }
    }

    /// The dataset kinds a folder of CSV files may hold: `--kind` when given, else every
    /// dataset kind with a collection among the folder's files.
    public func datasetKinds(forFolder folder: String, kind: String?) -> [String] {
        if let kind { return [kind] }
        let files = Set(CSVDataset.csvFiles(in: folder))
        return kinds.filter { k in
            guard isDatasetKind(k), let schema = schemas[k] else { return false }
            return CSVDataset.collections(of: schema).contains { files.contains($0 + ".csv") }
        }
    }

    /// Checks a folder of CSV files (`tsas.csv`, `lles.csv`, ...) as one dataset, handing
    /// over each record's report as it is made.
    public func checkDataset(folder: String, options: CheckOptions, each: (Report) -> Void) {
        checkDataset(folder: folder, options: options, prepare: { $0 }, each: each)
    }

    /// `checkDataset(folder:options:each:)` with each report first turned into what `each` is
    /// given, on the thread that made it (see `reportsPerSubject`).
    public func checkDataset<Piece>(folder: String, options: CheckOptions, prepare: @escaping @Sendable (Report) -> Piece, each: (Piece) -> Void) {
        let candidates = datasetKinds(forFolder: folder, kind: options.kind)
        guard candidates.count == 1, let schema = schemas[candidates[0]] else {
            let datasetKinds = kinds.filter(isDatasetKind)
            let message: String
            if let kind = options.kind {
                message = "no schema declares record kind '\(kind)'; the rules cover: \(kinds.joined(separator: ", "))"
            } else if candidates.isEmpty {
                message =
                    "the folder has no record files (.yaml, .yml or .json, each checked on its own) and no dataset: "
                    + "no CSV file named after a collection of \(datasetKinds.joined(separator: " or ")) ("
                    + datasetKinds.compactMap { schemas[$0] }.flatMap(CSVDataset.collections).map { $0 + ".csv" }.joined(separator: ", ") + ")"
            } else {
                message = "the folder could hold more than one kind of dataset (\(candidates.joined(separator: ", "))); give --kind"
            }
            var issue = RecordIssue(.error, "record.unknown-kind", path: "", message)
            issue.file = folder
            each(
                prepare(
                    invalidReport(kind: options.kind ?? candidates.first ?? datasetKinds.first ?? "dataset", id: nil, source: folder, issues: [issue])
                ))
            return
        }
        let loaded = CSVDataset.load(folder: folder, schema: schema)
        checkDataset(
            record: loaded.value, kind: schema.kind, source: loaded.source, issues: loaded.issues, options: options, prepare: prepare, each: each)
    }

    /// Every report of a CSV dataset folder, in order.
    public func checkDataset(folder: String, options: CheckOptions) -> [Report] {
        var reports: [Report] = []
        checkDataset(folder: folder, options: options) { reports.append($0) }
        return reports
    }
}
