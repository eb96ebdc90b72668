import Testing
@testable import Eligo

/// `eligo new KIND`: the template made from a schema checks as it stands, as incomplete.
@Suite("record templates")
struct RecordTemplateTests {
    static let library = RuleLibrary.load(directory: TestRepo.path("rules"))

    @Test func theApplicantTemplateChecksAsIncompleteWithWhatIsStillNeeded() throws {
        let schema = try #require(Self.library.schemas["lle-application"])
        let template = RecordTemplate.yaml(for: schema)
        let reports = Self.library.check(
            bytes: Array(template.utf8), path: "me.yaml",
            options: CheckOptions(today: day("2014-11-14")))
        let report = try #require(reports.first)
        #expect(reports.count == 1)
        #expect(report.errors.isEmpty, "\(report.errors.map({ $0.located }))")
        #expect(report.warnings.isEmpty, "\(report.warnings.map({ $0.located }))")
        #expect(report.outcome == .unknown)
        #expect(report.rules.contains { !$0.needs.isEmpty })
    }

    @Test func everyFieldIsListedWithItsLabelHelpAndWhetherItMayBeLeftOut() throws {
        let schema = try #require(Self.library.schemas["lle-application"])
        let template = RecordTemplate.yaml(for: schema)
        #expect(template.contains("kind: lle-application\n"))
        #expect(template.contains("# Application reference: text; may be left out.\n"))
        #expect(template.contains("# Name: text; needed.\n  name:\n"))
        #expect(template.contains("#   The school's six-digit unique reference number.\n"))
        #expect(template.contains("# Overall effectiveness grade: a whole number from 1 to 4; may be left out.\n"))
        #expect(template.contains("#   teaching_school_head: teaching school headteacher\n"))
        // One example entry for each list of entries.
        #expect(
            template.contains(
                "    - school_urn:\n      # Role: one of substantive_head, executive_head, acting_head, head_of_school; needed.\n      role:\n"))
        #expect(template.contains("  - urn:\n"))
        func names(_ fields: [FieldDeclaration]) -> [String] {
            fields.flatMap { f -> [String] in
                switch f.type {
                case .object(let o), .list(.object(let o)): return [f.name] + names(o.fields)
                default: return [f.name]
                }
            }
        }
        for name in names(schema.root.fields) { #expect(template.contains(name + ":"), "\(name) is not in the template") }
    }

    @Test func theDatasetTemplateIsValidYAMLOfItsKindToo() throws {
        let schema = try #require(Self.library.schemas["lle-dataset"])
        let template = RecordTemplate.yaml(for: schema)
        let reports = Self.library.check(bytes: Array(template.utf8), path: "data.yaml", options: CheckOptions(today: day("2015-06-01")))
        #expect(reports.allSatisfy { $0.errors.allSatisfy { $0.id != "yaml.syntax" && $0.id != "record.wrong-shape" } })
        #expect(!reports.isEmpty)
    }
}
