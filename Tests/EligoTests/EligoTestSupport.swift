import Foundation
import Testing
@testable import Eligo

/// Shared helpers for the Eligo unit tests: the repository root, inline rule
/// libraries built from YAML strings, and shortcuts for checking records.
enum TestRepo {
    /// The package root, found by walking up from this file to `Package.swift`.
    static let root: String = {
        var url = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
        while url.path != "/" {
            if FileManager.default.fileExists(atPath: url.appendingPathComponent("Package.swift").path) { return url.path }
            url = url.deletingLastPathComponent()
        }
        return URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent().path
    }()

    static func path(_ relative: String) -> String { root + "/" + relative }

    static func text(_ relative: String) throws -> String {
        try String(contentsOfFile: path(relative), encoding: .utf8)
    }

    static func bytes(_ relative: String) throws -> [UInt8] {
        Array(try text(relative).utf8)
    }

    /// The example applicants (`examples/applicants/*.yaml`, by file name) typed against
    /// `library`'s schemas, with the issues typing found: records to evaluate in a test directly.
    static func exampleApplicants(typedBy library: RuleLibrary) throws -> [(value: Value, kind: String, name: String, issues: [RecordIssue])] {
        let folder = path("examples/applicants")
        let files = try FileManager.default.contentsOfDirectory(atPath: folder).filter { $0.hasSuffix(".yaml") }.sorted()
        return try files.compactMap { file in
            let doc = YAMLLoader.load(text: try String(contentsOfFile: folder + "/" + file, encoding: .utf8), path: file).documents
            guard case .success(let node)? = doc.first, let kind = node["kind"]?.scalar, let schema = library.schemas[kind] else { return nil }
            var typer = RecordTyper()
            let value = typer.object(node, as: schema.root, path: "", isRoot: true)
            return (value, kind, file, typer.issues)
        }
    }
}

func day(_ iso: String) -> Day {
    guard let d = Day(iso: iso) else { fatalError("bad test date \(iso)") }
    return d
}

/// Builds rule libraries from inline YAML.
enum Inline {
    /// A small schema with one field of every kind the tests need.
    static let schemaPath = "test-schema.yaml"
    static let rulesPath = "test-rules.yaml"

    static let schema = """
        schema: t
        title: Test record
        fields:
          id: string?
          a: bool?
          b: bool?
          c: bool?
          n: int?
          m: int?
          x: decimal?
          d: date?
          e: date?
          s: string?
          role:
            type: enum?
            values: [head, deputy, other]
          flags: list<bool>?
          nums: list<int>?
          checks:
            type: list?
            items:
              type: object
              fields:
                ok: bool?
          person:
            type: object?
            fields:
              name: string?
              age: int?
          periods:
            type: list?
            items:
              type: object
              fields:
                role:
                  values: [substantive, acting]
                start: date
                end: date?
        """

    static func library(schema: String = Inline.schema, rules: String) -> RuleLibrary {
        var lib = RuleLibrary()
        lib.add(files: [(path: schemaPath, bytes: Array(schema.utf8)), (path: rulesPath, bytes: Array(rules.utf8))])
        return lib
    }

    /// A rule-set file header for kind `t` followed by `body` (parts, derived, ...).
    static func ruleFile(_ body: String, kind: String = "t") -> String {
        """
        ruleset: test-rules
        title: Test rules
        version: "1"
        applies_to: \(kind)

        """ + body
    }

    /// One part `P` with one rule per entry (`id`, `require`, optional `when`), each with a citation.
    static func rules(_ rules: [(id: String, require: String, when: String?)], extra: String = "") -> String {
        var body = extra + "parts:\n  - id: P\n    title: Part P\n    rules:\n"
        for r in rules {
            body += "      - id: \(r.id)\n        title: Rule \(r.id)\n        citation: test\n"
            if let w = r.when { body += "        when: |\n          \(w)\n" }
            body += "        require: |\n          \(r.require)\n"
        }
        return ruleFile(body)
    }

    /// A rule file with one part `P` holding `rules`, each a YAML flow mapping
    /// (`{id: R, title: Enough, citation: test, require: n >= 3}`).
    static func flowRules(_ rules: [String]) -> String {
        ruleFile("parts:\n  - id: P\n    title: Part P\n    rules:\n" + rules.map { "      - \($0)\n" }.joined())
    }

    static func rule(_ require: String, when: String? = nil, extra: String = "") -> String {
        rules([(id: "R", require: require, when: when)], extra: extra)
    }

    /// Types a YAML record against a library's schema for kind `t`.
    static func typed(_ record: String, in lib: RuleLibrary, kind: String = "t") -> (Value, [RecordIssue]) {
        let doc = YAMLLoader.load(text: record, path: "record.yaml").documents
        guard case .success(let node)? = doc.first else { return (.null, []) }
        var typer = RecordTyper()
        let v = typer.object(node, as: lib.schemas[kind]!.root, path: "", isRoot: true)
        return (v, typer.issues)
    }

    static func report(_ lib: RuleLibrary, record: String, asOf: Day = day("2014-11-03")) -> Report? {
        lib.check(bytes: Array(record.utf8), path: "record.yaml", options: CheckOptions(asOf: asOf, today: asOf)).first
    }

    /// Evaluates one expression (compiled as a derived value) against a record.
    static func evaluate(
        _ expression: String, record: String = "{}", asOf: Day = day("2014-11-03"),
        schema: String = Inline.schema, kind: String = "t", tracing: Bool = false,
        sourceLocation: SourceLocation = #_sourceLocation
    ) throws -> Value {
        let rules = ruleFile(
            """
            derived:
              v: |
                \(expression)
            parts:
              - id: P
                rules:
                  - id: R
                    title: R
                    citation: test
                    require: true

            """, kind: kind)
        let lib = library(schema: schema, rules: rules)
        let errors = lib.diagnostics.filter { $0.severity == .error }
        try #require(errors.isEmpty, "\(errors.map { "\($0.id): \($0.message)" })", sourceLocation: sourceLocation)
        let set = try #require(lib.ruleSets.first, sourceLocation: sourceLocation)
        let (value, _) = typed(record, in: lib, kind: kind)
        var ev = Evaluator(ruleSet: set, root: value, asOf: asOf, tracing: tracing)
        return try ev.eval(.derived(0))
    }
}

extension RuleLibrary {
    var errors: [Diagnostic] { diagnostics.filter { $0.severity == .error } }
}

/// A small deterministic generator (SplitMix64), so randomized tests are repeatable: a
/// failing property names its seed and can be run again exactly.
struct SplitMix64: RandomNumberGenerator {
    private var state: UInt64
    init(seed: UInt64) { state = seed }
    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}
