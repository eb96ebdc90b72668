import Foundation
import Testing
@testable import Eligo

/// One nesting limit for rule expressions (`Parser.maxNesting`, `Checker.maxDerivedNesting`):
/// hostile towers get a positioned diagnostic instead of overflowing the stack, and the deepest
/// accepted expressions are checked and evaluated on a 512 KiB stack.
@Suite("Hostile: expression nesting") struct ExpressionNestingTests {
    /// A `require:` text and the column (from the start of the expression) where the limit is passed.
    static let towers: [(name: String, text: String, column: Int)] = [
        ("unary minus", String(repeating: "- ", count: 10_000) + "1 = 1", 2 * 63 + 1),
        ("not", String(repeating: "not ", count: 10_000) + "true", 4 * 63 + 1),
        ("parentheses", String(repeating: "(", count: 10_000) + "true" + String(repeating: ")", count: 10_000), 65),
        ("and chain", (["a"] + Array(repeating: "a", count: 8_000)).joined(separator: " and "), 6 * 63 + 3),
        ("plus chain", Array(repeating: "1", count: 8_000).joined(separator: " + ") + " = 1", 4 * 63 + 3),
        ("field chain", "person" + String(repeating: ".name", count: 10_000) + " = \"x\"", 6 + 5 * 63 + 2),
        ("index chain", "[1]" + String(repeating: "[0]", count: 10_000) + " = 1", 3 + 3 * 62 + 1),
        ("list tower", String(repeating: "[", count: 10_000) + "1" + String(repeating: "]", count: 10_000) + " = [1]", 65),
        ("call tower", String(repeating: "max(", count: 10_000) + "1" + String(repeating: ", 1)", count: 10_000) + " = 1", 4 * 64 + 1)
    ]

    @Test(arguments: 0..<towers.count)
    func towerIsRefusedWhereItPassesTheLimit(_ i: Int) throws {
        let (name, text, column) = Self.towers[i]
        // `require: |` puts the expression on line 13 of the inline file, from column 11.
        let lib = Inline.library(rules: Inline.rule(text))
        let errors = lib.errors
        try #require(errors.count == 1, "\(name): \(errors.map({ $0.message }))")
        #expect(errors[0].id == "parse.too-deep", "\(name)")
        #expect(errors[0].message.contains("more than 64 levels"), "\(name)")
        #expect(errors[0].range!.start.line == 13, "\(name)")
        #expect(errors[0].range!.start.column == 10 + column, "\(name): \(errors[0].range!.start)")
    }

    /// Expressions exactly at the limit, nested through different kinds of node, each over a chain
    /// of derived values also at its limit (1 + 31 × 2 = 63 levels).
    static let deepestAccepted = [
        String(repeating: "- ", count: 61) + "d31 = 1",
        String(repeating: "max(", count: 61) + "d31" + String(repeating: ", 1)", count: 61) + " = 1",
        String(repeating: "if a then ", count: 31) + "d31 = 1" + String(repeating: " else false", count: 31),
        String(repeating: "any x in [1]: ", count: 31) + "d31 = 1",
        "d31 = 1" + String(repeating: " and a", count: 61)
    ]
    static let derivedChain = "derived:\n  d0: n\n" + (1..<32).map { "  d\($0): d\($0 - 1) + 1" }.joined(separator: "\n") + "\n"

    /// The deepest accepted expressions load, and checking a record with them (explained, so
    /// traced) fits the stack of a Dispatch worker thread: 512 KiB. A debug build's frames are
    /// several times a release build's, so there the thread gets 8 MiB; the built binary is held
    /// to worker threads' stacks by `screen --jobs 2` in `deepestAcceptedExpressionsScreenOnWorkerThreads`.
    @Test(arguments: 0..<deepestAccepted.count)
    func deepestAcceptedExpressionsRunOnAWorkerSizedStack(_ i: Int) throws {
        #if DEBUG
        let stack = 8 << 20
        #else
        let stack = 512 << 10
        #endif
        let rules = Inline.rule(Self.deepestAccepted[i], extra: Self.derivedChain)
        let (errors, report) = Hostile.onStack(of: stack) {
            let lib = Inline.library(rules: rules)
            return (lib.errors.map({ $0.message }), Inline.report(lib, record: "n: 0\na: true\n"))
        }
        try #require(errors.isEmpty, "\(errors)")
        let outcome = try #require(report?.rules.first?.outcome)
        #expect(outcome == .pass || outcome == .fail)
    }

    /// The same rules through the built binary: `screen` decides records on Dispatch worker threads.
    @Test func deepestAcceptedExpressionsScreenOnWorkerThreads() throws {
        let records = (0..<400).map { "{\"id\": \"r\($0)\", \"n\": 0, \"a\": true}" }.joined(separator: "\n") + "\n"
        for text in Self.deepestAccepted {
            let dir = try Hostile.rulesFolder(Inline.rule(text, extra: Self.derivedChain))
            defer { try? FileManager.default.removeItem(atPath: dir) }
            let r = try CLI.run(["screen", "--rules", "rules", "--kind", "t", "--jobs", "2", "-"], in: dir, stdin: records)
            #expect(r.status == 0 || r.status == 1, "\(text.prefix(30)): \(r.stderr.suffix(300))")
            #expect(r.stderr.contains("400 records in, 400 results out"))
        }
    }

    @Test func longChainOfDerivedValuesIsRefusedAtTheReference() throws {
        let chain = (1..<5_000).map { "  d\($0): d\($0 - 1) + 1" }.joined(separator: "\n")
        let lib = Inline.library(rules: Inline.rule("d4999 = 1", extra: "derived:\n  d0: n\n\(chain)\n"))
        let errors = lib.errors
        try #require(errors.count == 1, "\(errors.map({ $0.message }))")
        #expect(errors[0].id == "check.too-deep")
        #expect(errors[0].message.contains("more than 64 expression levels"))
        // The reference that goes past the limit: the value of a derived line `  dN: dM + 1`, column 7 or more.
        #expect(errors[0].range!.start.line > 10 && errors[0].range!.start.column >= 7)
    }

    @Test func lintOfATowerExitsOneWithThePosition() throws {
        let dir = try Hostile.rulesFolder(Inline.rule(String(repeating: "- ", count: 10_000) + "1 = 1"))
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let lint = try CLI.run(["rules", "lint", "rules"], in: dir)
        #expect(lint.status == 1)
        // The condition itself is the first level, so the 64th minus (column 11 + 2 × 63) is the 65th.
        #expect(
            (lint.stdout + lint.stderr).contains("rules/rules.yaml:13:137: error: expression is nested more than 64 levels deep"),
            "\(lint.stderr.prefix(300))")
        let check = try CLI.run(["check", "--rules", "rules", "--kind", "t", "/dev/null"], in: dir)
        #expect(check.status == 78)
        #expect(check.stderr.contains("[parse.too-deep]"))
        let doc = try CLI.run(["rules", "doc", "rules"], in: dir)
        #expect(doc.status != 0 && doc.status < 128, "rules doc ended with \(doc.status)")
    }

    /// The diagnostic quotes a window of the 20,000-character line around the spot, not the line.
    @Test func theDiagnosticQuotesAWindowOfALongLine() throws {
        let lib = Inline.library(rules: Inline.rule(String(repeating: "- ", count: 10_000) + "1 = 1"))
        let text = DiagnosticFormatter(sources: lib.sources).format(lib.errors)
        let lines = text.split(separator: "\n", omittingEmptySubsequences: false)
        try #require(lines.count >= 3, "\(text.prefix(400))")
        #expect(lines[1].count <= DiagnosticFormatter.excerptWidth + 6)
        #expect(lines[1].hasPrefix("    …") && lines[1].hasSuffix("…"))
        // The caret stands under the 65th minus, which the window shows.
        let caret = try #require(lines[2].firstIndex(of: "^"))
        let quoted = lines[1]
        #expect(quoted[quoted.index(quoted.startIndex, offsetBy: lines[2].distance(from: lines[2].startIndex, to: caret))] == "-")
    }

    @Test func controlCharactersInAQuotedLineAreShownAsReplacementCharacters() {
        let source = SourceFile(path: "f.yaml", text: "a: \u{1B}[31mx\u{0}y\n")
        let d = Diagnostic.error("parse.syntax", "bad", at: SourceRange(file: "f.yaml", at: SourcePosition(line: 1, column: 4)))
        let text = DiagnosticFormatter(sources: ["f.yaml": source]).format([d])
        #expect(!text.contains("\u{1B}") && !text.contains("\u{0}"))
        #expect(text.contains("    a: \u{FFFD}[31mx\u{FFFD}y\n       ^\n"), "\(text)")
    }
}
