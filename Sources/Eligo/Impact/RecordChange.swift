/// A record whose decision differs between the baseline and the proposal: both decisions,
/// and every rule whose outcome changed with its sentence before and after.
public struct RecordChange: Sendable {
    public struct Side: Sendable {
        public var decision: String
        public var asOf: Day?
        /// "lle-eligibility 2014.1", or nil for a record that could not be read.
        public var ruleSet: String?
        /// The failed or unknown criteria that decided it: "not met: LLE-A2; needs information: LLE-A6".
        public var reason: String
    }

    public struct RuleChange: Sendable {
        public var ruleID: String
        public var title: String
        /// For a rule checked per item (part B per school): which one.
        public var subject: String?
        /// Nil when the rule is not in that side's rule set.
        public var before: Outcome?
        public var after: Outcome?
        public var beforeMessage: String
        public var afterMessage: String
    }

    public var id: String?
    public var name: String?
    public var source: String?
    public var before: Side
    public var after: Side
    public var rules: [RuleChange]

    /// The change between two explained reports of the same record.
    init(before b: Report, after a: Report) {
        id = a.record.id ?? b.record.id
        name = a.record.name ?? b.record.name
        source = a.record.source ?? b.record.source
        before = Side(b)
        after = Side(a)
        let keyed = RecordChange.pairs(b, a)
        rules = keyed.map { pair in
            RuleChange(
                ruleID: pair.id, title: pair.after?.title ?? pair.before?.title ?? pair.id,
                subject: pair.after?.subjectLabel ?? pair.after?.subject ?? pair.before?.subjectLabel ?? pair.before?.subject,
                before: pair.before?.outcome, after: pair.after?.outcome,
                beforeMessage: pair.before?.message ?? "", afterMessage: pair.after?.message ?? "")
        }
    }

    /// The rule results whose outcome differs, matched by rule id and subject, in the proposal's
    /// order, then rules only the baseline has.
    static func pairs(_ b: Report, _ a: Report) -> [(id: String, before: RuleResult?, after: RuleResult?)] {
        var out: [(id: String, before: RuleResult?, after: RuleResult?)] = []
        // The common case: the same rules in the same order (one rule set, `--set` only).
        if b.rules.count == a.rules.count,
            zip(b.rules, a.rules).allSatisfy({ $0.info === $1.info || ($0.id == $1.id && $0.subject == $1.subject) })
        {
            for (x, y) in zip(b.rules, a.rules) where x.outcome != y.outcome { out.append((y.id, x, y)) }
            return out
        }
        var unmatched = Array(b.rules.indices)
        for y in a.rules {
            if let k = unmatched.firstIndex(where: { b.rules[$0].id == y.id && b.rules[$0].subject == y.subject }) {
                let x = b.rules[unmatched.remove(at: k)]
                if x.outcome != y.outcome { out.append((y.id, x, y)) }
            } else if y.outcome != .notApplicable {
                out.append((y.id, nil, y))
            }
        }
        for k in unmatched where b.rules[k].outcome != .notApplicable { out.append((b.rules[k].id, b.rules[k], nil)) }
        return out
    }
}

extension RecordChange.Side {
    init(_ r: Report) {
        decision = r.decision
        asOf = r.asOf
        ruleSet = r.ruleSet.map { "\($0.id) \($0.version)" }
        let failed = r.failedRuleIDs, unknown = r.unknownRuleIDs
        var parts: [String] = []
        if let e = r.errors.first { parts.append(e.located) }
        if !failed.isEmpty { parts.append("not met: " + failed.joined(separator: ", ")) }
        if !unknown.isEmpty { parts.append("needs information: " + unknown.joined(separator: ", ")) }
        reason = parts.joined(separator: "; ")
    }
}
