/// `eligo rules doc --format html`: the criteria document as one
/// self-contained HTML page (inline CSS, no scripts, no external assets), for
/// a web page or to print as the application pack's attachment.
public enum HTMLCriteriaRenderer {
    public static func render(_ documents: [CriteriaDocument]) -> String {
        let title = documents.count == 1 ? documents[0].title : "Eligibility criteria"
        var out = """
            <!DOCTYPE html>
            <html lang="en">
            <head>
            <meta charset="utf-8">
            <meta name="viewport" content="width=device-width, initial-scale=1">
            <title>\(escape(title))</title>
            <style>
            \(css)
            </style>
            </head>
            <body>

            """
        for d in documents { out += article(d) }
        out += "</body>\n</html>\n"
        return out
    }

    private static func article(_ d: CriteriaDocument) -> String {
        var out = "<article class=\"criteria\" id=\"\(escape(d.ruleSetID))-\(escape(d.version))\">\n"
        out += "<header>\n<h1>\(escape(d.title))</h1>\n"
        out += "<p class=\"edition\"><strong>\(escape(d.ruleSetTitle))</strong> — version \(escape(d.version))"
        out += (d.period.isEmpty ? "" : ", \(escape(d.period))") + ".</p>\n"
        if let intro = d.introduction { out += "<p class=\"intro\">\(escape(intro))</p>\n" }
        out += "</header>\n"
        for section in d.sections {
            out += "<section>\n<h2>\(escape(section.title))</h2>\n"
            if let note = section.note { out += "<p class=\"note\">\(escape(note))</p>\n" }
            for c in section.criteria {
                out += "<div class=\"criterion\(c.advisory ? " advisory" : "")\" id=\"\(escape(c.id))\">\n"
                out += "<h3><span class=\"id\">\(escape(c.id))</span> \(escape(c.title))</h3>\n"
                if c.advisory { out += "<p class=\"badge\">Advisory: this does not affect the decision.</p>\n" }
                if let s = c.statement { out += "<p class=\"statement\">\(escape(s))</p>\n" }
                if let cite = c.citation {
                    if let text = cite.text {
                        out += "<figure class=\"citation\"><blockquote>“\(escape(text))”</blockquote>"
                        out += "<figcaption>— \(escape(cite.source))</figcaption></figure>\n"
                    } else {
                        out += "<p class=\"source\">Source: \(escape(cite.source))</p>\n"
                    }
                    if let i = cite.interpretation { out += "<p class=\"interpretation\"><em>How this is read:</em> \(escape(i))</p>\n" }
                }
                out += "</div>\n"
            }
            out += "</section>\n"
        }
        if !d.tables.isEmpty {
            out += "<section class=\"figures\">\n<h2>Figures used in these criteria</h2>\n"
            for t in d.tables {
                out += "<table>\n<caption><strong>\(escape(t.heading))</strong>"
                if let desc = t.description { out += "<br>\(escape(desc))" }
                out += "</caption>\n<thead><tr><th scope=\"col\">\(escape(t.columnKey.map { "\(t.rowKey) / \($0)" } ?? t.rowKey))</th>"
                out += t.columns.map { "<th scope=\"col\">\(escape($0))</th>" }.joined() + "</tr></thead>\n<tbody>\n"
                for row in t.rows {
                    out += "<tr><th scope=\"row\">\(escape(row.key))</th>" + row.cells.map { "<td>\(escape($0))</td>" }.joined() + "</tr>\n"
                }
                out += "</tbody>\n</table>\n"
            }
            out += "</section>\n"
        }
        out += "<footer><p>\(escape(CriteriaDocument.agreement))</p>"
        out += "<p><small>Rules version \(escape(d.version)); reference <code>\(escape(d.shortDigest))</code></small></p></footer>\n"
        out += "</article>\n"
        return out
    }

    static func escape(_ s: String) -> String { HTML.escape(s) }

    static let css = """
        body { font-family: Georgia, "Times New Roman", serif; line-height: 1.5; color: #1b1b1b; background: #fff; margin: 0; }
        article.criteria { max-width: 46em; margin: 0 auto; padding: 2em 1.5em 3em; }
        article.criteria + article.criteria { border-top: 3px double #888; }
        h1, h2, h3 { font-family: "Helvetica Neue", Arial, sans-serif; line-height: 1.25; }
        h1 { font-size: 1.9em; margin: 0 0 .3em; }
        h2 { font-size: 1.35em; margin: 2em 0 .5em; padding-bottom: .2em; border-bottom: 2px solid #1d4f91; color: #1d4f91; }
        h3 { font-size: 1.05em; margin: 0 0 .4em; }
        .edition { color: #444; margin-top: 0; }
        .intro { font-size: 1.05em; }
        .note { font-style: italic; color: #444; }
        .criterion { margin: 1.2em 0; padding: .8em 1em; border-left: 4px solid #1d4f91; background: #f6f8fb; break-inside: avoid; }
        .criterion.advisory { border-left-color: #8a6d00; background: #fbf8ef; }
        .id { font-family: Menlo, Consolas, monospace; font-size: .85em; color: #555; margin-right: .4em; }
        .statement { font-size: 1.05em; margin: .3em 0 .6em; }
        .badge { display: inline-block; margin: 0 0 .4em; font-size: .85em; color: #6b5500; }
        figure.citation { margin: .4em 0; }
        blockquote { margin: 0; padding-left: .8em; border-left: 2px solid #bbb; color: #333; }
        figcaption, .source { font-size: .9em; color: #555; margin-top: .2em; }
        .interpretation { font-size: .9em; color: #333; margin: .4em 0 0; }
        table { border-collapse: collapse; margin: 1em 0 1.5em; font-family: "Helvetica Neue", Arial, sans-serif; font-size: .92em; }
        caption { text-align: left; padding-bottom: .4em; font-family: Georgia, serif; }
        th, td { border: 1px solid #bbb; padding: .3em .7em; }
        td { text-align: right; }
        thead th, tbody th { background: #eef2f7; text-align: left; }
        footer { margin-top: 3em; font-size: .85em; color: #555; border-top: 1px solid #ccc; padding-top: .8em; }
        code { font-family: Menlo, Consolas, monospace; font-size: .9em; }
        @media print { body { font-size: 11pt; } article.criteria { padding: 0; } h2 { break-after: avoid; } }
        """
}
