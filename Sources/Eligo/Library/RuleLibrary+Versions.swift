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
    /// The identity and period of a rule-set file, read straight from its YAML,
    /// so that overlaps are found even in a file that has other errors.
    struct VersionHeader {
        var id: String
        var version: String
        var kind: String
        var from: Day?
        var to: Day?
        var node: YAMLNode

        init?(_ node: YAMLNode) {
            guard let id = node["ruleset"]?.scalar, let kind = node["applies_to"]?.scalar else { return nil }
            self.id = id
            self.version = node["version"]?.scalar ?? "?"
            self.kind = kind
            self.node = node
            let effective = node["effective"]
            for (key, path) in [("from", \VersionHeader.from), ("to", \VersionHeader.to)] {
                guard let v = effective?[key], !v.isNull else { continue }
                guard let text = v.scalar, let day = Day(iso: text) else { return nil }  // the parser reports bad dates
                self[keyPath: path] = day
            }
        }

        var period: String {
            switch (from, to) {
            case (let f?, let t?): return "in force \(f) to \(t)"
            case (let f?, nil): return "in force from \(f)"
            case (nil, let t?): return "in force until \(t)"
            case (nil, nil): return "always in force"
            }
        }

        /// Where diagnostics about the period point: `effective`, else `ruleset`.
        var place: SourceRange { (node["effective"] ?? node["ruleset"] ?? node).range }
    }

    /// Errors for periods that end before they start, and for rule sets of one
    /// record kind whose periods overlap (reported at the later file, with a
    /// note at the earlier).
    static func versionDiagnostics(_ nodes: [YAMLNode]) -> [Diagnostic] {
        var out: [Diagnostic] = []
        let headers = nodes.compactMap(VersionHeader.init).sorted { $0.node.range.file < $1.node.range.file }
        for h in headers {
            if let f = h.from, let t = h.to, t < f {
                out.append(.error("rules.bad-effective", "rule set '\(h.id)' \(h.version) ends (\(t)) before it starts (\(f))", at: h.place))
            }
        }
        for (i, later) in headers.enumerated() {
            for earlier in headers[..<i] where earlier.kind == later.kind {
                let start = [earlier.from, later.from].compactMap { $0 }.max()
                let end = [earlier.to, later.to].compactMap { $0 }.min()
                if let start, let end, end < start { continue }
                let span: String
                switch (start, end) {
                case (let s?, let e?): span = s == e ? "on \(s)" : "from \(s) to \(e)"
                case (let s?, nil): span = "from \(s) on"
                case (nil, let e?): span = "until \(e)"
                case (nil, nil): span = "on every date"
                }
                let what = earlier.id == later.id ? "version \(later.version) of rule set '\(later.id)'" : "rule set '\(later.id)' \(later.version)"
                out.append(
                    .error(
                        "rules.overlapping-versions",
                        "\(what) (\(later.period)) overlaps '\(earlier.id)' \(earlier.version) (\(earlier.period)): records of kind '\(later.kind)' assessed \(span) would match both",
                        at: later.place,
                        notes: [.init("'\(earlier.id)' \(earlier.version) is declared here", at: earlier.place)]))
            }
        }
        return out
    }
}

extension RuleLibrary {
    /// A duplicate YAML key (a parameter or a schema field declared twice) is
    /// one mistake: the parsers' own "declared twice" diagnostics at the same
    /// place repeat `yaml.duplicate-key` and are dropped.
    static func dropRepeatsOfDuplicateKeys(_ diagnostics: inout [Diagnostic]) {
        let duplicates = Set(diagnostics.filter { $0.id == "yaml.duplicate-key" }.compactMap { $0.range?.start }.map { "\($0)" })
        let files = Set(diagnostics.filter { $0.id == "yaml.duplicate-key" }.compactMap { $0.range?.file })
        diagnostics.removeAll { d in
            ["rules.duplicate-parameter", "schema.duplicate-field"].contains(d.id)
                && d.range.map { files.contains($0.file) && duplicates.contains("\($0.start)") } ?? false
        }
    }
}

extension RuleLibrary {
    /// A chosen assessment date (`--as-of`) that no version of a kind's rules covers is a
    /// choice of date to correct, not a problem with any record: this says so, with the
    /// periods that are covered, or nil when every kind given has a version in force.
    public func asOfOutsideEveryVersion(_ day: Day, kinds: [String]) -> String? {
        for kind in kinds {
            let versions = ruleSets.filter { $0.kind == kind }
            guard !versions.isEmpty, !versions.contains(where: { $0.isInForce(on: day) }) else { continue }
            let periods = versions.map { "\($0.id) \($0.version) is \($0.periodDescription)" }
            let starts = versions.compactMap({ $0.effectiveFrom })
            let when =
                starts.min().map { day < $0 ? "before the first rules for \(kind) came into force" : "a date the rules for \(kind) do not cover" }
                ?? "a date the rules for \(kind) do not cover"
            return "--as-of \(day) is \(when): \(periods.joined(separator: "; ")). Choose a date one of them covers."
        }
        return nil
    }
}
