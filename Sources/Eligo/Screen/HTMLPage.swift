/// A self-contained HTML page of screening results: summary counts, the most
/// often failed criteria, and a sortable, filterable table of records, each
/// expandable to its full explanation. No external assets.
enum HTMLPage {
    static let head = """
    <!DOCTYPE html>
    <html lang="en"><head><meta charset="utf-8"><title>Screening results</title>
    <style>
    body{font:15px/1.45 system-ui,sans-serif;margin:2em auto;max-width:72em;color:#222;padding:0 1em}
    h1{font-size:1.5em}table{border-collapse:collapse;width:100%}th,td{padding:.35em .6em;border-bottom:1px solid #ddd;text-align:left;vertical-align:top}
    th{cursor:pointer;background:#f4f4f4;user-select:none}tr.rec{cursor:pointer}tr.rec:hover{background:#f8f8ff}
    .d-eligible,.d-compliant{color:#1a7f37}.d-not_eligible,.d-breach,.d-invalid{color:#b42318}.d-incomplete{color:#9a6700}
    tr.detail td{background:#fafafa;font-size:.92em}tr.detail{display:none}tr.detail.open{display:table-row}
    ul.rules{margin:.2em 0;padding-left:1.2em}li.fail b{color:#b42318}li.unknown b{color:#9a6700}li.pass b{color:#1a7f37}
    #filter{padding:.4em;width:24em;margin:.5em 0}.overrides{background:#fff4e5;border-left:4px solid #9a6700;padding:.5em .8em}.counts span{margin-right:1.5em}
    </style></head><body>
    <h1>Screening results</h1>
    <div id="summary"></div>
    <input id="filter" placeholder="Filter: id, decision or rule id" aria-label="Filter records">
    <table id="records"><thead><tr><th data-k="0">Record</th><th data-k="1">Decision</th><th data-k="2">Not met</th><th data-k="3">Needs information</th></tr></thead><tbody>

    """

    static func row(_ r: Report) -> String {
        let failed = ScreenRenderer.failed(r).joined(separator: ", ")
        let unknown = ScreenRenderer.unknown(r).joined(separator: ", ")
        var out = "<tr class=\"rec\"><td>\(esc(r.record.id ?? r.record.source ?? ""))</td><td class=\"d-\(esc(r.decision))\">\(esc(r.decision.replacingAll("_", with: " ")))</td><td>\(esc(failed))</td><td>\(esc(unknown))</td></tr>"
        out += "<tr class=\"detail\"><td colspan=\"4\">"
        if let name = r.record.name { out += "<b>\(esc(name))</b> · " }
        out += esc(r.record.source ?? "")
        if let asOf = r.asOf { out += " · as of \(esc(asOf.longDescription))" }
        if !r.errors.isEmpty {
            out += "<ul class=\"rules\">" + r.errors.map { "<li class=\"fail\"><b>error</b> \(esc($0.located))</li>" }.joined() + "</ul>"
        }
        out += "<ul class=\"rules\">"
        for rule in r.rules {
            let subject = rule.subjectLabel ?? rule.subject
            out += "<li class=\"\(rule.outcome.rawValue)\"><b>\(esc(rule.outcome.rawValue.replacingAll("_", with: " ")))</b> \(esc(rule.id)) \(esc(rule.title))"
            if let subject { out += " — \(esc(subject))" }
            if !rule.message.isEmpty { out += "<br>\(esc(rule.message))" }
            if let from = rule.passesFrom { out += " You will meet this from \(esc(from.longDescription))." }
            if !rule.needs.isEmpty { out += "<br>Still needed: \(esc(rule.needs.joined(separator: ", ")))" }
            out += "</li>"
        }
        return out + "</ul></td></tr>\n"
    }

    static func foot(_ s: ScreenSummary, overrides: [AppliedOverride] = []) -> String {
        var summary = overrides.isEmpty ? "" : "<p class=\"overrides\"><b>\(esc(overrides.banner))</b></p>"
        summary += "<p class=\"counts\"><span><b>\(s.recordsRead)</b> records read</span><span><b>\(s.recordsWritten)</b> decided</span>"
        for (d, n) in s.decisions { summary += "<span class=\"d-\(esc(d))\"><b>\(n)</b> \(esc(d.replacingAll("_", with: " ")))</span>" }
        summary += "</p>"
        if !s.failures.isEmpty {
            summary += "<h2>Most often not met</h2><table><thead><tr><th>Criterion</th><th>Records</th></tr></thead><tbody>"
            for (id, n) in s.topFailures(10) { summary += "<tr><td>\(esc(id))</td><td>\(n)</td></tr>" }
            summary += "</tbody></table><h2>Records</h2>"
        }
        return """
        </tbody></table>
        <template id="summary-content">\(summary)</template>
        <script>
        document.getElementById('summary').innerHTML=document.getElementById('summary-content').innerHTML;
        const body=document.querySelector('#records tbody');
        function pairs(){const r=[...body.querySelectorAll('tr.rec')];return r.map(x=>[x,x.nextElementSibling]);}
        body.addEventListener('click',e=>{const t=e.target.closest('tr.rec');if(t)t.nextElementSibling.classList.toggle('open');});
        document.getElementById('filter').addEventListener('input',e=>{const q=e.target.value.toLowerCase();
          for(const [a,b] of pairs()){const hit=a.textContent.toLowerCase().includes(q);a.style.display=hit?'':'none';if(!hit)b.classList.remove('open');}});
        document.querySelectorAll('#records th').forEach(th=>th.addEventListener('click',()=>{const k=+th.dataset.k;const asc=th.dataset.dir!=='asc';th.dataset.dir=asc?'asc':'desc';
          const p=pairs().sort((x,y)=>{const a=x[0].children[k].textContent,b=y[0].children[k].textContent;return asc?a.localeCompare(b):b.localeCompare(a);});
          for(const [a,b] of p){body.appendChild(a);body.appendChild(b);}}));
        </script>
        </body></html>

        """
    }

    static func esc(_ s: String) -> String { HTML.escape(s) }
}
