import Foundation
import Testing
@testable import Eligo

@Suite("Engine: checking record files")
struct EngineTests {
    static let lib = Inline.library(rules: Inline.rule("n > 1"))

    static func reports(_ text: String, path: String = "r.yaml", kind: String? = nil) -> [Report] {
        lib.check(bytes: Array(text.utf8), path: path, options: CheckOptions(today: day("2014-11-03"), kind: kind))
    }

    @Test("each document of a stream gets its own report")
    func multipleDocuments() throws {
        let reports = Self.reports("id: first\nn: 2\n---\nid: second\nn: 0\n---\nid: third\n")
        #expect(reports.map({ $0.record.id }) == ["first", "second", "third"])
        #expect(reports.map({ $0.record.source }) == ["r.yaml#1", "r.yaml#2", "r.yaml#3"])
        #expect(reports.map({ $0.decision }) == ["eligible", "not_eligible", "incomplete"])
        #expect(Self.reports("n: 2\n").first?.record.source == "r.yaml")
    }

    @Test("a YAML error makes that record invalid, with its position, and earlier documents still count")
    func yamlError() throws {
        let reports = Self.reports("n: 2\n---\nn: [1\n")
        #expect(reports.count == 2)
        #expect(reports[0].decision == "eligible")
        #expect(reports[1].decision == "invalid")
        let error = try #require(reports[1].errors.first)
        #expect(error.id == "yaml.syntax")
        #expect(error.file == "r.yaml")
        #expect(error.line == 4)
    }

    @Test("a document that is not a mapping is invalid")
    func notAMapping() throws {
        let report = try #require(Self.reports("- a\n- b\n").first)
        #expect(report.decision == "invalid")
        #expect(report.errors.map({ $0.id }) == ["record.wrong-shape"])
        #expect(report.rules.isEmpty)
    }

    @Test("the record's kind chooses the rules; an unknown kind is invalid with a suggestion")
    func kinds() throws {
        let unknown = try #require(Self.reports("kind: tt\nn: 2\n").first)
        #expect(unknown.decision == "invalid")
        let issue = try #require(unknown.errors.first)
        #expect(issue.id == "record.unknown-kind")
        #expect(issue.suggestion == "t")
        #expect(issue.line == 1)
        #expect(issue.column == 7)
        // Without `kind`, the only kind the rules cover is used; `kind` itself is not an unknown field.
        #expect(Self.reports("n: 2\n").first?.decision == "eligible")
        let withKind = try #require(Self.reports("kind: t\nn: 2\n").first)
        #expect(withKind.decision == "eligible")
        #expect(withKind.warnings.isEmpty)
        #expect(Self.reports("n: 2\n", kind: "zz").first?.decision == "invalid")
    }

    @Test("an input error makes the record invalid, but its rules are still evaluated")
    func invalidButEvaluated() throws {
        let report = try #require(Self.reports("n: 5\nd: 2014-02-30\n").first)
        #expect(report.decision == "invalid")
        #expect(report.outcome == .invalid)
        #expect(report.rules.first?.outcome == .pass)
        #expect(report.errors.first?.path == "d")
    }

    @Test("explain: false skips messages but keeps outcomes")
    func withoutExplanations() throws {
        let report = try #require(
            Self.lib.check(
                bytes: Array("n: 0\n".utf8), path: "r.yaml",
                options: CheckOptions(today: day("2014-11-03"), explain: false)
            ).first)
        #expect(report.decision == "not_eligible")
        #expect(report.rules.first?.outcome == .fail)
    }
}
