import Dispatch
import Eligo
import HTTPTypes
import Hummingbird
import Logging
import NIOCore
import Synchronization

/// The JSON API other systems call: `POST /v1/check`, `POST /v1/screen`,
/// `GET /v1/rulesets`, `GET /health`. Decisions come from the same library
/// calls as `eligo check` and `eligo screen`; nothing here decides anything.
struct API: Sendable {
    let store: RulesStore
    let configuration: ServeConfiguration
    let logger: Logger

    func addRoutes(to router: Router<some RequestContext>) {
        router.post("/v1/check") { request, _ in try await check(request) }
        router.post("/v1/screen") { request, _ in try await screen(request) }
        router.get("/v1/rulesets") { _, _ in rulesets() }
        router.get("/health") { _, _ in
            Responses.json("{\"status\":\"ok\",\"rulesets\":\(store.library.ruleSets.count)}\n")
        }
        router.get("/openapi.yaml") { _, _ in
            Responses.body(OpenAPIDocument.yaml, type: "application/yaml; charset=utf-8")
        }
    }

    /// `POST /v1/check`: one record as JSON (or YAML) in, its report out, as `eligo check --format json` gives it.
    func check(_ request: Request) async throws -> Response {
        let bytes = try await RequestBody.collect(request, limit: configuration.maxCheckBytes)
        let asOf = try RequestBody.asOf(request)
        // One snapshot of the rules: the fast JSON reader and the library are from the same load.
        let reader = store.jsonReader
        var options = CheckOptions(asOf: asOf, today: configuration.today(), kind: request.uri.queryParameters["kind"].map(String.init))
        options.yamlLimits.maxInputBytes = configuration.maxCheckBytes
        let start = Clock.nanoseconds()
        let report: Report
        if let read = reader.check(bytes, path: "request", options: options) {
            report = read
        } else {
            // Anything but a plain JSON record (YAML, or a record with problems): the YAML path,
            // which places each problem at its line and column.
            let reports = reader.library.check(bytes: bytes, path: "request", options: options)
            guard let first = reports.first else {
                throw Problem.badRequest("The body holds no record: send one record as a JSON object.")
            }
            guard reports.count == 1 else {
                throw Problem.badRequest("The body holds \(reports.count) records; /v1/check takes one (POST /v1/screen takes many, as JSON Lines).")
            }
            report = first
        }
        let id = DecisionID.make()
        logDecision(report, id: id, start: start)
        if report.outcome == .invalid && !report.errors.isEmpty {
            // A body that is not UTF-8 text is not well-formed either (its record could not be read).
            if report.errors.contains(where: { $0.id.hasPrefix("yaml.") || $0.id == "record.invalid-utf8" }) {
                throw Problem.badRequest("The body is not well-formed JSON or YAML.", issues: report.errors)
            }
            throw Problem(
                status: .unprocessableContent, type: "invalid-record", title: "The record has problems to correct",
                detail: API.summary(report.errors), issues: report.errors,
                extras: [("decision_id", id)] + (report.ruleSet.map { [("digest", $0.digest)] } ?? []))
        }
        return Responses.json(bytes: DecisionID.insert(id, into: report))
    }

    /// `POST /v1/screen`: JSON Lines (or CSV, or a YAML stream, by Content-Type) in; one
    /// result per record streamed out as it is decided, in input order, each with its decision id.
    func screen(_ request: Request) async throws -> Response {
        let type = request.headers[.contentType]?.lowercased() ?? "application/x-ndjson"
        let input: InputFormat = type.contains("csv") ? .csv : type.contains("yaml") ? .yaml : .jsonl
        let wantsCSV = request.headers[.accept]?.lowercased().contains("text/csv") ?? false
        let bytes = try await RequestBody.collect(request, limit: configuration.maxScreenBytes)
        let asOf = try RequestBody.asOf(request)
        let library = store.library
        let check = CheckOptions(asOf: asOf, today: configuration.today(), kind: request.uri.queryParameters["kind"].map(String.init))
        let options = ScreenOptions(output: wantsCSV ? .csv : .jsonl, jobs: configuration.screenJobs, check: check)
        let screener: Screener
        do {
            screener = try Screener(library: library, input: input, source: "request", options: options)
        } catch {
            throw Problem(status: .unprocessableContent, type: "cannot-screen", title: "The records cannot be screened", detail: error.message)
        }
        let (stream, continuation) = AsyncStream<ByteBuffer>.makeStream()
        let logger = self.logger
        let box = UncheckedBox(screener)
        DispatchQueue.global().async {
            let screener = box.value
            let start = Clock.nanoseconds()
            let chunks = ByteChunks(bytes)
            screener.run(
                read: { chunks.read(into: $0) },
                write: { out in
                    continuation.yield(ByteBuffer(bytes: wantsCSV ? out : DecisionID.insertIntoLines(out)))
                })
            let s = screener.summary
            logger.info(
                "screened",
                metadata: [
                    "records_in": "\(s.recordsRead)", "records_out": "\(s.recordsWritten)",
                    "micros": "\((Clock.nanoseconds() - start) / 1000)"
                ])
            continuation.finish()
        }
        return Response(
            status: .ok, headers: [.contentType: wantsCSV ? "text/csv; charset=utf-8" : "application/x-ndjson"],
            body: ResponseBody(asyncSequence: stream))
    }

    /// `GET /v1/rulesets`: which rules are live, so a decision's digest can be traced.
    func rulesets() -> Response {
        let library = store.library
        var w = JSONWriter()
        w.beginObject()
        w.key("loaded_at"); w.int(store.loadedAt)
        w.key("rulesets")
        w.beginArray()
        for set in library.ruleSets {
            w.beginObject()
            w.field("id", set.id)
            w.field("title", set.title)
            w.field("version", set.version)
            w.field("kind", set.kind)
            w.field("effective_from", set.effectiveFrom?.description)
            w.field("effective_to", set.effectiveTo?.description)
            w.field("digest", set.digest)
            w.endObject()
        }
        w.endArray()
        let rejected = store.lastRejection
        if !rejected.isEmpty {
            w.key("last_reload_error")
            w.beginArray()
            for line in rejected { w.string(line) }
            w.endArray()
        }
        w.endObject()
        return Responses.json(w.output + "\n")
    }

    /// The log line of a decision: outcome, digest, timing and id; never the record's content.
    func logDecision(_ r: Report, id: String, start: Int) {
        logger.info(
            "decided",
            metadata: [
                "decision_id": "\(id)", "decision": "\(r.decision)",
                "digest": "\(r.ruleSet?.digest ?? "-")",
                "micros": "\((Clock.nanoseconds() - start) / 1000)"
            ])
    }

    static func summary(_ issues: [RecordIssue]) -> String {
        let n = issues.count
        return "The record has \(n) problem\(n == 1 ? "" : "s"): "
            + issues.prefix(3).map { "\($0.path.isEmpty ? "record" : $0.path): \($0.message)" }.joined(separator: "; ")
            + (n > 3 ? "; and \(n - 3) more." : ".")
    }
}

/// Reading request bodies within their caps.
enum RequestBody {
    /// The body's bytes; a body over `limit` is a 413 before it is read whole.
    static func collect(_ request: Request, limit: Int) async throws -> [UInt8] {
        if let length = request.headers[.contentLength].flatMap({ Int($0) }), length > limit { throw Problem.tooLarge(limit: limit) }
        do {
            var buffer = try await request.body.collect(upTo: limit)
            return buffer.readBytes(length: buffer.readableBytes) ?? []
        } catch is NIOTooManyBytesError {
            throw Problem.tooLarge(limit: limit)
        }
    }

    /// `?as_of=YYYY-MM-DD`: the assessment date, as `--as-of`.
    static func asOf(_ request: Request) throws -> Day? {
        guard let text = request.uri.queryParameters["as_of"] else { return nil }
        guard let day = Day(iso: text) else {
            throw Problem(
                status: .badRequest, type: "bad-date", title: "The as_of date cannot be read",
                detail: "as_of must be a real date written YYYY-MM-DD; it was '\(text)'.",
                issues: [RecordIssue(.error, "request.bad-date", path: "as_of", "'\(text)' is not a date written YYYY-MM-DD")])
        }
        return day
    }
}

/// Hands a value to one other thread that alone uses it from then on (a screener to the
/// thread that runs it; Screener is a class with its own worker threads, not Sendable).
final class UncheckedBox<T>: @unchecked Sendable {
    let value: T
    init(_ value: T) { self.value = value }
}

/// Hands a byte array to the screener's `read` in pieces.
final class ByteChunks: @unchecked Sendable {
    private let bytes: [UInt8]
    private var offset = 0
    init(_ bytes: [UInt8]) { self.bytes = bytes }

    func read(into buffer: UnsafeMutableRawBufferPointer) -> Int {
        let n = min(buffer.count, bytes.count - offset)
        if n > 0 {
            bytes.withUnsafeBytes { src in buffer.baseAddress!.copyMemory(from: src.baseAddress! + offset, byteCount: n) }
            offset += n
        }
        return n
    }
}

/// Every decision the server makes carries an id, for tracing it in the logs: never the same
/// twice in one server, and unguessable across servers, without a system call per decision.
enum DecisionID {
    /// Drawn once per server from the system's random source.
    private static let key: (mix: UInt64, salt: UInt32) = {
        var g = SystemRandomNumberGenerator()
        return (g.next(), g.next())
    }()
    private static let counter = Atomic<UInt64>(0)

    /// `dec_` and 24 hex digits: 16 from the decision's number in this server, scrambled by a
    /// one-to-one mix (so no two are alike), and 8 of the server's own random salt.
    static func make() -> String {
        let n = counter.wrappingAdd(1, ordering: .relaxed).newValue
        return "dec_" + hex(scramble(n ^ key.mix), digits: 16) + hex(UInt64(key.salt), digits: 8)
    }

    /// SplitMix64's finaliser: every step is invertible, so distinct inputs give distinct outputs.
    static func scramble(_ value: UInt64) -> UInt64 {
        var z = value
        z = (z ^ (z >> 30)) &* 0xbf58_476d_1ce4_e5b9
        z = (z ^ (z >> 27)) &* 0x94d0_49bb_1331_11eb
        return z ^ (z >> 31)
    }

    private static let hexDigits = Array("0123456789abcdef".utf8)

    /// The low `digits` hex digits of `value`, zero-padded.
    static func hex(_ value: UInt64, digits: Int) -> String {
        let table = hexDigits
        return String(unsafeUninitializedCapacity: digits) { out in
            for i in 0..<digits { out[i] = table[Int((value >> UInt64(4 * (digits - 1 - i))) & 15)] }
            return digits
        }
    }

    /// The report's JSON line with `decision_id` as its first member, as bytes to send.
    static func insert(_ id: String, into report: Report) -> [UInt8] {
        var out = Array("{\"decision_id\":\"\(id)\",".utf8)
        out.reserveCapacity(8192)
        let lead = out.count
        JSONReportRenderer.line(report, into: &out)
        out.remove(at: lead)  // the report's own '{'
        return out
    }

    /// Each JSON line of a screening block, with its own id.
    static func insertIntoLines(_ bytes: [UInt8]) -> [UInt8] {
        var out: [UInt8] = []
        out.reserveCapacity(bytes.count + bytes.count / 8)
        var atLineStart = true
        for b in bytes {
            if atLineStart && b == UInt8(ascii: "{") {
                out.append(contentsOf: Array("{\"decision_id\":\"\(make())\",".utf8))
            } else {
                out.append(b)
            }
            atLineStart = b == 10
        }
        return out
    }
}
