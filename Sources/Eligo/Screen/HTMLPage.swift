/// A self-contained HTML page of screening results: summary counts, the most
/// often failed criteria, and a sortable, filterable table of records, each
/// expandable to its full explanation. No external assets.
enum HTMLPage {
    static let head = """
        <!DOCTYPE html>
        <html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
        <title>Screening results</title>
        <style>
        body{font:15px/1.45 system-ui,sans-serif;margin:2em auto;max-width:72em;color:#222;padding:0 1em}
        h1{font-size:1.5em}.scroll{overflow-x:auto}table{border-collapse:collapse;width:100%}th,td{padding:.35em .6em;border-bottom:1px solid #ddd;text-align:left;vertical-align:top}
        th{background:#f4f4f4}th button{font:inherit;font-weight:bold;background:none;border:0;padding:0;cursor:pointer}
        tr.rec:hover,tr.rec:focus{background:#f8f8ff;outline:2px solid #88f}
        .d-eligible,.d-compliant{color:#1a7f37}.d-not_eligible,.d-breach,.d-invalid{color:#b42318}.d-incomplete{color:#9a6700}
        tr.detail td{background:#fafafa;font-size:.92em}.js tr.detail{display:none}.js tr.detail.open{display:table-row}.js tr.rec{cursor:pointer}
        ul.rules{margin:.2em 0;padding-left:1.2em}li.fail b{color:#b42318}li.unknown b{color:#9a6700}li.pass b{color:#1a7f37}
        .controls{display:flex;flex-wrap:wrap;gap:.5em;margin:.5em 0}#filter{padding:.4em;flex:1 1 16em}.visually-hidden{position:absolute;width:1px;height:1px;overflow:hidden;clip:rect(0 0 0 0)}
        .overrides{background:#fff4e5;border-left:4px solid #9a6700;padding:.5em .8em}.counts span{margin-right:1.5em;display:inline-block}
        @media (max-width:40em){body{margin:1em auto;font-size:14px}th,td{padding:.3em}}
        </style></head><body><main>
        <h1>Screening results</h1>
        <div id="summary"></div>
        <div class="controls"><label for="filter" class="visually-hidden">Filter</label>
        <input id="filter" type="search" placeholder="Filter: name, school, URN, id or criterion">
        <label>Decision <select id="decision"><option value="">all</option></select></label>
        <button type="button" id="expand-all" aria-pressed="false">Expand all</button></div>
        <div class="scroll"><table id="records"><caption class="visually-hidden">Records, one row each; select a row to see its explanation</caption>
        <thead><tr><th aria-sort="none"><button type="button" data-k="0">Applicant</button></th><th aria-sort="none"><button type="button" data-k="1">School</button></th><th aria-sort="none"><button type="button" data-k="2">Decision</button></th><th aria-sort="none"><button type="button" data-k="3">Not met</button></th><th aria-sort="none"><button type="button" data-k="4">Needs information</button></th></tr></thead><tbody>

        """

    static func row(_ r: Report) -> String {
        var out: [UInt8] = []
        row(r, into: &out)
        return String(decoding: out, as: UTF8.self)
    }

    /// A record's two table rows (its summary and its explanation), written straight into bytes.
    static func row(_ r: Report, into out: inout [UInt8]) {
        func raw(_ s: StaticString) { out.append(contentsOf: s.utf8Bytes) }
        func esc(_ s: String) { HTML.append(s, to: &out) }
        let who = [r.record.name, r.record.id.map { r.record.name == nil ? $0 : "(\($0))" }].compactMap { $0 }.joined(separator: " ")
        raw("<tr class=\"rec\" tabindex=\"0\" aria-expanded=\"false\" data-decision=\"")
        esc(r.decision)
        raw("\"><td>")
        esc(who.isEmpty ? r.record.source ?? "" : who)
        raw("</td><td>")
        esc(ScreenRenderer.subject(r) ?? "")
        raw("</td><td class=\"d-")
        esc(r.decision)
        raw("\">")
        esc(r.decision.replacingAll("_", with: " "))
        raw("</td><td>")
        esc(r.failedRuleIDs.joined(separator: ", "))
        raw("</td><td>")
        esc(r.unknownRuleIDs.joined(separator: ", "))
        raw("</td></tr><tr class=\"detail\"><td colspan=\"5\">")
        esc(r.record.source ?? "")
        if let asOf = r.asOf { raw(" · as of "); esc(asOf.longDescription) }
        if let rs = r.ruleSet { raw(" · rules "); esc(rs.id); raw(" "); esc(rs.version) }
        if !r.errors.isEmpty {
            raw("<ul class=\"rules\">")
            for e in r.errors { raw("<li class=\"fail\"><b>error</b> "); esc(e.located); raw("</li>") }
            raw("</ul>")
        }
        raw("<ul class=\"rules\">")
        for rule in r.rules {
            let subject = rule.subjectLabel ?? rule.subject
            raw("<li class=\"")
            out.append(contentsOf: rule.outcome.rawValue.utf8)
            raw("\"><b>")
            esc(rule.outcome.rawValue.replacingAll("_", with: " "))
            raw("</b> ")
            esc(rule.id)
            raw(" ")
            esc(rule.title)
            if let subject { raw(" — "); esc(subject) }
            let message = rule.message
            if !message.isEmpty { raw("<br>"); esc(message) }
            if let sentence = rule.passesFromSentence(date: HTML.escape) { raw(" "); out.append(contentsOf: sentence.utf8) }
            let needs = rule.needs
            if !needs.isEmpty { raw("<br>Still needed: "); esc(needs.joined(separator: ", ")) }
            raw("</li>")
        }
        raw("</ul></td></tr>\n")
    }

    /// The summary follows the table in the page (it is known only at the end of a streamed run),
    /// so it is there without JavaScript; the script moves it above the table.
    static func foot(_ s: ScreenSummary, overrides: [AppliedOverride] = []) -> String {
        var summary = overrides.isEmpty ? "" : "<p class=\"overrides\"><b>\(esc(overrides.banner))</b></p>"
        summary += "<p class=\"counts\"><span><b>\(s.recordsRead)</b> records read</span><span><b>\(s.recordsWritten)</b> decided</span>"
        for (d, n) in s.decisions { summary += "<span class=\"d-\(esc(d))\"><b>\(n)</b> \(esc(d.replacingAll("_", with: " ")))</span>" }
        summary += "</p>"
        if !s.failures.isEmpty {
            summary += "<h2>Most often not met</h2><table><thead><tr><th>Criterion</th><th>Records</th></tr></thead><tbody>"
            for (id, n) in s.topFailures(10) { summary += "<tr><td>\(esc(id)) \(esc(s.title(of: id) ?? ""))</td><td>\(n)</td></tr>" }
            summary += "</tbody></table>"
        }
        return """
            </tbody></table></div>
            <section id="summary-content" aria-label="Summary"><h2>Summary</h2>\(summary)</section>
            </main>
            <script>
            document.body.classList.add('js');
            document.getElementById('summary').appendChild(document.getElementById('summary-content'));
            const body=document.querySelector('#records tbody');
            function pairs(){return [...body.querySelectorAll('tr.rec')].map(x=>[x,x.nextElementSibling]);}
            function toggle(r,open){open=open??r.getAttribute('aria-expanded')!=='true';r.setAttribute('aria-expanded',open);r.nextElementSibling.classList.toggle('open',open);}
            body.addEventListener('click',e=>{const t=e.target.closest('tr.rec');if(t)toggle(t);});
            body.addEventListener('keydown',e=>{const t=e.target.closest('tr.rec');if(t&&(e.key==='Enter'||e.key===' ')){e.preventDefault();toggle(t);}});
            const all=document.getElementById('expand-all');
            all.addEventListener('click',()=>{const open=all.getAttribute('aria-pressed')!=='true';all.setAttribute('aria-pressed',open);all.textContent=open?'Collapse all':'Expand all';
              for(const [a] of pairs())if(a.style.display!=='none')toggle(a,open);});
            const sel=document.getElementById('decision');
            for(const d of [...new Set(pairs().map(([a])=>a.dataset.decision))].sort()){const o=document.createElement('option');o.value=d;o.textContent=d.replace(/_/g,' ');sel.appendChild(o);}
            function filter(){const q=document.getElementById('filter').value.toLowerCase(),d=sel.value;
              for(const [a,b] of pairs()){const hit=(a.textContent+' '+b.textContent).toLowerCase().includes(q)&&(!d||a.dataset.decision===d);
                a.style.display=hit?'':'none';if(!hit)toggle(a,false);}}
            document.getElementById('filter').addEventListener('input',filter);sel.addEventListener('change',filter);
            document.querySelectorAll('#records th button').forEach(bt=>bt.addEventListener('click',()=>{const th=bt.parentElement,k=+bt.dataset.k;
              const asc=th.getAttribute('aria-sort')!=='ascending';document.querySelectorAll('#records th').forEach(h=>h.setAttribute('aria-sort','none'));
              th.setAttribute('aria-sort',asc?'ascending':'descending');
              const p=pairs().sort((x,y)=>{const a=x[0].children[k].textContent,b=y[0].children[k].textContent;return asc?a.localeCompare(b):b.localeCompare(a);});
              for(const [a,b] of p){body.appendChild(a);body.appendChild(b);}}));
            </script>
            </body></html>

            """
    }

    static func esc(_ s: String) -> String { HTML.escape(s) }
}
