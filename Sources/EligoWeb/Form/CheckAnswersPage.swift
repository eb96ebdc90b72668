import Eligo

/// "Check your answers": every answer given, grouped as the form groups them, with
/// the answers carried in hidden fields so "change" and "confirm" need no stored state.
struct CheckAnswersPage {
    let schema: Schema
    let asOfField: String?
    let answers: FormAnswers
    let action: String
    let report: Report

    func render() -> String {
        var body = "<main id=\"main\" class=\"main\"><h1 class=\"heading-xl\">Check your answers</h1>"
        body += "<p class=\"lead\">Your answers will be checked as of <strong>\(esc(report.asOf?.longDescription ?? "today"))</strong>.</p>"
        body += rows(schema.root, path: "", heading: "Your answers")
        body += "<form method=\"post\" action=\"\(action)/result\">" + CheckAnswersPage.hidden(answers)
        body += "<div class=\"button-group\"><button class=\"button\">Confirm and see your result</button>"
        body +=
            "<button class=\"button secondary\" formaction=\"\(action)\" name=\"action\" value=\"edit\">Change your answers</button></div></form></main>"
        return Layout.page(title: "Check your answers", body: body)
    }

    /// A summary list for an object's answered scalar fields, then its groups in turn.
    private func rows(_ type: ObjectType, path: String, heading: String) -> String {
        var list = ""
        var groups = ""
        for field in type.fields {
            let p = path.isEmpty ? field.name : "\(path).\(field.name)"
            switch field.type {
            case .object(let o):
                groups += rows(o, path: p, heading: FormLabels.label(field))
            case .list(.object(let o)):
                let noun = FormLabels.itemNoun(field)
                for i in 0..<answers.count(p) { groups += rows(o, path: "\(p)[\(i)]", heading: "\(noun) \(i + 1)") }
            default:
                let shown = display(field, path: p)
                guard !shown.isEmpty else { continue }
                let label = p == asOfField ? "Assessment date" : FormLabels.label(field)
                list += "<div class=\"summary-row\"><dt class=\"summary-key\">\(esc(label))</dt><dd class=\"summary-value\">\(esc(shown))</dd></div>"
            }
        }
        let section = list.isEmpty ? "" : "<h2 class=\"heading-m\">\(esc(heading))</h2><dl class=\"summary-list\">\(list)</dl>"
        return section + groups
    }

    private func display(_ field: FieldDeclaration, path: String) -> String {
        switch field.type {
        case .date:
            let d = answers["\(path)[day]"], m = answers["\(path)[month]"], y = answers["\(path)[year]"]
            if let di = Int(d), let mi = Int(m), let yi = Int(y), let day = Day(year: yi, month: mi, day: di) { return day.longDescription }
            return ""
        case .bool:
            return ["true": "Yes", "false": "No"][answers[path]] ?? ""
        case .enumeration(let e):
            let v = answers[path]
            return v.isEmpty ? "" : FormLabels.valueLabel(v, in: e)
        default:
            return answers[path]
        }
    }

    /// Every answer as a hidden input, in a fixed order.
    static func hidden(_ answers: FormAnswers) -> String {
        answers.fields.keys.sorted().filter { $0 != "action" }.map {
            "<input type=\"hidden\" name=\"\(HTML.escape($0))\" value=\"\(HTML.escape(answers.fields[$0] ?? ""))\">"
        }.joined()
    }

    private func esc(_ s: String) -> String { HTML.escape(s) }
}
