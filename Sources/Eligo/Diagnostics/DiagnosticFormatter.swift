/// Renders diagnostics the way compilers do: `file:line:column: error: message [id]`,
/// then the source line with a caret under the spot.
public struct DiagnosticFormatter: Sendable {
    public var colour: Bool
    /// Source text by path, to quote the offending line; files not here get no excerpt.
    public var sources: [String: SourceFile]

    public init(colour: Bool = false, sources: [String: SourceFile] = [:]) {
        self.colour = colour
        self.sources = sources
    }

    public func format(_ diagnostics: [Diagnostic]) -> String {
        diagnostics.map(format).joined()
    }

    public func format(_ d: Diagnostic) -> String {
        var out = ""
        let label: String
        switch d.severity {
        case .error: label = paint("error:", "1;31")
        case .warning: label = paint("warning:", "1;35")
        case .note: label = paint("note:", "1;36")
        }
        out += "\(location(d.range))\(label) \(paint(d.message, "1")) [\(d.id)]\n"
        out += excerpt(d.range)
        if let suggestion = d.suggestion {
            out += "\(location(d.range))\(paint("note:", "1;36")) did you mean '\(suggestion)'?\n"
        }
        for note in d.notes {
            out += "\(location(note.range))\(paint("note:", "1;36")) \(note.message)\n"
            out += excerpt(note.range)
        }
        return out
    }

    private func location(_ range: SourceRange?) -> String {
        guard let range else { return "" }
        return paint("\(range.file):\(range.start.line):\(range.start.column):", "1") + " "
    }

    /// The most characters of a source line quoted under a diagnostic: a line of a file without
    /// end, or a tower of 10,000 minuses, is quoted around the spot only, with "…" for the rest.
    static let excerptWidth = 160

    private func excerpt(_ range: SourceRange?) -> String {
        guard let range, let file = sources[range.file], let line = file.line(range.start.line) else { return "" }
        let column = max(0, range.start.column - 1)
        // Only the characters up to the window's end are looked at, however long the line.
        // (one more tells whether the line goes on past the window)
        let chars = Array(line.prefix(column + DiagnosticFormatter.excerptWidth + 1))
        let start = min(column, chars.count)
        let from = max(0, min(start - DiagnosticFormatter.excerptWidth / 2, chars.count - DiagnosticFormatter.excerptWidth))
        let to = min(chars.count, from + DiagnosticFormatter.excerptWidth)
        var width = 1
        if range.end.line == range.start.line {
            width = max(1, min(range.end.column - range.start.column, to - start))
        }
        // Control characters (a NUL, an escape) are shown as U+FFFD so that they neither end
        // the text early nor act on the terminal; tabs are kept, so the caret lines up under them.
        let shown = String(
            chars[from..<to].map { c -> Character in
                guard c != "\t", let a = c.asciiValue, a < 32 || a == 127 else { return c }
                return "\u{FFFD}"
            })
        let before = from > 0 ? "…" : "", after = to < chars.count ? "…" : ""
        let pad = (from > 0 ? " " : "") + String(chars[from..<start].map { $0 == "\t" ? "\t" : " " })
        let marker = "^" + String(repeating: "~", count: max(0, width - 1))
        return "    \(before)\(shown)\(after)\n    \(pad)\(paint(marker, "1;32"))\n"
    }

    private func paint(_ text: String, _ code: String) -> String {
        colour ? "\u{1B}[\(code)m\(text)\u{1B}[0m" : text
    }
}
