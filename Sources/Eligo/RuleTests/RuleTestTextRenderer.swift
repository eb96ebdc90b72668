/// `eligo rules test` for people: one line per test, and for a failing test
/// expected against actual with the explanation behind the actual value;
/// then coverage and the rules some outcome of which no test produced.
///
/// ```
/// rules/tests/lle-eligibility-2014.yaml
///   ✔ Clearly eligible primary headteacher
///   ✘ Two years' headship fails A2  (rules/tests/lle-eligibility-2014.yaml:61:11)
///       LLE-A2 3 years' substantive headship
///         expected: fail
///         actual:   pass
///           “You have 5 years 6 months of substantive headship; 2 years are required (as of 3 November 2014).”
///           based on: applicant.headships[0].start = 20 April 2009
/// ```
public struct RuleTestTextRenderer: Sendable {
    public var colour: Bool
    /// Show the full coverage table, not only the gaps.
    public var verbose: Bool
    /// Show only the failing tests (no passing lines, no coverage table), then the summary.
    public var quiet: Bool

    public init(colour: Bool = false, verbose: Bool = false, quiet: Bool = false) {
        self.colour = colour
        self.verbose = verbose
        self.quiet = quiet
    }

    public func render(_ run: RuleTestRun, minCoverage: Double?) -> String {
        var out = ""
        var currentFile = ""
        for r in run.results {
            let c = r.testCase
            if quiet && r.status == .passed { continue }
            if c.file != currentFile {
                currentFile = c.file
                out += paint(c.file, "1") + "\n"
            }
            switch r.status {
            case .passed:
                out += "  \(paint("✔", "32")) \(c.name)\n"
            case .failed, .error:
                out += "  \(paint("✘", "31")) \(paint(c.name, "1"))  (\(c.range))\n"
                for p in r.problems { out += "      \(p.message)\n" }
                for m in r.mismatches {
                    out += "      \(m.what)" + (m.range.map { "  (line \($0.start.line))" } ?? "") + "\n"
                    out += "        expected: \(paint(m.expected, "32"))\n"
                    out += "        actual:   \(paint(m.actual, "31"))\n"
                    for line in m.explanation { out += "          \(line)\n" }
                }
            }
        }
        if !run.tableMisses.isEmpty {
            out += "\n" + paint("Parameter tables without a value that a test looks up:", "1") + "\n"
            for m in run.tableMisses {
                out +=
                    "  \(m.table)[\(m.keys.joined(separator: "]["))]  (\(m.ruleSetID) \(m.version), \(m.ruleID), test '\(m.testName)' at \(m.testRange))\n"
            }
        }
        if !quiet { out += "\n" + coverage(run.coverage, minCoverage: minCoverage) }
        let failed = run.failed + run.errors
        let summary = "\(run.results.count) test\(run.results.count == 1 ? "" : "s"): \(run.passed) passed, \(failed) failed"
        out += (quiet && !out.isEmpty ? "\n" : "") + paint(summary, failed == 0 ? "1;32" : "1;31") + "\n"
        // The failing tests by name at the end, where a long run's reader looks first.
        let failing = run.results.filter { $0.status != .passed }
        if !failing.isEmpty {
            out += paint("Failing:", "1") + "\n"
            for r in failing { out += "  \(r.testCase.name)  (\(r.testCase.range))\n" }
        }
        return out
    }

    func coverage(_ cov: RuleCoverage, minCoverage: Double?) -> String {
        var out =
            paint("Coverage", "1")
            + " (every rule seen to pass and to fail): \(cov.covered) of \(cov.total) outcomes, \(RuleTestTextRenderer.percent(cov.percent))"
        if let minCoverage {
            out +=
                cov.percent + 1e-9 >= minCoverage
                ? " (at least \(RuleTestTextRenderer.percent(minCoverage)) required: met)"
                : paint(" — below the \(RuleTestTextRenderer.percent(minCoverage)) required", "1;31")
        }
        out += "\n"
        for (id, version) in cov.ruleSets {
            let rules = cov.entries.filter { $0.ruleSetID == id && $0.version == version }
            let p = rules.filter({ $0.pass }).count, f = rules.filter({ $0.fail }).count
            let u = rules.filter { $0.canBeUnknown && $0.unknown }.count, uTotal = rules.filter({ $0.canBeUnknown }).count
            out +=
                "  \(id) \(version): \(rules.count) rules; pass \(p)/\(rules.count), fail \(f)/\(rules.count), unknown \(u)/\(uTotal) (of the rules that can be unknown)\n"
            if verbose {
                for e in rules {
                    func mark(_ seen: Bool, _ possible: Bool = true) -> String {
                        !possible ? "  —  " : seen ? paint("  ✔  ", "32") : paint("  ✘  ", "31")
                    }
                    out += "      \(e.ruleID.padding(8))pass\(mark(e.pass))fail\(mark(e.fail))unknown\(mark(e.unknown, e.canBeUnknown)) \(e.title)\n"
                }
            }
        }
        let gaps = cov.gaps
        if !gaps.isEmpty {
            out += "  Not covered:\n"
            for e in gaps {
                out +=
                    "    \(e.ruleSetID) \(e.version) \(e.ruleID) (\(e.title)): no test makes it \(ValueFormatter.list(e.missing).replacing(" and ", with: " or "))\n"
            }
        }
        return out
    }

    static func percent(_ p: Double) -> String {
        let r = (p * 10).rounded() / 10
        return (r == r.rounded() ? String(Int(r)) : String(r)) + "%"
    }

    private func paint(_ s: String, _ code: String) -> String { colour ? "\u{1B}[\(code)m\(s)\u{1B}[0m" : s }
}

extension String {
    func padding(_ width: Int) -> String { count >= width ? self + " " : self + String(repeating: " ", count: width - count) }

}
