/// Dated versions of a rule set: several may sit side by side in `rules/`,
/// each in force for its `effective` period, and a record is checked by the
/// one in force on its assessment date. Two versions for the same record kind
/// whose periods overlap would make that choice ambiguous, so the linter
/// refuses them.
extension RuleSet {
    /// Whether the rule set is in force on a day (both ends of `effective` included).
    public func isInForce(on day: Day) -> Bool {
        (effectiveFrom.map { $0 <= day } ?? true) && (effectiveTo.map { day <= $0 } ?? true)
    }

    /// "lle-eligibility 2014.1 (in force 2014-09-01 to 2016-11-30)".
    public var versionDescription: String { "\(id) \(version) (\(periodDescription))" }

    /// "in force 2014-09-01 to 2016-11-30", "in force from 2016-12-01", "always in force".
    public var periodDescription: String {
        switch (effectiveFrom, effectiveTo) {
        case (let f?, let t?): return "in force \(f) to \(t)"
        case (let f?, nil): return "in force from \(f)"
        case (nil, let t?): return "in force until \(t)"
        case (nil, nil): return "always in force"
        }
    }
}

extension RuleLibrary {
    /// Errors for periods that end before they start, and for rule sets of one
    /// record kind whose periods overlap (reported at the later file, with a
    /// note at the earlier).
    static func versionDiagnostics(_ loaded: [(set: RuleSet, node: YAMLNode)]) -> [Diagnostic] {
        var out: [Diagnostic] = []
        func place(_ node: YAMLNode) -> SourceRange { (node["effective"] ?? node["ruleset"] ?? node).range }
        for (set, node) in loaded {
            if let f = set.effectiveFrom, let t = set.effectiveTo, t < f {
                out.append(.error("rules.bad-effective", "rule set '\(set.id)' \(set.version) ends (\(t)) before it starts (\(f))",
                                  at: place(node)))
            }
        }
        let ordered = loaded.sorted { $0.node.range.file < $1.node.range.file }
        for (i, later) in ordered.enumerated() {
            for earlier in ordered[..<i] where earlier.set.kind == later.set.kind {
                let start = [earlier.set.effectiveFrom, later.set.effectiveFrom].compactMap { $0 }.max()
                let end = [earlier.set.effectiveTo, later.set.effectiveTo].compactMap { $0 }.min()
                if let start, let end, end < start { continue }
                let span: String
                switch (start, end) {
                case (let s?, let e?): span = s == e ? "on \(s)" : "from \(s) to \(e)"
                case (let s?, nil): span = "from \(s) on"
                case (nil, let e?): span = "until \(e)"
                case (nil, nil): span = "on every date"
                }
                let what = earlier.set.id == later.set.id ? "version \(later.set.version) of rule set '\(later.set.id)'"
                    : "rule set '\(later.set.id)' \(later.set.version)"
                out.append(.error(
                    "rules.overlapping-versions",
                    "\(what) (\(later.set.periodDescription)) overlaps '\(earlier.set.id)' \(earlier.set.version) (\(earlier.set.periodDescription)): records of kind '\(later.set.kind)' assessed \(span) would match both",
                    at: place(later.node),
                    notes: [.init("'\(earlier.set.id)' \(earlier.set.version) is declared here", at: place(earlier.node))]))
            }
        }
        return out
    }
}
