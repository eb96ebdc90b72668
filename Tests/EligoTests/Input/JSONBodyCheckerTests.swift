import Foundation
import Testing
@testable import Eligo

/// `POST /v1/check` reads a JSON body with the batch reader (`JSONBodyChecker`) and leaves
/// anything but the plain case to the YAML path. Where it answers, its report must be the
/// YAML path's report byte for byte; where a record has something to say about its reading,
/// it must not answer, so the problem keeps its message and line:column.
@Suite("a JSON body read fast gets the report eligo check gives") struct JSONBodyCheckerTests {
    typealias Tree = ReaderAgreementTests.Tree
    static let library = RuleLibrary.load(directory: TestRepo.path("rules"))
    static let options = CheckOptions(today: Day(iso: "2015-03-02")!)

    /// The YAML path's report (what `eligo check` gives) and the fast path's, as JSON lines.
    static func both(_ text: String, options: CheckOptions = options) -> (slow: String, fast: String?) {
        let bytes = Array(text.utf8)
        let slow = library.check(bytes: bytes, path: "request", options: options)
        #expect(slow.count == 1)
        let fast = JSONBodyChecker(library: library).check(bytes, path: "request", options: options)
        return (JSONReportRenderer.line(slow[0]), fast.map { JSONReportRenderer.line($0) })
    }

    /// JSON over many lines, indented with `unit` (two spaces, or a tab as `jq --tab` writes).
    static func pretty(_ tree: Tree, _ unit: String, _ indent: String = "") -> String {
        let inner = indent + unit
        switch tree {
        case .null, .scalar: return tree.json
        case .list(let items):
            return items.isEmpty ? "[]" : "[\n" + items.map { inner + pretty($0, unit, inner) }.joined(separator: ",\n") + "\n" + indent + "]"
        case .map(let pairs):
            return pairs.isEmpty
                ? "{}"
                : "{\n"
                    + pairs.map { inner + Tree.scalar($0.0, quoted: true).json + ": " + pretty($0.1, unit, inner) }
                    .joined(separator: ",\n") + "\n" + indent + "}"
        }
    }

    @Test func everyShippedApplicantIsReadFastOnOneLineOrManyWithTheSameReport() throws {
        let examples = try ReaderAgreementTests.records().filter { $0.name.hasSuffix(".yaml") }
        #expect(examples.count >= 5)
        for (name, tree, _) in examples {
            for text in [tree.json, Self.pretty(tree, "  "), Self.pretty(tree, "\t") + "\r\n"] {
                let (slow, fast) = Self.both(text)
                #expect(fast != nil, "\(name) was not read fast")
                #expect(fast == slow, "\(name)")
            }
        }
    }

    @Test func aBlankRequiredFieldIsReadFastAndLeftStillToBeGiven() throws {
        let base = try #require(try ReaderAgreementTests.records().first { $0.name == "eligible-primary.yaml" }?.tree)
        let (slow, fast) = Self.both(Self.pretty(base.setting(["applicant", "role"], to: .null), "  "))
        #expect(fast == slow)
        #expect(slow.contains("\"decision\":\"incomplete\""))
    }

    /// Each variant of ReaderAgreementTests with something wrong is left to the YAML path.
    @Test func aRecordWithProblemsIsLeftToTheYAMLPath() throws {
        let variants = try ReaderAgreementTests.records().filter { !$0.name.hasSuffix(".yaml") && $0.name != "required field left blank" }
        #expect(variants.count > 15)
        for (name, tree, _) in variants {
            let (_, fast) = Self.both(Self.pretty(tree, "  "))
            #expect(fast == nil, "\(name) was read fast")
        }
    }

    @Test func whatTheYAMLPathReadsOtherwiseIsLeftToIt() throws {
        let base = try #require(try ReaderAgreementTests.records().first { $0.name == "eligible-primary.yaml" }?.tree)
        let json = base.json
        #expect(Self.both(json).fast != nil)
        let cases: [(String, String)] = [
            ("a syntax error", String(json.dropLast())),
            ("a field written twice", json.replacingOccurrences(of: "{\"kind\"", with: "{\"submitted_on\":\"2014-01-01\",\"kind\"")),
            ("kind written twice", json.replacingOccurrences(of: "{\"kind\"", with: "{\"kind\":\"lle-application\",\"kind\"")),
            ("another kind", json.replacingOccurrences(of: "\"lle-application\"", with: "\"lle-dataset\"")),
            ("a null kind", json.replacingOccurrences(of: "\"kind\":\"lle-application\"", with: "\"kind\":null")),
            ("a null id", json.replacing(#/"id":"[^"]*"/#, with: "\"id\":null")),
            ("a name beyond ASCII", json.replacingOccurrences(of: "\"name\":\"", with: "\"name\":\"Zoë ")),
            ("a control character", json.replacingOccurrences(of: "\"name\":\"", with: "\"name\":\"\u{7}")),
            ("a byte-order mark", "\u{FEFF}" + json),
            ("YAML", base.yaml())
        ]
        for (name, text) in cases {
            #expect(text != json, "\(name): the test did not change the record")
            #expect(Self.both(text).fast == nil, "\(name) was read fast")
        }
    }

    @Test func withoutAKindTheKindAskedForIsRead() throws {
        let base = try #require(try ReaderAgreementTests.records().first { $0.name == "eligible-primary.yaml" }?.tree)
        guard case .map(let pairs) = base else { Issue.record("not a mapping"); return }
        let text = Tree.map(pairs.filter { $0.0 != "kind" }).json
        // Several kinds and none named: the YAML path says which are known.
        #expect(Self.both(text).fast == nil)
        var options = Self.options
        options.kind = "lle-application"
        let (slow, fast) = Self.both(text, options: options)
        #expect(fast == slow)
        #expect(slow.contains("\"decision\":\"eligible\""))
    }
}
