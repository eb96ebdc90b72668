/// Which outcomes of which rules the tests produced: for every rule of every
/// rule set (every version), whether some test made it pass, fail and — when
/// the rule can be unknown at all — unknown.
///
/// The coverage percentage counts pass and fail only: every rule should be
/// seen both to pass and to fail. Unknown is listed for the rules that read an
/// optional field (or say `unknown` themselves), since only those can be unknown.
public struct RuleCoverage: Sendable {
    public struct Entry: Sendable {
        public var ruleSetID: String
        public var version: String
        public var ruleID: String
        public var title: String
        public var pass = false
        public var fail = false
        public var unknown = false
        /// Whether the rule can come out unknown at all (it reads an optional field).
        public var canBeUnknown: Bool

        /// The outcomes no test produced ("pass", "fail", "unknown").
        public var missing: [String] {
            var out: [String] = []
            if !pass { out.append("pass") }
            if !fail { out.append("fail") }
            if canBeUnknown && !unknown { out.append("unknown") }
            return out
        }
    }

    public private(set) var entries: [Entry] = []

    public init(ruleSets: [RuleSet]) {
        for set in ruleSets.sorted(by: {
            ($0.id, $0.effectiveFrom?.ordinal ?? .min, $0.version) < ($1.id, $1.effectiveFrom?.ordinal ?? .min, $1.version)
        }) {
            let analysis = UnknownAnalysis(ruleSet: set)
            for (part, rule) in set.allRules {
                entries.append(
                    Entry(
                        ruleSetID: set.id, version: set.version, ruleID: rule.id, title: rule.title,
                        canBeUnknown: analysis.canBeUnknown(rule, in: part)))
            }
        }
    }

    mutating func record(_ report: Report) {
        guard let set = report.ruleSet else { return }
        for r in report.rules {
            guard let i = entries.firstIndex(where: { $0.ruleSetID == set.id && $0.version == set.version && $0.ruleID == r.id }) else { continue }
            switch r.outcome {
            case .pass: entries[i].pass = true
            case .fail: entries[i].fail = true
            case .unknown: entries[i].unknown = true
            case .notApplicable, .error: break
            }
        }
    }

    /// Pass and fail outcomes covered, out of two per rule.
    public var covered: Int { entries.reduce(0) { $0 + ($1.pass ? 1 : 0) + ($1.fail ? 1 : 0) } }
    public var total: Int { entries.count * 2 }
    /// Percentage of pass and fail outcomes covered (100 when there are no rules).
    public var percent: Double { total == 0 ? 100 : Double(covered) * 100 / Double(total) }

    public var unknownCovered: Int { entries.filter { $0.canBeUnknown && $0.unknown }.count }
    public var unknownTotal: Int { entries.filter({ $0.canBeUnknown }).count }

    /// Rule sets in order, for summaries: (id, version).
    public var ruleSets: [(id: String, version: String)] {
        var out: [(String, String)] = []
        for e in entries where !out.contains(where: { $0 == (e.ruleSetID, e.version) }) { out.append((e.ruleSetID, e.version)) }
        return out
    }

    /// The rules some outcome of which no test produced.
    public var gaps: [Entry] { entries.filter { !$0.missing.isEmpty } }
}

/// Whether a rule can come out unknown: it reads an optional field (outside
/// `present()`, `absent()` and the left of `??`), looks a value up in a table,
/// or says `unknown`. Reads that its `when` has already checked with
/// `present(...)` do not count.
struct UnknownAnalysis {
    let ruleSet: RuleSet
    /// Whether the fields declared at "slot:name" are optional, across every object of the schema.
    private let optionality: [String: Set<Bool>]

    init(ruleSet: RuleSet) {
        self.ruleSet = ruleSet
        var optionality: [String: Set<Bool>] = [:]
        var seen: Set<String> = []
        func visit(_ o: ObjectType) {
            guard seen.insert(o.name).inserted else { return }
            for (slot, f) in o.fields.enumerated() {
                optionality["\(slot):\(f.name)", default: []].insert(f.optional)
                var t = f.type
                while case .list(let e) = t { t = e }
                if case .object(let inner) = t { visit(inner) }
            }
        }
        visit(ruleSet.schema.root)
        self.optionality = optionality
    }

    /// Whether a field read is of an optional field. When objects disagree about
    /// the field at that slot, the object is found from the root if the path
    /// allows; otherwise the read is not counted (a missed "unknown" is better
    /// than asking for a test that cannot be written).
    private func isOptional(_ code: Code) -> Bool {
        guard case .field(let base, let slot, let name) = code, let flags = optionality["\(slot):\(name)"] else { return false }
        if flags.count == 1 { return flags.first! }
        guard let object = objectType(base), slot < object.fields.count else { return false }
        return object.fields[slot].optional
    }

    /// The object type of a path from the record's root (`applicant`, `schools[0].ofsted`), when it is one.
    private func objectType(_ code: Code) -> ObjectType? {
        func unwrap(_ t: ValueType) -> ObjectType? {
            var t = t
            while case .list(let e) = t { t = e }
            return t.objectType
        }
        switch code {
        case .root: return ruleSet.schema.root
        case .field(let base, let slot, _):
            guard let o = objectType(base), slot < o.fields.count else { return nil }
            return unwrap(o.fields[slot].type)
        case .index(let base, _): return objectType(base)
        case .derived(let i): return i < ruleSet.derived.count ? objectType(ruleSet.derived[i].code) : nil
        default: return nil
        }
    }

    func canBeUnknown(_ rule: Rule, in part: Part) -> Bool {
        var guarded: Set<String> = []
        if let when = rule.when { collectPresent(when, into: &guarded) }
        var visitedDerived: Set<Int> = []
        let lets = part.forEach?.lets ?? []
        for code in [rule.when, rule.require].compactMap({ $0 }) {
            if mayBeNull(code, guarded: guarded, lets: lets, visited: &visitedDerived) { return true }
        }
        return false
    }

    /// `present(x)` joined by `and` in a `when`: x is known in the `require`.
    private func collectPresent(_ code: Code, into out: inout Set<String>) {
        switch code {
        case .and(let a, let b): collectPresent(a, into: &out); collectPresent(b, into: &out)
        case .call(.present, let args): if let a = args.first { out.insert("\(a)") }
        default: break
        }
    }

    private func mayBeNull(_ code: Code, guarded: Set<String>, lets: [(slot: Int, code: Code)], visited: inout Set<Int>) -> Bool {
        if guarded.contains("\(code)") { return false }
        switch code {
        case .field(let base, _, _):
            if isOptional(code) { return true }
            return mayBeNull(base, guarded: guarded, lets: lets, visited: &visited)
        case .call(.present, _), .call(.absent, _):
            return false
        case .coalesce(_, let b):
            return mayBeNull(b, guarded: guarded, lets: lets, visited: &visited)
        case .unknown, .lookup:
            return true
        case .local(let slot):
            // Lambda variables may share a slot number with a `let`; follow each let once.
            guard let l = lets.first(where: { $0.slot == slot }), visited.insert(-1 - slot).inserted else { return false }
            return mayBeNull(l.code, guarded: guarded, lets: lets, visited: &visited)
        case .derived(let i):
            guard visited.insert(i).inserted, i < ruleSet.derived.count else { return false }
            return mayBeNull(ruleSet.derived[i].code, guarded: guarded, lets: lets, visited: &visited)
        case .partPasses(let index, let item):
            if mayBeNull(item, guarded: guarded, lets: lets, visited: &visited) { return true }
            guard index < ruleSet.parts.count else { return false }
            let part = ruleSet.parts[index]
            let partLets = part.forEach?.lets ?? []
            for r in part.rules where r.severity == .required {
                var inner: Set<String> = []
                if let w = r.when { collectPresent(w, into: &inner) }
                for c in [r.when, r.require].compactMap({ $0 }) where mayBeNull(c, guarded: inner, lets: partLets, visited: &visited) {
                    return true
                }
            }
            return false
        default:
            return code.children.contains { mayBeNull($0, guarded: guarded, lets: lets, visited: &visited) }
        }
    }
}
