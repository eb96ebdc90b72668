import Dispatch
import Eligo
import HTTPTypes
import Hummingbird
import Logging
import NIOCore

/// The pages people use: the self-check form, "check your answers", the result,
/// the criteria document and the reviewers' screening page. Every page is
/// rendered on the server and works without JavaScript; the script only adds the
/// live criteria panel. Nothing a person enters is stored or logged.
struct Pages: Sendable {
    let store: RulesStore
    let configuration: ServeConfiguration
    let logger: Logger

    func addRoutes(to router: Router<some RequestContext>) {
        router.get("/") { _, _ in start() }
        router.get("/self-check") { _, _ in
            guard let kind = formKinds(store.library).first else { throw Problem.notFound("No rule set checks applications.") }
            return Responses.redirect("/self-check/\(kind)")
        }
        router.get("/self-check/:kind") { _, context in
            let form = try self.form(context.parameters.get("kind") ?? "")
            return Responses.html(form.page(FormAnswers(), showErrors: false))
        }
        router.post("/self-check/:kind") { request, context in
            try await submit(request, kind: context.parameters.get("kind") ?? "")
        }
        router.post("/self-check/:kind/live") { request, context in
            let form = try self.form(context.parameters.get("kind") ?? "")
            let answers = FormAnswers(urlEncoded: try await RequestBody.collect(request, limit: configuration.maxCheckBytes))
            return Responses.html(ReportViews.panelBody(form.evaluate(answers).report))
        }
        router.post("/self-check/:kind/result") { request, context in
            let form = try self.form(context.parameters.get("kind") ?? "")
            let answers = FormAnswers(urlEncoded: try await RequestBody.collect(request, limit: configuration.maxCheckBytes))
            return Responses.html(form.resultOrForm(answers))
        }
        router.post("/self-check/:kind/download") { request, context in
            let form = try self.form(context.parameters.get("kind") ?? "")
            let answers = FormAnswers(urlEncoded: try await RequestBody.collect(request, limit: configuration.maxCheckBytes))
            let evaluation = form.evaluate(answers)
            if request.uri.queryParameters["format"] == "json" {
                return Responses.download(JSONReportRenderer.array([evaluation.report]), type: "application/json", filename: "self-check-report.json")
            }
            return Responses.download(evaluation.yaml, type: "application/yaml; charset=utf-8", filename: "self-check-answers.yaml")
        }
        router.post("/self-check/:kind/load") { request, context in
            let form = try self.form(context.parameters.get("kind") ?? "")
            let body = try await RequestBody.collect(request, limit: configuration.maxCheckBytes)
            let file = Multipart.parts(body, contentType: request.headers[.contentType] ?? "").first { $0.name == "record" }?.body ?? []
            return Responses.html(form.load(file))
        }
        router.get("/criteria") { _, _ in
            let documents = store.library.ruleSets.map(CriteriaDocument.init(ruleSet:))
            return Responses.body(
                HTMLCriteriaRenderer.render(documents), type: "text/html; charset=utf-8",
                extra: [.contentSecurityPolicy: Pages.documentPolicy])
        }
        router.get("/screen") { _, _ in Responses.html(ScreenPage.upload(limit: configuration.maxScreenBytes, error: nil)) }
        router.post("/screen") { request, _ in try await screen(request) }
        router.get("/assets/eligo.css") { _, _ in
            Responses.body(Assets.css, type: "text/css; charset=utf-8", extra: [.cacheControl: "public, max-age=3600"])
        }
        router.get("/assets/eligo.js") { _, _ in
            Responses.body(Assets.js, type: "text/javascript; charset=utf-8", extra: [.cacheControl: "public, max-age=3600"])
        }
    }

    /// Generated documents (the criteria, screening results) carry their own styles and script inline.
    static let documentPolicy =
        "default-src 'none'; style-src 'unsafe-inline'; script-src 'unsafe-inline'; img-src data:; frame-ancestors 'none'; base-uri 'none'; form-action 'self'"

    /// Record kinds a person can self-check: those decided one record at a time.
    func formKinds(_ library: RuleLibrary) -> [String] {
        Array(Set(library.ruleSets.filter { !$0.reportPerSubject }.map({ $0.kind }))).sorted().filter { library.schemas[$0] != nil }
    }

    func form(_ kind: String) throws -> SelfCheck {
        let library = store.library
        guard formKinds(library).contains(kind), let schema = library.schemas[kind],
            let set = library.ruleSets.first(where: { $0.kind == kind })
        else {
            throw Problem.notFound("There is no self-check for '\(kind)'.")
        }
        return SelfCheck(library: library, schema: schema, title: set.title, asOfField: set.asOfField, today: configuration.today(), logger: logger)
    }

    func start() -> Response {
        let library = store.library
        var body = "<main id=\"main\" class=\"main\"><h1 class=\"heading-xl\">Local Leaders of Education: check the criteria</h1>"
        body +=
            "<p class=\"lead\">Find out whether you meet the criteria before you ask for an application pack. It takes about 10 minutes. You will see which criteria you meet, which you do not and why, and what is still needed.</p>"
        for kind in formKinds(library) {
            let title = library.schemas[kind]?.title ?? kind
            body +=
                "<p><a class=\"button start\" href=\"/self-check/\(HTML.escape(kind))\" role=\"button\" draggable=\"false\">Start your self-check<span class=\"visually-hidden\">: \(HTML.escape(title))</span></a></p>"
        }
        body +=
            "<h2 class=\"heading-m\">Before you start</h2><ul class=\"list\"><li>Have the dates of your headships to hand, and your schools' latest inspection grades and results.</li>"
        body += "<li>Nothing you enter is stored. You can download your answers at the end and load them again later.</li></ul>"
        body +=
            "<p>Read <a href=\"/criteria\">the criteria in full</a>. Reviewers can <a href=\"/screen\">screen a spreadsheet of applications</a>.</p></main>"
        return Responses.html(Layout.page(title: "Check the criteria", body: body))
    }

    /// The form's buttons: "add another", "remove", "change" (all re-show the form) and "continue".
    func submit(_ request: Request, kind: String) async throws -> Response {
        let form = try self.form(kind)
        var answers = FormAnswers(urlEncoded: try await RequestBody.collect(request, limit: configuration.maxCheckBytes))
        let action = answers.fields.removeValue(forKey: "action") ?? "continue"
        if action.hasPrefix("add:") {
            answers.addItem(to: String(action.dropFirst(4)))
            return Responses.html(form.page(answers, showErrors: false))
        }
        if action.hasPrefix("remove:") {
            answers.removeItem(String(action.dropFirst(7)))
            return Responses.html(form.page(answers, showErrors: false))
        }
        if action == "edit" { return Responses.html(form.page(answers, showErrors: false)) }
        return Responses.html(form.checkAnswersOrForm(answers))
    }

    /// `POST /screen`: the uploaded file screened as `eligo screen` would, as its HTML page or CSV.
    func screen(_ request: Request) async throws -> Response {
        let limit = configuration.maxScreenBytes
        let body: [UInt8]
        do {
            body = try await RequestBody.collect(request, limit: limit + 64 * 1024)
        } catch let problem as Problem where problem.status == .contentTooLarge {
            return Responses.html(
                ScreenPage.upload(limit: limit, error: "The file is larger than the limit of \(ByteCount.words(limit))."), status: .contentTooLarge)
        }
        let parts = Multipart.parts(body, contentType: request.headers[.contentType] ?? "")
        guard let file = parts.first(where: { $0.name == "records" }), !file.body.isEmpty else {
            return Responses.html(
                ScreenPage.upload(limit: limit, error: "Select a CSV, JSON Lines or YAML file of applications."), status: .badRequest)
        }
        if file.body.count > limit {
            return Responses.html(
                ScreenPage.upload(limit: limit, error: "The file is larger than the limit of \(ByteCount.words(limit))."), status: .contentTooLarge)
        }
        let asCSV = parts.first { $0.name == "output" }.map { String(decoding: $0.body, as: UTF8.self) } == "csv"
        let format = InputFormat.from(path: file.filename ?? "") ?? .csv
        let options = ScreenOptions(
            output: asCSV ? .csv : .html, jobs: configuration.screenJobs,
            check: CheckOptions(today: configuration.today(), explain: true))
        let screener: Screener
        do {
            screener = try Screener(library: store.library, input: format, source: file.filename ?? "upload", options: options)
        } catch {
            return Responses.html(
                ScreenPage.upload(limit: limit, error: "These records cannot be screened: \(error.message)."), status: .unprocessableContent)
        }
        let box = UncheckedBox(screener)
        let output: [UInt8] = await withCheckedContinuation { done in
            DispatchQueue.global().async {
                let screener = box.value
                var out: [UInt8] = []
                let chunks = ByteChunks(file.body)
                screener.run(read: { chunks.read(into: $0) }, write: { out += $0 })
                done.resume(returning: out)
            }
        }
        let s = screener.summary
        logger.info("screened upload", metadata: ["records_in": "\(s.recordsRead)", "records_out": "\(s.recordsWritten)"])
        var headers: HTTPFields = [
            .contentType: asCSV ? "text/csv; charset=utf-8" : "text/html; charset=utf-8",
            HTTPField.Name("X-Records-In")!: String(s.recordsRead),
            HTTPField.Name("X-Records-Out")!: String(s.recordsWritten)
        ]
        if asCSV {
            headers[.contentDisposition] = "attachment; filename=\"screening-results.csv\""
        } else {
            headers[.contentSecurityPolicy] = Pages.documentPolicy
        }
        return Response(status: .ok, headers: headers, body: .init(byteBuffer: ByteBuffer(bytes: output)))
    }
}

extension Problem {
    static func notFound(_ detail: String) -> Problem {
        Problem(status: .notFound, type: "not-found", title: "Not found", detail: detail)
    }
}
