/// A file of test cases for the rules, written by policy staff (a YAML file in
/// the rules folder whose top-level key is `tests:`).
///
/// ```yaml
/// tests:
///   - name: Clearly eligible primary headteacher
///     record:                       # the record inline, or `file: path` (relative to this file; see `RuleTestRunner.resolve`)
///       kind: lle-application
///       ...
///     as_of: 2014-11-03             # optional; else the record's own date
///     decision: eligible            # optional
///     rules:                        # optional: outcomes of the rules you care about
///       LLE-A2: pass
///       LLE-B1: {subject: "120431", outcome: pass}
///       LLE-A7: {outcome: fail, message_contains: referee}
///   - name: The same head with only two years
///     like: Clearly eligible primary headteacher   # start from another test's record
///     with: {applicant.headships[0].start: 2012-09-01}
///     without: [referee]
///     rules: {LLE-A2: fail}
///   - name: A dataset: outcomes per record
///     file: ../../examples/datasets/kyra.yaml
///     parameters: {unassociated_is_breach: true}   # optional: other parameter values for this test
///     rules:
///       AS-2: {subject: LLE-004, outcome: fail}   # the subject is the dataset record's id
/// ```
///
/// The full format is in docs/rule-tests.md.
public struct RuleTestFile: Sendable {
    public var path: String
    public var cases: [RuleTestCase]
}

/// One test: a record, how to assess it, and what must come out.
public struct RuleTestCase: Sendable {
    public var name: String
    /// The test file.
    public var file: String
    /// Where the test starts in the file (its `name:`), for failure locations.
    public var range: SourceRange
    var record: RecordSource
    var edits: [RecordEdit]
    public var asOf: Day?
    public var kind: String?
    /// The rule-set version the record must be checked by (`version: "2016.1"`).
    public var version: Expected<String>?
    public var decision: Expected<String>?
    public var expectations: [RuleExpectation]
    /// Parameter values this test sets instead of the rule file's (`parameters: {unassociated_is_breach: true}`).
    var parameters: [ParameterOverride] = []
    /// Words that some rule's message must contain.
    public var messageContains: [Expected<String>]

    enum RecordSource: Sendable {
        case inline(YAMLNode)
        case file(String, SourceRange)
        case like(String, SourceRange)
    }
}

/// A parameter value a test uses instead of the rule file's, for a rule that
/// only a different setting can make fail.
struct ParameterOverride: Sendable {
    var name: String
    var value: YAMLNode
    var range: SourceRange
}

/// An expected value with the place it is written in the test file.
public struct Expected<Value: Sendable>: Sendable {
    public var value: Value
    public var range: SourceRange
}

/// What a test expects of one rule (for one subject, for a per-item rule).
public struct RuleExpectation: Sendable {
    public var ruleID: String
    /// For a per-item rule (part B, per school): the item's subject (its URN). Nil means every item.
    public var subject: String?
    public var outcome: Outcome?
    public var messageContains: [String]
    public var range: SourceRange
}

extension RuleTestFile {
    /// Reads a test file; every problem in it is a diagnostic, and the cases
    /// that could be read are kept.
    static func parse(_ node: YAMLNode, path: String) -> (RuleTestFile, [Diagnostic]) {
        var diagnostics: [Diagnostic] = []
        var cases: [RuleTestCase] = []
        guard var top = MappingReader(node, what: "a test file", into: &diagnostics) else {
            return (RuleTestFile(path: path, cases: []), diagnostics)
        }
        _ = top.value("description")
        let list = top.value("tests")
        top.reportUnknownKeys(into: &diagnostics)
        guard let items = list?.items else {
            diagnostics.append(
                .error(
                    "tests.expected-list", "'tests' must be a list of test cases, each starting '- name:'",
                    at: list?.range ?? node.range))
            return (RuleTestFile(path: path, cases: []), diagnostics)
        }
        var names: [String: SourceRange] = [:]
        for item in items {
            guard let c = testCase(item, path: path, into: &diagnostics) else { continue }
            if let first = names[c.name] {
                diagnostics.append(
                    .error(
                        "tests.duplicate-name", "two tests are named '\(c.name)'", at: c.range,
                        notes: [.init("the first is here", at: first)]))
            } else {
                names[c.name] = c.range
            }
            cases.append(c)
        }
        return (RuleTestFile(path: path, cases: cases), diagnostics)
    }

    private static func testCase(_ node: YAMLNode, path: String, into diagnostics: inout [Diagnostic]) -> RuleTestCase? {
        guard var r = MappingReader(node, what: "a test", into: &diagnostics) else { return nil }
        guard let name = r.string("name", required: true, into: &diagnostics) else { return nil }
        let range = r.value("name")?.range ?? node.range
        var sources: [RuleTestCase.RecordSource] = []
        if let rec = r.value("record") {
            if rec.pairs == nil {
                diagnostics.append(
                    .error("rules.expected-mapping", "'record' must be the record's fields (a mapping), found \(rec.kindName)", at: rec.range))
            } else {
                sources.append(.inline(rec))
            }
        }
        if let f = r.string("file", into: &diagnostics) { sources.append(.file(f, r.value("file")!.range)) }
        if let l = r.string("like", into: &diagnostics) { sources.append(.like(l, r.value("like")!.range)) }
        if sources.count > 1 {
            diagnostics.append(
                .error("tests.no-record", "test '\(name)' gives its record more than one way; use one of 'record', 'file' and 'like'", at: range))
        }
        guard let source = sources.first else {
            diagnostics.append(
                .error(
                    "tests.no-record", "test '\(name)' needs a record: 'record' (inline), 'file' (a path) or 'like' (another test's record)",
                    at: range))
            return nil
        }
        var edits: [RecordEdit] = []
        if let with = r.value("with") {
            if let pairs = with.pairs {
                for pair in pairs {
                    guard let p = pair.key.scalar, let segments = RecordEdit.segments(p) else {
                        diagnostics.append(
                            .error(
                                "tests.bad-path", "'\(pair.key.scalar ?? "?")' is not a record path such as applicant.headships[0].role",
                                at: pair.key.range))
                        continue
                    }
                    edits.append(RecordEdit(path: p, segments: segments, value: pair.value, range: pair.key.range))
                }
            } else {
                diagnostics.append(
                    .error("rules.expected-mapping", "'with' must map record paths to new values, found \(with.kindName)", at: with.range))
            }
        }
        if let without = r.value("without") {
            for item in without.items ?? [without] {
                guard let p = item.scalar, let segments = RecordEdit.segments(p) else {
                    diagnostics.append(.error("tests.bad-path", "'without' takes record paths such as referee or schools[1]", at: item.range))
                    continue
                }
                edits.append(RecordEdit(path: p, segments: segments, value: nil, range: item.range))
            }
        }
        var asOf: Day?
        if let s = r.string("as_of", into: &diagnostics) {
            asOf = Day(iso: s)
            if asOf == nil { diagnostics.append(.error("rules.bad-date", "'\(s)' is not a date (YYYY-MM-DD)", at: r.value("as_of")!.range)) }
        }
        let kind = r.string("kind", into: &diagnostics)
        let version = r.string("version", into: &diagnostics).map { Expected(value: $0, range: r.value("version")!.range) }
        let decision = r.string("decision", into: &diagnostics).map { Expected(value: $0, range: r.value("decision")!.range) }
        var expectations: [RuleExpectation] = []
        if let rules = r.value("rules") {
            if let pairs = rules.pairs {
                for pair in pairs {
                    guard let id = pair.key.scalar else { continue }
                    expectations += expectation(id, pair.value, keyRange: pair.key.range, into: &diagnostics)
                }
            } else {
                diagnostics.append(
                    .error(
                        "rules.expected-mapping", "'rules' must map rule ids to expected outcomes (LLE-A2: fail), found \(rules.kindName)",
                        at: rules.range))
            }
        }
        var parameters: [ParameterOverride] = []
        if let params = r.value("parameters") {
            if let pairs = params.pairs {
                for pair in pairs {
                    guard let name = pair.key.scalar else { continue }
                    parameters.append(ParameterOverride(name: name, value: pair.value, range: pair.key.range))
                }
            } else {
                diagnostics.append(
                    .error("rules.expected-mapping", "'parameters' must map parameter names to values, found \(params.kindName)", at: params.range))
            }
        }
        var contains: [Expected<String>] = []
        if let m = r.value("message_contains") {
            for item in m.items ?? [m] {
                if let s = item.scalar {
                    contains.append(Expected(value: s, range: item.range))
                } else {
                    diagnostics.append(.error("rules.expected-scalar", "'message_contains' takes words or a list of words", at: item.range))
                }
            }
        }
        r.reportUnknownKeys(into: &diagnostics)
        return RuleTestCase(
            name: name, file: path, range: range, record: source, edits: edits, asOf: asOf, kind: kind,
            version: version, decision: decision, expectations: expectations, parameters: parameters,
            messageContains: contains)
    }

    /// `LLE-A2: fail`, `LLE-B1: {subject: "1", outcome: pass, message_contains: ...}`, or a list of such mappings.
    private static func expectation(_ id: String, _ node: YAMLNode, keyRange: SourceRange, into diagnostics: inout [Diagnostic]) -> [RuleExpectation]
    {
        if let word = node.scalar {
            guard let outcome = outcome(word, at: node.range, into: &diagnostics) else { return [] }
            return [RuleExpectation(ruleID: id, subject: nil, outcome: outcome, messageContains: [], range: keyRange)]
        }
        var out: [RuleExpectation] = []
        for item in node.items ?? [node] {
            guard var r = MappingReader(item, what: "the expectation for '\(id)'", into: &diagnostics) else { continue }
            let subject = r.string("subject", into: &diagnostics)
            var expected: Outcome?
            if let word = r.string("outcome", into: &diagnostics) {
                expected = outcome(word, at: r.value("outcome")!.range, into: &diagnostics)
                if expected == nil { continue }
            }
            var words: [String] = []
            if let m = r.value("message_contains") { words = (m.items ?? [m]).compactMap({ $0.scalar }) }
            r.reportUnknownKeys(into: &diagnostics)
            if expected == nil && words.isEmpty {
                diagnostics.append(
                    .error("rules.missing-key", "the expectation for '\(id)' needs an 'outcome' or 'message_contains'", at: item.range))
                continue
            }
            out.append(
                RuleExpectation(
                    ruleID: id, subject: subject, outcome: expected, messageContains: words,
                    range: node.items == nil ? keyRange : item.range))
        }
        return out
    }

    private static func outcome(_ word: String, at range: SourceRange, into diagnostics: inout [Diagnostic]) -> Outcome? {
        let normalised = word == "not applicable" ? "not_applicable" : word
        if let o = Outcome(rawValue: normalised) { return o }
        diagnostics.append(
            .error(
                "tests.bad-outcome", "'\(word)' is not an outcome; use pass, fail, unknown, not_applicable or error", at: range,
                suggestion: Suggestion.closest(to: word, in: Outcome.allCases.map({ $0.rawValue }))))
        return nil
    }
}
