import Testing
@testable import Eligo

/// `eligo rules diff`: the shipped 2014.1 → 2016.1 change lists exactly what the 2016 file's header says changed.
@Suite("Rule-set diff") struct RuleSetDiffTests {
    static func shipped() throws -> RuleSetDiff {
        let lib = RuleLibrary.load(directory: TestRepo.path("rules"))
        let old = try #require(lib.ruleSets.first { $0.version == "2014.1" })
        let new = try #require(lib.ruleSets.first { $0.version == "2016.1" })
        return RuleSetDiff(old: old, in: lib, new: new, in: lib)
    }

    static func names(_ d: RuleSetDiff, _ kind: RuleSetDiff.Entry.Kind, _ change: RuleSetDiff.Change) -> [String] {
        d.entries.filter { $0.kind == kind && $0.change == change }.map({ $0.name })
    }

    @Test("2014.1 → 2016.1: acting and head-of-school time, new referees, no window")
    func shippedVersions() throws {
        let d = try Self.shipped()
        // LLE-A2: acting headship and head of school count.
        #expect(Self.names(d, .parameter, .changed) == ["count_acting_headship", "referee_roles"])
        #expect(Self.names(d, .parameter, .added) == ["count_head_of_school"])
        #expect(Self.names(d, .derived, .changed) == ["counted_headship_roles"])
        let acting = try #require(d.entries.first { $0.name == "count_acting_headship" })
        #expect(acting.details == [.init(aspect: "count_acting_headship", before: "false", after: "true")])
        // LLE-A7: MAT chief executives and senior school improvement advisers may be referees.
        let referees = try #require(d.entries.first { $0.name == "referee_roles" })
        #expect(referees.details.contains(.init(aspect: "added", before: nil, after: "mat_chief_executive, senior_school_improvement_adviser")))
        #expect(!referees.details.contains { $0.aspect == "removed" })
        // No national window.
        #expect(Self.names(d, .parameter, .removed) == ["window_opens", "window_closes"])
        #expect(Self.names(d, .rule, .removed) == ["LLE-R1"])
        #expect(Self.names(d, .rule, .added).isEmpty)
        // No rule's condition, applicability or severity changed; the floor tables are the same values.
        #expect(
            !d.entries.contains {
                $0.details.contains { ["condition", "applies when", "severity", "part"].contains($0.aspect) } && $0.change == .changed
            })
        #expect(!d.entries.contains { $0.name == "floor" || $0.name == "national_average" })
        // Places on both sides.
        #expect(acting.oldPlace?.description.hasPrefix(TestRepo.path("rules") + "/lle-eligibility-2014.yaml:41:") == true)
        #expect(acting.newPlace?.description.hasPrefix(TestRepo.path("rules") + "/lle-eligibility-2016.yaml:48:") == true)
        #expect(d.header.map({ $0.aspect }) == ["title", "period"])
    }

    @Test func changeNoteReadsInOrder() throws {
        let text = RuleSetDiffRenderer.render(try Self.shipped(), .text)
        #expect(text.contains("In short: 2 parameters changed, 1 added, 2 removed; 1 derived value changed; 14 rules changed, 1 removed."))
        #expect(text.contains("  changed count_acting_headship: false → true\n"))
        #expect(text.contains("  removed window_opens (was 2014-10-13)\n"))
        // The removed rule comes first among the rules, then the rules whose wording changed beyond their citation.
        let rules = try #require(text.components(separatedBy: "\nRules\n").last)
        #expect(rules.hasPrefix("  removed LLE-R1 Within the application window\n"))
        #expect(rules.range(of: "changed LLE-A2")!.lowerBound < rules.range(of: "changed LLE-A1 ")!.lowerBound)
        let markdown = RuleSetDiffRenderer.render(try Self.shipped(), .markdown)
        #expect(markdown.hasPrefix("## Changes to lle-eligibility: 2014.1 → 2016.1\n"))
        #expect(markdown.contains("- **changed count_acting_headship: false → true** ("))
    }

    @Test("conditions, applicability, severity and table cells; re-wrapping is no change")
    func inlineChanges() throws {
        func lib(_ body: String) -> RuleLibrary { Inline.library(rules: Inline.ruleFile(body)) }
        let before = lib(
            """
            parameters:
              t: {type: int, by: [k], values: {a: 1, b: 2}}
            parts:
              - id: P
                title: P
                rules:
                  - {id: R1, title: One, citation: c, require: 'n >= t["a"]'}
                  - {id: R2, title: Two, citation: c, require: a = true}
                  - {id: R3, title: Three, citation: c, require: b = true}

            """)
        let after = lib(
            """
            parameters:
              t: {type: int, by: [k], values: {a: 1, b: 3, c: 4}}
            parts:
              - id: P
                title: P
                rules:
                  - {id: R1, title: One, citation: c, require: 'n   >=  t["a"]'}
                  - {id: R2, title: Two, citation: c, severity: advisory, when: b = true, require: a = false}
                  - {id: R4, title: Four, citation: c, require: c = true}

            """)
        #expect(before.errors.isEmpty && after.errors.isEmpty)
        let d = RuleSetDiff(old: before.ruleSets[0], in: before, new: after.ruleSets[0], in: after)
        let t = try #require(d.entries.first { $0.name == "t" })
        #expect(t.details == [.init(aspect: "t.b", before: "2", after: "3"), .init(aspect: "t.c", before: nil, after: "4")])
        #expect(!d.entries.contains { $0.name == "R1" })
        let r2 = try #require(d.entries.first { $0.name == "R2" })
        #expect(r2.details.map({ $0.aspect }) == ["condition", "applies when", "severity"])
        #expect(r2.details[0] == .init(aspect: "condition", before: "a = true", after: "a = false"))
        #expect(Self.names(d, .rule, .added) == ["R4"])
        #expect(Self.names(d, .rule, .removed) == ["R3"])
        #expect(RuleSetDiff(old: before.ruleSets[0], in: before, new: before.ruleSets[0], in: before).isEmpty)
    }
}
