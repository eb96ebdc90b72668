import Foundation
import Testing

/// `--set`, `eligo rules impact` and `eligo rules diff` through the built binary, on rules/ and examples/.
@Suite("eligo --set, rules impact and rules diff") struct ChangingRulesCLITests {
    // MARK: - --set

    @Test("check --set: the decision, the report's note and a digest of its own")
    func checkWithSetting() throws {
        let file = "examples/applicants/a2-short-headship.yaml"
        let published = try CLI.run(["check", "--format", "json", file])
        #expect(published.status == 1)
        let set = try CLI.run(["check", "--format", "json", "--set", "min_headship_years=2", file])
        #expect(set.status == 0)
        func ruleset(_ json: String) throws -> [String: Any] {
            let reports = try #require(try JSONSerialization.jsonObject(with: Data(json.utf8)) as? [[String: Any]])
            return try #require(reports.first?["ruleset"] as? [String: Any])
        }
        let (a, b) = (try ruleset(published.stdout), try ruleset(set.stdout))
        #expect(a["digest"] as? String != b["digest"] as? String)
        #expect(a["overrides"] == nil)
        let overrides = try #require(b["overrides"] as? [[String: Any]])
        #expect(overrides.count == 1 && overrides[0]["parameter"] as? String == "min_headship_years")
        #expect(overrides[0]["value"] as? Int == 2 && overrides[0]["published"] as? Int == 3)
        let text = try CLI.run(["check", "--set", "min_headship_years=2", file])
        #expect(text.stdout.contains("Not the published rules: --set min_headship_years = 2 (published: 3).\n"))
    }

    @Test(
        "--set mistakes are usage errors (64) naming the type or the closest name",
        arguments: [
            (
                "min_headship_yeras=2",
                "eligo: --set min_headship_yeras=2: no rule set here has a parameter 'min_headship_yeras' (did you mean 'min_headship_years'?)"
            ),
            ("min_headship_years=three", "eligo: --set min_headship_years=three: 'min_headship_years' is a whole number (int);"),
            ("count_acting_headship=perhaps", "eligo: --set count_acting_headship=perhaps: 'count_acting_headship' is true or false (bool);"),
            ("referee_roles=mat_chief_executive", "'referee_roles' is a list of words, such as [a, b] (list<string>)"),
            ("floor.primary.20x5=60", "the year of 'floor' is a whole number, not '20x5'"),
            ("min_headship_years", "--set 'min_headship_years' must be NAME=VALUE")
        ])
    func settingMistakes(setting: String, message: String) throws {
        let r = try CLI.run(["check", "--set", setting, "examples/applicants/a2-short-headship.yaml"])
        #expect(r.status == 64)
        #expect(r.stderr.contains(message), "\(r.stderr)")
        #expect(r.stdout.isEmpty)
    }

    @Test("screen --set: every result file says the rules were not the published ones")
    func screenWithSetting() throws {
        let input = "examples/applicants/applicants.csv"
        let csv = try CLI.run(["screen", "-q", "--format", "csv", "--set", "count_acting_headship=true", input])
        #expect(csv.status == 0)
        let lines = csv.stdout.split(separator: "\n")
        #expect(lines.first == "id,name,subject,decision,as_of,failed,unknown,needs,reasons,source,ruleset,version,digest,run_date,overrides")
        #expect(lines.dropFirst().allSatisfy { $0.hasSuffix(",count_acting_headship=true") })
        #expect(
            try CLI.run(["screen", "-q", "--format", "csv", input]).stdout.hasPrefix(
                "id,name,subject,decision,as_of,failed,unknown,needs,reasons,source,ruleset,version,digest,run_date\n"))
        let md = try CLI.run(["screen", "-q", "--format", "markdown", "--set", "count_acting_headship=true", input])
        #expect(md.stdout.hasPrefix("> **Not the published rules: parameters set for this run: count_acting_headship = true.**\n"))
        let html = try CLI.run(["screen", "-q", "--format", "html", "--set", "count_acting_headship=true", input])
        #expect(
            html.stdout.contains(
                "<p class=\"overrides\"><b>Not the published rules: parameters set for this run: count_acting_headship = true.</b></p>"))
        let jsonl = try CLI.run(["screen", "-q", "--set", "count_acting_headship=true", input])
        #expect(
            jsonl.stdout.split(separator: "\n").allSatisfy { $0.contains("\"overrides\":[{\"parameter\":\"count_acting_headship\",\"value\":true") })
        let summary = try CLI.run(["screen", "--format", "csv", "--set", "count_acting_headship=true", input])
        #expect(summary.stderr.contains("Not the published rules: parameters set for this run: count_acting_headship = true."))
    }

    // MARK: - rules impact

    @Test("impact between the shipped versions over the example applicants")
    func impactBetweenVersions() throws {
        let r = try CLI.run(["rules", "impact", "examples/applicants/applicants.csv", "--base-as-of", "2016-11-30", "--as-of", "2016-12-01"])
        #expect(r.status == 0)
        #expect(r.stdout.hasPrefix("Impact of the proposed rules on 26 records (examples/applicants/applicants.csv)\n"))
        #expect(r.stdout.contains("Baseline: rules as of 2016-11-30: lle-eligibility 2014.1 (sha256:"))
        #expect(r.stdout.contains("Proposal: rules as of 2016-12-01: lle-eligibility 2016.1 (sha256:"))
        #expect(r.stdout.contains("  not eligible → eligible         1\n"))
        #expect(r.stdout.contains("  LLE-R1 Within the application window           0           0               0             26\n"))
        #expect(
            r.stdout.contains(
                """
                APP-2014-113 Fiona Gallagher  examples/applicants/applicants.csv:14
                  not eligible → eligible
                  before: not eligible by lle-eligibility 2014.1 as of 30 November 2016 (not met: LLE-R1)
                  after:  eligible by lle-eligibility 2016.1 as of 1 December 2016
                  LLE-R1 Within the application window: fail → not in these rules
                      before: Submitted on 16 December 2014, outside the application window (13 October 2014 to 15 December 2014).
                """))
    }

    @Test("impact of --set alone on one version, in every format")
    func impactOfSettings() throws {
        let args = ["rules", "impact", "examples/applicants/applicants.csv", "--set", "count_acting_headship=true", "--set", "min_headship_years=2"]
        let text = try CLI.run(args)
        #expect(text.status == 0)
        #expect(text.stdout.contains("4 of 26 records change decision.\n"))
        #expect(text.stdout.contains("Set for this run: count_acting_headship = true (published: false); min_headship_years = 2 (published: 3)\n"))
        #expect(
            text.stdout.contains(
                "      before: You have 2 years 10 months of substantive headship; 3 years are required (as of 24 November 2014).\n"
                    + "      after:  You have 3 years 10 months of substantive headship; 2 years are required (as of 24 November 2014).\n"))

        let json = try CLI.run(args + ["--format", "json"])
        let object = try #require(try JSONSerialization.jsonObject(with: Data(json.stdout.utf8)) as? [String: Any])
        #expect(object["records"] as? Int == 26 && object["changed"] as? Int == 4)
        let changes = try #require(object["changes"] as? [[String: Any]])
        #expect(
            changes.compactMap { ($0["record"] as? [String: Any])?["id"] as? String } == [
                "APP-2014-103", "APP-2014-104", "APP-2014-121", "APP-2014-122"
            ])
        let rules = try #require(object["rules"] as? [[String: Any]])
        #expect(rules.count == 1 && rules[0]["id"] as? String == "LLE-A2" && rules[0]["newly_pass"] as? Int == 4)

        let csv = try CLI.run(args + ["--format", "csv"])
        let rows = csv.stdout.split(separator: "\n")
        #expect(rows.first == "id,name,source,decision_before,decision_after,rule,subject,outcome_before,outcome_after,message_before,message_after")
        #expect(
            rows.count == 5
                && rows[1].hasPrefix("APP-2014-103,Priya Sandhu,examples/applicants/applicants.csv:4,not_eligible,eligible,LLE-A2,,fail,pass,"))

        let md = try CLI.run(args + ["--format", "markdown"])
        #expect(md.stdout.contains("| not eligible → eligible | 4 |\n"))
        #expect(md.stdout.contains("#### APP-2014-103 Priya Sandhu: not eligible → eligible\n"))

        let dir = try CLI.scratch()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let page = try CLI.run(args + ["-q", "-o", dir + "/impact.html"])
        #expect(page.status == 0)
        let html = try String(contentsOfFile: dir + "/impact.html", encoding: .utf8)
        #expect(html.hasPrefix("<!DOCTYPE html>") && html.hasSuffix("</body></html>\n"))
        #expect(!html.contains("http"))  // self-contained
        #expect(html.components(separatedBy: "<details>").count == 5)
    }

    @Test("impact with another rules folder as the baseline; the same output whatever --jobs")
    func impactAgainstFolder() throws {
        let dir = try PolicyToolsCLITests.scratchRules([
            ("    value: 3\n    description: \"Substantive", "    value: 2\n    description: \"Substantive")
        ])
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let one = try CLI.run([
            "rules", "impact", "examples/applicants/applicants.csv", "--base", "rules", "--rules", dir, "--jobs", "1", "--format", "json"
        ])
        #expect(one.status == 0)
        #expect(one.stdout.contains("\"changed\":4"))
        let two = try CLI.run([
            "rules", "impact", "examples/applicants/applicants.csv", "--base", "rules", "--rules", dir, "--jobs", "2", "--format", "json"
        ])
        #expect(one.stdout == two.stdout)
    }

    @Test("impact: nothing to compare is a usage error; rules that do not load exit 78")
    func impactErrors() throws {
        let none = try CLI.run(["rules", "impact", "examples/applicants/applicants.csv"])
        #expect(none.status == 64)
        #expect(none.stderr.contains("nothing to compare"))
        let dir = try PolicyToolsCLITests.scratchRules([
            ("require: applicant.role in headteacher_roles", "require: applicant.rol in headteacher_roles")
        ])
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let broken = try CLI.run(["rules", "impact", "examples/applicants/applicants.csv", "--base", dir])
        #expect(broken.status == 78)
        #expect(broken.stderr.contains("'rol' is not a field"))
        let brokenProposal = try CLI.run(["rules", "impact", "examples/applicants/applicants.csv", "--base", "rules", "--rules", dir])
        #expect(brokenProposal.status == 78)
        let missing = try CLI.run(["rules", "impact", "no-such.csv", "--set", "min_headship_years=2"])
        #expect(missing.status == 66)
    }

    // MARK: - rules diff

    @Test("rules diff between the shipped versions, by version, date or file")
    func diffShippedVersions() throws {
        let byVersion = try CLI.run(["rules", "diff", "2014.1", "2016.1"])
        #expect(byVersion.status == 0)
        #expect(byVersion.stdout.hasPrefix("Changes to lle-eligibility: 2014.1 → 2016.1\n"))
        #expect(
            byVersion.stdout.contains(
                """
                  changed count_acting_headship: false → true
                      rules/lle-eligibility-2014.yaml:41 → rules/lle-eligibility-2016.yaml:48
                """))
        #expect(
            byVersion.stdout.contains(
                """
                  removed LLE-R1 Within the application window
                      rules/lle-eligibility-2014.yaml:243
                      condition: was “between(submitted_on, window_opens, window_closes)”
                """))
        #expect(try CLI.run(["rules", "diff", "2016-11-30", "2016-12-01"]).stdout == byVersion.stdout)
        #expect(try CLI.run(["rules", "diff", "rules/lle-eligibility-2014.yaml", "rules/lle-eligibility-2016.yaml"]).stdout == byVersion.stdout)
        let md = try CLI.run(["rules", "diff", "--format", "markdown", "2014.1", "2016.1"])
        #expect(md.stdout.contains("### Rules\n\n- **removed LLE-R1 Within the application window** (rules/lle-eligibility-2014.yaml:243)\n"))
    }

    @Test("rules diff of two folders; mistakes in the arguments")
    func diffFolders() throws {
        let dir = try PolicyToolsCLITests.scratchRules([
            ("    value: 3\n    description: \"Substantive", "    value: 2\n    description: \"Substantive")
        ])
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let r = try CLI.run(["rules", "diff", "rules", dir])
        #expect(r.status == 0)
        #expect(
            r.stdout.contains("  changed min_headship_years: 3 → 2\n      rules/lle-eligibility-2014.yaml:37 → \(dir)/lle-eligibility-2014.yaml:37\n")
        )
        #expect(r.stdout.contains("No parameter, derived value or rule differs."))  // 2016.1 is the same in both
        #expect(r.stdout.contains("Rule set association-deployment 2015.1 is only in rules."))
        #expect(try CLI.run(["rules", "diff", "2014.1", "2099.9"]).status == 64)
        #expect(try CLI.run(["rules", "diff", "2014.1", "missing/folder"]).status == 66)
    }
}
