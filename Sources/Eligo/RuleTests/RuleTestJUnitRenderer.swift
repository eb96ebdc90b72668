/// `eligo rules test --format junit`: JUnit XML, the format CI systems
/// (Jenkins, GitLab, GitHub Actions reporters) show test results from.
///
/// One `<testsuite>` per test file, one `<testcase>` per test (with a
/// `<failure>` holding expected against actual, or an `<error>` when the test
/// itself is broken), and a `coverage` suite with one case per rule set (and
/// one for `--min-coverage`), failing when some outcome is not covered.
/// No timings, so the output is the same on every run.
public enum RuleTestJUnitRenderer {
    /// - Parameter problems: errors in the test files themselves; each becomes an `<error>` case of a `test files` suite.
    public static func render(_ run: RuleTestRun, minCoverage: Double?, problems: [Diagnostic] = []) -> String {
        var files: [String] = []
        for r in run.results where !files.contains(r.testCase.file) { files.append(r.testCase.file) }
        let coverageCases = coverageCases(run.coverage, minCoverage: minCoverage)
        let coverageFailures = coverageCases.filter { $0.failure != nil }.count
        var out = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
        out +=
            "<testsuites name=\"eligo rules test\" tests=\"\(run.results.count + coverageCases.count + problems.count)\" failures=\"\(run.failed + coverageFailures)\" errors=\"\(run.errors + problems.count)\">\n"
        if !problems.isEmpty {
            out += "  <testsuite name=\"test files\" tests=\"\(problems.count)\" failures=\"0\" errors=\"\(problems.count)\" skipped=\"0\">\n"
            for d in problems {
                let place = d.range.map { "\($0)" } ?? ""
                out += "    <testcase name=\"\(escape(place.isEmpty ? d.id : place))\" classname=\"test files\""
                if let r = d.range { out += " file=\"\(escape(r.file))\" line=\"\(r.start.line)\"" }
                let text = d.message + (d.suggestion.map { " (did you mean '\($0)'?)" } ?? "")
                out +=
                    ">\n      <error message=\"\(escape(text))\" type=\"\(escape(d.id))\">\(escape(place + ": " + text, attribute: false))</error>\n    </testcase>\n"
            }
            out += "  </testsuite>\n"
        }
        for file in files {
            let results = run.results.filter { $0.testCase.file == file }
            let failures = results.filter { $0.status == .failed }.count, errors = results.filter { $0.status == .error }.count
            out += "  <testsuite name=\"\(escape(file))\" tests=\"\(results.count)\" failures=\"\(failures)\" errors=\"\(errors)\" skipped=\"0\">\n"
            for r in results {
                let c = r.testCase
                out +=
                    "    <testcase name=\"\(escape(c.name))\" classname=\"\(escape(className(file)))\" file=\"\(escape(file))\" line=\"\(c.range.start.line)\""
                switch r.status {
                case .passed:
                    out += "/>\n"
                case .failed, .error:
                    let tag = r.status == .error ? "error" : "failure"
                    let first =
                        r.mismatches.first.map { "\($0.what): expected \($0.expected), got \($0.actual)" } ?? r.problems.first?.message ?? "failed"
                    out += ">\n      <\(tag) message=\"\(escape(first))\" type=\"\(r.status == .error ? "TestError" : "Mismatch")\">"
                    out += escape(details(r), attribute: false)
                    out += "</\(tag)>\n    </testcase>\n"
                }
            }
            out += "  </testsuite>\n"
        }
        out += "  <testsuite name=\"coverage\" tests=\"\(coverageCases.count)\" failures=\"\(coverageFailures)\" errors=\"0\" skipped=\"0\">\n"
        for c in coverageCases {
            out += "    <testcase name=\"\(escape(c.name))\" classname=\"coverage\""
            if let failure = c.failure {
                out +=
                    ">\n      <failure message=\"\(escape(failure.message))\" type=\"Coverage\">\(escape(failure.details, attribute: false))</failure>\n    </testcase>\n"
            } else {
                out += "/>\n"
            }
        }
        out += "  </testsuite>\n</testsuites>\n"
        return out
    }

    private static func coverageCases(_ cov: RuleCoverage, minCoverage: Double?) -> [(name: String, failure: (message: String, details: String)?)] {
        var out: [(String, (String, String)?)] = []
        for (id, version) in cov.ruleSets {
            let gaps = cov.gaps.filter { $0.ruleSetID == id && $0.version == version && ($0.missing.contains("pass") || $0.missing.contains("fail")) }
            let details = gaps.map {
                "\($0.ruleID) (\($0.title)): no test makes it \($0.missing.filter { $0 != "unknown" }.joined(separator: " or "))"
            }.joined(separator: "\n")
            out.append(
                (
                    "\(id) \(version): every rule passes and fails in some test",
                    gaps.isEmpty ? nil : ("\(gaps.count) rule\(gaps.count == 1 ? "" : "s") not covered", details)
                ))
        }
        if let minCoverage {
            let p = RuleTestTextRenderer.percent(cov.percent), m = RuleTestTextRenderer.percent(minCoverage)
            out.append(
                (
                    "coverage is at least \(m)",
                    cov.percent + 1e-9 >= minCoverage
                        ? nil : ("coverage \(p) is below \(m)", "\(cov.covered) of \(cov.total) pass and fail outcomes covered")
                ))
        }
        return out
    }

    private static func details(_ r: RuleTestResult) -> String {
        var lines: [String] = ["\(r.testCase.range)"]
        lines += r.problems.map({ $0.message })
        for m in r.mismatches {
            lines.append("\(m.what)\(m.range.map { " (line \($0.start.line))" } ?? "")")
            lines.append("  expected: \(m.expected)")
            lines.append("  actual:   \(m.actual)")
            lines += m.explanation.map { "    " + $0 }
        }
        return lines.joined(separator: "\n")
    }

    /// `rules/tests/lle-2014.yaml` → `rules.tests.lle-2014`.
    static func className(_ file: String) -> String {
        var name = file
        for ext in [".yaml", ".yml"] where name.hasSuffix(ext) { name = String(name.dropLast(ext.count)) }
        return name.split(separator: "/").filter { $0 != "." && $0 != ".." }.joined(separator: ".")
    }

    /// Text safe inside XML attributes and elements; characters XML 1.0 forbids are dropped.
    static func escape(_ s: String, attribute: Bool = true) -> String {
        var out = ""
        for scalar in s.unicodeScalars {
            switch scalar {
            case "&": out += "&amp;"
            case "<": out += "&lt;"
            case ">": out += "&gt;"
            case "\"": out += "&quot;"
            case "'": out += "&apos;"
            case "\n": out += attribute ? "&#10;" : "\n"
            case "\t": out += attribute ? "&#9;" : "\t"
            case "\r": out += "&#13;"
            default:
                if scalar.value < 0x20 || scalar.value == 0xFFFE || scalar.value == 0xFFFF { continue }
                out.unicodeScalars.append(scalar)
            }
        }
        return out
    }
}
