/// What a report says about a rule whatever the record: made once per rule set
/// and shared by every result, so a result copies one reference, not a dozen strings.
public final class RuleInfo: Sendable {
    public let id: String
    public let title: String
    public let severity: RuleSeverity
    public let citation: Citation?
    public let partID: String
    public let partTitle: String
    /// False for rules whose outcome reaches the decision only through another rule (part B via LLE-A5).
    public let counted: Bool
    /// The rule these outcomes reach the decision through (`LLE-A5`), when not counted directly.
    public let countedThrough: String?
    /// Per outcome, a full report's rule entry up to its subject's key (`{"id":…,"title":…,"severity":…,"outcome":"pass","subject":`):
    /// the same for every record, so encoded once.
    let fullEntryLeads: [[UInt8]]
    /// Per outcome, the rest of a full report's entry on from the lead, up to the values' key, for
    /// a rule with no subject, no needs and the default message of that outcome:
    /// `…,"subject":null,"message":"Met: role.","needs":[],"values":`. Most entries of a report
    /// are such, so each is one copy rather than a dozen writes. Nil where the default message
    /// depends on the record (unknown, error).
    let plainEntryLeads: [[UInt8]?]
    /// Per outcome, the message of a rule without its own where it does not depend on the record
    /// ("Met: the headteacher has two years of headship.", made once): the one each plain lead holds.
    let plainMessages: [String?]
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
        fullEntryLeads = Outcome.allCases.map { outcome in
            var w = JSONWriter(reservingCapacity: 256)
            w.beginObject()
            w.field("id", rule.id)
            w.field("title", rule.title)
            w.field("severity", rule.severity.rawValue)
            w.field("outcome", outcome.rawValue)
            w.key("subject")
            return w.bytes
        }
        plainMessages = Outcome.allCases.map { outcome in
            switch outcome {
            case .pass: "Met: \(rule.title.lowercasedFirst)."
            case .fail: "Not met: \(rule.title.lowercasedFirst)."
            case .notApplicable: "Does not apply."
            case .unknown, .error: nil
            }
        }
        plainEntryLeads = zip(fullEntryLeads, plainMessages).map { lead, message in
            message.map { message in
                var w = JSONWriter(reservingCapacity: 256)
                w.beginObject(encodedLead: lead, endingInKey: true)
                w.null()
                w.field("message", message)
                w.emptyArray("needs")
                w.key("values")
                return w.bytes
            }
        }
        decides = counted && severity == .required
    }
}
