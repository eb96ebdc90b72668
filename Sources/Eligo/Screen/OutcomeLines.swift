/// Batch screening's fastest form, `--format jsonl --detail outcomes`: each record's line is
/// written from its rules' outcomes alone, with no `Report` built, copied or freed.
///
/// It decides exactly as `RuleLibrary.check` does (the same as-of date and choice of rule set,
/// `RuleLibrary.ruleSetChoice`; the same `Evaluator.outcome` for every rule; the same
/// `RecordEvaluation.decide`) and
/// writes the bytes `ScreenRenderer.compactLine` would. Records it does not cover (input
/// errors, rule sets with per-item parts) go through the report path; `line` says which.
/// A class, so a worker using it for a record takes one reference rather than copying its fields.
final class OutcomeLines: Sendable {
    private let library: RuleLibrary
    private let kind: String
    private let options: CheckOptions
    /// By index in `library.ruleSets`: nil for rule sets this form does not cover.
    private let plans: [Plan?]
    /// `"file:`, JSON-escaped: each line adds its number and the closing quote.
    private let sourcePrefix: [UInt8]

    /// A class, so taking one for a record copies a reference, not its fields.
    private final class Plan: Sendable {
        let evaluation: RecordEvaluation
        /// Every rule's conditions, as `evaluation.outcomes` takes them.
        let conditions: [RecordEvaluation.Conditions]
        /// Every rule's shared details, in rule-set order.
        let infos: [RuleInfo]
        let labels: DecisionLabels
        /// `RuleInfo.decides` of every rule, read without touching (and counting references to) the details.
        let decides: [Bool]
        /// Every rule's compact entry for each outcome (`{"id":"B01","outcome":"pass"}`), end to
        /// end in one buffer, found by `entryStarts[rule * outcomes + outcome.index]`.
        let entryBytes: [UInt8]
        let entryStarts: [Int]
        /// The line's decision part for each record outcome (`ScreenRenderer.decisionPart`), by `RecordOutcome` order.
        let decisionParts: [[UInt8]]

        init(_ set: RuleSet) {
            evaluation = RecordEvaluation(ruleSet: set, explain: false)
            conditions = evaluation.conditions
            infos = set.ruleInfos.flatMap { $0 }
            labels = set.decisions
            decides = infos.map({ $0.decides })
            let bytes = LineBytes()
            var starts: [Int] = []
            for info in infos {
                for outcome in Outcome.allCases {
                    starts.append(bytes.count)
                    ScreenRenderer.compactEntry(id: info.id, outcome: outcome, subject: nil, into: bytes)
                }
            }
            starts.append(bytes.count)
            entryBytes = Array(bytes.bytes)
            entryStarts = starts
            decisionParts = RecordOutcome.allCases.map { outcome in
                let line = LineBytes()
                ScreenRenderer.decisionPart(set.decisions.label(outcome), outcome, into: line)
                return Array(line.bytes)
            }
        }

        /// The rules' entries for their outcomes, comma-separated.
        @inline(__always)
        func writeEntries(count: Int, outcomes: UnsafeMutablePointer<Outcome>, into written: LineBytes) {
            let outcomeCount = Outcome.allCases.count
            entryBytes.withUnsafeBufferPointer { bytes in
                entryStarts.withUnsafeBufferPointer { starts in
                    for i in 0..<count {
                        if i > 0 { written.byte(44) }
                        let k = i * outcomeCount + outcomes[i].index
                        written.bytes(UnsafeBufferPointer(rebasing: bytes[starts[k]..<starts[k + 1]]))
                    }
                }
            }
        }
    }

    init(library: RuleLibrary, kind: String, source: String, options: CheckOptions) {
        self.library = library
        self.kind = kind
        self.options = options
        plans = library.ruleSets.map { set in set.kind == kind && !set.hasPerItemParts ? Plan(set) : nil }
        var prefix: [UInt8] = []
        JSONWriter.appendString(source + ":", to: &prefix)
        prefix.removeLast()  // the closing quote comes after the line number
        sourcePrefix = prefix
    }

    /// What a worker keeps from one line to the next: where a line is assembled, and the room
    /// for the rules' bound variables (see `Evaluator.init`). One thread owns it.
    struct Room {
        let written: LineBytes
        var locals: [Value] = []
        init(lineCapacity: Int = 1024) { written = LineBytes(capacity: lineCapacity) }
    }

    /// Decides a record read without errors, appending its line (assembled in the worker's
    /// `room`) and counting it; false, with nothing written or counted, when the record needs
    /// the report path.
    func line(
        _ record: Value, id: String?, line: Int, into out: inout [UInt8], room: inout Room,
        summary: inout ScreenSummary
    ) -> Bool {
        guard let (asOf, choice) = library.ruleSetChoice(for: record, kind: kind, options: options),
            case .success(let index) = choice, let plan = plans[index], !plan.infos.isEmpty
        else { return false }
        let count = plan.infos.count
        return plan.infos.withUnsafeBufferPointer { infos in
            withUnsafeTemporaryAllocation(of: Outcome.self, capacity: count) { buffer in
                guard let outcomes = buffer.baseAddress,
                    plan.evaluation.outcomes(
                        record: record, asOf: asOf, conditions: plan.conditions,
                        locals: &room.locals, into: outcomes)
                else {
                    return false
                }
                let outcome = plan.decides.withUnsafeBufferPointer { decides in
                    RecordEvaluation.decide(count: count, invalid: false) { (decides[$0], outcomes[$0]) }
                }
                let decision = plan.labels.label(outcome)
                let written = room.written
                written.reset()
                sourcePrefix.withUnsafeBufferPointer { prefix in
                    plan.decisionParts[outcome.index].withUnsafeBufferPointer { decisionPart in
                        ScreenRenderer.compactLine(id: id, sourcePrefix: prefix, line: line, decision: decisionPart, into: written) { written in
                            plan.writeEntries(count: count, outcomes: outcomes, into: written)
                        }
                    }
                }
                out.append(contentsOf: written.bytes)
                summary.add(decision: decision, outcome: outcome, count: count, outcome: { outcomes[$0] }, info: { infos[$0] })
                return true
            }
        }
    }
}
