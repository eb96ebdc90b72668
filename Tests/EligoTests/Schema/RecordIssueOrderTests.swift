import Testing
@testable import Eligo

/// A record's issues are listed in one order whichever reader found them: by path in the
/// schema's field order (a mapping before its fields, undeclared fields after the declared
/// ones, list entries by number), then by id and message.
@Suite("one order for a record's issues") struct RecordIssueOrderTests {
    static func issue(_ path: String, _ id: String = "record.bad-value", _ message: String = "m") -> RecordIssue {
        RecordIssue(.error, id, path: path, message)
    }

    @Test func bySchemaOrderThenIdWhateverOrderTheyWereFoundIn() throws {
        let lib = Inline.library(rules: Inline.rule("true"))
        let type = try #require(lib.schemas["t"]?.root)
        let expected = [
            Self.issue("", "record.wrong-shape"),
            Self.issue("a"),
            Self.issue("n", "record.bad-value"),
            Self.issue("n", "record.out-of-range"),
            Self.issue("person", "record.wrong-shape"),
            Self.issue("person.name"),
            Self.issue("person.age"),
            Self.issue("person.nmae", "record.unknown-field"),
            Self.issue("periods[0].role"),
            Self.issue("periods[1].start"),
            Self.issue("periods[1].end"),
            Self.issue("periods[2]", "record.null-item"),
            Self.issue("periods[10].start", "record.missing-field"),
            Self.issue("referee", "record.unknown-field", "a"),
            Self.issue("referee", "record.unknown-field", "b"),
            Self.issue("zzz", "record.unknown-field")
        ]
        var g = SplitMix64(seed: 16)
        for _ in 0..<20 {
            #expect(type.ordered(expected.shuffled(using: &g)).map(\.path) == expected.map(\.path))
            #expect(type.ordered(expected.shuffled(using: &g)) == expected)
        }
    }

    /// Through `check`: a YAML record whose problems are written bottom-up lists them top-down,
    /// as the same record as a JSON line or a CSV row does (ReaderAgreementTests compares them).
    @Test func aYAMLRecordListsItsIssuesInSchemaOrderNotLineOrder() throws {
        let lib = Inline.library(rules: Inline.rule("true"))
        let report = try #require(Inline.report(lib, record: "kind: t\nperson:\n  age: old\nn: many\na: maybe\n"))
        #expect(report.errors.map(\.path) == ["a", "n", "person.age"])
        #expect(report.errors.map(\.line) == [5, 4, 3])
    }
}
