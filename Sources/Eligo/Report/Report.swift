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

/// A record's overall outcome, before the rule set names it ("eligible").
public enum RecordOutcome: String, Sendable, CaseIterable {
    case pass, fail, unknown, invalid

    /// Its position in `allCases`, for tables kept by outcome.
    var index: Int {
        switch self {
        case .pass: return 0
        case .fail: return 1
        case .unknown: return 2
        case .invalid: return 3
        }
    }
}

/// What a report says about a rule whatever the record: made once per rule set
/// and shared by every result, so a result copies one reference, not a dozen strings.
public final class RuleInfo: Sendable {
    public let id: String
    public let title: String
    public let severity: Severity
    public let citation: Citation?
    public let partID: String
    public let partTitle: String
    /// False for rules whose outcome reaches the decision only through another rule (part B via LLE-A5).
    public let counted: Bool
    /// The rule these outcomes reach the decision through (`LLE-A5`), when not counted directly.
    public let countedThrough: String?
    /// `{"id":"B01","outcome":"` as bytes, made once: the compact screening line repeats it for every record.
    let jsonLead: [UInt8]
    /// The whole compact entry for each outcome (by `Outcome.index`): `{"id":"B01","outcome":"pass"}`.
    let compactEntries: [[UInt8]]
    /// Per outcome, a full report's rule entry up to its outcome (`{"id":…,"title":…,"severity":…,"outcome":"pass"`):
    /// the same for every record, so encoded once.
    let fullEntryLeads: [[UInt8]]
    /// The messages of a rule without its own: "Met: the headteacher has two years of headship." (made once).
    let metMessage: String
    let notMetMessage: String
    /// Whether the rule's outcome decides the record's: counted and required.
    let decides: Bool

    init(rule: Rule, part: Part) {
        id = rule.id
        title = rule.title
        severity = rule.severity
        citation = rule.citation
        partID = part.id
        partTitle = part.title
        counted = part.countedThrough == nil
        countedThrough = part.countedThrough
        var lead = Array("{\"id\":".utf8)
        JSONWriter.appendString(rule.id, to: &lead)
        lead += Array(",\"outcome\":\"".utf8)
        jsonLead = lead
        compactEntries = Outcome.allCases.map { lead + Array(($0.rawValue + "\"}").utf8) }
        fullEntryLeads = Outcome.allCases.map { outcome in
            var w = JSONWriter(reservingCapacity: 256)
            w.beginObject()
            w.field("id", rule.id)
            w.field("title", rule.title)
            w.field("severity", rule.severity.rawValue)
            w.field("outcome", outcome.rawValue)
            return w.bytes
        }
        metMessage = "Met: \(rule.title.lowercasedFirst)."
        notMetMessage = "Not met: \(rule.title.lowercasedFirst)."
        decides = counted && severity == .required
    }
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
    private let explanation: Explanation?

    private final class Explanation: Sendable {
        let message: String
        let needs: [String]
        let needsLabels: [String?]
        let values: [DecidingValue]
        let passesFrom: Day?

        init(message: String, needs: [String], needsLabels: [String?], values: [DecidingValue], passesFrom: Day?) {
            self.message = message
            self.needs = needs
            self.needsLabels = needsLabels
            self.values = values
            self.passesFrom = passesFrom
        }
    }

    init(info: RuleInfo, outcome: Outcome, subject: String?, subjectLabel: String?, message: String, needs: [String],
         needsLabels: [String?], values: [DecidingValue], passesFrom: Day?) {
        self.info = info
        self.outcome = outcome
        self.subject = subject
        self.subjectLabel = subjectLabel
        let hasExplanation = !message.isEmpty || !needs.isEmpty || !values.isEmpty || passesFrom != nil
        explanation = hasExplanation
            ? Explanation(message: message, needs: needs, needsLabels: needsLabels, values: values, passesFrom: passesFrom) : nil
    }

    public var message: String { explanation?.message ?? "" }
    public var needs: [String] { explanation?.needs ?? [] }
    /// The schema's label for each needed path, for people ("Your governing body supports the application").
    public var needsLabels: [String?] { explanation?.needsLabels ?? [] }
    public var values: [DecidingValue] { explanation?.values ?? [] }
    public var passesFrom: Day? { explanation?.passesFrom }

    /// "You will meet this from 1 September 2015.", worded once for every renderer; `date` marks
    /// up or escapes the date for the output at hand.
    public func passesFromSentence(date: (String) -> String = { $0 }) -> String? {
        passesFrom.map { "You will meet this from \(date($0.longDescription))." }
    }

    public var id: String { info.id }
    public var title: String { info.title }
    public var severity: Severity { info.severity }
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
