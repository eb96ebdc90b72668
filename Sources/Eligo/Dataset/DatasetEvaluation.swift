import Dispatch
import Synchronization

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
    ///
    /// With `jobs` above one the records are decided on that many threads, and each report is
    /// turned into what the caller keeps of it (`prepare`: its output line, say) on the thread that
    /// made it; `each` is still called on the calling thread, in the same order for any number.
    public func reportsPerSubject<Piece>(
        record: Value, kind: String, source: DatasetSource, issues: [RecordIssue], asOf: Day,
        jobs: Int = 1, prepare: @escaping @Sendable (Report) -> Piece, each: (Piece) -> Void
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
        let info = ruleSet.reportInfo
        func report(_ record: Report.RecordInfo, _ results: [RuleResult], _ issues: [RecordIssue]) -> Report {
            subjectReport(record, results, issues, info: info, asOf: asOf)
        }

        var ev = Evaluator(ruleSet: ruleSet, root: record, asOf: asOf, tracing: explain)
        ev.indexes = IndexCache()

        // Parts without for_each are about the dataset as a whole; a dataset with
        // no record to report still gets this report, so the check says something.
        let infos = ruleSet.ruleInfos
        let wholeParts = ruleSet.parts.indices.filter { !ruleSet.parts[$0].isPerItem }
        if !wholeParts.isEmpty || !datasetIssues.isEmpty || !hasRecordReports(record, itemIssues: itemIssues) {
            var results = RuleResultList()
            if case .object = record {
                for p in wholeParts {
                    ruleSet.parts[p].rules.withUnsafeBufferPointer { rules in
                        for r in rules.indices { result(rules, r, infos[p][r], &ev, subject: nil, label: nil, binding: nil, into: &results) }
                    }
                }
            }
            var name: String?
            if let code = ruleSet.labelCode, case .string(let s)? = try? ev.eval(code) { name = s }
            each(
                prepare(
                    report(
                        Report.RecordInfo(id: nil, kind: kind, source: source.path, name: name, dataset: source.path),
                        results.results, datasetIssues)))
        }
        guard case .object(let root) = record else { return }

        // The collections, in the order their parts first appear, each with its records and the parts iterating it.
        var collections: [(name: String, items: [Value], parts: [Int])] = []
        for (p, part) in ruleSet.parts.enumerated() {
            guard let fe = part.forEach else { continue }
            let (items, path) = ev.listWithPath(fe.list)
            let name = path ?? part.id
            if let g = collections.firstIndex(where: { $0.name == name }) {
                collections[g].parts.append(p)
            } else {
                collections.append((name, items, [p]))
            }
        }
        let subjects = Subjects(
            collections: collections.map { ($0.name, $0.items) },
            problems: collections.map { itemIssues.removeValue(forKey: $0.name) ?? [:] }, source: source)
        let units = collections.indices.flatMap { g in collections[g].items.indices.lazy.map { SubjectUnit(group: g, item: $0) } }
        let jobs = min(max(1, jobs), max(1, units.count / SubjectWorker.minimumUnitsPerJob))
        let groupParts = collections.map(\.parts)
        var workers = [SubjectWorker(self, groupParts: groupParts, ev: ev)]
        for _ in 1..<jobs {
            // Each other thread has its own copy of the rules (see WorkerCopies.swift), its own
            // evaluator and its own indexes, so no count or table is shared between cores.
            var copy = self
            copy.ruleSet = ruleSet.workerCopy()
            var own = Evaluator(ruleSet: copy.ruleSet, root: record, asOf: asOf, tracing: explain)
            own.indexes = IndexCache()
            // Its collections' paths are known to it as to the first, so items are named alike.
            for part in copy.ruleSet.parts { if let fe = part.forEach { _ = own.listWithPath(fe.list) } }
            workers.append(SubjectWorker(copy, groupParts: groupParts, ev: own))
        }
        if jobs == 1 {
            for u in units { each(prepare(workers[0].report(u, of: subjects))) }
        } else {
            // A block at a time, in slices taken in turn by the threads; the reports are handed over
            // in the records' order, so the output never depends on who decided what. While one
            // block's reports are handed over, the next block is being decided.
            let blockSize = SubjectWorker.blockSize(jobs: jobs)
            let blocks = stride(from: 0, to: units.count, by: blockSize).map { $0..<min($0 + blockSize, units.count) }
            let decider = BlockDecider(workers: workers, units: units, subjects: subjects, prepare: prepare)
            decider.start(blocks[0])
            for k in blocks.indices {
                let pieces = decider.finish()
                if k + 1 < blocks.count { decider.start(blocks[k + 1]) }
                for slice in pieces { for piece in slice { each(piece) } }
            }
        }

        // Records with input problems in collections no rule looks at one by one.
        for (slot, field) in ruleSet.schema.root.fields.enumerated() {
            guard let problems = itemIssues[field.name], case .list(let items) = root.slots[slot] else { continue }
            for index in problems.keys.sorted() {
                let item = index < items.count ? items[index] : .null
                let recordSource = source.itemSource(field.name, index) ?? source.path
                each(
                    prepare(
                        report(
                            Report.RecordInfo(
                                id: id(of: item, in: field.name) ?? "\(field.name)[\(index)]", kind: field.name,
                                source: recordSource, name: nil, dataset: source.path),
                            [], problems[index]!)))
            }
        }
    }

    /// One record of a collection some part iterates: its collection's place in `Subjects`, and its position.
    private struct SubjectUnit {
        var group: Int
        var item: Int
    }

    /// What every thread reads of a dataset's records: the collections iterated, in order, with
    /// their records and each record's input problems, and where they came from.
    private struct Subjects: Sendable {
        var collections: [(name: String, items: [Value])]
        var problems: [[Int: [RecordIssue]]]
        var source: DatasetSource
    }

    /// One thread's rules and evaluator for a dataset's records. It forgets the paths each record
    /// met once its report is made, unless something kept for the records after it (an index,
    /// a derived value) was made meanwhile and may hold them.
    private struct SubjectWorker: @unchecked Sendable {
        let evaluation: RecordEvaluation
        /// Per collection, the parts iterating it, each with its rules' report details.
        let parts: [[(part: Part, infos: [RuleInfo])]]
        let info: Report.RuleSetInfo
        var ev: Evaluator
        var mark: RecordPaths.Mark
        var holders: Int

        init(_ evaluation: RecordEvaluation, groupParts: [[Int]], ev: Evaluator) {
            self.evaluation = evaluation
            let ruleSet = evaluation.ruleSet, infos = ruleSet.ruleInfos
            parts = groupParts.map { $0.map { (ruleSet.parts[$0], infos[$0]) } }
            info = ruleSet.reportInfo
            self.ev = ev
            mark = self.ev.paths.mark()
            holders = ev.pathHolders
        }

        /// One record's report, from the rules of every part iterating its collection.
        mutating func report(_ unit: SubjectUnit, of subjects: Subjects) -> Report {
            defer {
                if ev.pathHolders == holders { ev.paths.rollBack(to: mark) } else { holders = ev.pathHolders }
                mark = ev.paths.mark()
            }
            let (collection, items) = subjects.collections[unit.group]
            let item = items[unit.item]
            let path = "\(collection)[\(unit.item)]"
            var results = RuleResultList()
            var subject: String?, name: String?
            for (part, partInfos) in parts[unit.group] {
                let fe = part.forEach!
                ev.bindItem(fe, item, path: path)
                let s = fe.subject.flatMap { try? ev.untraced($0) }.flatMap { $0.isNull ? nil : ValueFormatter.text($0) }
                let l = fe.subjectLabel.map { evaluation.render($0, &ev) }
                subject = subject ?? s
                name = name ?? l
                // Rules are read in place: iterating them would copy (and count references to) each one.
                part.rules.withUnsafeBufferPointer { rules in
                    for r in rules.indices {
                        evaluation.result(rules, r, partInfos[r], &ev, subject: s ?? path, label: l, binding: (fe, item), into: &results)
                    }
                }
            }
            let source = subjects.source
            return evaluation.subjectReport(
                Report.RecordInfo(
                    id: subject ?? evaluation.id(of: item, in: collection) ?? path, kind: collection,
                    source: source.itemSource(collection, unit.item) ?? source.path, name: name, dataset: source.path),
                results.results, subjects.problems[unit.group][unit.item] ?? [], info: info, asOf: ev.asOf)
        }

        /// Fewer records than this per thread are decided on one.
        static let minimumUnitsPerJob = 256
        /// Several slices per thread, so one that finishes early takes another rather than waits.
        static let slicesPerJob = 8
        /// Records decided before their reports are handed over: enough to keep the threads busy,
        /// few enough that the reports held meanwhile stay small beside the dataset.
        static func blockSize(jobs: Int) -> Int { 512 * jobs }
    }

    /// Decides a block of records on every worker's thread, in the background, while the caller
    /// hands over the reports of the block before it. `start` and `finish` alternate.
    private final class BlockDecider<Piece>: @unchecked Sendable {
        private var workers: [SubjectWorker]
        private let units: [SubjectUnit]
        private let subjects: Subjects
        private let prepare: @Sendable (Report) -> Piece
        private var sliced: [[Piece]] = []
        private let done = DispatchGroup()

        init(workers: [SubjectWorker], units: [SubjectUnit], subjects: Subjects, prepare: @escaping @Sendable (Report) -> Piece) {
            self.workers = workers
            self.units = units
            self.subjects = subjects
            self.prepare = prepare
        }

        func start(_ block: Range<Int>) {
            DispatchQueue.global().async(group: done) { self.decide(block) }
        }

        /// The block's pieces, by slice, once every one is made.
        func finish() -> [[Piece]] {
            done.wait()
            defer { sliced = [] }
            return sliced
        }

        private func decide(_ block: Range<Int>) {
            let jobs = workers.count, sliceCount = jobs * SubjectWorker.slicesPerJob
            var out = [[Piece]](repeating: [], count: sliceCount)
            let next = Atomic<Int>(0)
            let (subjects, prepare) = (self.subjects, self.prepare)
            workers.withUnsafeMutableBufferPointer { workers in
                out.withUnsafeMutableBufferPointer { out in
                    units.withUnsafeBufferPointer { units in
                        // Each slot is written by one thread only: a worker by its own, a slice by the one that took it.
                        nonisolated(unsafe) let (workers, out, units) = (workers, out, units)
                        DispatchQueue.concurrentPerform(iterations: jobs) { w in
                            while true {
                                let j = next.wrappingAdd(1, ordering: .relaxed).oldValue
                                guard j < sliceCount else { break }
                                let lo = block.lowerBound + block.count * j / sliceCount
                                let hi = block.lowerBound + block.count * (j + 1) / sliceCount
                                var pieces: [Piece] = []
                                pieces.reserveCapacity(hi - lo)
                                for k in lo..<hi { pieces.append(prepare(workers[w].report(units[k], of: subjects))) }
                                out[j] = pieces
                            }
                        }
                    }
                }
            }
            sliced = out
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

    /// One report of a dataset: a record's results, decided with its input problems, in the rule
    /// set's words ("breach").
    func subjectReport(
        _ record: Report.RecordInfo, _ results: [RuleResult], _ issues: [RecordIssue], info: Report.RuleSetInfo, asOf: Day
    ) -> Report {
        let errors = issues.filter { $0.severity == .error }
        let outcome = RecordEvaluation.decide(results, invalid: !errors.isEmpty)
        return Report(
            record: record, ruleSet: info, asOf: asOf, outcome: outcome, decision: ruleSet.decisions.label(outcome), rules: results,
            errors: errors, warnings: issues.filter { $0.severity == .warning })
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
