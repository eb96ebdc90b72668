import Eligo
@testable import EligoWeb
import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import Logging
import NIOCore
import Testing

/// Drives `eligo serve`'s router in process, on the shipped rules (or a copy to edit).
enum Web {
    static let root: String = {
        var url = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
        while url.path != "/" {
            if FileManager.default.fileExists(atPath: url.appendingPathComponent("Package.swift").path) { return url.path }
            url = url.deletingLastPathComponent()
        }
        return "."
    }()

    static func path(_ relative: String) -> String { root + "/" + relative }

    static func text(_ relative: String) throws -> String { try String(contentsOfFile: path(relative), encoding: .utf8) }

    /// A fixed "today", so tests never depend on the day they run.
    static let today = Day(iso: "2015-03-02")!

    static func configuration() -> ServeConfiguration {
        var c = ServeConfiguration()
        c.today = { Web.today }
        c.watchInterval = nil
        return c
    }

    static func store(_ directory: String = path("rules")) throws -> RulesStore {
        try RulesStore.load(directory: directory).get()
    }

    static func app(store: RulesStore? = nil, configuration: ServeConfiguration = configuration()) throws -> some ApplicationProtocol {
        let s = try store ?? Web.store()
        var logger = Logger(label: "test")
        logger.logLevel = .error  // the request lines would drown the test output; PrivacyTests reads them
        return Application(router: EligoServer.router(store: s, configuration: configuration, logger: logger))
    }

    /// A copy of the shipped rules in a fresh temporary folder, to edit.
    static func copyOfRules() throws -> String {
        let dir = NSTemporaryDirectory() + "eligo-web-\(UUID().uuidString)"
        try FileManager.default.copyItem(atPath: path("rules"), toPath: dir)
        return dir
    }

    /// The form fields a record's answers make, URL-encoded, plus extra fields.
    static func formBody(record relative: String, extra: [String: String] = [:], drop: [String] = []) throws -> String {
        let library = try store().library
        let schema = library.schemas["lle-application"]!
        let node = try #require(YAMLLoader.load(text: try text(relative), path: relative).documents.first?.get())
        var answers = FormRecord(schema: schema, asOfField: "submitted_on", today: today).answers(from: node)
        for d in drop { answers.fields.removeValue(forKey: d) }
        for (k, v) in extra { answers.fields[k] = v }
        return encode(answers.fields)
    }

    static func encode(_ fields: [String: String]) -> String {
        fields.keys.sorted().map { "\(escape($0))=\(escape(fields[$0]!))" }.joined(separator: "&")
    }

    static func escape(_ s: String) -> String {
        s.addingPercentEncoding(withAllowedCharacters: .alphanumerics) ?? s
    }
}

extension TestClientProtocol {
    /// A request and its response's body as text.
    /// `bytes`, when given, is the body instead of `body` (text that need not be UTF-8).
    func send(
        _ uri: String, _ method: HTTPRequest.Method = .get, body: String? = nil, bytes: [UInt8]? = nil,
        type: String = "application/json"
    ) async throws -> (TestResponse, String) {
        var headers: HTTPFields = [:]
        if body != nil || bytes != nil { headers[.contentType] = type }
        let response = try await execute(
            uri: uri, method: method, headers: headers,
            body: bytes.map { ByteBuffer(bytes: $0) } ?? body.map { ByteBuffer(string: $0) })
        return (response, String(buffer: response.body))
    }

    func form(_ uri: String, _ body: String) async throws -> (TestResponse, String) {
        try await send(uri, .post, body: body, type: "application/x-www-form-urlencoded")
    }
}

/// The JSON object of a response body.
func json(_ text: String) throws -> [String: Any] {
    try #require(try JSONSerialization.jsonObject(with: Data(text.utf8)) as? [String: Any])
}

/// A logger whose lines are kept, to check what the server logs (and what it never logs).
final class LogCapture: @unchecked Sendable {
    private let lock = NSLock()
    private var entries: [String] = []

    var lines: [String] { lock.withLock { entries } }
    var text: String { lines.joined(separator: "\n") }

    func append(_ line: String) { lock.withLock { entries.append(line) } }

    var logger: Logger {
        Logger(label: "test") { _ in CapturingHandler(capture: self) }
    }

    struct CapturingHandler: LogHandler {
        let capture: LogCapture
        var metadata: Logger.Metadata = [:]
        var logLevel: Logger.Level = .trace

        subscript(metadataKey key: String) -> Logger.Metadata.Value? {
            get { metadata[key] }
            set { metadata[key] = newValue }
        }

        func log(event: LogEvent) {
            let all = metadata.merging(event.metadata ?? [:]) { $1 }
            capture.append("\(event.level) \(event.message) " + all.keys.sorted().map { "\($0)=\(all[$0]!)" }.joined(separator: " "))
        }
    }
}

extension Web {
    static func app(store: RulesStore, logger: Logger, configuration: ServeConfiguration = configuration()) -> some ApplicationProtocol {
        Application(router: EligoServer.router(store: store, configuration: configuration, logger: logger))
    }
}
