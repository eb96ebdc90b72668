import Eligo
@testable import EligoWeb
import Foundation
import HTTPTypes
import HummingbirdTesting
import NIOCore
import Testing

@Suite struct APITests {
    @Test func healthAndRulesetsNameTheLiveRules() async throws {
        let store = try Web.store()
        try await Web.app(store: store).test(.router) { client in
            let (health, healthBody) = try await client.send("/health")
            #expect(health.status == .ok)
            #expect(try json(healthBody)["status"] as? String == "ok")
            let (_, body) = try await client.send("/v1/rulesets")
            let sets = try #require(try json(body)["rulesets"] as? [[String: Any]])
            #expect(sets.map { $0["digest"] as? String } == store.library.ruleSets.map({ $0.digest }))
            let v2016 = try #require(sets.first { $0["version"] as? String == "2016.1" })
            #expect(v2016["effective_from"] as? String == "2016-12-01")
        }
    }

    @Test func checkGivesTheSameReportAsTheLibraryWithADecisionID() async throws {
        let yaml = try Web.text("examples/applicants/a2-short-headship.yaml")
        try await Web.app().test(.router) { client in
            let (response, body) = try await client.send("/v1/check", .post, body: yaml, type: "application/yaml")
            #expect(response.status == .ok)
            #expect(response.headers[.contentType] == "application/json")
            let report = try json(body)
            #expect((report["decision_id"] as? String)?.hasPrefix("dec_") == true)
            #expect(report["decision"] as? String == "not_eligible")
            let rules = try #require(report["rules"] as? [[String: Any]])
            let a2 = try #require(rules.first { $0["id"] as? String == "LLE-A2" })
            #expect(a2["outcome"] as? String == "fail")
            #expect(a2["passes_from"] as? String == "2015-09-01")
            // Byte for byte the library's report, once the id is taken out.
            let library = try Web.store().library
            let expected = JSONReportRenderer.line(
                library.check(bytes: Array(yaml.utf8), path: "request", options: CheckOptions(today: Web.today))[0])
            let id = report["decision_id"] as! String
            #expect(body.replacingOccurrences(of: "\"decision_id\":\"\(id)\",", with: "") == expected)
        }
    }

    /// A JSON body, on one line or pretty-printed, is read by the fast reader (JSONBodyChecker);
    /// its report is still what `eligo check --format json` gives for the record (the YAML path:
    /// `RuleLibrary.check(bytes:)` rendered by `JSONReportRenderer`, as CheckCommand does).
    @Test func aJSONRecordGetsWhatEligoCheckGives() async throws {
        let compact = try Web.text("Benchmarks/serve/applicant.json")
        let object = try JSONSerialization.jsonObject(with: Data(compact.utf8))
        let pretty = String(decoding: try JSONSerialization.data(withJSONObject: object, options: [.prettyPrinted, .sortedKeys]), as: UTF8.self)
        let blank = compact.replacingOccurrences(of: "\"role\": \"headteacher\"", with: "\"role\": null")
        #expect(pretty.split(separator: "\n").count > 20 && blank != compact)
        let store = try Web.store()
        try await Web.app(store: store).test(.router) { client in
            for (body, decision) in [(compact, "eligible"), (pretty, "eligible"), (blank, "incomplete")] {
                // The benchmark's record is the plain case: the fast reader answers for it.
                #expect(store.jsonReader.check(Array(body.utf8), path: "request", options: CheckOptions(today: Web.today)) != nil)
                let (response, text) = try await client.send("/v1/check", .post, body: body)
                #expect(response.status == .ok)
                #expect(response.headers[.contentType] == "application/json")
                let id = try #require(try json(text)["decision_id"] as? String)
                #expect(id.count == 28 && id.hasPrefix("dec_") && id.dropFirst(4).allSatisfy(\.isHexDigit))
                let cli = store.library.check(bytes: Array(body.utf8), path: "request", options: CheckOptions(today: Web.today))
                #expect(cli.count == 1)
                #expect(text.replacingOccurrences(of: "\"decision_id\":\"\(id)\",", with: "") == JSONReportRenderer.line(cli[0]))
                #expect(try json(text)["decision"] as? String == decision)
            }
            // Each decision has its own id.
            let first = try json(try await client.send("/v1/check", .post, body: compact).1)["decision_id"] as? String
            let second = try json(try await client.send("/v1/check", .post, body: compact).1)["decision_id"] as? String
            #expect(first != nil && first != second)
        }
    }

    /// A pretty-printed body the fast reader cannot read still gets a problem+json naming the
    /// line and column where it goes wrong, from the YAML path, as before.
    @Test func aBrokenPrettyPrintedBodyIsA400AtItsLine() async throws {
        let body = "{\n  \"kind\": \"lle-application\",\n  \"id\": \"X\"\n  \"submitted_on\": \"2014-10-13\"\n}\n"
        let store = try Web.store()
        #expect(store.jsonReader.check(Array(body.utf8), path: "request", options: CheckOptions(today: Web.today)) == nil)
        try await Web.app(store: store).test(.router) { client in
            let (response, text) = try await client.send("/v1/check", .post, body: body)
            #expect(response.status == .badRequest)
            #expect(response.headers[.contentType] == "application/problem+json")
            let errors = try #require(try json(text)["errors"] as? [[String: Any]])
            #expect(errors.first?["line"] as? Int == 4)
            #expect(errors.first?["column"] as? Int == 3)
        }
    }

    @Test func asOfChoosesTheRuleVersionAndABadOneIsA400() async throws {
        let yaml = try Web.text("examples/applicants/eligible-primary.yaml")
        try await Web.app().test(.router) { client in
            let (_, body) = try await client.send("/v1/check?as_of=2017-01-10", .post, body: yaml, type: "application/yaml")
            let report = try json(body)
            #expect((report["ruleset"] as? [String: Any])?["version"] as? String == "2016.1")
            #expect(report["as_of"] as? String == "2017-01-10")
            let (bad, badBody) = try await client.send("/v1/check?as_of=2017-02-30", .post, body: yaml, type: "application/yaml")
            #expect(bad.status == .badRequest)
            #expect(bad.headers[.contentType] == "application/problem+json")
            #expect(badBody.contains("\"path\":\"as_of\""))
        }
    }

    @Test func malformedJSONIsA400WithItsPosition() async throws {
        try await Web.app().test(.router) { client in
            let (response, body) = try await client.send("/v1/check", .post, body: "{\"kind\": \"lle-application\", \"id\": ")
            #expect(response.status == .badRequest)
            #expect(response.headers[.contentType] == "application/problem+json")
            let problem = try json(body)
            #expect(problem["status"] as? Int == 400)
            let errors = try #require(problem["errors"] as? [[String: Any]])
            #expect(errors.first?["line"] as? Int == 1)
        }
    }

    /// A body saved as Latin-1 is not well-formed (400), and the problem says where and what to do.
    @Test func aBodyThatIsNotUTF8IsA400AtItsByte() async throws {
        let body = Array(#"{"kind":"lle-application","id":"X","applicant":{"name":"Jos"#.utf8) + [0xE9] + Array(#""}}"#.utf8)
        try await Web.app().test(.router) { client in
            let (response, text) = try await client.send("/v1/check", .post, bytes: body)
            #expect(response.status == .badRequest, "\(text)")
            let errors = try #require(try json(text)["errors"] as? [[String: Any]])
            #expect(errors.count == 1 && errors.first?["id"] as? String == "record.invalid-utf8", "\(errors)")
            #expect(errors.first?["line"] as? Int == 1)
            #expect((errors.first?["message"] as? String)?.contains("save it as UTF-8") == true)
        }
    }

    @Test func wrongTypesAndBadDatesAre422WithTheirPaths() async throws {
        let record =
            #"{"kind":"lle-application","id":"X","submitted_on":"2014-02-30","applicant":{"name":"A","role":"headteacher","expects_to_remain_years":"many"},"schools":[]}"#
        try await Web.app().test(.router) { client in
            let (response, body) = try await client.send("/v1/check", .post, body: record)
            #expect(response.status == .unprocessableContent)
            let errors = try #require(try json(body)["errors"] as? [[String: Any]])
            let paths = Set(errors.compactMap { $0["path"] as? String })
            #expect(paths.isSuperset(of: ["submitted_on", "applicant.expects_to_remain_years", "schools"]))
            #expect(errors.contains { ($0["message"] as? String)?.contains("not a real calendar date") == true })
        }
    }

    @Test func aBodyOverTheCapIsA413() async throws {
        var configuration = Web.configuration()
        configuration.maxCheckBytes = 1000
        try await Web.app(configuration: configuration).test(.router) { client in
            let big = "{\"id\": \"" + String(repeating: "x", count: 5000) + "\"}"
            let (response, body) = try await client.send("/v1/check", .post, body: big)
            #expect(response.status == .contentTooLarge)
            #expect(try json(body)["limit_bytes"] as? String == "1000")
        }
    }

    @Test func hostileBodiesNeverGiveA500() async throws {
        let bodies = [
            "", "null", "[]", "[1,2,3]", "\"text\"", String(repeating: "[", count: 5000),
            "a: &a [*a]", "{\"kind\": 7}", "\u{0}\u{1}\u{2}", "--- 1\n--- 2\n",
            #"{"kind":"lle-application","schools":[{"performance":[{"year":1e400}]}]}"#
        ]
        try await Web.app().test(.router) { client in
            for body in bodies {
                let (response, text) = try await client.send("/v1/check", .post, body: body)
                #expect([400, 422].contains(response.status.code), "\(body.prefix(20)): \(response.status) \(text.prefix(200))")
                #expect(response.headers[.contentType] == "application/problem+json")
            }
            // And the server still answers afterwards.
            #expect(try await client.send("/health").0.status == .ok)
        }
    }

    @Test func screenStreamsOneResultPerRecordInOrder() async throws {
        let lines =
            [
                #"{"kind":"lle-application","id":"R1"}"#,
                "not json",
                #"{"kind":"lle-application","id":"R3"}"#
            ].joined(separator: "\n") + "\n"
        try await Web.app().test(.router) { client in
            let (response, body) = try await client.send("/v1/screen", .post, body: lines, type: "application/x-ndjson")
            #expect(response.status == .ok)
            let out = body.split(separator: "\n").map(String.init)
            #expect(out.count == 3)
            let reports = try out.map { try json($0) }
            #expect(reports.map { ($0["record"] as? [String: Any])?["id"] as? String } == ["R1", nil, "R3"])
            #expect(reports[1]["decision"] as? String == "invalid")
            #expect(Set(reports.compactMap { $0["decision_id"] as? String }).count == 3)
        }
    }

    @Test func everyResponseCarriesTheSecurityHeaders() async throws {
        try await Web.app().test(.router) { client in
            for uri in ["/health", "/self-check/lle-application", "/no-such-page"] {
                let (response, _) = try await client.send(uri)
                #expect(response.headers[.contentSecurityPolicy]?.contains("frame-ancestors 'none'") == true, "\(uri)")
                #expect(response.headers[.xContentTypeOptions] == "nosniff")
                #expect(response.headers[.cacheControl] == "no-store")
            }
            let (missing, body) = try await client.send("/no-such-page")
            #expect(missing.status == .notFound)
            #expect(try json(body)["title"] as? String == "Not found")
        }
    }
}
