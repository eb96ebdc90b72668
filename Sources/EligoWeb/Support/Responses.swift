import Eligo
import HTTPTypes
import Hummingbird
import NIOCore

/// The responses eligo's routes send: JSON, problem details (RFC 9457), HTML pages and files.
enum Responses {
    static func json(_ text: String, status: HTTPResponse.Status = .ok) -> Response {
        body(text, type: "application/json", status: status)
    }

    /// JSON already rendered to bytes (the decision path: no String made of it).
    static func json(bytes: [UInt8], status: HTTPResponse.Status = .ok) -> Response {
        Response(status: status, headers: [.contentType: "application/json"], body: .init(byteBuffer: ByteBuffer(bytes: bytes)))
    }

    static func html(_ text: String, status: HTTPResponse.Status = .ok) -> Response {
        body(text, type: "text/html; charset=utf-8", status: status)
    }

    static func body(_ text: String, type: String, status: HTTPResponse.Status = .ok, extra: HTTPFields = [:]) -> Response {
        var headers: HTTPFields = [.contentType: type]
        headers.append(contentsOf: extra)
        return Response(status: status, headers: headers, body: .init(byteBuffer: ByteBuffer(string: text)))
    }

    /// A file to save (`Content-Disposition: attachment`).
    static func download(_ text: String, type: String, filename: String) -> Response {
        body(text, type: type, extra: [.contentDisposition: "attachment; filename=\"\(filename)\""])
    }

    static func redirect(_ location: String) -> Response {
        Response(status: .seeOther, headers: [.location: location])
    }
}

/// A problem detail (RFC 9457): what went wrong, for a program, with the record's
/// issues (path, message, and line/column where the input has them) inside.
struct Problem: Error {
    var status: HTTPResponse.Status
    var type: String
    var title: String
    var detail: String
    var issues: [RecordIssue] = []
    /// Extra members: the rule set digest a 422 was checked against, the size limit of a 413.
    var extras: [(String, String)] = []

    var response: Response {
        var w = JSONWriter()
        w.beginObject()
        w.field("type", "https://eligo.invalid/problems/\(type)")
        w.field("title", title)
        w.key("status"); w.int(status.code)
        w.field("detail", detail)
        for (k, v) in extras { w.key(text: k); w.string(v) }
        if !issues.isEmpty || status == .unprocessableContent {
            w.key("errors")
            w.beginArray()
            for issue in issues {
                w.beginObject()
                w.field("id", issue.id)
                w.field("path", issue.path)
                w.field("message", issue.message)
                if let line = issue.line { w.key("line"); w.int(line) }
                if let column = issue.column { w.key("column"); w.int(column) }
                if let s = issue.suggestion { w.field("suggestion", s) }
                w.endObject()
            }
            w.endArray()
        }
        w.endObject()
        return Responses.body(w.output + "\n", type: "application/problem+json", status: status)
    }

    static func badRequest(_ detail: String, issues: [RecordIssue] = []) -> Problem {
        Problem(status: .badRequest, type: "malformed", title: "The request could not be read", detail: detail, issues: issues)
    }

    static func tooLarge(limit: Int) -> Problem {
        Problem(
            status: .contentTooLarge, type: "too-large", title: "The request body is too large",
            detail: "The body is larger than the limit of \(ByteCount.words(limit)).", extras: [("limit_bytes", String(limit))])
    }
}
