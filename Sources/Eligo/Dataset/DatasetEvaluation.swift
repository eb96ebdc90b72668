/// Where a dataset came from, so each record's report can say where that record is.
public struct DatasetSource: Sendable {
    /// The dataset's file or folder.
    public var path: String
    /// Per collection, the file its records are in and the line each starts on: kept as numbers
    /// (a dataset has hundreds of thousands of records) and written out as "kyra.yaml:45",
    /// "kyra-csv/deployments.csv:5" only for the record's report (`itemSource`).
    public var itemPlaces: [String: ItemPlaces]

    public struct ItemPlaces: Sendable {
        public var file: String
        public var lines: [Int32]

        public init(file: String, lines: [Int32] = []) {
            self.file = file
            self.lines = lines
        }
    }

    public init(path: String, itemPlaces: [String: ItemPlaces] = [:]) {
        self.path = path
        self.itemPlaces = itemPlaces
    }

    /// Where record `index` of a collection is ("kyra.yaml:45"); nil when not known.
    public func itemSource(_ collection: String, _ index: Int) -> String? {
        guard let places = itemPlaces[collection], index < places.lines.count else { return nil }
        return places.file + ":" + String(places.lines[index])
    }
}

extension RecordEvaluation {
    /// Checks a whole dataset (one record with a list per collection) with a rule set
    /// marked `report_per_subject: true`, and hands over one report per checked record:
    /// every record of every collection some part iterates (`for_each: d in deployments`),
    /// in part order, its kind the collection and its id the part's `subject`. A record
    /// iterated by several parts gets one report with all their rules.
    ///
    /// Input problems go to the record they are in; a record with a problem in a collection
    /// no rule iterates still gets a report (invalid). Problems outside any record, and
    /// rules in parts without `for_each`, make a report for the dataset itself, first.
    public func reportsPerSubject(
        record: Value, kind: String, source: DatasetSource, issues: [RecordIssue], asOf: Day,
        each: (Report) -> Void
    ) {
        var datasetIssues: [RecordIssue] = []
        var itemIssues: [String: [Int: [RecordIssue]]] = [:]
        for issue in issues {
            if let (collection, index) = RecordEvaluation.item(of: issue.path) {
                itemIssues[collection, default: [:]][index, default: []].append(issue)
            } else {
                datasetIssues.append(issue)
            }
        }
        let info = Report.RuleSetInfo(
            id: ruleSet.id, title: ruleSet.title, version: ruleSet.version, digest: ruleSet.digest, overrides: ruleSet.overrides)
        func report(_ record: Report.RecordInfo, _ results: [RuleResult], _ issues: [RecordIssue]) -> Report {
            let errors = issues.filter { $0.severity == .error }
            let outcome = RecordEvaluation.decide(results, invalid: !errors.isEmpty)
            return Report(
                record: record, ruleSet: info, asOf: asOf, outcome: outcome, decision: label(outcome), rules: results,
                errors: errors, warnings: issues.filter { $0.severity == .warning })
        }

        var ev = Evaluator(ruleSet: ruleSet, root: record, asOf: asOf, tracing: explain)
        ev.indexes = IndexCache()

        // Parts without for_each are about the dataset as a whole; a dataset with
        // no record to report still gets this report, so the check says something.
        let infos = ruleSet.ruleInfos
        let wholeParts = ruleSet.parts.indices.filter { !ruleSet.parts[$0].isPerItem }
        if !wholeParts.isEmpty || !datasetIssues.isEmpty || !hasRecordReports(record, itemIssues: itemIssues) {
            var results: [RuleResult] = []
            if case .object = record {
                for p in wholeParts {
                    for (r, rule) in ruleSet.parts[p].rules.enumerated() {
                        results.append(result(rule, infos[p][r], &ev, subject: nil, label: nil, binding: nil))
                    }
                }
            }
            var name: String?
            if let code = ruleSet.labelCode, case .string(let s)? = try? ev.eval(code) { name = s }
            each(
                report(
                    Report.RecordInfo(id: nil, kind: kind, source: source.path, name: name, dataset: source.path),
                    results, datasetIssues))
        }
        guard case .object(let root) = record else { return }

        // The collections, in the order their parts first appear.
        // Each part with its rules' shared report details (looked up once, not per record).
        var groups: [(collection: String, parts: [(part: Part, infos: [RuleInfo])], items: [Value])] = []
        for (p, part) in ruleSet.parts.enumerated() {
            guard let fe = part.forEach else { continue }
            let (items, path) = ev.listWithPath(fe.list)
            let collection = path ?? part.id
            if let g = groups.firstIndex(where: { $0.collection == collection }) {
                groups[g].parts.append((part, infos[p]))
            } else {
                groups.append((collection, [(part, infos[p])], items))
            }
        }
        // Paths met for one record are forgotten once its report is made, unless something kept
        // for the records after it (an index, a derived value) was made meanwhile and may hold them.
        var mark = ev.paths.mark(), holders = ev.pathHolders
        for (collection, parts, items) in groups {
            let problems = itemIssues.removeValue(forKey: collection) ?? [:]
            for (i, item) in items.enumerated() {
                defer {
                    if ev.pathHolders == holders { ev.paths.rollBack(to: mark) } else { holders = ev.pathHolders }
                    mark = ev.paths.mark()
                }
                let path = "\(collection)[\(i)]"
                var results: [RuleResult] = []
                var subject: String?, name: String?
                for (part, partInfos) in parts {
                    let fe = part.forEach!
                    ev.bindItem(fe, item, path: path)
                    let s = fe.subject.flatMap { try? ev.untraced($0) }.flatMap { $0.isNull ? nil : ValueFormatter.text($0) }
                    let l = fe.subjectLabel.map { render($0, &ev) }
                    subject = subject ?? s
                    name = name ?? l
                    for (r, rule) in part.rules.enumerated() {
                        results.append(result(rule, partInfos[r], &ev, subject: s ?? path, label: l, binding: (fe, item)))
                    }
                }
                let recordSource = source.itemSource(collection, i) ?? source.path
                each(
                    report(
                        Report.RecordInfo(
                            id: subject ?? id(of: item, in: collection) ?? path, kind: collection,
                            source: recordSource, name: name, dataset: source.path),
                        results, problems[i] ?? []))
            }
        }

        // Records with input problems in collections no rule looks at one by one.
        for (slot, field) in ruleSet.schema.root.fields.enumerated() {
            guard let problems = itemIssues[field.name], case .list(let items) = root.slots[slot] else { continue }
            for index in problems.keys.sorted() {
                let item = index < items.count ? items[index] : .null
                let recordSource = source.itemSource(field.name, index) ?? source.path
                each(
                    report(
                        Report.RecordInfo(
                            id: id(of: item, in: field.name) ?? "\(field.name)[\(index)]", kind: field.name,
                            source: recordSource, name: nil, dataset: source.path),
                        [], problems[index]!))
            }
        }
    }

    /// Whether some record of the dataset will get a report: one of a collection a part
    /// iterates, or one with an input problem.
    private func hasRecordReports(_ record: Value, itemIssues: [String: [Int: [RecordIssue]]]) -> Bool {
        if !itemIssues.isEmpty { return true }
        guard case .object(let root) = record else { return false }
        for part in ruleSet.parts {
            guard let fe = part.forEach else { continue }
            // Collections iterated directly; anything else is assumed to have records.
            guard case .field(.root, let slot, _) = fe.list else { return true }
            if case .list(let items) = root.slots[slot], !items.isEmpty { return true }
        }
        return false
    }

    /// The rule set's word for an outcome ("breach").
    func label(_ outcome: RecordOutcome) -> String {
        switch outcome {
        case .pass: return ruleSet.decisions.pass
        case .fail: return ruleSet.decisions.fail
        case .unknown: return ruleSet.decisions.unknown
        case .invalid: return ruleSet.decisions.invalid
        }
    }

    /// The collection and position of the record a path is in: `deployments[3].start` → ("deployments", 3).
    static func item(of path: String) -> (String, Int)? {
        guard let open = path.firstIndex(of: "["), let close = path[open...].firstIndex(of: "]"),
            let index = Int(path[path.index(after: open)..<close])
        else { return nil }
        let name = path[..<open]
        guard !name.isEmpty, !name.contains(".") else { return nil }
        return (String(name), index)
    }

    /// A record's `id` field, when its collection's records have one.
    func id(of item: Value, in collection: String) -> String? {
        guard case .list(.object(let type))? = ruleSet.schema.root.field(collection)?.type, let slot = type.slot(of: "id"),
            case .object(let o) = item, slot < o.slots.count, case .string(let s) = o.slots[slot]
        else { return nil }
        return s
    }
}
