/// Batch screening's full reports, `--format jsonl` without `--detail outcomes`: each record's
/// line is written while its rules are decided, with no `Report` built, copied or freed. A full
/// report explains every rule, and building those results only to write and free them was about
/// a sixth of the time (docs/performance.md, "Full reports written as they are decided").
///
/// The rules are decided by the one evaluation every report uses (`RecordEvaluation.evaluate`,
/// with this as its `RuleResultSink`), the record's rule set is chosen as `RuleLibrary.check`
/// chooses it, and the line is written by the JSON report renderer's own parts (`head`,
/// `entry`, `tail`), so it is the line `JSONReportRenderer.line` writes of the report. Records
/// with input issues, of another kind, or without a rule set in force go through the report
/// path; `line` says which.
/// A class, so a worker using it for a record takes one reference rather than copying its fields.
final class ReportLines: Sendable {
    private let library: RuleLibrary
    private let kind: String
    private let options: CheckOptions
    /// By index in `library.ruleSets`: nil for rule sets of other kinds.
    private let plans: [Plan?]

    private final class Plan: Sendable {
        let evaluation: RecordEvaluation
        let info: Report.RuleSetInfo
        let labels: DecisionLabels

        init(_ set: RuleSet, options: CheckOptions) {
            evaluation = RecordEvaluation(ruleSet: set, options: options)
            info = set.reportInfo
            labels = set.decisions
        }
    }

    init(library: RuleLibrary, kind: String, options: CheckOptions) {
        self.library = library
        self.kind = kind
        self.options = options
        plans = library.ruleSets.map { $0.kind == kind ? Plan($0, options: options) : nil }
    }

    /// What a worker keeps from one line to the next: where the line's head and its rule
    /// entries are written, and the rules that decide the record at hand. One thread owns it.
    struct Room {
        let head = LineBytes(capacity: 512)
        let entries = LineBytes(capacity: 4096)
        var deciding: [(info: RuleInfo, outcome: Outcome)] = []
    }

    /// The rule entries of one record, written as the rules are decided, and the rules that
    /// decide it without passing (fail, unknown or error): all that `RecordEvaluation.decide`
    /// and the summary look at, so passing rules are not kept.
    private struct Entries: RuleResultSink {
        let bytes: LineBytes
        var deciding: [(info: RuleInfo, outcome: Outcome)]
        var count = 0

        mutating func add(
            _ info: RuleInfo, _ outcome: Outcome, subject: String?, label: String?, message: String, needs: [String],
            needsLabels: [String?], reads: UnsafeBufferPointer<(path: RecordPaths.ID, value: Value)>, passesFrom: Day?,
            paths: inout RecordPaths
        ) {
            if count > 0 { bytes.byte(44) }
            count += 1
            if outcome != .pass && outcome != .notApplicable && info.decides { deciding.append((info, outcome)) }
            var w = JSONWriter(appendingTo: bytes)
            JSONReportRenderer.entry(
                info, outcome, subject: subject, message: message, needs: needs, hasValues: !reads.isEmpty, passesFrom: passesFrom,
                into: &w
            ) { w in
                for i in reads.indices { w.pathAndValue(paths.text(reads[i].path), reads[i].value) }
            }
        }
    }

    /// What follows the rule entries of a record with no issues (`],"errors":[],"warnings":[]}`
    /// and the line break), written once by the renderer itself: its `tail` after the end of an
    /// array of rules.
    private static let tail: [UInt8] = {
        let bytes = LineBytes()
        var w = JSONWriter(appendingTo: bytes)
        w.beginObject()
        w.key("rules")
        w.beginArray()
        let rulesAt = bytes.count
        w.endArray()
        JSONReportRenderer.tail(errors: [], warnings: [], into: &w)
        bytes.byte(10)
        return Array(bytes.bytes[rulesAt...])
    }()

    /// Decides a record read without issues, appending its line and counting it; false, with
    /// nothing written or counted, when the record needs the report path.
    func line(
        _ record: Value, id: String?, source: String, into out: inout [UInt8], room: inout Room, evaluation: inout EvaluationRoom,
        summary: inout ScreenSummary
    ) -> Bool {
        guard case .object = record, let (asOf, choice) = library.ruleSetChoice(for: record, kind: kind, options: options),
            case .success(let index) = choice, let plan = plans[index]
        else { return false }
        room.entries.reset()
        var entries = Entries(bytes: room.entries, deciding: [])
        swap(&entries.deciding, &room.deciding)
        entries.deciding.removeAll(keepingCapacity: true)
        plan.evaluation.evaluate(record: record, asOf: asOf, room: &evaluation, into: &entries)
        swap(&entries.deciding, &room.deciding)
        return room.deciding.withUnsafeBufferPointer { deciding in
            let outcome = RecordEvaluation.decide(count: deciding.count, invalid: false) { (true, deciding[$0].outcome) }
            let decision = plan.labels.label(outcome)
            // The head is written once the decision is known; the entries are copied once, into the output.
            room.head.reset()
            var w = JSONWriter(appendingTo: room.head)
            JSONReportRenderer.head(
                Report.RecordInfo(id: id, kind: kind, source: source), plan.info, asOf: asOf, decision: decision, outcome: outcome,
                into: &w)
            w.key("rules")
            room.head.byte(91)
            out.append(contentsOf: room.head.bytes)
            out.append(contentsOf: room.entries.bytes)
            out.append(contentsOf: ReportLines.tail)
            summary.add(
                decision: decision, outcome: outcome, count: deciding.count, outcome: { deciding[$0].outcome },
                info: { deciding[$0].info })
            return true
        }
    }
}
