import Eligo
@testable import EligoWeb
import Foundation
import HTTPTypes
import HummingbirdTesting
import Testing

/// The server's actual responses match the OpenAPI document it serves: each route and
/// status is declared, the content type is one the document lists, and the body has the
/// schema's required properties with the declared types.
@Suite struct OpenAPITests {
    /// The document as served, read with eligo's own YAML loader.
    static func document() throws -> YAMLNode {
        try #require(try YAMLLoader.load(text: OpenAPIDocument.yaml, path: "openapi.yaml").documents.first?.get())
    }

    /// Checks one response against the document; returns the mismatches (empty when it conforms).
    static func check(_ response: TestResponse, body: String, path: String, method: String, document: YAMLNode) throws -> [String] {
        let status = String(response.status.code)
        guard var declared = document["paths"]?[path]?[method]?["responses"]?[status] else {
            return ["\(method.uppercased()) \(path) \(status) is not in the document"]
        }
        declared = try resolve(declared, in: document)
        let type = String(response.headers[.contentType]?.split(separator: ";").first ?? "")
        guard let schemaNode = declared["content"]?[type]?["schema"] else {
            return ["\(method.uppercased()) \(path) \(status): content type \(type) is not declared"]
        }
        let schema = try resolve(schemaNode, in: document)
        if schema["type"]?.scalar == "string" { return [] }  // a stream or text, not JSON
        if type == "application/x-ndjson" {
            return try body.split(separator: "\n").flatMap { line in
                try Validator(document: document).errors(try JSONSerialization.jsonObject(with: Data(line.utf8)), schema, at: "$")
            }
        }
        let value = try JSONSerialization.jsonObject(with: Data(body.utf8))
        return try Validator(document: document).errors(value, schema, at: "$")
    }

    static func resolve(_ node: YAMLNode, in document: YAMLNode) throws -> YAMLNode {
        guard let ref = node["$ref"]?.scalar else { return node }
        var target: YAMLNode? = document
        for part in ref.dropFirst(2).split(separator: "/") { target = target?[String(part)] }
        return try resolve(try #require(target, "unresolved \(ref)"), in: document)
    }

    /// A validator for the subset of JSON Schema the document uses: type (one or a list),
    /// required, properties, items, enum and $ref.
    struct Validator {
        let document: YAMLNode

        func errors(_ value: Any, _ schemaNode: YAMLNode, at path: String) throws -> [String] {
            let schema = try OpenAPITests.resolve(schemaNode, in: document)
            var out: [String] = []
            let types = schema["type"].map { $0.items?.compactMap(\.scalar) ?? [$0.scalar ?? ""] } ?? []
            if !types.isEmpty && !types.contains(where: { matches(value, $0) }) {
                return ["\(path): expected \(types.joined(separator: " or ")), found \(String(describing: value).prefix(60))"]
            }
            if let allowed = schema["enum"]?.items?.compactMap(\.scalar), let s = value as? String, !allowed.contains(s) {
                out.append("\(path): '\(s)' is not one of \(allowed)")
            }
            if let object = value as? [String: Any] {
                for name in schema["required"]?.items?.compactMap(\.scalar) ?? [] where object[name] == nil {
                    out.append("\(path).\(name): required but missing")
                }
                for pair in schema["properties"]?.pairs ?? [] {
                    guard let name = pair.key.scalar, let member = object[name] else { continue }
                    out += try errors(member, pair.value, at: "\(path).\(name)")
                }
            }
            if let array = value as? [Any], let items = schema["items"] {
                for (i, item) in array.enumerated() { out += try errors(item, items, at: "\(path)[\(i)]") }
            }
            return out
        }

        func matches(_ value: Any, _ type: String) -> Bool {
            switch type {
            case "null": return value is NSNull
            case "string": return value is String
            case "object": return value is [String: Any]
            case "array": return value is [Any]
            case "boolean": return value is Bool
            case "integer": return (value as? NSNumber).map { $0.doubleValue == $0.doubleValue.rounded() } ?? false
            case "number": return value is NSNumber
            default: return false
            }
        }
    }

    @Test func theDocumentIsServedAndParses() async throws {
        let document = try Self.document()
        #expect(document["openapi"]?.scalar == "3.1.0")
        for path in ["/v1/check", "/v1/screen", "/v1/rulesets", "/health"] { #expect(document["paths"]?[path] != nil, "\(path)") }
        try await Web.app().test(.router) { client in
            let (response, body) = try await client.send("/openapi.yaml")
            #expect(response.status == .ok)
            #expect(response.headers[.contentType]?.hasPrefix("application/yaml") == true)
            #expect(body == OpenAPIDocument.yaml)
        }
    }

    @Test func responsesMatchTheDocument() async throws {
        let document = try Self.document()
        let eligible = try Web.text("examples/applicants/eligible-primary.yaml")
        let a2 = try Web.text("examples/applicants/a2-short-headship.yaml")
        let incomplete = try Web.text("examples/applicants/incomplete.yaml")
        var configuration = Web.configuration()
        configuration.maxCheckBytes = 64 * 1024
        try await Web.app(configuration: configuration).test(.router) { client in
            var seen: [(String, String, UInt, [String])] = []
            func record(_ path: String, _ method: String, _ r: (TestResponse, String)) throws {
                seen.append((path, method, UInt(r.0.status.code), try Self.check(r.0, body: r.1, path: path, method: method, document: document)))
            }
            try record("/health", "get", try await client.send("/health"))
            try record("/v1/rulesets", "get", try await client.send("/v1/rulesets"))
            for yaml in [eligible, a2, incomplete] {
                try record("/v1/check", "post", try await client.send("/v1/check", .post, body: yaml, type: "application/yaml"))
            }
            try record("/v1/check", "post", try await client.send("/v1/check", .post, body: "{\"kind\": "))
            try record(
                "/v1/check", "post",
                try await client.send("/v1/check", .post, body: #"{"kind":"lle-application","id":"X","submitted_on":"2014-02-30"}"#))
            try record("/v1/check", "post", try await client.send("/v1/check?as_of=tomorrow", .post, body: eligible, type: "application/yaml"))
            try record("/v1/check", "post", try await client.send("/v1/check", .post, body: String(repeating: " ", count: 70 * 1024)))
            let lines = #"{"kind":"lle-application","id":"R1"}"# + "\nnot json\n"
            try record("/v1/screen", "post", try await client.send("/v1/screen", .post, body: lines, type: "application/x-ndjson"))
            try record("/v1/screen", "post", try await client.send("/v1/screen?as_of=2014-02-30", .post, body: lines, type: "application/x-ndjson"))

            #expect(Set(seen.map(\.2)) == [200, 400, 413, 422], "every declared kind of response was exercised")
            for (path, method, status, errors) in seen {
                #expect(errors.isEmpty, "\(method.uppercased()) \(path) \(status): \(errors.joined(separator: "; "))")
            }
        }
    }

    @Test func theValidatorCatchesAMismatch() throws {
        let document = try Self.document()
        let report = try Self.resolve(try #require(document["components"]?["schemas"]?["Report"]), in: document)
        let validator = Validator(document: document)
        #expect(try validator.errors(["decision": "eligible"], report, at: "$").contains("$.rules: required but missing"))
        let wrong: [String: Any] = [
            "decision_id": "d", "record": ["id": NSNull(), "kind": "k", "source": NSNull()], "ruleset": NSNull(),
            "as_of": NSNull(), "decision": "x", "outcome": "maybe", "rules": [["id": 3]], "errors": []
        ]
        let errors = try validator.errors(wrong, report, at: "$")
        #expect(errors.contains { $0.hasPrefix("$.outcome: 'maybe'") })
        #expect(errors.contains { $0.hasPrefix("$.rules[0].id: expected string") })
        #expect(errors.contains("$.rules[0].title: required but missing"))
    }
}
