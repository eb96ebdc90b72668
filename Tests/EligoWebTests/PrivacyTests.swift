import Eligo
@testable import EligoWeb
import Foundation
import HTTPTypes
import HummingbirdTesting
import Testing

/// The server stores nothing and logs no record content: only decisions, digests, timing.
@Suite struct PrivacyTests {
    /// Answers from examples/applicants/a2-short-headship.yaml that must never reach the log.
    static let personal = ["Priya", "Sandhu", "102745", "Brookfield", "2012-09-01", "Claire", "Doherty", "literacy", "APP-2014-103"]

    @Test func theLogHoldsDecisionsAndDigestsButNoAnswers() async throws {
        let capture = LogCapture()
        let store = try Web.store()
        let yaml = try Web.text("examples/applicants/a2-short-headship.yaml")
        let answers = try Web.formBody(record: "examples/applicants/a2-short-headship.yaml")
        try await Web.app(store: store, logger: capture.logger).test(.router) { client in
            let (_, body) = try await client.send("/v1/check?as_of=2014-11-03", .post, body: yaml, type: "application/yaml")
            let id = try #require(try json(body)["decision_id"] as? String)
            _ = try await client.send(
                "/v1/check", .post,
                body: #"{"kind":"lle-application","id":"APP-2014-103","applicant":{"name":"Priya Sandhu"},"submitted_on":"2012-09-01x"}"#)
            _ = try await client.send(
                "/v1/screen", .post, body: #"{"kind":"lle-application","id":"APP-2014-103","applicant":{"name":"Priya Sandhu"}}"# + "\n",
                type: "application/x-ndjson")
            _ = try await client.form("/self-check/lle-application", answers + "&action=continue")
            _ = try await client.form("/self-check/lle-application/live", answers)
            let (_, page) = try await client.form("/self-check/lle-application/result", answers)
            #expect(page.contains("Priya Sandhu"), "the applicant sees her answers")
            // What the log does say: each decision with its id and the rules' digest, and each request's path.
            let log = capture.text
            #expect(log.contains("decision_id=\(id)"))
            #expect(log.contains("decision=not_eligible"))
            #expect(log.contains("digest=\(store.library.ruleSets.first { $0.version == "2014.1" }!.digest)"))
            #expect(log.contains("path=/v1/check"))
            #expect(!log.contains("as_of=2014"), "no query strings")
            for word in Self.personal { #expect(!log.contains(word), "the log holds '\(word)'") }
        }
    }

    @Test func everyPageSaysNothingIsStored() async throws {
        let answers = try Web.formBody(record: "examples/applicants/a2-short-headship.yaml")
        try await Web.app().test(.router) { client in
            for (uri, body) in [("/", nil), ("/self-check/lle-application", nil), ("/self-check/lle-application/result", answers as String?)] {
                let (_, page) = body == nil ? try await client.send(uri) : try await client.form(uri, body!)
                #expect(page.contains("this service stores nothing you enter"), "\(uri)")
            }
            let (response, _) = try await client.form("/self-check/lle-application/result", answers)
            #expect(response.headers[.cacheControl] == "no-store")
            #expect(response.headers[HTTPField.Name("Set-Cookie")!] == nil)
        }
    }

    @Test func theFormsAreCappedAndNeverFailWithA500() async throws {
        var configuration = Web.configuration()
        configuration.maxCheckBytes = 4096
        try await Web.app(configuration: configuration).test(.router) { client in
            let (big, body) = try await client.form("/self-check/lle-application", "applicant.name=" + String(repeating: "x", count: 10_000))
            #expect(big.status == .contentTooLarge)
            #expect(try json(body)["limit_bytes"] as? String == "4096")
            // Nonsense answers come back as the form with its errors, not a failure.
            let hostile = [
                "applicant.headships[0].start[day]=99&applicant.headships[0].start[month]=-1&applicant.headships[0].start[year]=x",
                "count:schools=99999999999999999999&action=continue", "applicant.expects_to_remain_years=1e999&action=continue",
                "%%%&=&action=remove:schools[abc]", "action=add:no.such.list", "count:applicant.headships=-5&action=continue"
            ]
            for body in hostile {
                for uri in ["/self-check/lle-application", "/self-check/lle-application/live", "/self-check/lle-application/result"] {
                    let (response, page) = try await client.form(uri, body)
                    #expect(response.status == .ok, "\(uri) \(body): \(response.status)")
                    #expect(!page.contains("Something went wrong"))
                }
            }
        }
    }
}
