import Eligo

/// A report in HTML: the live panel beside the form, and the result page. Both say
/// what the text report says: the decision, each criterion with its sentence and
/// numbers, what is still needed, the date a failing date rule will be met from,
/// and the citations.
enum ReportViews {
    /// The side panel: each criterion's state now (met / not met / still needed: …).
    static func panel(_ r: Report?) -> String {
        var out =
            "<aside class=\"live-panel\" id=\"live-panel\" aria-labelledby=\"live-heading\" tabindex=\"0\"><h2 class=\"heading-s\" id=\"live-heading\">Your criteria so far</h2>"
        out += "<div id=\"live-body\" aria-live=\"polite\">" + panelBody(r) + "</div></aside>"
        return out
    }

    /// The part of the panel the page's script replaces as answers change.
    static func panelBody(_ r: Report?) -> String {
        guard let r else { return "<p>Answer the questions to see each criterion here.</p>" }
        var out = "<p class=\"live-decision\">\(esc(r.outcome == .invalid ? stillToDo(r.errors) : verdict(r)))</p>"
        out += "<ul class=\"criteria-list\">"
        for rule in r.rules where rule.outcome != .notApplicable {
            out +=
                "<li class=\"criterion c-\(rule.outcome.rawValue)\">\(tag(rule)) <span class=\"criterion-id\">\(esc(rule.id))</span> \(esc(rule.title))"
            if let s = subjectName(rule) { out += " <span class=\"subject\">(\(esc(s)))</span>" }
            switch rule.outcome {
            case .fail, .error: if !rule.message.isEmpty { out += "<span class=\"criterion-text\">\(esc(rule.message))</span>" }
            case .unknown: out += "<span class=\"criterion-text\">Still needed: \(esc(needs(rule)))</span>"
            default: break
            }
            out += "</li>"
        }
        return out + "</ul>"
    }

    /// The result page's body (without the buttons, which need the answers).
    static func result(_ r: Report) -> String {
        var out =
            "<div class=\"panel panel-\(r.outcome.rawValue)\" id=\"decision\"><h1 class=\"panel-title\">\(esc(decisionWords(r.decision).capitalizedFirst))</h1>"
        out += "<div class=\"panel-body\">\(esc(verdict(r)))</div></div>"
        if let rs = r.ruleSet {
            out += "<p class=\"meta\">Checked against \(esc(rs.title)), version \(esc(rs.version))"
            if let asOf = r.asOf { out += ", as of <strong>\(esc(asOf.longDescription))</strong>" }
            out += ". Rules digest <code>\(esc(String(rs.digest.prefix(19))))…</code></p>"
        }
        if !r.errors.isEmpty {
            out += "<h2 class=\"heading-m\">Problems with your answers</h2><ul class=\"list\">"
            for e in r.errors { out += "<li>\(esc(e.path.isEmpty ? e.message : "\(e.path): \(e.message)"))</li>" }
            out += "</ul>"
        }
        var group = ""
        var open = false
        for rule in r.rules {
            let g = rule.partTitle + (subjectName(rule).map { ": \($0)" } ?? "")
            if g != group {
                if open { out += "</ul>" }
                group = g
                out += "<h2 class=\"heading-m\">\(esc(g))</h2><ul class=\"result-list\">"
                open = true
            }
            out += "<li class=\"result c-\(rule.outcome.rawValue)\" id=\"rule-\(esc(rule.id))\">"
            out += "<h3 class=\"heading-s\">\(tag(rule)) \(esc(rule.id)) \(esc(rule.title))</h3>"
            if !rule.message.isEmpty { out += "<p>\(esc(rule.message))</p>" }
            if let sentence = rule.passesFromSentence(date: { "<strong>\(esc($0))</strong>" }) { out += "<p class=\"passes-from\">\(sentence)</p>" }
            if rule.outcome == .unknown && !rule.needs.isEmpty { out += "<p>Still needed: \(esc(needs(rule)))</p>" }
            if rule.outcome != .notApplicable && rule.outcome != .unknown && !rule.values.isEmpty {
                let shown = rule.values.prefix(6).map { "\($0.path) = \(ValueFormatter.text($0.value))" }.joined(separator: "; ")
                out += "<p class=\"based-on\">Based on: \(esc(shown))\(rule.values.count > 6 ? " and \(rule.values.count - 6) more" : "")</p>"
            }
            if let c = rule.citation {
                out += "<p class=\"citation\">Source: \(esc(c.source))\(c.text.map { " — “\(esc($0))”" } ?? "")</p>"
                if let i = c.interpretation { out += "<p class=\"citation\">Interpretation: \(esc(i))</p>" }
            }
            out += "</li>"
        }
        if open { out += "</ul>" }
        return out
    }

    static func tag(_ rule: RuleResult) -> String {
        let text: String
        switch rule.outcome {
        case .pass: text = "Met"
        case .fail: text = rule.severity == .advisory ? "Advice" : "Not met"
        case .unknown: text = "Still needed"
        case .notApplicable: text = "Does not apply"
        case .error: text = "Cannot check"
        }
        return "<strong class=\"tag tag-\(rule.outcome.rawValue)\">\(text)</strong>"
    }

    /// What a criterion still needs, each answer named once; "more answers" when the engine names none.
    static func needs(_ rule: RuleResult) -> String {
        var seen = Set<String>()
        let names = zip(rule.needs, rule.needsLabels).map { path, label in label ?? path }.filter { seen.insert($0).inserted }
        return names.isEmpty ? "more answers about this" : names.joined(separator: "; ")
    }

    /// Before the answers can be decided, the panel says what is still to answer or correct,
    /// not "invalid": an empty form is not a mistake.
    static func stillToDo(_ errors: [RecordIssue]) -> String {
        let missing = errors.filter { $0.id == "record.missing-field" || $0.id == "record.too-few-items" }.count
        let wrong = errors.count - missing
        var parts: [String] = []
        if missing > 0 { parts.append("\(missing) required question\(missing == 1 ? "" : "s") still to answer") }
        if wrong > 0 { parts.append("\(wrong) answer\(wrong == 1 ? "" : "s") to correct") }
        return "Not decided yet: " + (parts.isEmpty ? "some answers are still needed" : parts.joined(separator: " and ")) + "."
    }

    /// Whom a per-item criterion is about: its label, or "School 1" when the label's answers
    /// are not given yet (never "not given (not given)").
    static func subjectName(_ rule: RuleResult) -> String? {
        if let label = rule.subjectLabel, !label.contains("not given") { return label }
        guard let subject = rule.subject else { return nil }
        guard subject.hasSuffix("]"), let open = subject.lastIndex(of: "["),
            let index = Int(subject[subject.index(after: open)..<subject.index(before: subject.endIndex)])
        else { return subject }
        let list = subject[..<open].split(separator: ".").last.map(String.init) ?? "item"
        var noun = FormLabels.humanize(list)
        if noun.count > 3 && noun.hasSuffix("s") && !noun.hasSuffix("ss") { noun.removeLast() }
        return "\(noun) \(index + 1)"
    }

    /// The text report's verdict, with the decision in ordinary case ("Not eligible as of …").
    static func verdict(_ r: Report) -> String {
        let text = TextReportRenderer().verdict(r)
        let shouted = decisionWords(r.decision).uppercased()
        guard text.hasPrefix(shouted) else { return text }
        return decisionWords(r.decision).capitalizedFirst + text.dropFirst(shouted.count)
    }

    static func decisionWords(_ d: String) -> String { String(d.map { $0 == "_" ? " " : $0 }) }

    private static func esc(_ s: String) -> String { HTML.escape(s) }
}
