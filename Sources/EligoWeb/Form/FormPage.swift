import Eligo

/// The self-check form, generated from the record kind's schema: every question,
/// its label, hint, choices and bounds come from `rules/schema/*.yaml`, so a field
/// added there appears here with no HTML written for it. GOV.UK Design System
/// patterns: a fieldset and legend per group, hints under labels, day/month/year
/// dates, an error summary linking to each field with the error beside it, and
/// "add another" / "remove" as submit buttons, so it all works without JavaScript.
struct FormPage {
    let schema: Schema
    let ruleSetTitle: String
    let asOfField: String?
    let answers: FormAnswers
    /// Problems by record path, in the order they are listed in the summary.
    let errors: [FormError]
    /// The panel of each criterion's state for these answers.
    let panel: String

    var action: String { "/self-check/\(schema.kind)" }

    func render() -> String {
        var body = "<div class=\"with-panel\"><main id=\"main\" class=\"main\">"
        body += "<h1 class=\"heading-xl\">Check if you meet the criteria</h1>"
        body +=
            "<p class=\"lead\">\(esc(ruleSetTitle)). Answer what you can: the panel shows each criterion as met, not met or still needing an answer. Questions marked optional can be left empty.</p>"
        body += FormPage.errorSummary(errors, schema: schema)
        body += "<form method=\"post\" action=\"\(action)\" novalidate id=\"self-check\" data-live=\"\(action)/live\">"
        for field in schema.root.fields { body += question(field, path: field.name, level: 2) }
        body += "<div class=\"button-group\"><button class=\"button\" name=\"action\" value=\"continue\">Continue</button></div>"
        body += "</form>"
        body += """
            <details class="details"><summary>Continue from a saved record</summary>
            <form method="post" action="\(action)/load" enctype="multipart/form-data">
            <div class="form-group"><label class="label" for="f-record-file">Your saved answers (a YAML record downloaded from this service)</label>
            <input class="file-upload" type="file" id="f-record-file" name="record" accept=".yaml,.yml,.json"></div>
            <button class="button secondary">Load answers</button></form></details>
            """
        body += "</main>\(panel)</div>"
        return Layout.page(title: errors.isEmpty ? "Self-check" : "Error: Self-check", body: body)
    }

    // MARK: Questions

    private func question(_ declared: FieldDeclaration, path: String, level: Int) -> String {
        var field = declared
        if path == "id" {
            // The record's reference: a self-check has none yet (FormRecord fills one in).
            field.optional = true
            field.help = "Leave this empty for a self-check."
        }
        var type = field.type
        if path == asOfField { return asOfQuestion(field, path: path) }
        switch type {
        case .object(let o):
            var out = "<fieldset class=\"fieldset\" id=\"\(Layout.id(path))\"><legend class=\"legend legend-\(level == 2 ? "l" : "m")\">"
            out += (level == 2 ? "<h2 class=\"fieldset-heading\">" : "") + esc(title(field)) + (level == 2 ? "</h2>" : "") + "</legend>"
            out += hint(field, path: path)
            out += errorMessage(path)
            for f in o.fields { out += question(f, path: "\(path).\(f.name)", level: level + 1) }
            return out + "</fieldset>"
        case .list(.object(let o)):
            let n = answers.count(path)
            let noun = FormLabels.itemNoun(field)
            var out = "<section class=\"repeat\" id=\"\(Layout.id(path))\" aria-labelledby=\"\(Layout.id(path))-h\">"
            out += "<h\(min(level, 3)) class=\"heading-m\" id=\"\(Layout.id(path))-h\">\(esc(title(field)))</h\(min(level, 3))>"
            out += hint(field, path: path) + errorMessage(path)
            out += "<input type=\"hidden\" name=\"count:\(esc(path))\" value=\"\(n)\">"
            for i in 0..<n {
                let item = "\(path)[\(i)]"
                out +=
                    "<fieldset class=\"fieldset repeat-item\" id=\"\(Layout.id(item))\"><legend class=\"legend legend-s\">\(esc(noun)) \(i + 1)</legend>"
                for f in o.fields { out += question(f, path: "\(item).\(f.name)", level: level + 2) }
                out +=
                    "<button class=\"button secondary small\" name=\"action\" value=\"remove:\(esc(item))\">Remove \(esc(noun.lowercased())) \(i + 1)</button>"
                out += "</fieldset>"
            }
            out +=
                "<button class=\"button secondary\" name=\"action\" value=\"add:\(esc(path))\">Add \(n == 0 ? "a" : "another") \(esc(noun.lowercased()))</button>"
            return out + "</section>"
        case .list:
            return group(path) {
                label(field, path: path) + hint(field, path: path, extra: "One per line.") + errorMessage(path)
                    + "<textarea class=\"textarea\(hasError(path) ? " error" : "")\" id=\"\(Layout.id(path))\" name=\"\(esc(path))\" rows=\"3\"\(describedBy(field, path))>\(esc(answers[path]))</textarea>"
            }
        case .date:
            return dateQuestion(field, path: path, legend: title(field), hintText: field.help)
        case .bool:
            return radios(field, path: path, options: [("true", "Yes", nil), ("false", "No", nil)], inline: true)
        case .enumeration(let e):
            return radios(field, path: path, options: e.values.map { ($0, FormLabels.valueLabel($0, in: e), nil) }, inline: false)
        default:
            type = field.type
            let numeric = type == .int || type == .decimal
            return group(path) {
                label(field, path: path) + hint(field, path: path, extra: bounds(field)) + errorMessage(path)
                    + "<input class=\"input\(numeric ? " input-short" : "")\(hasError(path) ? " error" : "")\" id=\"\(Layout.id(path))\" name=\"\(esc(path))\" type=\"text\""
                    + (numeric ? " inputmode=\"\(type == .int ? "numeric" : "decimal")\" spellcheck=\"false\"" : "")
                    + " value=\"\(esc(answers[path]))\"\(describedBy(field, path))>"
            }
        }
    }

    /// The rule set's assessment date, asked as "when will you apply".
    private func asOfQuestion(_ field: FieldDeclaration, path: String) -> String {
        dateQuestion(
            field, path: path, legend: "When will you apply? (optional)",
            hintText: "The criteria are checked on this date, and the rules in force on it are used. Leave it empty to check as of today.")
    }

    private func dateQuestion(_ field: FieldDeclaration, path: String, legend: String, hintText: String?) -> String {
        let id = Layout.id(path)
        var out =
            "<div class=\"form-group\(hasError(path) ? " form-group-error" : "")\"><fieldset class=\"fieldset\" role=\"group\" aria-describedby=\"\(id)-hint\(hasError(path) ? " \(id)-error" : "")\">"
        out += "<legend class=\"legend legend-s\">\(esc(legend == title(field) ? title(field) : legend))</legend>"
        out += "<div class=\"hint\" id=\"\(id)-hint\">\(hintText.map { esc($0) + " " } ?? "")For example, 27 3 2014</div>"
        out += errorMessage(path)
        out += "<div class=\"date-input\">"
        for (part, name, width) in [("day", "Day", 2), ("month", "Month", 2), ("year", "Year", 4)] {
            let inputID = part == "day" ? id : "\(id)-\(part)"
            let n = "\(path)[\(part)]"
            out += "<div class=\"date-item\"><label class=\"label date-label\" for=\"\(inputID)\">\(name)</label>"
            out +=
                "<input class=\"input width-\(width)\(hasError(path) ? " error" : "")\" id=\"\(inputID)\" name=\"\(esc(n))\" type=\"text\" inputmode=\"numeric\" value=\"\(esc(answers[n]))\"></div>"
        }
        return out + "</div></fieldset></div>"
    }

    private func radios(_ field: FieldDeclaration, path: String, options: [(String, String, String?)], inline: Bool) -> String {
        let id = Layout.id(path)
        let current = answers[path]
        var out = "<div class=\"form-group\(hasError(path) ? " form-group-error" : "")\"><fieldset class=\"fieldset\"\(describedBy(field, path))>"
        out += "<legend class=\"legend legend-s\">\(esc(title(field)))</legend>"
        out += hint(field, path: path) + errorMessage(path)
        out += "<div class=\"radios\(inline ? " radios-inline" : "")\">"
        for (i, (value, text, _)) in options.enumerated() {
            let rid = i == 0 ? id : "\(id)-\(i + 1)"
            out +=
                "<div class=\"radio\"><input class=\"radio-input\" id=\"\(rid)\" name=\"\(esc(path))\" type=\"radio\" value=\"\(esc(value))\"\(current == value ? " checked" : "")>"
            out += "<label class=\"label radio-label\" for=\"\(rid)\">\(esc(text))</label></div>"
        }
        if field.optional && !current.isEmpty {
            // Lets an answer be taken back without JavaScript.
            out += "<div class=\"radio\"><input class=\"radio-input\" id=\"\(id)-clear\" name=\"\(esc(path))\" type=\"radio\" value=\"\">"
            out += "<label class=\"label radio-label\" for=\"\(id)-clear\">I do not know yet</label></div>"
        }
        return out + "</div></fieldset></div>"
    }

    // MARK: Pieces

    private func title(_ field: FieldDeclaration) -> String {
        FormLabels.label(field) + (field.optional && !isContainer(field.type) ? " (optional)" : "")
    }

    private func isContainer(_ t: ValueType) -> Bool {
        if case .object = t { return true }
        if case .list(.object) = t { return true }
        return false
    }

    private func label(_ field: FieldDeclaration, path: String) -> String {
        "<label class=\"label\" for=\"\(Layout.id(path))\">\(esc(title(field)))</label>"
    }

    private func hint(_ field: FieldDeclaration, path: String, extra: String? = nil) -> String {
        let text = [field.help, extra].compactMap { $0 }.joined(separator: " ")
        return text.isEmpty ? "" : "<div class=\"hint\" id=\"\(Layout.id(path))-hint\">\(esc(text))</div>"
    }

    private func describedBy(_ field: FieldDeclaration, _ path: String) -> String {
        var ids: [String] = []
        if field.help != nil || bounds(field) != nil { ids.append(Layout.id(path) + "-hint") }
        if hasError(path) { ids.append(Layout.id(path) + "-error") }
        return ids.isEmpty ? "" : " aria-describedby=\"\(ids.joined(separator: " "))\""
    }

    /// "A whole number from 1 to 4", from the schema's bounds.
    private func bounds(_ field: FieldDeclaration) -> String? {
        guard field.type == .int || field.type == .decimal else { return nil }
        let kind = field.type == .int ? "A whole number" : "A number"
        switch (field.minimum, field.maximum) {
        case let (lo?, hi?): return "\(kind) from \(ValueFormatter.number(lo)) to \(ValueFormatter.number(hi))."
        case let (lo?, nil): return "\(kind), \(ValueFormatter.number(lo)) or more."
        case let (nil, hi?): return "\(kind), \(ValueFormatter.number(hi)) or less."
        case (nil, nil): return field.type == .int ? "A whole number." : nil
        }
    }

    private func group(_ path: String, _ content: () -> String) -> String {
        "<div class=\"form-group\(hasError(path) ? " form-group-error" : "")\">" + content() + "</div>"
    }

    private func hasError(_ path: String) -> Bool { errors.contains { $0.path == path } }

    private func errorMessage(_ path: String) -> String {
        errors.filter { $0.path == path }.map {
            "<p class=\"error-message\" id=\"\(Layout.id(path))-error\"><span class=\"visually-hidden\">Error:</span> \(esc($0.message))</p>"
        }.joined()
    }

    private func esc(_ s: String) -> String { HTML.escape(s) }

    /// "There is a problem": each error links to its field (a date to its day box, radios to the first choice).
    static func errorSummary(_ errors: [FormError], schema: Schema) -> String {
        guard !errors.isEmpty else { return "" }
        var out =
            "<div class=\"error-summary\" role=\"alert\" tabindex=\"-1\" id=\"error-summary\"><h2 class=\"error-summary-title\">There is a problem</h2><ul class=\"error-summary-list\">"
        for e in errors { out += "<li><a href=\"#\(Layout.id(e.path))\">\(HTML.escape(e.message))</a></li>" }
        return out + "</ul></div>"
    }

    /// The engine's record issues as messages for an applicant, by path: "Enter your name" rather than
    /// "Name (name) is needed but not written". Issues about a path the form has no question for go to the nearest one.
    static func formErrors(_ issues: [RecordIssue], schema: Schema) -> [FormError] {
        issues.filter { $0.severity == .error }.map { issue in
            let field = schema.root.field(atPath: issue.path)
            let label = field.map(FormLabels.label) ?? "This answer"
            // "Name" → "name", but an acronym ("URN") keeps its capitals.
            let isAcronym = label.dropFirst().first?.isUppercase ?? false
            let lower = isAcronym ? label : label.prefix(1).lowercased() + label.dropFirst()
            switch issue.id {
            case "record.missing-field":
                switch field?.type {
                case .bool?, .enumeration?: return FormError(path: issue.path, message: "Select \(lower)")
                case .list?: return FormError(path: issue.path, message: "Add at least one entry to \(lower)")
                default: return FormError(path: issue.path, message: "Enter \(lower)")
                }
            case "record.too-few-items":
                return FormError(path: issue.path, message: "Add at least \(field?.minItems ?? 1) to \(lower)")
            default:
                return FormError(path: issue.path, message: "\(label): \(issue.message)")
            }
        }
    }
}
