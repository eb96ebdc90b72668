import Foundation
#if canImport(FoundationXML)
import FoundationXML
#endif
import Testing

/// `eligo rules lint|test|doc` and dated versions, through the built binary.
@Suite("eligo rules lint, test and doc") struct PolicyToolsCLITests {
    /// A scratch copy of rules/ (schema, both rule sets, tests), with edits to the 2014 rule file.
    static func scratchRules(_ edits: [(String, String)] = []) throws -> String {
        let dir = try CLI.scratch()
        let fm = FileManager.default
        for sub in ["schema", "tests"] { try fm.createDirectory(atPath: dir + "/" + sub, withIntermediateDirectories: true) }
        for file in [
            "schema/lle-application.yaml", "lle-eligibility-2016.yaml", "tests/lle-eligibility-2014.yaml",
            "tests/lle-eligibility-2016.yaml", "tests/lle-versions.yaml"
        ] {
            try TestRepo.text("rules/" + file).write(toFile: dir + "/" + file, atomically: true, encoding: .utf8)
        }
        var rules = try TestRepo.text("rules/lle-eligibility-2014.yaml")
        for (from, to) in edits {
            #expect(rules.contains(from), "\(from)")
            rules = rules.replacingOccurrences(of: from, with: to)
        }
        try rules.write(toFile: dir + "/lle-eligibility-2014.yaml", atomically: true, encoding: .utf8)
        return dir
    }

    // MARK: - lint

    @Test func lintShippedRules() throws {
        let r = try CLI.run(["rules", "lint", "rules"])
        #expect(r.status == 0)
        #expect(
            r.stdout.hasPrefix(
                "rules: 0 errors, 0 warnings; rule sets: association-deployment 2015.1, lle-eligibility 2014.1, lle-eligibility 2016.1; "))
    }

    @Test func lintMissingFolderExits66() throws {
        let r = try CLI.run(["rules", "lint", "no-such-rules"])
        #expect(r.status == 66)
        #expect(r.stderr.contains("no-such-rules"))
    }

    static let mistakes: [(String, String)] = [
        ("    value: [coaching, mentoring]", "    value: [coaching, mentorng]"),
        ("require: applicant.expects_to_remain_years >= min_remain_years", "require: min_remain_years >= 2"),
        ("secondary: {2012: 40, 2013: 40, 2014: 40, 2015: 40}", "secondary: {2012: 40, 2014: 40, 2015: 40}")
    ]

    @Test("lint: every mistake once, as text, JSON and SARIF")
    func lintFormats() throws {
        let dir = try Self.scratchRules(Self.mistakes)
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let text = try CLI.run(["rules", "lint", dir])
        #expect(text.status == 1)
        let file = dir + "/lle-eligibility-2014.yaml"
        let lines = try String(contentsOfFile: file, encoding: .utf8).split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        func at(_ needle: String) -> String {
            let i = lines.firstIndex { $0.contains(needle) }!
            return "\(file):\(i + 1):\(lines[i].distance(from: lines[i].startIndex, to: lines[i].range(of: needle)!.lowerBound) + 1)"
        }
        #expect(text.stdout.contains("\(at("mentorng")): error: 'mentorng' is not a value of kind [check.unknown-enum-value]"))
        #expect(text.stdout.contains("did you mean 'mentoring'?"))
        #expect(
            text.stdout.contains(
                "\(at("min_remain_years >= 2")): warning: 'require' is always true once parameters are filled in: rule 'LLE-A4' can never fail [check.constant-condition]"
            ))
        #expect(text.stdout.contains("\(at("secondary: {2012: 40, 2014")): warning: floor[secondary] has no value for year 2013"))
        #expect(text.stdout.hasSuffix("\(dir): 1 error, 2 warnings; rule sets: lle-eligibility 2016.1; 79 tests\n"))

        let json = try CLI.run(["rules", "lint", "--format", "json", dir])
        #expect(json.status == 1)
        let object = try #require(try JSONSerialization.jsonObject(with: Data(json.stdout.utf8)) as? [String: Any])
        #expect(object["errors"] as? Int == 1)
        #expect(object["warnings"] as? Int == 2)
        let diagnostics = try #require(object["diagnostics"] as? [[String: Any]])
        #expect(
            diagnostics.map { $0["id"] as? String } == ["check.unknown-enum-value", "check.constant-condition", "rules.table-missing-key"]
                || Set(diagnostics.compactMap { $0["id"] as? String }) == [
                    "check.unknown-enum-value", "check.constant-condition", "rules.table-missing-key"
                ])
        let enumError = try #require(diagnostics.first { $0["id"] as? String == "check.unknown-enum-value" })
        #expect("\(file):\(enumError["line"]!):\(enumError["column"]!)" == at("mentorng"))
        #expect(enumError["suggestion"] as? String == "mentoring")

        let sarif = try CLI.run(["rules", "lint", "--format", "sarif", dir])
        #expect(sarif.status == 1)
        let log = try #require(try JSONSerialization.jsonObject(with: Data(sarif.stdout.utf8)) as? [String: Any])
        #expect(log["version"] as? String == "2.1.0")
        #expect(log["$schema"] as? String == "https://json.schemastore.org/sarif-2.1.0.json")
        let run = try #require((log["runs"] as? [[String: Any]])?.first)
        let driver = try #require((run["tool"] as? [String: Any])?["driver"] as? [String: Any])
        #expect(driver["name"] as? String == "eligo")
        let rules = try #require(driver["rules"] as? [[String: Any]])
        let results = try #require(run["results"] as? [[String: Any]])
        #expect(results.count == 3)
        for result in results {
            let index = try #require(result["ruleIndex"] as? Int)
            #expect(rules[index]["id"] as? String == result["ruleId"] as? String)
            #expect(["error", "warning"].contains(result["level"] as? String))
            let location = try #require((result["locations"] as? [[String: Any]])?.first?["physicalLocation"] as? [String: Any])
            #expect((location["artifactLocation"] as? [String: Any])?["uri"] as? String == "file://" + file)
            let region = try #require(location["region"] as? [String: Any])
            #expect((region["startLine"] as? Int ?? 0) > 0 && (region["startColumn"] as? Int ?? 0) > 0)
        }
        let enumResult = try #require(results.first { $0["ruleId"] as? String == "check.unknown-enum-value" })
        #expect(((enumResult["message"] as? [String: Any])?["text"] as? String)?.contains("did you mean 'mentoring'?") == true)
        #expect((enumResult["relatedLocations"] as? [[String: Any]])?.isEmpty == false)
    }

    @Test("docs/rules.md shows the summary the shipped rules' lint prints today")
    func rulesDocLintSummaryIsCurrent() throws {
        let lint = try CLI.run(["rules", "lint"])
        let summary = try #require(
            lint.stdout.split(separator: "\n").last.map(String.init) ?? lint.stderr.split(separator: "\n").last.map(String.init))
        #expect(summary.hasPrefix("rules: 0 errors"))
        #expect(try TestRepo.text("docs/rules.md").contains("$ eligo rules lint\n" + summary + "\n"))
    }

    // MARK: - test

    @Test("a copy of the rules folder made elsewhere lints and tests as the original does")
    func aCopiedRulesFolderWorks() throws {
        let dir = try CLI.scratch()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let draft = dir + "/draft"
        try FileManager.default.copyItem(atPath: TestRepo.path("rules"), toPath: draft)
        let lint = try CLI.run(["rules", "lint", draft])
        #expect(lint.status == 0, "\(lint.stderr)")
        let test = try CLI.run(["rules", "test", draft])
        #expect(test.status == 0, "\(test.stdout)")
        #expect(test.stdout.contains("86 tests: 86 passed, 0 failed"))
    }

    @Test("rules test --quiet shows only the failures, and every run ends with the failing tests' names")
    func quietAndFailingNames() throws {
        let dir = try Self.scratchRules([("  min_remain_years:\n    type: int\n    value: 2", "  min_remain_years:\n    type: int\n    value: 5")])
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let quiet = try CLI.run(["rules", "test", "-q", dir])
        #expect(quiet.status == 1)
        #expect(!quiet.stdout.contains("✔"))
        #expect(!quiet.stdout.contains("Coverage"))
        #expect(quiet.stdout.contains("✘ Eligible primary headteacher  (\(dir)/tests/lle-eligibility-2014.yaml:12:11)"))
        let full = try CLI.run(["rules", "test", dir])
        let tail = try #require(full.stdout.components(separatedBy: "Failing:\n").last)
        #expect(full.stdout.contains("Failing:\n"))
        #expect(tail.hasPrefix("  Eligible primary headteacher  (\(dir)/tests/lle-eligibility-2014.yaml:12:11)\n"))
        #expect(quiet.stdout.hasSuffix(tail))
    }

    @Test func testShippedRulesWithFullCoverage() throws {
        let r = try CLI.run(["rules", "test", "rules", "--min-coverage", "100"])
        #expect(r.status == 0, "\(r.stdout)\(r.stderr)")
        #expect(r.stdout.contains("Coverage (every rule seen to pass and to fail): 100 of 100 outcomes, 100% (at least 100% required: met)"))
        #expect(r.stdout.contains("86 tests: 86 passed, 0 failed"))
    }

    @Test("a parameter changed under the tests' feet fails them with a readable diff")
    func testFailsWhenAParameterChanges() throws {
        let dir = try Self.scratchRules([("  min_remain_years:\n    type: int\n    value: 2", "  min_remain_years:\n    type: int\n    value: 5")])
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let r = try CLI.run(["rules", "test", dir])
        #expect(r.status == 1)
        #expect(r.stdout.contains("✘ Eligible primary headteacher  (\(dir)/tests/lle-eligibility-2014.yaml:12:11)"))
        #expect(
            r.stdout.contains(
                """
                      LLE-A4 Will remain at least 5 years  (line 56)
                        expected: pass
                        actual:   fail
                          “You expect to remain 4 years at your school; at least 5 are expected.”
                          based on: applicant.expects_to_remain_years = 4
                """))
        #expect(r.stdout.contains("✔ Eligible headteacher with acting time and a MAT chief executive referee"))  // 2016 untouched
        #expect(!r.stdout.contains(" 0 failed"))

        let junit = try CLI.run(["rules", "test", "--format", "junit", dir])
        #expect(junit.status == 1)
        let doc = try XMLDocument(xmlString: junit.stdout)
        #expect(doc.rootElement()?.name == "testsuites")
        let failures = try doc.nodes(forXPath: "//testcase/failure")
        #expect(!failures.isEmpty)
        #expect(failures.first?.stringValue?.contains("at least 5 are expected") == true)
    }

    @Test("min-coverage fails the run when tests are missing")
    func minCoverage() throws {
        let dir = try Self.scratchRules()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        try FileManager.default.removeItem(atPath: dir + "/tests/lle-eligibility-2016.yaml")
        let r = try CLI.run(["rules", "test", dir, "--min-coverage", "90"])
        #expect(r.status == 1)
        #expect(r.stdout.contains("— below the 90% required"))
        #expect(r.stdout.contains("lle-eligibility 2016.1 LLE-A1 (Serving headteacher): no test makes it fail"))
        let ok = try CLI.run(["rules", "test", dir, "--min-coverage", "60"])
        #expect(ok.status == 0, "\(ok.stdout)")
    }

    @Test("a broken test file never stops eligibility checks, but lint and test report it")
    func brokenTestFile() throws {
        let dir = try Self.scratchRules()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let path = dir + "/tests/lle-versions.yaml"
        try (try String(contentsOfFile: path, encoding: .utf8) + "  - name: [broken\n").write(toFile: path, atomically: true, encoding: .utf8)
        let check = try CLI.run(["check", "--rules", dir, "examples/applicants/eligible-primary.yaml"])
        #expect(check.status == 0)
        let lint = try CLI.run(["rules", "lint", dir])
        #expect(lint.status == 1)
        #expect(lint.stdout.contains("\(path):"))
        #expect(lint.stdout.contains("[yaml.syntax]"))
        let test = try CLI.run(["rules", "test", dir])
        #expect(test.status == 1)
        #expect(test.stderr.contains("[yaml.syntax]"))
    }

    // MARK: - doc

    @Test func docMarkdownAndHTML() throws {
        let md = try CLI.run(["rules", "doc", "--kind", "lle-application", "--as-of", "2014-11-03", "rules"])
        #expect(md.status == 0)
        #expect(md.stdout.hasPrefix("# Local Leaders of Education Eligibility Criteria\n"))
        #expect(md.stdout.contains("version 2014.1, in force from 1 September 2014 to 30 November 2016"))
        #expect(md.stdout.contains("Applications are made between 13 October 2014 and 15 December 2014."))
        #expect(md.stdout == (try CLI.run(["rules", "doc", "--kind", "lle-application", "--as-of", "2014-11-03", "rules"])).stdout)

        let newest = try CLI.run(["rules", "doc", "--kind", "lle-application", "rules"])
        #expect(newest.stdout.contains("version 2016.1, in force from 1 December 2016"))
        #expect(!newest.stdout.contains("version 2014.1"))

        let dir = try CLI.scratch()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let html = try CLI.run(["rules", "doc", "--format", "html", "--all", "-o", dir + "/criteria.html", "rules"])
        #expect(html.status == 0)
        let page = try String(contentsOfFile: dir + "/criteria.html", encoding: .utf8)
        #expect(page.hasPrefix("<!DOCTYPE html>"))
        #expect(page.contains("version 2014.1") && page.contains("version 2016.1"))
    }

    @Test("rules doc with no options is the applicant kind's criteria in force today, for an applicant to read")
    func docDefaultsToWhatAnApplicantIsAssessedAgainstToday() throws {
        let doc = try CLI.run(["rules", "doc"])
        #expect(doc.status == 0, "\(doc.stderr)")
        // Today (after December 2016) the 2016 criteria for lle-application are in force; no dataset rules.
        #expect(doc.stdout.contains("version 2016.1, in force from 1 December 2016"))
        #expect(!doc.stdout.contains("version 2014.1"))
        #expect(!doc.stdout.contains("Association and deployment principles"))
        // The footer speaks to its reader, keeping a short reference; no draft notes.
        #expect(
            doc.stdout.contains(
                "*These are the criteria applications are checked against: the decisions are made from the same rule files as this page, so the two always agree.*"
            ))
        #expect(doc.stdout.contains("<small>Rules version 2016.1; reference sha256:"))
        #expect(!doc.stdout.contains("Generated by"))
        #expect(!doc.stdout.contains("to be confirmed"))
        let round = try CLI.run(["rules", "doc", "--as-of", "2014-11-01"])
        #expect(round.stdout.contains("version 2014.1, in force from 1 September 2014 to 30 November 2016"))
    }

    // MARK: - dated versions

    @Test("the same applicant gets different, correct decisions under the 2014 and 2016 criteria by --as-of alone")
    func versionsByAsOf() throws {
        let file = "examples/versions/acting-head-self-check.yaml"
        let before = try CLI.run(["check", "--format", "json", "--as-of", "2016-11-30", file])
        let after = try CLI.run(["check", "--format", "json", "--as-of", "2016-12-01", file])
        #expect(before.status == 1)
        #expect(after.status == 0)
        func report(_ r: CLI.Result) throws -> [String: Any] {
            try #require((try JSONSerialization.jsonObject(with: Data(r.stdout.utf8)) as? [[String: Any]])?.first)
        }
        func a2(_ report: [String: Any]) -> [String: Any]? {
            (report["rules"] as? [[String: Any]])?.first { $0["id"] as? String == "LLE-A2" }
        }
        let old = try report(before), new = try report(after)
        #expect((old["ruleset"] as? [String: Any])?["version"] as? String == "2014.1")
        #expect((new["ruleset"] as? [String: Any])?["version"] as? String == "2016.1")
        #expect(old["decision"] as? String == "not_eligible")
        #expect(new["decision"] as? String == "eligible")
        #expect(a2(old)?["outcome"] as? String == "fail")
        #expect((a2(old)?["message"] as? String)?.contains("2 years 2 months of substantive headship") == true)
        #expect(a2(old)?["passes_from"] as? String == "2017-09-01")
        #expect(a2(new)?["outcome"] as? String == "pass")
        #expect((a2(new)?["message"] as? String)?.contains("3 years 2 months of headship") == true)
    }

    @Test("a date no version covers: --as-of is a choice of date (64); a record's own date makes it invalid (65)")
    func noVersionInForce() throws {
        let r = try CLI.run(["check", "--as-of", "2014-08-31", "examples/versions/acting-head-self-check.yaml"])
        #expect(r.status == 64)
        #expect(
            r.stderr.contains(
                "--as-of 2014-08-31 is before the first rules for lle-application came into force: lle-eligibility 2014.1 is in force 2014-09-01 to 2016-11-30; lle-eligibility 2016.1 is in force from 2016-12-01"
            ))
        let old = try TestRepo.text("examples/applicants/eligible-primary.yaml")
            .replacingOccurrences(of: "submitted_on: 2014-10-13", with: "submitted_on: 2014-08-31")
        let record = try CLI.run(["check", "-"], stdin: old)
        #expect(record.status == 65)
        #expect(
            record.stderr.contains(
                "no rule set for 'lle-application' is in force on 2014-08-31; the rules have: lle-eligibility 2014.1 (in force 2014-09-01 to 2016-11-30); lle-eligibility 2016.1 (in force from 2016-12-01)"
            ))
    }

    @Test("overlapping versions stop the rules from loading")
    func overlappingVersions() throws {
        let dir = try Self.scratchRules([("effective: {from: 2014-09-01, to: 2016-11-30}", "effective: {from: 2014-09-01, to: 2017-03-31}")])
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let lint = try CLI.run(["rules", "lint", dir])
        #expect(lint.status == 1)
        #expect(
            lint.stdout.contains(
                "\(dir)/lle-eligibility-2016.yaml:27:12: error: version 2016.1 of rule set 'lle-eligibility' (in force from 2016-12-01) overlaps 'lle-eligibility' 2014.1 (in force 2014-09-01 to 2017-03-31): records of kind 'lle-application' assessed from 2016-12-01 to 2017-03-31 would match both [rules.overlapping-versions]"
            ))
        #expect(lint.stdout.contains("\(dir)/lle-eligibility-2014.yaml:11:12: note: 'lle-eligibility' 2014.1 is declared here"))
        let check = try CLI.run(["check", "--rules", dir, "examples/versions/acting-head-self-check.yaml"])
        #expect(check.status == 78)
    }
}
