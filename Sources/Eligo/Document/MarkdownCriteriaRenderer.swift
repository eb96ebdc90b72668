/// `eligo rules doc --format markdown`: the criteria document as Markdown
/// (CommonMark with GitHub tables), ready to attach to an application pack.
public enum MarkdownCriteriaRenderer {
    public static func render(_ documents: [CriteriaDocument]) -> String {
        documents.map(render).joined(separator: "\n---\n\n")
    }

    public static func render(_ d: CriteriaDocument) -> String {
        var out = "# \(escape(d.title))\n\n"
        out += "**\(escape(d.ruleSetTitle))** — version \(escape(d.version))" + (d.period.isEmpty ? "" : ", \(d.period)") + ".\n\n"
        if let intro = d.introduction { out += escape(intro) + "\n\n" }
        for section in d.sections {
            out += "## \(escape(section.title))\n\n"
            if let note = section.note { out += "*\(escape(note))*\n\n" }
            for c in section.criteria {
                out += "### \(escape(c.id)) · \(escape(c.title))\n\n"
                if c.advisory { out += "*Advisory: this does not affect the decision.*\n\n" }
                if let s = c.statement { out += escape(s) + "\n\n" }
                if let cite = c.citation {
                    if let text = cite.text {
                        out += "> “\(escape(text))”\n>\n> — \(escape(cite.source))\n\n"
                    } else {
                        out += "Source: \(escape(cite.source))\n\n"
                    }
                    if let i = cite.interpretation { out += "*How this is read:* \(escape(i))\n\n" }
                }
            }
        }
        if !d.tables.isEmpty {
            out += "## Figures used in these criteria\n\n"
            for t in d.tables {
                out += "### \(escape(t.heading))\n\n"
                if let desc = t.description { out += escape(desc) + "\n\n" }
                let corner = t.columnKey.map { "\(t.rowKey) / \($0)" } ?? t.rowKey
                out += "| \(cell(corner)) | " + t.columns.map(cell).joined(separator: " | ") + " |\n"
                out += "|---|" + t.columns.map { _ in "---:|" }.joined() + "\n"
                for row in t.rows {
                    out += "| \(cell(row.key)) | " + row.cells.map(cell).joined(separator: " | ") + " |\n"
                }
                out += "\n"
            }
        }
        out += "*\(CriteriaDocument.agreement)*\n\n"
        out += "<small>Rules version \(d.version); reference \(d.shortDigest)</small>\n"
        return out
    }

    /// Text with Markdown's inline markup characters escaped.
    static func escape(_ s: String) -> String {
        var out = ""
        for c in s {
            if "\\`*_[]<>#|".contains(c) { out.append("\\") }
            out.append(c == "\n" ? " " : c)
        }
        return out
    }

    private static func cell(_ s: String) -> String { escape(s) }
}
