import Testing
@testable import Eligo

// MARK: - Helpers

private let file = "rules.yaml"

private func load(_ text: String, limits: YAMLLimits = YAMLLimits()) -> YAMLStream {
    YAMLLoader.load(text: text, path: file, limits: limits)
}

/// The root of the only document, which must have loaded.
private func root(_ text: String, limits: YAMLLimits = YAMLLimits()) throws -> YAMLNode {
    let stream = load(text, limits: limits)
    try #require(stream.documents.count == 1)
    return try stream.documents[0].get()
}

/// The error ending the stream (its last entry), which must be a failure.
private func failure(_ text: String, limits: YAMLLimits = YAMLLimits()) throws -> YAMLError {
    try failure(bytes: Array(text.utf8), limits: limits)
}

private func failure(bytes: [UInt8], limits: YAMLLimits = YAMLLimits()) throws -> YAMLError {
    let stream = YAMLLoader.load(bytes: bytes, path: file, limits: limits)
    let last = try #require(stream.documents.last)
    guard case .failure(let error) = last else {
        Issue.record("expected a failure, got \(stream.documents.count) document(s) loaded")
        throw CancellationError()
    }
    #expect(error.range.file == file)
    return error
}

/// "line:column-line:column", for compact range assertions.
private func span(_ node: YAMLNode?) -> String {
    guard let node else { return "missing" }
    return "\(node.range.start)-\(node.range.end)"
}

private func span(_ range: SourceRange?) -> String {
    guard let range else { return "missing" }
    return "\(range.start)-\(range.end)"
}

private func key(_ node: YAMLNode, _ name: String) -> YAMLNode? {
    node.pairs?.first { $0.key.scalar == name }?.key
}

// MARK: - Positions

@Suite("YAMLLoader positions")
struct YAMLLoaderPositionTests {
    @Test func scalarsAndKeysOfAFlatMapping() throws {
        let doc = try root("name: Ada\nage: 36\n")
        #expect(span(key(doc, "name")) == "1:1-1:5")
        #expect(span(doc["name"]) == "1:7-1:10")
        #expect(span(key(doc, "age")) == "2:1-2:4")
        #expect(span(doc["age"]) == "2:6-2:8")
        #expect(doc["name"]?.scalar == "Ada")
        #expect(doc["age"]?.scalar == "36")
        // A block mapping ends where its last value ends, not at the next token.
        #expect(span(doc) == "1:1-2:8")
    }

    @Test func nestedMappingsAndFlowSequences() throws {
        let doc = try root("a:\n  b: 1\n  c: [x, y]\n\n# comment\nd: 2\n")
        let a = try #require(doc["a"])
        #expect(span(a) == "2:3-3:12")
        #expect(span(key(a, "b")) == "2:3-2:4")
        #expect(span(a["b"]) == "2:6-2:7")
        let c = try #require(a["c"])
        #expect(span(c) == "3:6-3:12")
        #expect(c.items?.map(span) == ["3:7-3:8", "3:10-3:11"])
        #expect(c.items?.map({ $0.scalar }) == ["x", "y"])
        #expect(span(key(doc, "d")) == "6:1-6:2")
        #expect(span(doc) == "1:1-6:5")
    }

    @Test func blockSequenceItems() throws {
        let doc = try root("items:\n  - one\n  - two\nlist:\n- 1\n- 2\n")
        let items = try #require(doc["items"])
        #expect(span(items) == "2:3-3:8")
        #expect(items.items?.map(span) == ["2:5-2:8", "3:5-3:8"])
        #expect(span(doc["list"]) == "5:1-6:4")
        #expect(doc["list"]?.items?.map({ $0.scalar }) == ["1", "2"])
    }

    @Test func flowMappingRange() throws {
        let doc = try root("k: {p: 1, q: [2]}\n")
        let k = try #require(doc["k"])
        #expect(span(k) == "1:4-1:18")
        #expect(span(k["q"]) == "1:14-1:17")
        #expect(span(key(k, "q")) == "1:11-1:12")
    }

    /// libyaml's `mark.column` (and `mark.index`) count characters, not bytes: after
    /// "é" (2 bytes) the next column is 2, not 3. We use `mark.index` and count Unicode
    /// scalars, so a decomposed "á" (a + U+0301) is two columns.
    @Test func columnsCountUnicodeScalarsNotBytes() throws {
        let doc = try root("é: 1\nkéy: [ü, x]\n😀: e\u{301}!\na\u{301}: z\n")
        #expect(span(key(doc, "é")) == "1:1-1:2")
        #expect(span(doc["é"]) == "1:4-1:5")
        #expect(span(key(doc, "kéy")) == "2:1-2:4")
        let list = try #require(doc["kéy"])
        #expect(span(list) == "2:6-2:12")
        #expect(list.items?.map(span) == ["2:7-2:8", "2:10-2:11"])
        #expect(span(doc["😀"]) == "3:4-3:7")
        #expect(span(doc["a\u{301}"]) == "4:5-4:6")
    }

    /// libyaml (YAML 1.1) also breaks lines at NEL, LS, PS and a lone CR; editors
    /// and `SourceFile` do not, so positions follow "\n" only.
    @Test func linesBreakOnlyAtNewline() throws {
        let doc = try root("a: \"x\u{2028}y\"\nb: 1\r\nc: 2\r\n")
        #expect(span(key(doc, "b")) == "2:1-2:2")
        #expect(span(doc["b"]) == "2:4-2:5")
        #expect(span(key(doc, "c")) == "3:1-3:2")
        #expect(doc["c"]?.scalar == "2")
    }

    @Test func multiLinePlainScalar() throws {
        let doc = try root("m: plain\n  multi\n   line\n")
        let m = try #require(doc["m"])
        #expect(m.scalar == "plain multi line")
        #expect(m.content.style == .plain)
        #expect(span(m) == "1:4-3:8")
    }

    @Test func literalAndFoldedBlockScalars() throws {
        let doc = try root("d: |\n  lit\n  more\n\ne: >-\n  fold\n  ed\nf: |+\n  keep\n\ng: x\n")
        let d = try #require(doc["d"])
        #expect(d.scalar == "lit\nmore\n")
        #expect(d.content.style == .literal)
        // A block scalar's range runs to the start of the line after its last
        // (possibly blank) line.
        #expect(span(d) == "1:4-5:1")
        let e = try #require(doc["e"])
        #expect(e.scalar == "fold ed")
        #expect(e.content.style == .folded)
        #expect(span(e) == "5:4-8:1")
        #expect(doc["f"]?.scalar == "keep\n\n")
        #expect(span(key(doc, "g")) == "11:1-11:2")
    }

    @Test func quotedStyles() throws {
        let doc = try root("a: 'it''s'\nb: \"tab\\there \\u00e9\"\nc: plain\nd: \"two\n  lines\"\n")
        #expect(doc["a"]?.scalar == "it's")
        #expect(doc["a"]?.content.style == .singleQuoted)
        #expect(span(doc["a"]) == "1:4-1:11")
        #expect(doc["b"]?.scalar == "tab\there é")
        #expect(doc["b"]?.content.style == .doubleQuoted)
        #expect(span(doc["b"]) == "2:4-2:22")
        #expect(doc["c"]?.content.style == .plain)
        #expect(doc["d"]?.scalar == "two lines")
        #expect(span(doc["d"]) == "4:4-5:9")
        #expect(doc["a"]?.tag == nil)
        #expect(doc["b"]?.tag == nil)
    }

    @Test func explicitTags() throws {
        let doc = try root(
            """
            f: !!str 12
            g: !custom x
            h: ! y
            i: 12
            j: !!map {p: 1}
            k: !<tag:example.com,2000:x> v
            l: !!seq [1]
            m: 'q'
            """)
        #expect(doc["f"]?.tag == "!!str")
        #expect(doc["f"]?.scalar == "12")
        // The range starts at the tag the author wrote.
        #expect(span(doc["f"]) == "1:4-1:12")
        #expect(doc["g"]?.tag == "!custom")
        #expect(doc["h"]?.tag == "!")
        #expect(doc["i"]?.tag == nil)
        #expect(doc["i"]?.isNull == false)
        #expect(doc["j"]?.tag == "!!map")
        #expect(doc["j"]?["p"]?.scalar == "1")
        #expect(doc["k"]?.tag == "tag:example.com,2000:x")
        #expect(doc["l"]?.tag == "!!seq")
        #expect(doc["m"]?.tag == nil)
        #expect(doc.tag == nil)
        #expect(key(doc, "f")?.tag == nil)
    }

    @Test func byteOrderMarkIsSkipped() throws {
        let doc = try root("\u{FEFF}a: 1\n")
        #expect(span(key(doc, "a")) == "1:1-1:2")
        #expect(doc["a"]?.scalar == "1")
    }
}

extension YAMLNode.Content {
    fileprivate var style: YAMLNode.ScalarStyle? {
        if case .scalar(_, let style) = self { return style }
        return nil
    }
}

// MARK: - Documents, anchors, aliases

@Suite("YAMLLoader documents and aliases")
struct YAMLLoaderDocumentTests {
    @Test func multiDocumentStream() throws {
        let stream = load("--- a\n# between\n--- b\n...\n---\nc: 1\n")
        try #require(stream.documents.count == 3)
        let a = try stream.documents[0].get()
        #expect(a.scalar == "a")
        #expect(span(a) == "1:5-1:6")
        #expect(try stream.documents[1].get().scalar == "b")
        #expect(span(try stream.documents[1].get()) == "3:5-3:6")
        #expect(try stream.documents[2].get()["c"]?.scalar == "1")
        #expect(stream.errors.isEmpty)
    }

    @Test(arguments: ["", "\n\n", "# only a comment\n", "\u{FEFF}"])
    func noDocuments(_ text: String) {
        let stream = load(text)
        #expect(stream.documents.isEmpty)
    }

    @Test func emptyDocumentIsNull() throws {
        let stream = load("---\n---\n")
        try #require(stream.documents.count == 2)
        for document in stream.documents {
            let node = try document.get()
            #expect(node.isNull)
            #expect(node.scalar == "")
        }
        #expect(try root("---").isNull)
    }

    @Test func aliasesCopyTheAnchoredNode() throws {
        let doc = try root("base: &b {x: 1, y: [2]}\nuse: *b\nname: &n Ada\nagain: *n\n")
        let use = try #require(doc["use"])
        #expect(use["x"]?.scalar == "1")
        #expect(use["y"]?.items?.first?.scalar == "2")
        // The copy sits at the alias; its children keep the ranges of their text.
        #expect(span(use) == "2:6-2:8")
        #expect(span(use["x"]) == "1:14-1:15")
        #expect(doc["again"]?.scalar == "Ada")
        #expect(span(doc["again"]) == "4:8-4:10")
        // The anchored node itself starts at its anchor.
        #expect(span(doc["name"]) == "3:7-3:13")
    }

    @Test func laterAnchorReplacesEarlierOne() throws {
        let doc = try root("a: &x 1\nb: *x\nc: &x 2\nd: *x\n")
        #expect(doc["b"]?.scalar == "1")
        #expect(doc["d"]?.scalar == "2")
    }

    @Test func anchorsDoNotCrossDocuments() throws {
        let stream = load("a: &x 1\n---\nb: *x\n")
        try #require(stream.documents.count == 2)
        #expect(try stream.documents[0].get()["a"]?.scalar == "1")
        guard case .failure(let error) = stream.documents[1] else {
            Issue.record("alias to another document's anchor must fail")
            return
        }
        #expect(error.id == "yaml.unknown-alias")
        #expect(span(error.range) == "3:4-3:6")
    }

    @Test func duplicateKeyFailsOnlyItsDocument() throws {
        let stream = load("urn: 1\nname: x\nurn: 2\n---\nb: 3\n")
        try #require(stream.documents.count == 2)
        guard case .failure(let error) = stream.documents[0] else {
            Issue.record("document 1 must fail")
            return
        }
        #expect(error.id == "yaml.duplicate-key")
        #expect(error.message == "mapping has a duplicate key 'urn'")
        #expect(span(error.range) == "3:1-3:4")
        #expect(
            error.notes == [
                Diagnostic.Note(
                    "first 'urn' is here",
                    at: SourceRange(
                        file: file, start: .init(line: 1, column: 1),
                        end: .init(line: 1, column: 4)))
            ])
        #expect(try stream.documents[1].get()["b"]?.scalar == "3")
        #expect(
            error.diagnostic
                == Diagnostic.error(
                    "yaml.duplicate-key", error.message, at: error.range,
                    notes: error.notes))
        #expect(error.diagnostic.severity == .error)
    }

    @Test func duplicateKeysCompareByText() throws {
        let error = try failure("a: 1\n'a': 2\n")
        #expect(error.id == "yaml.duplicate-key")
        #expect(span(error.range) == "2:1-2:4")
        let nested = try failure("top:\n  {x: 1, y: 2, x: 3}\n")
        #expect(nested.id == "yaml.duplicate-key")
        #expect(span(nested.range) == "2:16-2:17")
        #expect(nested.notes.first?.range?.start == SourcePosition(line: 2, column: 4))
    }

    /// Keys compare as Swift strings, so canonically equivalent spellings
    /// (precomposed "é" and "e" + U+0301) are the same key, as they look the same.
    @Test func canonicallyEquivalentKeysAreDuplicates() throws {
        let error = try failure("\u{E9}: 1\ne\u{301}: 2\n")
        #expect(error.id == "yaml.duplicate-key")
        #expect(span(error.range) == "2:1-2:3")
    }

    @Test func sameKeyInDifferentMappingsIsFine() throws {
        let doc = try root("a: {x: 1}\nb: {x: 2}\nc: [{x: 1}, {x: 2}]\n")
        #expect(doc["b"]?["x"]?.scalar == "2")
    }

    @Test func unknownAlias() throws {
        let stream = load("a: *x\n---\nb: 1\n")
        try #require(stream.documents.count == 2)
        guard case .failure(let error) = stream.documents[0] else {
            Issue.record("unknown alias must fail its document")
            return
        }
        #expect(error.id == "yaml.unknown-alias")
        #expect(error.message.contains("'*x'"))
        #expect(span(error.range) == "1:4-1:6")
        #expect(try stream.documents[1].get()["b"]?.scalar == "1")
    }

    @Test func recursiveAliasIsRejected() throws {
        let error = try failure("a: &x [1, *x]\n")
        #expect(error.id == "yaml.unknown-alias")
        #expect(error.message.contains("contains it"))
        #expect(span(error.range) == "1:11-1:13")
    }
}

// MARK: - Errors

struct ErrorCase: Sendable, CustomTestStringConvertible {
    var name: String
    var yaml: String
    var id: String
    var at: String
    var message: String?
    var note: String? = nil
    var testDescription: String { name }
}

@Suite("YAMLLoader errors")
struct YAMLLoaderErrorTests {
    static let syntaxCases: [ErrorCase] = [
        ErrorCase(
            name: "sequence item inside a mapping", yaml: "key: value\n- item\n", id: "yaml.syntax", at: "2:1",
            message: "did not find expected key while parsing a block mapping", note: "the block mapping starts here@1:1"),
        ErrorCase(
            name: "unclosed flow sequence (reported at end of input)", yaml: "a: [1, 2\n", id: "yaml.syntax", at: "2:1",
            message: "did not find expected ',' or ']' while parsing a flow sequence",
            note: "the flow sequence starts here@1:4"),
        ErrorCase(
            name: "unclosed flow sequence without final newline", yaml: "a: [1, 2", id: "yaml.syntax", at: "1:9",
            message: "did not find expected ',' or ']' while parsing a flow sequence"),
        ErrorCase(
            name: "unclosed flow mapping", yaml: "x: 1\ny: {a: 1\n", id: "yaml.syntax", at: "3:1",
            message: "did not find expected ',' or '}' while parsing a flow mapping"),
        ErrorCase(
            name: "unterminated quoted scalar (end of input)", yaml: "a: \"unterminated\n", id: "yaml.syntax", at: "2:1",
            message: "found unexpected end of stream while scanning a quoted scalar",
            note: "the quoted scalar starts here@1:4"),
        ErrorCase(
            name: "bad indentation", yaml: "a: 1\n b: 2\n", id: "yaml.syntax", at: "2:3",
            message: "mapping values are not allowed in this context"),
        ErrorCase(
            name: "tab indentation", yaml: "a:\n\tb: 1\n", id: "yaml.syntax", at: "2:1",
            message: "found character that cannot start any token while scanning for the next token"),
        ErrorCase(
            name: "control character", yaml: "x: 1\u{0}\n", id: "yaml.syntax", at: "1:5",
            message: "control characters are not allowed (found U+0000)"),
        ErrorCase(
            name: "control character after non-ASCII", yaml: "a: 1\nb: ü\u{7}\n", id: "yaml.syntax", at: "2:5",
            message: "control characters are not allowed (found U+0007)"),
        ErrorCase(
            name: "content after document end marker", yaml: "a: 1\n...\nfoo: [\n", id: "yaml.syntax", at: "3:1",
            message: "did not find expected <document start>"),
        ErrorCase(
            name: "quoted key across lines", yaml: "\"a\nb\": 1\n", id: "yaml.syntax", at: "2:3",
            message: "mapping values are not allowed in this context"),
        ErrorCase(
            name: "unknown escape", yaml: "a: \"\\q\"\n", id: "yaml.syntax", at: "1:5",
            message: "found unknown escape character while parsing a quoted scalar")
    ]

    @Test(arguments: syntaxCases)
    func syntaxError(_ c: ErrorCase) throws {
        let error = try failure(c.yaml)
        #expect(error.id == c.id)
        #expect(error.range.start.description == c.at)
        #expect(error.range.end.column == error.range.start.column + 1)
        if let message = c.message { #expect(error.message == message) }
        if let note = c.note {
            #expect(error.notes.map { "\($0.message)@\($0.range?.start.description ?? "-")" } == [note])
        }
    }

    @Test func syntaxErrorEndsTheStreamAfterGoodDocuments() throws {
        let stream = load("a: 1\n---\nb: [\n---\nc: 3\n")
        try #require(stream.documents.count == 2)
        #expect(try stream.documents[0].get()["a"]?.scalar == "1")
        guard case .failure(let error) = stream.documents[1] else {
            Issue.record("document 2 must fail")
            return
        }
        #expect(error.id == "yaml.syntax")
        #expect(error.range.start == SourcePosition(line: 4, column: 1))
    }

    @Test func streamEndingErrorReplacesADocumentError() throws {
        let stream = load("a: 1\na: 2\nb: [\n")
        try #require(stream.documents.count == 1)
        #expect(stream.errors.map({ $0.id }) == ["yaml.syntax"])
    }

    // MARK: UTF-8

    @Test func invalidUTF8InTheMiddleOfLine3() throws {
        let bytes = Array("a: 1\nb: 2\nc: ab".utf8) + [0xFF] + Array("cd\nd: 4\n".utf8)
        let error = try failure(bytes: bytes)
        #expect(error.id == "yaml.invalid-utf8")
        #expect(span(error.range) == "3:6-3:7")
        #expect(error.message.contains("0xFF"))
    }

    @Test(arguments: [
        ("lone continuation byte", [0x80] as [UInt8], "3:5"),
        ("truncated 3-byte sequence", [0xE2, 0x82, 0x61], "3:5"),
        ("truncated at end of input", [0xE2, 0x82], "3:5"),
        ("overlong encoding of '/'", [0xC0, 0xAF], "3:5"),
        ("UTF-16 surrogate", [0xED, 0xA0, 0x80], "3:5"),
        ("above U+10FFFF", [0xF4, 0x90, 0x80, 0x80], "3:5")
    ])
    func invalidUTF8Sequences(name: String, bad: [UInt8], at: String) throws {
        // "c: é" puts the bad sequence at character 5 (byte 6) of line 3.
        let bytes = Array("a: 1\n\nc: é".utf8) + bad
        let error = try failure(bytes: bytes)
        #expect(error.id == "yaml.invalid-utf8")
        #expect(error.range.start.description == at)
    }

    @Test func validFourByteCharactersAndBOMAreAccepted() throws {
        let doc = try root("\u{FEFF}k: \u{10FFFF}😀\n")
        #expect(doc["k"]?.scalar == "\u{10FFFF}😀")
        let error = try failure(bytes: [0xEF, 0xBB, 0xBF] + Array("a: b".utf8) + [0xFE])
        #expect(error.id == "yaml.invalid-utf8")
        #expect(error.range.start == SourcePosition(line: 1, column: 5))
    }
}

// MARK: - Caps

@Suite("YAMLLoader limits")
struct YAMLLoaderLimitTests {
    @Test func defaults() {
        let limits = YAMLLimits()
        #expect(limits.maxInputBytes == 64 * 1024 * 1024)
        #expect(limits.maxScalarBytes == 1024 * 1024)
        #expect(limits.maxDepth == 256)
        #expect(limits.maxAliasExpansion == 100_000)
    }

    @Test func tooLargeInputIsRejectedBeforeParsing() throws {
        let limits = YAMLLimits(maxInputBytes: 10)
        #expect(try root("a: 1234567", limits: limits)["a"]?.scalar == "1234567")
        // 11 bytes, and a syntax error that must not be reached.
        let error = try failure("a: [1234567", limits: limits)
        #expect(error.id == "yaml.too-large")
        #expect(span(error.range) == "1:1-1:2")
        #expect(error.message == "file is larger than the limit of 10 bytes; eligo reads no further")
    }

    @Test func tooLargeInputWithDefaultLimit() throws {
        let error = try failure(bytes: [UInt8](repeating: UInt8(ascii: "#"), count: 64 * 1024 * 1024 + 1))
        #expect(error.id == "yaml.too-large")
        #expect(error.range.start == SourcePosition(line: 1, column: 1))
    }

    @Test func scalarTooLargeWithCustomLimit() throws {
        let limits = YAMLLimits(maxScalarBytes: 5)
        #expect(try root("a: 12345\n", limits: limits)["a"]?.scalar == "12345")
        let value = try failure("a: 1\nb: 123456\n", limits: limits)
        #expect(value.id == "yaml.scalar-too-large")
        #expect(span(value.range) == "2:4-2:5")
        let key = try failure("abcdef: 1\n", limits: limits)
        #expect(key.id == "yaml.scalar-too-large")
        #expect(key.range.start == SourcePosition(line: 1, column: 1))
        // The cap counts bytes of the value, not characters: "ééé" is 6 bytes.
        #expect(try failure("a: ééé\n", limits: limits).id == "yaml.scalar-too-large")
    }

    @Test func twoMegabyteScalarWithDefaultLimits() throws {
        let big = String(repeating: "x", count: 2 * 1024 * 1024)
        let plain = try failure("ok: 1\nbig: \(big)\n")
        #expect(plain.id == "yaml.scalar-too-large")
        #expect(plain.range.start == SourcePosition(line: 2, column: 6))
        #expect(plain.message == "scalar is 2097152 bytes, larger than the limit of 1048576 bytes")
        let literal = try failure("big: |\n  \(big)\n")
        #expect(literal.id == "yaml.scalar-too-large")
        #expect(literal.range.start == SourcePosition(line: 1, column: 6))
        // Just under the cap still loads.
        let fits = String(repeating: "y", count: 1024 * 1024)
        #expect(try root("big: \(fits)\n")["big"]?.scalar?.utf8.count == 1024 * 1024)
    }

    @Test func depthWithCustomLimit() throws {
        let limits = YAMLLimits(maxDepth: 3)
        #expect(try root("[[[1]]]", limits: limits).items?.first?.items?.first?.items?.first?.scalar == "1")
        let flow = try failure("[[[[1]]]]", limits: limits)
        #expect(flow.id == "yaml.too-deep")
        #expect(span(flow.range) == "1:4-1:5")
        #expect(flow.message == "sequence is nested more than 3 levels deep")
        let block = try failure("a:\n  b:\n    c:\n      d: 1\n", limits: limits)
        #expect(block.id == "yaml.too-deep")
        #expect(span(block.range) == "4:7-4:8")
        #expect(block.message == "mapping is nested more than 3 levels deep")
        #expect(try root("a:\n  b:\n    c: 1\n", limits: limits)["a"]?["b"]?["c"]?.scalar == "1")
    }

    @Test func aliasesCountTowardsDepth() throws {
        let limits = YAMLLimits(maxDepth: 3)
        #expect(try root("a: &x [[1]]\n", limits: limits)["a"] != nil)
        let error = try failure("a: &x [[1]]\nb: [*x]\n", limits: limits)
        #expect(error.id == "yaml.too-deep")
        #expect(span(error.range) == "2:5-2:7")
    }

    struct Deep: Sendable, CustomTestStringConvertible {
        var name: String
        var unit: String
        var at: SourcePosition
        var testDescription: String { name }
    }

    @Test(arguments: [
        Deep(name: "flow sequences", unit: "[", at: SourcePosition(line: 1, column: 257)),
        Deep(name: "flow mappings", unit: "{a: ", at: SourcePosition(line: 1, column: 4 * 256 + 1)),
        Deep(name: "block sequences", unit: "- ", at: SourcePosition(line: 1, column: 2 * 256 + 1)),
        Deep(name: "block mappings (explicit keys)", unit: "? ", at: SourcePosition(line: 1, column: 2 * 256 + 1))
    ])
    func tenThousandDeepNestingFailsCleanly(_ deep: Deep) throws {
        let text = String(repeating: deep.unit, count: 10_000) + "x"
        let error = try failure(text)
        #expect(error.id == "yaml.too-deep")
        #expect(error.range.start == deep.at)
    }

    @Test func deeplyIndentedBlockMappingsFailCleanly() throws {
        // 2,000 levels, one space of indentation per level (about 2 MB).
        var text = ""
        for level in 0..<2_000 {
            text += String(repeating: " ", count: level) + "a:\n"
        }
        let error = try failure(text)
        #expect(error.id == "yaml.too-deep")
        #expect(error.range.start == SourcePosition(line: 257, column: 257))
    }

    @Test func deepNestingLoadsWhenTheLimitAllowsIt() throws {
        let limits = YAMLLimits(maxDepth: 2_000)
        let doc = try root(String(repeating: "[", count: 1_500) + String(repeating: "]", count: 1_500), limits: limits)
        var depth = 0
        var node: YAMLNode? = doc
        while let current = node, let items = current.items {
            depth += 1
            node = items.first
        }
        #expect(depth == 1_500)
    }

    @Test func aliasExpansionWithCustomLimit() throws {
        let limits = YAMLLimits(maxAliasExpansion: 3)
        // [1, 2] is three nodes: the sequence and two scalars.
        #expect(try root("a: &x [1, 2]\nb: *x\n", limits: limits)["b"]?.items?.count == 2)
        let error = try failure("a: &x [1, 2]\nb: *x\nc: *x\n", limits: limits)
        #expect(error.id == "yaml.alias-bomb")
        #expect(span(error.range) == "3:4-3:6")
        // The budget is per document.
        let stream = load("a: &x [1, 2]\nb: *x\n---\na: &x [1, 2]\nb: *x\n", limits: limits)
        #expect(stream.documents.count == 2)
        #expect(stream.errors.isEmpty)
    }

    static let billionLaughs = """
        a: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]
        b: &b [*a,*a,*a,*a,*a,*a,*a,*a,*a]
        c: &c [*b,*b,*b,*b,*b,*b,*b,*b,*b]
        d: &d [*c,*c,*c,*c,*c,*c,*c,*c,*c]
        e: &e [*d,*d,*d,*d,*d,*d,*d,*d,*d]
        f: &f [*e,*e,*e,*e,*e,*e,*e,*e,*e]
        g: &g [*f,*f,*f,*f,*f,*f,*f,*f,*f]
        h: &h [*g,*g,*g,*g,*g,*g,*g,*g,*g]
        i: &i [*h,*h,*h,*h,*h,*h,*h,*h,*h]
        """

    @Test func billionLaughsIsRefused() throws {
        let bomb = try failure(Self.billionLaughs)
        #expect(bomb.id == "yaml.alias-bomb")
        // Expansions so far: b 9×10, c 9×91, d 9×820, e 9×7381 = 74,718 nodes;
        // the first *e (66,430 nodes) on line 6 crosses 100,000.
        #expect(span(bomb.range) == "6:8-6:10")
    }
}

// MARK: - Robustness

@Suite("YAMLLoader robustness")
struct YAMLLoaderFuzzTests {
    static let seed = """
        # Rule set
        name: "Eligibility — 2025"
        version: 3
        defaults: &defaults
          region: [north, south, 'east']
          limit: 10
        rules:
          - id: r1
            <<: *defaults
            when: {age: ">= 18", income: "< 30000"}
            note: |
              Line one
              Line two é
          - id: r2
            tags: !!set {a, b}
            text: >-
              folded
              text
        ---
        second: doc
        """

    /// 2,000 deterministic mutations of a valid document: loading must return
    /// (never crash or hang) and every position must be a real 1-based place.
    @Test func mutatedDocumentsNeverCrash() {
        let original = Array(Self.seed.utf8)
        var rng = SplitMix64(seed: 20_250_101)
        let insertions: [[UInt8]] = ["[", "{", "&a ", "*a", "\t", "]", "}", ": ", "- ", "\"", "'", "|", "---\n", "\n", "? ", "!x ", "é", "#"]
            .map { Array($0.utf8) }
        var failures = 0
        var successes = 0
        for _ in 0..<2_000 {
            var bytes = original
            for _ in 0..<Int.random(in: 1...4, using: &rng) {
                let position = Int.random(in: 0...bytes.count, using: &rng)
                switch Int.random(in: 0..<5, using: &rng) {
                case 0 where position < bytes.count:
                    bytes[position] ^= UInt8(1) << UInt8.random(in: 0...7, using: &rng)
                case 1:
                    bytes.removeSubrange(position...)
                case 2:
                    bytes.insert(contentsOf: insertions.randomElement(using: &rng)!, at: position)
                case 3 where position < bytes.count:
                    bytes.remove(at: position)
                default:
                    bytes.insert(UInt8.random(in: 0...255, using: &rng), at: position)
                }
            }
            let lineCount = bytes.split(separator: UInt8(ascii: "\n"), omittingEmptySubsequences: false).count
            let stream = YAMLLoader.load(bytes: bytes, path: file)
            for document in stream.documents {
                switch document {
                case .failure(let error):
                    failures += 1
                    #expect(error.range.start.line >= 1 && error.range.start.column >= 1, "\(error)")
                    #expect(error.range.start.line <= lineCount, "\(error)")
                    #expect(error.range.end > error.range.start, "\(error)")
                    for note in error.notes {
                        #expect((note.range?.start.line ?? 1) >= 1 && (note.range?.start.column ?? 1) >= 1)
                    }
                case .success(let node):
                    successes += 1
                    Self.checkRanges(node, lineCount: lineCount)
                }
            }
        }
        // The mutations must exercise both outcomes.
        #expect(failures > 200)
        #expect(successes > 200)
    }

    private static func checkRanges(_ root: YAMLNode, lineCount: Int) {
        var stack = [root]
        while let node = stack.popLast() {
            let r = node.range
            #expect(
                r.start.line >= 1 && r.start.column >= 1 && r.start <= r.end && r.end.line <= lineCount,
                "bad range \(r.start)-\(r.end)")
            switch node.content {
            case .scalar: break
            case .sequence(let items): stack += items
            case .mapping(let pairs): stack += pairs.flatMap { [$0.key, $0.value] }
            }
        }
    }

    @Test func validSeedLoads() throws {
        let stream = load(Self.seed)
        try #require(stream.documents.count == 2)
        let doc = try stream.documents[0].get()
        #expect(doc["name"]?.scalar == "Eligibility — 2025")
        let rules = try #require(doc["rules"]?.items)
        #expect(rules.count == 2)
        // `<<` is an ordinary key here: merge keys are not expanded.
        #expect(rules[0]["<<"]?["limit"]?.scalar == "10")
        #expect(rules[0]["note"]?.scalar == "Line one\nLine two é\n")
        #expect(rules[1]["tags"]?.tag == "!!set")
        #expect(try stream.documents[1].get()["second"]?.scalar == "doc")
    }
}
