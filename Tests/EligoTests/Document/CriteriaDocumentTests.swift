import Foundation
import Testing
@testable import Eligo

@Suite("rules doc: the criteria document")
struct CriteriaDocumentTests {
    static let library = RuleLibrary.load(directory: TestRepo.path("rules"))

    static func document(_ version: String) throws -> CriteriaDocument {
        let set = try #require(library.ruleSets.first { $0.version == version })
        return CriteriaDocument(ruleSet: set)
    }

    @Test("every rule of both versions has its statement, with every parameter hole filled")
    func statementsFilled() throws {
        for version in ["2014.1", "2016.1"] {
            let set = try #require(Self.library.ruleSets.first { $0.version == version })
            let markdown = MarkdownCriteriaRenderer.render(CriteriaDocument(ruleSet: set))
            for (_, rule) in set.allRules {
                #expect(markdown.contains("### \(rule.id) · \(MarkdownCriteriaRenderer.escape(rule.title))"))
                let statement = try #require(rule.statement, "\(rule.id) has no statement")
                if !statement.contains("{") {
                    #expect(markdown.contains(MarkdownCriteriaRenderer.escape(statement)))
                }
                if let text = rule.citation?.text { #expect(markdown.contains(MarkdownCriteriaRenderer.escape(text))) }
            }
            #expect(!markdown.contains("{"), "an unfilled hole in \(version)")
            #expect(!markdown.contains("…"))
        }
    }

    @Test("the 2014 statements read with the parameter values")
    func parameterValues() throws {
        let d = try Self.document("2014.1")
        #expect(d.title == "Local Leaders of Education Eligibility Criteria")
        #expect(d.period == "in force from 1 September 2014 to 30 November 2016")
        let statements = d.sections.flatMap({ $0.criteria }).reduce(into: [String: String]()) { $0[$1.id] = $1.statement }
        #expect(statements["LLE-A2"] == "You have been a substantive headteacher for at least 3 years.")
        #expect(statements["LLE-A4"] == "You expect to remain at your current school for at least 2 years.")
        #expect(statements["LLE-R1"] == "Applications are made between 13 October 2014 and 15 December 2014.")
        #expect(statements["LLE-B1"] == "The school was judged good or outstanding (grade 2 or better) at its latest inspection.")
        #expect(statements["LLE-W2"] == "Your home school's section 5 report should be no more than 4 years old.")
        #expect(d.sections.first { $0.id == "B" }?.note?.contains("Schools you are accountable for") == true)
        #expect(d.sections.first { $0.id == "W" }?.criteria.allSatisfy({ $0.advisory }) == true)
        let floor = try #require(d.tables.first { $0.name == "floor" })
        #expect(floor.heading == "Floor standard (attainment %)")
        #expect(floor.columns == ["2012", "2013", "2014", "2015"])
        #expect(floor.rows.first { $0.key == "primary" }?.cells == ["60", "60", "65", "65"])
    }

    @Test("a parameter changed in the rule file changes the document")
    func followsParameters() throws {
        let path = TestRepo.path("rules/lle-eligibility-2014.yaml")
        let text = try String(contentsOfFile: path, encoding: .utf8)
            .replacing("  min_headship_years:\n    type: int\n    value: 3", with: "  min_headship_years:\n    type: int\n    value: 4")
        var lib = RuleLibrary()
        lib.add(files: [(path: "schema.yaml", bytes: try TestRepo.bytes("rules/schema/lle-application.yaml")), (path: path, bytes: Array(text.utf8))])
        let set = try #require(lib.ruleSets.first)
        let markdown = MarkdownCriteriaRenderer.render(CriteriaDocument(ruleSet: set))
        #expect(markdown.contains("You have been a substantive headteacher for at least 4 years."))
    }

    @Test("the HTML page is self-contained, balanced and deterministic")
    func html() throws {
        let docs = [try Self.document("2014.1"), try Self.document("2016.1")]
        let html = HTMLCriteriaRenderer.render(docs)
        #expect(html == HTMLCriteriaRenderer.render(docs))
        #expect(html.hasPrefix("<!DOCTYPE html>\n<html lang=\"en\">"))
        #expect(html.contains("<style>"))
        for external in ["<script", "<link", "src=", "href=", "http://", "https://", "@import", "url("] {
            #expect(!html.contains(external), "\(external)")
        }
        #expect(html.contains("<title>Eligibility criteria</title>"))
        #expect(html.contains("You have been a headteacher for at least 3 years in all"))
        #expect(html.contains("3 years&#39; substantive headship"))
        // Every element we open is closed, in order.
        var stack: [String] = []
        let void: Set<String> = ["meta", "br", "!DOCTYPE"]
        var rest = html[...]
        while let open = rest.firstIndex(of: "<") {
            let close = try #require(rest[open...].firstIndex(of: ">"))
            let tag = rest[rest.index(after: open)..<close]
            let name = String(tag.prefix { $0 != " " && $0 != ">" })
            if name.hasPrefix("/") {
                #expect(stack.popLast() == String(name.dropFirst()), "unbalanced </\(name.dropFirst())>")
            } else if !void.contains(name) {
                stack.append(name)
            }
            rest = rest[rest.index(after: close)...]
        }
        #expect(stack.isEmpty)
    }

    @Test("markdown escapes what would turn into markup")
    func markdownEscapes() {
        #expect(MarkdownCriteriaRenderer.escape("5+ A*-C <b> [x] dcs_or_la") == "5+ A\\*-C \\<b\\> \\[x\\] dcs\\_or\\_la")
    }
}
