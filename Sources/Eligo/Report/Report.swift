/// Everything eligo decided about one record, and why: the value every
/// renderer (text, JSON, CSV, HTML) draws from.
public struct Report: Sendable {
    public struct RecordInfo: Sendable {
        public var id: String?
        /// The record kind, or for dataset records the collection (`deployments`).
        public var kind: String
        public var source: String?
        /// A short human name for headings ("Jane Example").
        public var name: String?
        /// For a record of a dataset: the dataset's file or folder (its reports are grouped under it).
        public var dataset: String?
    }

    public struct RuleSetInfo: Sendable {
        public var id: String
        public var title: String
        public var version: String
        public var digest: String
        /// Parameters given other values for this run (`--set`): these are not the published rules.
        public var overrides: [AppliedOverride] = []
    }

    public var record: RecordInfo
    public var ruleSet: RuleSetInfo?
    public var asOf: Day?
    public var outcome: RecordOutcome
    public var decision: String
    public var rules: [RuleResult]
    /// Schema and input errors: their presence makes the record invalid.
    public var errors: [RecordIssue]
    /// Unknown fields and similar: shown, never decisive.
    public var warnings: [RecordIssue]
}

/// One rule's outcome for a record, or for one item of it (`subject`).
public struct RuleResult: Sendable {
    public let info: RuleInfo
    public var outcome: Outcome
    public var subject: String?
    /// How a person names the subject: "Example Primary School (120001)".
    public var subjectLabel: String?
    /// The explanation, kept out of line: screening for outcomes only makes none, and a
    /// result is then a few words to build, copy and free (there is one per rule per record).
    /// Unchecked for sending (a `ManagedBuffer` never is): nothing in it changes after `make`.
    nonisolated(unsafe) private let explanation: Explanation?

    /// The explanation's words, with its deciding values after them in the same allocation: a
    /// full report explains every rule, and a separate array of values was a second allocation
    /// (and a second object to count and free) for each.
    private final class Explanation: ManagedBuffer<Explanation.Words, DecidingValue> {
        struct Words {
            let message: String
            let needs: [String]
            let needsLabels: [String?]
            let passesFrom: Day?
            let valueCount: Int
        }

        static func make(_ words: Words, value: (Int) -> DecidingValue) -> Explanation {
            let made = unsafeDowncast(Explanation.create(minimumCapacity: words.valueCount) { _ in words }, to: Explanation.self)
            made.withUnsafeMutablePointerToElements { values in
                for i in 0..<words.valueCount { (values + i).initialize(to: value(i)) }
            }
            return made
        }

        deinit {
            _ = withUnsafeMutablePointers { words, values in values.deinitialize(count: words.pointee.valueCount) }
        }
    }

    /// A result whose deciding values are made in place, `value(i)` for each of `valueCount`.
    init(
        info: RuleInfo, outcome: Outcome, subject: String?, subjectLabel: String?, message: String, needs: [String],
        needsLabels: [String?], valueCount: Int, value: (Int) -> DecidingValue, passesFrom: Day?
    ) {
        self.info = info
        self.outcome = outcome
        self.subject = subject
        self.subjectLabel = subjectLabel
        let hasExplanation = !message.isEmpty || !needs.isEmpty || valueCount > 0 || passesFrom != nil
        explanation =
            hasExplanation
            ? Explanation.make(
                .init(message: message, needs: needs, needsLabels: needsLabels, passesFrom: passesFrom, valueCount: valueCount), value: value)
            : nil
    }

    // Each reads its one field of the header in place (a copy of the whole header retained and
    // released all three of its lists).
    public var message: String { explanation?.header.message ?? "" }
    public var needs: [String] { explanation?.header.needs ?? [] }
    /// The schema's label for each needed path, for people ("Your governing body supports the application").
    public var needsLabels: [String?] { explanation?.header.needsLabels ?? [] }
    /// Made into an array when asked for (the JSON writer reads them in place, `withExplanation`).
    public var values: [DecidingValue] { withExplanation { _, _, values, _ in Array(values) } }
    public var passesFrom: Day? { explanation?.header.passesFrom }

    /// The message, needs and deciding values, read where they are: the JSON writer's way,
    /// which asking for each in turn slowed with a retain and a release of every one.
    func withExplanation<R>(
        _ body: (_ message: String, _ needs: [String], _ values: UnsafeBufferPointer<DecidingValue>, _ passesFrom: Day?) -> R
    ) -> R {
        guard let explanation else { return body("", [], UnsafeBufferPointer(start: nil, count: 0), nil) }
        return explanation.withUnsafeMutablePointers { words, values in
            body(
                words.pointee.message, words.pointee.needs, UnsafeBufferPointer(start: values, count: words.pointee.valueCount),
                words.pointee.passesFrom)
        }
    }

    /// "You will meet this from 1 September 2015.", worded once for every renderer; `date` marks
    /// up or escapes the date for the output at hand.
    public func passesFromSentence(date: (String) -> String = { $0 }) -> String? {
        passesFrom.map { "You will meet this from \(date($0.longDescription))." }
    }

    public var id: String { info.id }
    public var title: String { info.title }
    public var severity: RuleSeverity { info.severity }
    public var citation: Citation? { info.citation }
    public var partID: String { info.partID }
    public var partTitle: String { info.partTitle }
    public var counted: Bool { info.counted }
    /// Whether this result decides the record's outcome: counted and required.
    public var decides: Bool { info.decides }
}

/// A record value that a rule read, with the path it came from.
public struct DecidingValue: Sendable {
    public var path: String
    public var value: Value
}

extension Report {
    /// The ids of the rules that decide the record and failed, in report order (reviewer outputs).
    public var failedRuleIDs: [String] { rules.filter { $0.decides && $0.outcome == .fail }.map({ $0.id }) }
    /// The ids of the rules that decide the record and still need information.
    public var unknownRuleIDs: [String] { rules.filter { $0.decides && $0.outcome == .unknown }.map({ $0.id }) }
}
