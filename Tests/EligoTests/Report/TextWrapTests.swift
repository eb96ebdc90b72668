import Testing
@testable import Eligo

/// Text reports wrap at 88 columns by UTF-8 bytes when every character of the text is one
/// scalar that never joins its neighbours, and by Characters otherwise; the two must give the
/// same lines. A dataset's text report indents each rule's lines found the same way.
@Suite("text wrapping by bytes")
struct TextWrapTests {
    static let pieces = [
        "a", "word", "criterion", "LLE-004", "(ASSOC-4a)", "1 October 2014;", "é", "café", "naïve", "—", "“quoted”",
        "it’s", "€5", "…", "•", "line\nbreak", String(repeating: "x", count: 95), "", " "
    ]

    @Test func simpleTextWrapsAsCharactersDo() {
        var generator = SystemRandomNumberGenerator()
        for round in 0..<400 {
            let count = round % 60
            let text = (0..<count).map { _ in Self.pieces.randomElement(using: &generator)! }.joined(separator: " ")
            for indent in ["", "      "] {
                let bytes = TextReportRenderer.wrapSimple(text, indent: indent)
                #expect(bytes != nil, "\(text)")
                #expect(bytes == TextReportRenderer.wrapByCharacters(text, indent: indent), "\(text)")
            }
        }
    }

    @Test(
        "text that may join characters is left to the Character path",
        arguments: [
            "e\u{301} combining", "a \u{301}mark after a space", "crlf\r\nline", "flag 🇬🇧", "zero\u{200D}width joiner", "한국어"
        ])
    func otherTextIsNotWrappedByBytes(_ text: String) {
        #expect(TextReportRenderer.wrapSimple(text, indent: "  ") == nil)
    }

    @Test func indentedLinesSplitAtLineFeedsAsCharactersDo() {
        for text in ["a\nb\n", "a\nb", "\n", "", "one\r\ntwo\nthree\n", "\r\n\n", "é—\n“x”\n\n"] {
            let reference = text.split(separator: "\n", omittingEmptySubsequences: false).dropLast().map { "  " + $0 + "\n" }.joined()
            #expect(DatasetTextRenderer.indented(text) == reference, "\(text.debugDescription)")
        }
    }
}
