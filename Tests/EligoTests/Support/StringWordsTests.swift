import Testing
@testable import Eligo

/// The renderers' text helpers work on UTF-8 bytes where that gives the same text faster; these
/// pin the results, including the cases where bytes and characters differ.
@Suite("text helpers for renderers")
struct StringWordsTests {
    @Test("HTML escaping escapes the five characters wherever they are, and leaves other text as it is")
    func htmlEscape() {
        #expect(HTML.escape("plain text, no marks") == "plain text, no marks")
        #expect(HTML.escape("Fenby Road Primary School (120431) — Hélène") == "Fenby Road Primary School (120431) — Hélène")
        #expect(HTML.escape(#"<a href="x">Tom & Jerry's</a>"#) == "&lt;a href=&quot;x&quot;&gt;Tom &amp; Jerry&#39;s&lt;/a&gt;")
        #expect(HTML.escape("Zoë <b>") == "Zoë &lt;b&gt;")
        // A quote followed by a combining mark is one character, but still a quote to an HTML parser.
        #expect(HTML.escape("\"\u{301} onmouseover=x") == "&quot;\u{301} onmouseover=x")
        #expect(HTML.escape("") == "")
    }

    @Test("replacingAll replaces every occurrence, in ASCII and other text alike")
    func replacing() {
        #expect("not_eligible".replacingAll("_", with: " ") == "not eligible")
        #expect("a_b_c_".replacingAll("_", with: "--") == "a--b--c--")
        #expect("none here".replacingAll("_", with: " ") == "none here")
        #expect("é_è".replacingAll("_", with: " ") == "é è")
        #expect("a|b".replacingAll("|", with: "\\|") == "a\\|b")
        #expect("line\nnext".replacingAll("\n", with: " ") == "line next")
    }

    @Test("a CSV cell is quoted when it holds a comma, a quote or any line break, CRLF included")
    func csvCells() {
        #expect("plain".csvEscaped == "plain")
        #expect("a,b".csvEscaped == "\"a,b\"")
        #expect("say \"hi\"".csvEscaped == "\"say \"\"hi\"\"\"")
        #expect("one\ntwo".csvEscaped == "\"one\ntwo\"")
        #expect("one\r\ntwo".csvEscaped == "\"one\r\ntwo\"")
        #expect("Zoë".csvEscaped == "Zoë")
    }
}
