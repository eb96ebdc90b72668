import Eligo
@testable import EligoWeb
import Foundation
import HTTPTypes
import HummingbirdTesting
import Testing

/// The self-check without JavaScript: every step is a plain form post the server answers with a page.
@Suite struct FormTests {
    static let kind = "/self-check/lle-application"

    @Test func theFormIsGeneratedFromTheSchema() async throws {
        try await Web.app().test(.router) { client in
            let (response, page) = try await client.send(Self.kind)
            #expect(response.status == .ok)
            #expect(response.headers[.contentType] == "text/html; charset=utf-8")
            // Questions, hints and choices come from rules/schema/lle-application.yaml.
            let schema = try Web.store().library.schemas["lle-application"]!
            let role = try #require(schema.root.field(atPath: "applicant.role"))
            #expect(page.contains(HTML.escape(FormLabels.label(role))))
            #expect(page.contains("name=\"applicant.headships[0].start[day]\""))
            #expect(page.contains("name=\"action\" value=\"add:applicant.headships\""))
            #expect(page.contains("<legend"))
            // An empty form says what is still needed, never "invalid" or "not given (not given)".
            #expect(page.contains("Not decided yet:"))
            #expect(page.contains("required questions still to answer"))
            #expect(!page.contains("Invalid"))
            #expect(!page.contains("not given (not given)"))
            #expect(page.contains("School 1"))
            #expect(page.contains("this service stores nothing you enter"))
        }
    }

    @Test func addAnotherAndRemoveArePlainSubmitButtons() async throws {
        try await Web.app().test(.router) { client in
            let (_, two) = try await client.form(
                Self.kind, "count:applicant.headships=1&applicant.headships[0].school_urn=111111&action=add:applicant.headships")
            #expect(two.contains("name=\"applicant.headships[1].school_urn\""))
            #expect(two.contains("value=\"111111\""))
            #expect(two.contains("Remove headship 2"))
            #expect(!two.contains("There is a problem"), "add another shows no errors yet")
            // Removing the first moves the second up, keeping its answer.
            let body =
                "count:applicant.headships=2&applicant.headships[0].school_urn=111111&applicant.headships[1].school_urn=222222&action=remove:applicant.headships[0]"
            let (_, one) = try await client.form(Self.kind, body)
            #expect(one.contains("value=\"222222\""))
            #expect(!one.contains("value=\"111111\""))
            #expect(!one.contains("name=\"applicant.headships[1].school_urn\""))
        }
    }

    @Test func continueShowsCheckYourAnswersThenTheResult() async throws {
        let answers = try Web.formBody(record: "examples/applicants/a2-short-headship.yaml")
        try await Web.app().test(.router) { client in
            let (_, check) = try await client.form(Self.kind, answers + "&action=continue")
            #expect(check.contains("<h1 class=\"heading-xl\">Check your answers</h1>"))
            #expect(check.contains("Priya Sandhu"))
            #expect(check.contains("1 September 2012"))
            #expect(check.contains("action=\"\(Self.kind)/result\""))
            // The confirm button posts the hidden answers; the result is the engine's.
            let (_, result) = try await client.form(Self.kind + "/result", answers)
            #expect(result.contains("Not eligible"))
            #expect(result.contains("id=\"rule-LLE-A2\""))
            #expect(result.contains("You will meet this from <strong>1 September 2015</strong>"))
            #expect(result.contains("Brookfield Primary School"))
            // "Change your answers" goes back to the filled-in form.
            let (_, edit) = try await client.form(Self.kind, answers + "&action=edit")
            #expect(edit.contains("value=\"Priya Sandhu\""))
            #expect(!edit.contains("There is a problem"))
        }
    }

    @Test func anEligibleApplicantIsToldSo() async throws {
        let answers = try Web.formBody(record: "examples/applicants/eligible-primary.yaml")
        try await Web.app().test(.router) { client in
            let (_, result) = try await client.form(Self.kind + "/result", answers)
            #expect(result.contains("<h1 class=\"panel-title\">Eligible</h1>"))
            #expect(!result.contains("tag-fail\">Not met"))
        }
    }

    @Test func aMissingAnswerAndAnImpossibleDateLinkFromTheErrorSummary() async throws {
        let answers = try Web.formBody(
            record: "examples/applicants/a2-short-headship.yaml",
            extra: ["applicant.headships[0].start[day]": "31", "applicant.headships[0].start[month]": "2"],
            drop: ["applicant.name"])
        try await Web.app().test(.router) { client in
            let (response, page) = try await client.form(Self.kind, answers + "&action=continue")
            #expect(response.status == .ok)
            #expect(page.contains("<title>Error: Self-check"))
            let summary = try #require(page.range(of: "id=\"error-summary\"").map { String(page[$0.lowerBound...].prefix(2000)) })
            #expect(summary.contains("<a href=\"#f-applicant-name\">Enter your name</a>") || summary.contains("href=\"#f-applicant-name\""))
            #expect(summary.contains("href=\"#f-applicant-headships-0-start\""))
            // Each linked id exists, with the inline error beside the field.
            #expect(page.contains("id=\"f-applicant-name\""))
            #expect(page.contains("id=\"f-applicant-headships-0-start-error\""))
            #expect(page.contains("id=\"f-applicant-name-error\""))
            // The other answers are kept.
            #expect(page.contains("value=\"Brookfield Primary School\""))
        }
    }

    @Test func theLivePanelFollowsTheAnswers() async throws {
        let answers = try Web.formBody(record: "examples/applicants/a2-short-headship.yaml")
        try await Web.app().test(.router) { client in
            let (_, empty) = try await client.form(Self.kind + "/live", "")
            #expect(empty.contains("Not decided yet"))
            #expect(empty.contains("Still needed: Current role"))
            let (_, full) = try await client.form(Self.kind + "/live", answers)
            #expect(full.contains("Not eligible"))
            #expect(full.contains("c-fail\"><strong class=\"tag tag-fail\">Not met</strong> <span class=\"criterion-id\">LLE-A2</span>"))
            #expect(!full.contains("Still needed: Current role"))
        }
    }

    @Test func theAnswersDownloadAsARecordThatLoadsBack() async throws {
        let answers = try Web.formBody(record: "examples/applicants/a2-short-headship.yaml")
        try await Web.app().test(.router) { client in
            let (download, yaml) = try await client.form(Self.kind + "/download?format=yaml", answers)
            #expect(download.headers[.contentDisposition]?.contains("self-check-answers.yaml") == true)
            let library = try Web.store().library
            let report = library.check(bytes: Array(yaml.utf8), path: "saved", options: CheckOptions(today: Web.today))[0]
            #expect(report.decision == "not_eligible")
            #expect(report.rules.first { $0.id == "LLE-A2" }?.outcome == .fail)
            let boundary = "XyZ"
            let upload =
                "--\(boundary)\r\nContent-Disposition: form-data; name=\"record\"; filename=\"a.yaml\"\r\nContent-Type: application/yaml\r\n\r\n\(yaml)\r\n--\(boundary)--\r\n"
            let (_, form) = try await client.send(Self.kind + "/load", .post, body: upload, type: "multipart/form-data; boundary=\(boundary)")
            #expect(form.contains("value=\"Priya Sandhu\""))
            #expect(form.contains("value=\"102745\""))
        }
    }
}
