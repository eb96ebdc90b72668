/// The impact report as one self-contained HTML page (no external assets), like screening's:
/// both sides, the transition table, the per-rule deltas, then each changed record, expandable.
enum ImpactHTML {
    static func head(_ s: ImpactSummary) -> String {
        var out = """
            <!DOCTYPE html>
            <html lang="en"><head><meta charset="utf-8"><title>Impact of the proposed rules</title>
            <style>
            body{font:15px/1.45 system-ui,sans-serif;margin:2em auto;max-width:72em;color:#222;padding:0 1em}
            h1{font-size:1.5em}table{border-collapse:collapse;margin:.5em 0}th,td{padding:.35em .6em;border-bottom:1px solid #ddd;text-align:left;vertical-align:top}
            th{background:#f4f4f4}td.n{text-align:right}details{border-bottom:1px solid #ddd;padding:.4em 0}summary{cursor:pointer}
            .d-eligible,.d-compliant,.pass{color:#1a7f37}.d-not_eligible,.d-breach,.d-invalid,.fail{color:#b42318}.d-incomplete,.unknown{color:#9a6700}
            .sides dt{font-weight:bold}.sides dd{margin:0 0 .4em 1em}
            </style></head><body>
            <h1>Impact of the proposed rules</h1>

            """
        out += "<p>\(esc(ValueFormatter.plural(s.recordsRead, "record"))) from \(esc(s.inputs.joined(separator: ", "))).</p>\n<dl class=\"sides\">"
        for (label, text) in ImpactRenderer.sideLines(s) { out += "<dt>\(esc(label))</dt><dd>\(esc(text))</dd>" }
        out += "</dl>\n<p><b>\(esc(ImpactRenderer.headline(s)))</b></p>\n"
        out += "<table><thead><tr><th>Decision</th><th>Records</th></tr></thead><tbody>"
        for t in s.tally.sortedTransitions {
            out += "<tr><td>\(esc(ImpactRenderer.transitionLabel(t)))</td><td class=\"n\">\(t.count)</td></tr>"
        }
        out += "</tbody></table>\n"
        let deltas = s.tally.ruleDeltas
        if !deltas.isEmpty {
            out +=
                "<table><thead><tr><th>Criterion</th><th>Newly pass</th><th>Newly fail</th><th>Become unknown</th><th>Stop applying</th></tr></thead><tbody>"
            for d in deltas {
                out += "<tr><td>\(esc(d.ruleID)) \(esc(d.title))</td><td class=\"n\">\(d.newlyPass)</td><td class=\"n\">\(d.newlyFail)</td>"
                out += "<td class=\"n\">\(d.becomeUnknown)</td><td class=\"n\">\(d.stopApplying)</td></tr>"
            }
            out += "</tbody></table>\n"
        }
        if s.tally.changed > 0 { out += "<h2>Records whose decision changes</h2>\n" }
        return out
    }

    static func change(_ c: RecordChange) -> String {
        let who = [c.id, c.name].compactMap { $0 }.joined(separator: " ")
        var out = "<details><summary>\(esc(who.isEmpty ? (c.source ?? "Record") : who)): "
        out += "<span class=\"d-\(esc(c.before.decision))\">\(esc(ImpactRenderer.words(c.before.decision)))</span> → "
        out += "<span class=\"d-\(esc(c.after.decision))\">\(esc(ImpactRenderer.words(c.after.decision)))</span></summary>"
        out += "<p>\(esc(c.source ?? ""))<br>Before: \(esc(ImpactRenderer.sideText(c.before)))<br>After: \(esc(ImpactRenderer.sideText(c.after)))</p>"
        if !c.rules.isEmpty {
            out += "<table><thead><tr><th>Criterion</th><th>Before</th><th>After</th></tr></thead><tbody>"
            for r in c.rules {
                out += "<tr><td>\(esc(r.ruleID)) \(esc(r.title))\(r.subject.map { " — \(esc($0))" } ?? "")</td>"
                out += "<td><b class=\"\(r.before?.rawValue ?? "")\">\(esc(ImpactRenderer.outcomeWord(r.before)))</b> \(esc(r.beforeMessage))</td>"
                out += "<td><b class=\"\(r.after?.rawValue ?? "")\">\(esc(ImpactRenderer.outcomeWord(r.after)))</b> \(esc(r.afterMessage))</td></tr>"
            }
            out += "</tbody></table>"
        }
        return out + "</details>\n"
    }

    static let tail = "</body></html>\n"

    static func esc(_ s: String) -> String { HTML.escape(s) }
}
