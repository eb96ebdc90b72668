/// What an impact run counts over every record: decisions before and after, and for each
/// rule how many records it newly passes, newly fails, leaves unknown or stops applying to.
///
/// Workers keep their own tallies and they are added up at the end, so the counts do not
/// depend on how the records were shared out (`--jobs`).
public struct ImpactTally: Sendable {
    /// A decision before and after (`eligible` → `not_eligible`), with how many records made it.
    public struct Transition: Sendable, Equatable {
        public var before: String
        public var after: String
        public var count: Int
    }

    /// How one rule's outcomes moved, in records (a record counts once per column, whatever
    /// its number of subjects).
    public struct RuleDelta: Sendable, Equatable {
        public var ruleID: String
        public var title: String
        /// Now pass where they did not.
        public var newlyPass = 0
        /// Now fail where they did not.
        public var newlyFail = 0
        /// Now unknown (need information) where they were decided.
        public var becomeUnknown = 0
        /// Applied before; now not applicable, or the rule is gone.
        public var stopApplying = 0
    }

    public private(set) var records = 0
    /// Records whose decision changed.
    public private(set) var changed = 0
    /// Records read under both rule sets but whose rules changed without changing the decision.
    public private(set) var rulesChangedOnly = 0
    public private(set) var transitions: [Transition] = []
    private var deltas: [RuleDelta] = []
    /// The rule sets that decided records on each side ("lle-eligibility 2014.1 (sha256:…)"), in order first used.
    public private(set) var baselineRuleSets: [String] = []
    public private(set) var proposalRuleSets: [String] = []

    public init() {}

    /// Per-rule deltas in a fixed order: rule id order as `RuleLibrary` lists rules, else by id.
    public var ruleDeltas: [RuleDelta] {
        deltas.sorted { ImpactTally.ruleOrder($0.ruleID, $1.ruleID) }
    }

    /// Transitions, changes first (most first), then unchanged decisions (most first); ties by name.
    public var sortedTransitions: [Transition] {
        transitions.sorted {
            let (a, b) = ($0.before != $0.after, $1.before != $1.after)
            if a != b { return a }
            if $0.count != $1.count { return $0.count > $1.count }
            return ($0.before, $0.after) < ($1.before, $1.after)
        }
    }

    /// Counts one record: its decisions and the rules whose outcomes differ (`changes`,
    /// each a rule id with its outcome before and after, nil where the rule is absent).
    mutating func add(before: Report, after: Report, changes: [(id: String, title: String, before: Outcome?, after: Outcome?)]) {
        records += 1
        if let i = transitions.firstIndex(where: { $0.before == before.decision && $0.after == after.decision }) {
            transitions[i].count += 1
        } else {
            transitions.append(Transition(before: before.decision, after: after.decision, count: 1))
        }
        if before.decision != after.decision { changed += 1 } else if !changes.isEmpty { rulesChangedOnly += 1 }
        note(before.ruleSet, in: &baselineRuleSets)
        note(after.ruleSet, in: &proposalRuleSets)
        guard !changes.isEmpty else { return }
        // A record counts once per rule and column, however many of its subjects moved.
        var counted: [(String, Int)] = []
        for c in changes {
            let column: Int
            switch c.after {
            case .pass?: column = 0
            case .fail?: column = 1
            case .unknown?: column = 2
            case .notApplicable?, nil:
                guard let b = c.before, b != .notApplicable else { continue }
                column = 3
            case .error?: continue
            }
            if counted.contains(where: { $0.0 == c.id && $0.1 == column }) { continue }
            counted.append((c.id, column))
            let k =
                deltas.firstIndex { $0.ruleID == c.id }
                ?? {
                    deltas.append(RuleDelta(ruleID: c.id, title: c.title)); return deltas.count - 1
                }()
            switch column {
            case 0: deltas[k].newlyPass += 1
            case 1: deltas[k].newlyFail += 1
            case 2: deltas[k].becomeUnknown += 1
            default: deltas[k].stopApplying += 1
            }
        }
    }

    private func note(_ info: Report.RuleSetInfo?, in list: inout [String]) {
        guard let info else { return }
        // Compared by digest first: the common case is the same rule set as the last record's.
        if let last = list.last, last.hasSuffix(info.digest + ")") { return }
        let text = "\(info.id) \(info.version) (\(info.digest))"
        if !list.contains(text) { list.append(text) }
    }

    /// Adds another worker's tally.
    public mutating func merge(_ other: ImpactTally) {
        records += other.records
        changed += other.changed
        rulesChangedOnly += other.rulesChangedOnly
        for t in other.transitions {
            if let i = transitions.firstIndex(where: { $0.before == t.before && $0.after == t.after }) {
                transitions[i].count += t.count
            } else {
                transitions.append(t)
            }
        }
        for d in other.deltas {
            if let k = deltas.firstIndex(where: { $0.ruleID == d.ruleID }) {
                deltas[k].newlyPass += d.newlyPass
                deltas[k].newlyFail += d.newlyFail
                deltas[k].becomeUnknown += d.becomeUnknown
                deltas[k].stopApplying += d.stopApplying
            } else {
                deltas.append(d)
            }
        }
        for s in other.baselineRuleSets where !baselineRuleSets.contains(s) { baselineRuleSets.append(s) }
        for s in other.proposalRuleSets where !proposalRuleSets.contains(s) { proposalRuleSets.append(s) }
        baselineRuleSets.sort()
        proposalRuleSets.sort()
    }

    /// `LLE-A2` before `LLE-A10` before `LLE-B1`: ids compared with their numbers as numbers.
    static func ruleOrder(_ a: String, _ b: String) -> Bool {
        func parts(_ s: String) -> [(String, Int)] {
            var out: [(String, Int)] = []
            var text = "", digits = ""
            for c in s {
                if c.isNumber {
                    digits.append(c)
                } else {
                    if !digits.isEmpty { out.append((text, Int(digits) ?? 0)); text = ""; digits = "" }
                    text.append(c)
                }
            }
            out.append((text, Int(digits) ?? -1))
            return out
        }
        let (x, y) = (parts(a), parts(b))
        for (p, q) in zip(x, y) where p != q { return p.0 != q.0 ? p.0 < q.0 : p.1 < q.1 }
        return x.count < y.count
    }
}
