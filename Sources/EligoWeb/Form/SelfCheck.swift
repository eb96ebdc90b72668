import Eligo
import Logging

/// One record kind's self-check: the answers made into a record, checked by the
/// same library call as `eligo check`, and shown as the form, "check your answers"
/// or the result.
struct SelfCheck {
    let library: RuleLibrary
    let schema: Schema
    let title: String
    let asOfField: String?
    let today: Day
    let logger: Logger

    struct Evaluation {
        var yaml: String
        var report: Report
        /// The form's own problems and the engine's record issues, as messages for the applicant.
        var errors: [FormError]
    }

    var record: FormRecord { FormRecord(schema: schema, asOfField: asOfField, today: today) }
    var action: String { "/self-check/\(schema.kind)" }

    func evaluate(_ answers: FormAnswers) -> Evaluation {
        let (yaml, formErrors) = record.yaml(from: answers)
        let report = library.check(bytes: Array(yaml.utf8), path: "self-check", options: CheckOptions(today: today))[0]
        let engineErrors = FormPage.formErrors(report.errors, schema: schema).filter { e in !formErrors.contains { $0.path == e.path } }
        return Evaluation(yaml: yaml, report: report, errors: formErrors + engineErrors)
    }

    /// The form, with its errors shown once the applicant has asked to continue.
    func page(_ answers: FormAnswers, showErrors: Bool) -> String {
        let e = evaluate(answers)
        return FormPage(
            schema: schema, ruleSetTitle: title, asOfField: asOfField, answers: answers,
            errors: showErrors ? e.errors : [], panel: ReportViews.panel(e.report)
        ).render()
    }

    /// "Check your answers" when the answers can be decided; else the form with its errors.
    func checkAnswersOrForm(_ answers: FormAnswers) -> String {
        let e = evaluate(answers)
        if !e.errors.isEmpty { return page(answers, showErrors: true) }
        return CheckAnswersPage(schema: schema, asOfField: asOfField, answers: answers, action: action, report: e.report).render()
    }

    /// The result page, with the answers kept in the page for "change", "download" and "print".
    func resultOrForm(_ answers: FormAnswers) -> String {
        let e = evaluate(answers)
        if !e.errors.isEmpty { return page(answers, showErrors: true) }
        logger.info("self-check decided", metadata: ["decision": "\(e.report.decision)", "digest": "\(e.report.ruleSet?.digest ?? "-")"])
        var body = "<main id=\"main\" class=\"main result-page\">"
        body += ReportViews.result(e.report)
        body += "<form method=\"post\" action=\"\(action)\" class=\"no-print actions\">" + CheckAnswersPage.hidden(answers)
        body += "<h2 class=\"heading-m\">What you can do next</h2>"
        body += "<div class=\"button-group\"><button class=\"button secondary\" name=\"action\" value=\"edit\">Change your answers</button>"
        body += "<button class=\"button secondary\" formaction=\"\(action)/download?format=yaml\">Download your answers (YAML)</button>"
        body += "<button class=\"button secondary\" formaction=\"\(action)/download?format=json\">Download the report (JSON)</button></div>"
        body +=
            "<p>Your answers file can be loaded into this form again, or checked with <code>eligo check self-check-answers.yaml</code>. Print this page to keep a copy of the result.</p>"
        body += "</form></main>"
        return Layout.page(title: "Your result: \(ReportViews.decisionWords(e.report.decision))", body: body)
    }

    /// A saved record loaded back into the form (or the form with a message when the file cannot be read).
    func load(_ file: [UInt8]) -> String {
        let stream = YAMLLoader.load(bytes: file, path: "upload", limits: YAMLLimits(maxInputBytes: 1 << 20))
        guard case .success(let node)? = stream.documents.first, node.pairs != nil else {
            let message = "The file could not be read as a saved record: choose a YAML file downloaded from this service"
            let e = evaluate(FormAnswers())
            return FormPage(
                schema: schema, ruleSetTitle: title, asOfField: asOfField, answers: FormAnswers(),
                errors: [FormError(path: "record-file", message: message)], panel: ReportViews.panel(e.report)
            ).render()
        }
        return page(record.answers(from: node), showErrors: true)
    }
}
