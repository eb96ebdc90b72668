import Foundation
import Testing
@testable import Eligo

/// What a reviewer hands on: CSV, Markdown and HTML results that carry who, which school, every
/// reason, and the rules they were decided under.
@Suite("reviewer outputs") struct ReviewerOutputTests {
    static let input = "examples/applicants/applicants.csv"

    @Test func csvCarriesTheApplicantTheSchoolEveryReasonAndTheRules() throws {
        let r = try CLI.run(["screen", "-q", "--format", "csv", Self.input])
        let lines = r.stdout.split(separator: "\n").map(String.init)
        #expect(lines.first == "id,name,subject,decision,as_of,failed,unknown,needs,reasons,source,ruleset,version,digest,run_date")
        // Every row says when it was decided, so a row copied out of the file is still an audit record.
        #expect(lines.dropFirst().allSatisfy { $0.hasSuffix(",\(Day(ordinal: time(nil) / 86_400))") })
        let partB = try #require(lines.first { $0.hasPrefix("APP-2014-114,") })
        #expect(partB.hasPrefix("APP-2014-114,Simon Ashworth,Harwood Lane Primary School (105522),not_eligible,2014-11-11,LLE-A5,"))
        // Every reason, the part B failures among them, and never a pointer to a part the cell does not hold.
        #expect(
            partB.contains(
                " | LLE-B1 (Harwood Lane Primary School (105522)): Judged grade 3 overall at its inspection on 19 March 2014; grade 2 or better is required. | LLE-B2 (Harwood Lane Primary School (105522)): "
            ))
        #expect(partB.contains(",lle-eligibility,2014.1,sha256:"))
        #expect(!r.stdout.contains("see part B below"))
        #expect(!r.stdout.contains("missing information below"))
    }

    @Test func markdownNamesTheApplicantAndSchoolAndTitlesTheMostOftenNotMet() throws {
        let r = try CLI.run(["screen", "-q", "--format", "markdown", Self.input])
        // A header block says what the file is: input, rules (id, version, digest), assessment date, run date.
        #expect(r.stdout.hasPrefix("> Input: examples/applicants/applicants.csv. Rules: lle-eligibility 2014.1 (sha256:"))
        #expect(r.stdout.contains("Assessed as of each record's own date. Run on "))
        #expect(r.stdout.contains("\n\n| Applicant | School | Decision | Reasons (criteria not met or needing information) |\n"))
        #expect(
            r.stdout.contains(
                "| Priya Sandhu, APP-2014-103 | Brookfield Primary School (102745) | not eligible | LLE-A2: You have 2 years 2 months of substantive headship; 3 years are required (as of 3 November 2014). |\n"
            ))
        #expect(r.stdout.contains("| LLE-A2 3 years' substantive headship | "))
    }

    @Test func theHTMLPageWorksAtPhoneWidthByKeyboardAndWithoutJavaScript() throws {
        let r = try CLI.run(["screen", "-q", "--format", "html", Self.input])
        let page = r.stdout
        #expect(page.contains("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">"))
        #expect(
            page.contains(
                "<h1>Screening results</h1>\n<p class=\"provenance\">Input: examples/applicants/applicants.csv. Rules: lle-eligibility 2014.1 (sha256:"
            ))
        #expect(page.contains("@media (max-width:40em)"))
        #expect(page.contains("<main>") && page.contains("</main>"))
        #expect(page.contains("<label for=\"filter\""))
        #expect(page.contains("<th aria-sort=\"none\"><button type=\"button\" data-k=\"0\">Applicant</button></th>"))
        #expect(
            page.contains(
                "<tr class=\"rec\" tabindex=\"0\" aria-expanded=\"false\" data-decision=\"not_eligible\"><td>Priya Sandhu (APP-2014-103)</td><td>Brookfield Primary School (102745)</td>"
            ))
        #expect(page.contains("id=\"expand-all\""))
        #expect(page.contains("<select id=\"decision\">"))
        // Without JavaScript the explanations show (they are hidden only under .js) and the summary is on the page.
        #expect(page.contains(".js tr.detail{display:none}"))
        #expect(!page.contains("tr.detail{display:none}tr") && !page.contains("<template"))
        #expect(page.contains("<section id=\"summary-content\" aria-label=\"Summary\"><h2>Summary</h2>"))
        #expect(page.contains("<h2>Most often not met</h2>"))
        #expect(page.contains("<td>LLE-A2 3 years&#39; substantive headship</td>"))
    }

    @Test func theProvenanceLineNamesInputRulesAndDates() throws {
        let library = RuleLibrary.load(directory: TestRepo.path("rules"))
        let sets = library.ruleSets.filter { $0.kind == "lle-application" }
        let line = ScreenRenderer.provenance(input: "round.csv", ruleSets: sets, asOf: Day(iso: "2014-11-01"), runOn: Day(iso: "2014-12-01")!)
        #expect(line.hasPrefix("Input: round.csv. Rules: lle-eligibility 2014.1 (sha256:"))
        #expect(line.contains("), lle-eligibility 2016.1 (sha256:"))
        #expect(line.hasSuffix(". Assessed as of 2014-11-01. Run on 2014-12-01."))
    }
}
