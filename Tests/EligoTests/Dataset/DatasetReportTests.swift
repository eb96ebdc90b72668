import Foundation
import Testing
@testable import Eligo

/// One report per checked record of a dataset: its shape, where input problems
/// go, the text report's grouping and summary, and the example's expected outcomes.
@Suite("dataset reports") struct DatasetReportTests {
    static let example: [Report] = DS.library.check(
        bytes: (try? TestRepo.bytes("examples/datasets/kyra.yaml")) ?? [],
        path: "examples/datasets/kyra.yaml", options: CheckOptions(today: day("2020-01-01")))

    @Test func oneReportPerRecordInCollectionOrder() throws {
        let r = Self.example
        #expect(r.count == 43)
        #expect(r.map({ $0.record.kind }).uniqued() == ["tsas", "lles", "associations", "deployments", "alliance_memberships"])
        #expect(r.allSatisfy { $0.asOf == day("2015-06-30") && $0.ruleSet?.id == "association-deployment" })
        #expect(r.allSatisfy { $0.record.dataset == "examples/datasets/kyra.yaml" })
        let lle = try #require(DS.report(r, "lles", "LLE-004"))
        #expect(lle.record.name == "Sam Patel")
        #expect(lle.record.source == "examples/datasets/kyra.yaml:55")
        #expect(lle.rules.map({ $0.id }) == ["AS-2", "AS-4", "AS-6"])
        #expect(lle.rules.allSatisfy { $0.subject == "LLE-004" })
    }

    @Test func theJSONReportFollowsTheInterface() throws {
        let json = JSONReportRenderer.array(Self.example)
        let objects = try #require(try JSONSerialization.jsonObject(with: Data(json.utf8)) as? [[String: Any]])
        #expect(objects.count == 43)
        let dep = try #require(objects.first { ($0["record"] as? [String: Any])?["id"] as? String == "DEP-011" })
        let record = try #require(dep["record"] as? [String: Any])
        #expect(record["kind"] as? String == "deployments")
        #expect(record["source"] as? String == "examples/datasets/kyra.yaml:384")
        #expect(dep["decision"] as? String == "breach")
        #expect(dep["outcome"] as? String == "fail")
        #expect(dep["as_of"] as? String == "2015-06-30")
        let rules = try #require(dep["rules"] as? [[String: Any]])
        let d5 = try #require(rules.first { $0["id"] as? String == "D-5" })
        #expect(d5["subject"] as? String == "DEP-011")
        #expect(d5["message"] as? String == "DEP-011 names commission COM-404, which is not in this dataset.")
    }

    /// The answer key of examples/datasets/README.md: every record not compliant, with its rules.
    @Test func theExampleGivesTheDocumentedOutcomes() {
        let expected: [String: (String, [String])] = [
            "TSA-FENS": ("breach", ["AS-7"]),
            "LLE-004": ("breach", ["AS-2"]),
            "LLE-006": ("breach", ["AS-4"]),
            "LLE-007": ("incomplete", ["AS-4"]),
            "ASSOC-007": ("incomplete", ["AS-5"]),
            "ASSOC-009": ("breach", ["AS-5"]),
            "ASSOC-012": ("breach", ["AS-0"]),
            "DEP-005": ("breach", ["AS-1"]),
            "DEP-008": ("breach", ["D-1"]),
            "DEP-009": ("breach", ["D-2"]),
            "DEP-011": ("breach", ["D-5"]),
            "DEP-012": ("breach", ["AS-9"]),
            "AM-003": ("breach", ["AS-8"])
        ]
        let advisory: [String: [String]] = ["ASSOC-011": ["AS-10"], "ASSOC-012": ["AS-10"], "DEP-007": ["D-W1", "D-W2"], "DEP-009": ["D-4"]]
        for r in Self.example {
            let id = r.record.id ?? "?"
            let required = r.rules.filter { $0.severity == .required && ($0.outcome == .fail || $0.outcome == .unknown) }.map({ $0.id })
            let warned = r.rules.filter { $0.severity == .advisory && $0.outcome != .pass && $0.outcome != .notApplicable }.map({ $0.id })
            if let (decision, rules) = expected[id] {
                #expect(r.decision == decision, "\(id)")
                #expect(required == rules, "\(id)")
            } else {
                #expect(r.decision == "compliant", "\(id): \(required)")
            }
            #expect(warned == (advisory[id] ?? []), "\(id)")
        }
    }

    @Test func anInputErrorMakesOnlyItsRecordInvalid() throws {
        let r = DS.check(
            DS.dataset(
                lles: DS.lle("LLE-1") + DS.lle("LLE-2", ["designated_on": "2015-02-30"]),
                commissions: DS.commission("COM-1") + DS.commission("COM-2", ["received_on": "2015-13-01"]),
                deployments: DS.deployment("DEP-1") + DS.deployment("DEP-2", lle: "LLE-2", ["status": "actve"])))
        #expect(DS.report(r, "lles", "LLE-1")?.decision == "compliant")
        let bad = try #require(DS.report(r, "lles", "LLE-2"))
        #expect(bad.decision == "invalid")
        #expect(bad.errors.map({ $0.path }) == ["lles[1].designated_on"])
        #expect(bad.errors.first?.line == 12)
        #expect(DS.report(r, "deployments", "DEP-1")?.decision == "compliant")
        let dep = try #require(DS.report(r, "deployments", "DEP-2"))
        #expect(dep.decision == "invalid")
        #expect(dep.errors.first?.suggestion == "active")
        // Commissions have no rules, but a commission with a problem still gets a report.
        let com = try #require(DS.report(r, "commissions", "COM-2"))
        #expect(com.decision == "invalid")
        #expect(com.rules.isEmpty)
        #expect(DS.report(r, "commissions", "COM-1") == nil)
    }

    @Test func aProblemOutsideAnyRecordGetsADatasetReport() throws {
        let r = DS.check(DS.dataset(lles: DS.lle("LLE-1"), header: "as_of: 2015-06-31\nlabel: test\n"))
        let first = try #require(r.first)
        #expect(first.record.kind == "lle-dataset")
        #expect(first.decision == "invalid")
        #expect(first.errors.map({ $0.path }) == ["as_of"])
        #expect(first.warnings.map({ $0.path }) == ["label"])
        // as_of is the date the rules are assessed on: with it unreadable, no record is decided on another date.
        #expect(r.count == 1)
        #expect(first.rules.isEmpty)
        #expect(first.errors.first?.message.contains("the date the criteria are assessed on") == true)
        #expect(DS.report(r, "lles", "LLE-1") == nil)
    }

    @Test func anEmptyDatasetStillGetsAReport() throws {
        let r = DS.check("kind: lle-dataset\nas_of: 2015-06-30\n")
        #expect(r.count == 1)
        #expect(r.first?.record.kind == "lle-dataset")
        #expect(r.first?.decision == "compliant")
        // Collections left out are empty: a JSON dataset with only some lists is fine too.
        let json = DS.check(
            #"{"kind": "lle-dataset", "lles": [{"id": "L1", "name": "A", "home_school_urn": "100001", "designated_on": "2014-01-01", "route": "nctl_national", "status": "active"}]}"#
        )
        #expect(json.map { "\($0.record.kind) \($0.record.id ?? "-") \($0.decision)" } == ["lles L1 compliant"])
    }

    @Test func theTextReportGroupsByCollectionAndEndsWithASummary() {
        var renderer = DatasetTextRenderer()
        let text = Self.example.map { renderer.render($0) }.joined() + renderer.finish()
        let headings = ["TSAs", "LLEs", "Associations", "Deployments", "Alliance memberships"]
        let positions = headings.map { text.range(of: "\n\($0)\n")?.lowerBound }
        #expect(positions.allSatisfy { $0 != nil })
        #expect(positions.compactMap { $0 } == positions.compactMap { $0 }.sorted())
        #expect(text.hasPrefix("Dataset examples/datasets/kyra.yaml\n"))
        #expect(text.contains("  ✘ LLE-004  Sam Patel: BREACH of AS-2  examples/datasets/kyra.yaml:55\n"))
        #expect(text.contains("  ✔ LLE-001  Jane Example: compliant\n"))
        #expect(text.contains("LLE-004 is associated with TSA-KYRA from 1 October 2014 (ASSOC-4a) and with"))
        #expect(text.contains("\nSummary\n43 records checked: 30 compliant, 11 breach and 2 incomplete.\n"))
        #expect(text.contains("  Deployments: 12 (7 compliant, 5 breach)\n"))
        #expect(text.contains("Breaches by rule:\n  AS-0  Association refers to real records: 1 — ASSOC-012\n"))
        #expect(text.contains("  D-5   Commission on record: 1 — DEP-011\n"))
        #expect(text.contains("Advisory warnings by rule:\n  AS-10  Association within designation: 1 — ASSOC-011\n"))
        #expect(text.hasSuffix("Incomplete records (2): LLE-007 (AS-4), ASSOC-007 (AS-5)\n"))
    }

    @Test func theSummaryListsAFewIdsThenCounts() {
        var deployments = ""
        for i in 1...12 { deployments += DS.deployment("DEP-\(i)", lle: "LLE-404") }
        let r = DS.check(DS.dataset(deployments: deployments))
        var renderer = DatasetTextRenderer()
        let text = r.map { renderer.render($0) }.joined() + renderer.finish()
        #expect(
            text.contains("  D-1  Deployed LLE holds an active designation: 12 — DEP-1, DEP-2, DEP-3, DEP-4, DEP-5, DEP-6, DEP-7, DEP-8 and 4 more\n")
        )
    }

    @Test func ruleIdsSortNaturally() {
        #expect(["D-W1", "AS-10", "D-1", "AS-2", "AS-0"].sorted(by: RuleIDOrder.less) == ["AS-0", "AS-2", "AS-10", "D-1", "D-W1"])
    }
}

extension Array where Element: Hashable {
    func uniqued() -> [Element] {
        var seen = Set<Element>()
        return filter { seen.insert($0).inserted }
    }
}
