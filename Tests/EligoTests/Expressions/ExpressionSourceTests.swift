import Testing
@testable import Eligo

/// Expression and message positions in a rule file: every character of a scalar's value is
/// placed on the character it came from, through folding, quotes and indentation, whether the
/// text is walked as ASCII bytes or (for text beyond ASCII) as Characters.
@Suite struct ExpressionSourceTests {
    static let text = """
        folded: >
          You have {years(x)} of
            headship; "{y}" needed
        quoted: "line one
          and {z}"
        accented: >
          Café {w} and
          more {v}
        """

    static func source(_ key: String) throws -> ExpressionSource {
        let file = SourceFile(path: "r.yaml", text: text)
        let node = try #require(try YAMLLoader.load(text: text, path: "r.yaml").documents.first?.get()[key])
        return ExpressionSource(node: node, lines: CharacterLines(file))
    }

    @Test(arguments: ["folded", "quoted", "accented"])
    func everyCharacterIsPlacedOnItself(key: String) throws {
        let src = try Self.source(key)
        let lines = Self.text.split(separator: "\n", omittingEmptySubsequences: false).map(Array.init)
        for (i, c) in src.text.enumerated() where !c.isWhitespace {
            let p = src.position(i)
            #expect(lines[p.line - 1][p.column - 1] == c, "'\(c)' of \(key) placed at \(p.line):\(p.column)")
        }
    }

    @Test func holesAreFoundWhereTheyAreWritten() throws {
        let folded = try Self.source("folded")
        let brace = try #require(folded.text.firstIndex(of: "{"))
        #expect(folded.position(brace) == locate("{years", in: Self.text))
        let quoted = try Self.source("quoted")
        #expect(quoted.position(try #require(quoted.text.firstIndex(of: "{"))) == locate("{z}", in: Self.text))
        let accented = try Self.source("accented")
        let v = try #require(accented.text.lastIndex(of: "{"))
        #expect(accented.position(v) == locate("{v}", in: Self.text))
        // The end sits just after the last visible character.
        #expect(accented.position(accented.text.count) == SourcePosition(line: 8, column: 11))
    }
}
