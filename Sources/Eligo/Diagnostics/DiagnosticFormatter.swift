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

    private func excerpt(_ range: SourceRange?) -> String {
        guard let range, let file = sources[range.file], let line = file.line(range.start.line) else { return "" }
        let text = String(line)
        let chars = Array(text)
        let start = max(0, min(range.start.column - 1, chars.count))
        var width = 1
        if range.end.line == range.start.line {
            width = max(1, min(range.end.column - range.start.column, chars.count - start))
        }
        // Keep tabs so the caret lines up under tab-indented text.
        let pad = String(chars[0..<start].map { $0 == "\t" ? "\t" : " " })
        let marker = "^" + String(repeating: "~", count: max(0, width - 1))
        return "    \(text)\n    \(pad)\(paint(marker, "1;32"))\n"
    }

    private func paint(_ text: String, _ code: String) -> String {
        colour ? "\u{1B}[\(code)m\(text)\u{1B}[0m" : text
    }
}
