import Eligo
@testable import EligoWeb
import Foundation
import HTTPTypes
import HummingbirdTesting
import Testing

/// Policy staff edit the rules while the server runs: a good change is in force for the
/// next request, a broken one leaves the last good rules serving and is logged.
@Suite struct ReloadTests {
    static let rulesFile = "lle-eligibility-2014.yaml"
    static let threeYears = "    value: 3\n    description: \"Substantive headteacher for"

    /// Changes the 2014 rules' minimum headship from 3 years to `years`.
    static func setMinimumHeadship(_ years: String, in dir: String) throws {
        let path = dir + "/" + rulesFile
        let text = try String(contentsOfFile: path, encoding: .utf8)
        #expect(text.contains(threeYears))
        try text.replacingOccurrences(of: threeYears, with: threeYears.replacingOccurrences(of: "value: 3", with: "value: \(years)"))
            .write(toFile: path, atomically: false, encoding: .utf8)
    }

    static func digest(_ body: String, version: String) throws -> String? {
        let sets = try #require(try json(body)["rulesets"] as? [[String: Any]])
        return sets.first { $0["version"] as? String == version }?["digest"] as? String
    }

    @Test func aChangeThatLoadsIsInForceForTheNextRequest() async throws {
        let dir = try Web.copyOfRules()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let store = try Web.store(dir)
        let capture = LogCapture()
        let record = try Web.text("examples/applicants/a2-short-headship.yaml")
        try await Web.app(store: store, logger: capture.logger).test(.router) { client in
            let (_, before) = try await client.send("/v1/check", .post, body: record, type: "application/yaml")
            #expect(try json(before)["decision"] as? String == "not_eligible")
            let oldDigest = try #require(try Self.digest(try await client.send("/v1/rulesets").1, version: "2014.1"))
            #expect((try json(before)["ruleset"] as? [String: Any])?["digest"] as? String == oldDigest)

            #expect(store.reload() == .unchanged, "nothing changed yet")
            try Self.setMinimumHeadship("2", in: dir)
            guard case .loaded = store.reload(logger: capture.logger) else { Issue.record("the edit did not load"); return }

            let (_, after) = try await client.send("/v1/check", .post, body: record, type: "application/yaml")
            let report = try json(after)
            #expect(report["decision"] as? String == "eligible", "two years' headship are enough now")
            let newDigest = try #require(try Self.digest(try await client.send("/v1/rulesets").1, version: "2014.1"))
            #expect(newDigest != oldDigest)
            #expect((report["ruleset"] as? [String: Any])?["digest"] as? String == newDigest, "the report carries the digest it was decided with")
            #expect(capture.text.contains("rules reloaded"))
            // The form's page uses the new rules too.
            let answers = try Web.formBody(record: "examples/applicants/a2-short-headship.yaml")
            let (_, result) = try await client.form("/self-check/lle-application/result", answers)
            #expect(result.contains("<h1 class=\"panel-title\">Eligible</h1>"))
        }
    }

    @Test func aBrokenChangeKeepsTheLastGoodRulesAndIsLogged() async throws {
        let dir = try Web.copyOfRules()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let store = try Web.store(dir)
        let capture = LogCapture()
        let record = try Web.text("examples/applicants/a2-short-headship.yaml")
        try await Web.app(store: store, logger: capture.logger).test(.router) { client in
            let goodDigest = try Self.digest(try await client.send("/v1/rulesets").1, version: "2014.1")
            try Self.setMinimumHeadship("three", in: dir)
            guard case .rejected(let errors) = store.reload(logger: capture.logger) else { Issue.record("a broken edit loaded"); return }
            #expect(errors >= 1)
            // The diagnostics name the file, line and column.
            #expect(capture.text.contains("do not load"))
            #expect(capture.text.contains(Self.rulesFile + ":"))
            let (_, sets) = try await client.send("/v1/rulesets")
            #expect(try Self.digest(sets, version: "2014.1") == goodDigest, "the last good rules keep serving")
            let lastError = try #require(try json(sets)["last_reload_error"] as? [String])
            #expect(lastError.joined().contains(Self.rulesFile))
            let (response, body) = try await client.send("/v1/check", .post, body: record, type: "application/yaml")
            #expect(response.status == .ok)
            #expect(try json(body)["decision"] as? String == "not_eligible")

            // Fixing the file brings the new rules in and clears the error.
            let path = dir + "/" + Self.rulesFile
            let text = try String(contentsOfFile: path, encoding: .utf8)
            try text.replacingOccurrences(of: "value: three", with: "value: 2").write(toFile: path, atomically: false, encoding: .utf8)
            guard case .loaded = store.reload(logger: capture.logger) else { Issue.record("the fix did not load"); return }
            #expect(try json(try await client.send("/v1/rulesets").1)["last_reload_error"] == nil)
            #expect(
                try json(try await client.send("/v1/check", .post, body: record, type: "application/yaml").1)["decision"] as? String == "eligible")
        }
    }

    @Test func sighupAndTheWatcherReload() async throws {
        let dir = try Web.copyOfRules()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let store = try Web.store(dir)
        let before = store.library.ruleSets.map(\.digest)
        // A forced reload (what SIGHUP asks) reloads even when nothing changed, and keeps the same digests.
        #expect(store.reload(force: true) == .loaded(digests: before))
        // The watcher notices an edit on its own.
        let capture = LogCapture()
        let watcher = RulesWatcher(store: store, interval: .milliseconds(20), logger: capture.logger)
        let task = Task { try await watcher.run() }
        defer { task.cancel() }
        try Self.setMinimumHeadship("2", in: dir)
        // The store swaps the library in and then logs, so wait for the log line: once it is
        // there, the new rules are in force (waiting on the digests alone raced the log).
        var waited = 0
        while !capture.text.contains("rules reloaded") && waited < 1500 {
            try await Task.sleep(for: .milliseconds(20))
            waited += 1
        }
        #expect(capture.text.contains("rules reloaded"))
        #expect(store.library.ruleSets.map(\.digest) != before, "the watcher reloaded the edited rules")
    }
}
