import Foundation
import Testing
@testable import Eligo

/// One record-typing contract: the same record written as YAML (what `check` reads), as a JSON
/// line and as a CSV row (what `screen` reads) gets the same report — the same decision, rule
/// outcomes, messages and values, and the same record issues with the same ids, paths and
/// wording. Only where each issue is (file, line, column) differs. Every shipped applicant
/// example is compared, and variants of one made invalid in every way a record can be.
@Suite("every reader types a record alike") struct ReaderAgreementTests {
    /// A record as a tree the test can edit and write out in each format.
    indirect enum Tree {
        case null
        case scalar(String, quoted: Bool)
        case list([Tree])
        case map([(String, Tree)])

        init(_ node: YAMLNode) {
            switch node.content {
            case .scalar(let s, let style): self = node.isNull ? .null : .scalar(s, quoted: style != .plain)
            case .sequence(let items): self = .list(items.map(Tree.init))
            case .mapping(let pairs): self = .map(pairs.map { ($0.key.scalar ?? "", Tree($0.value)) })
            }
        }

        /// The tree with the value at a dotted path (`schools.0.ofsted.overall`) replaced, or removed when nil.
        func setting(_ path: [String], to value: Tree?) -> Tree {
            guard let head = path.first else { return value ?? .null }
            switch self {
            case .map(var pairs):
                if let i = pairs.firstIndex(where: { $0.0 == head }) {
                    if path.count == 1, value == nil { pairs.remove(at: i) } else { pairs[i].1 = pairs[i].1.setting(Array(path.dropFirst()), to: value) }
                } else if let value {
                    pairs.append((head, Tree.map([]).setting(Array(path.dropFirst()), to: value)))
                }
                return .map(pairs)
            case .list(var items):
                guard let i = Int(head), items.indices.contains(i) else { return self }
                if path.count == 1, value == nil { items.remove(at: i) } else { items[i] = items[i].setting(Array(path.dropFirst()), to: value) }
                return .list(items)
            default:
                return path.count == 1 ? .map([(head, value ?? .null)]) : self
            }
        }

        /// JSON text; a plain scalar that reads as a number or a boolean is written bare, as a JSON writer would.
        var json: String {
            switch self {
            case .null: return "null"
            case .scalar(let s, let quoted):
                if !quoted, s == "true" || s == "false" || s.range(of: #"^-?[0-9]+(\.[0-9]+)?$"#, options: .regularExpression) != nil { return s }
                let data = try! JSONSerialization.data(withJSONObject: [s])
                return String(String(decoding: data, as: UTF8.self).dropFirst().dropLast())
            case .list(let items): return "[" + items.map({ $0.json }).joined(separator: ",") + "]"
            case .map(let pairs): return "{" + pairs.map { Tree.scalar($0.0, quoted: true).json + ":" + $0.1.json }.joined(separator: ",") + "}"
            }
        }

        /// A YAML document in block style, every string double-quoted (JSON escapes are YAML escapes).
        func yaml(indent: String = "") -> String {
            switch self {
            case .null, .scalar: return " " + json + "\n"
            case .list(let items) where items.isEmpty: return " []\n"
            case .map(let pairs) where pairs.isEmpty: return " {}\n"
            case .list(let items):
                return "\n" + items.map { item -> String in
                    if case .map(let pairs) = item, !pairs.isEmpty {
                        // "- name: value" then the other fields under it.
                        let body = item.yaml(indent: indent + "  ")
                        return indent + "- " + body.dropFirst(1 + indent.count + 2)
                    }
                    return indent + "-" + item.yaml(indent: indent + "  ")
                }.joined()
            case .map(let pairs):
                return "\n" + pairs.map { indent + Tree.scalar($0.0, quoted: true).json + ":" + $0.1.yaml(indent: indent + "  ") }.joined()
            }
        }

        /// CSV columns: mappings and lists of mappings as dotted names (`schools.0.urn`), lists of
        /// plain values `;`-separated, an empty cell for null. Nil when the record cannot be a row
        /// (a value where a mapping belongs, a list of lists): those cases are compared for YAML and JSON only.
        func columns(_ prefix: String = "") -> [(String, String)]? {
            switch self {
            case .null: return [(prefix, "")]
            case .scalar(let s, _): return s.contains(";") && prefix.isEmpty ? nil : [(prefix, s)]
            case .map(let pairs):
                var out: [(String, String)] = []
                for (k, v) in pairs {
                    guard let c = v.columns(prefix.isEmpty ? k : prefix + "." + k) else { return nil }
                    out += c
                }
                return out
            case .list(let items):
                if items.allSatisfy({ if case .scalar(let s, _) = $0 { return !s.contains(";") } else { return false } }) {
                    return [(prefix, items.map { if case .scalar(let s, _) = $0 { s } else { "" } }.joined(separator: ";"))]
                }
                if items.allSatisfy({ if case .map = $0 { true } else { false } }) {
                    var out: [(String, String)] = []
                    for (i, item) in items.enumerated() {
                        guard let c = item.columns(prefix + "." + String(i)) else { return nil }
                        out += c
                    }
                    return out
                }
                return nil
            }
        }
    }

    /// Every shipped applicant example, and variants of the first made invalid one way each.
    static func records() throws -> [(name: String, tree: Tree, csv: Bool)] {
        let dir = TestRepo.path("examples/applicants")
        var out: [(String, Tree, Bool)] = []
        for file in try FileManager.default.contentsOfDirectory(atPath: dir).filter({ $0.hasSuffix(".yaml") }).sorted() {
            for case .success(let node) in YAMLLoader.load(bytes: Array(try Data(contentsOf: URL(fileURLWithPath: dir + "/" + file))), path: file).documents {
                out.append((file, Tree(node), true))
            }
        }
        let base = try #require(out.first { $0.0 == "eligible-primary.yaml" }?.1)
        func s(_ text: String) -> Tree { .scalar(text, quoted: true) }
        func plain(_ text: String) -> Tree { .scalar(text, quoted: false) }
        let variants: [(String, [String], Tree?, Bool)] = [
            ("no kind written: the kind being screened", ["kind"], nil, true),
            ("required field not written", ["applicant", "name"], nil, true),
            ("required list not written", ["schools"], nil, true),
            ("required field left blank", ["applicant", "role"], .null, true),
            ("not one of the values", ["applicant", "role"], s("headmaster"), true),
            ("an impossible date", ["submitted_on"], s("2014-02-30"), true),
            ("not a date", ["applicant", "headships", "0", "start"], s("last year"), true),
            ("not a number", ["applicant", "expects_to_remain_years"], s("four"), true),
            ("below the minimum", ["applicant", "expects_to_remain_years"], plain("-1"), true),
            ("above the maximum", ["schools", "0", "ofsted", "overall"], plain("7"), true),
            ("a decimal for a whole number", ["schools", "0", "ofsted", "overall"], plain("2.5"), true),
            ("not a boolean", ["governing_body_support"], s("maybe"), true),
            ("an unknown field", ["applicant", "nmae"], s("Helen"), true),
            ("an unknown top-level field", ["referees"], s("two"), true),
            ("an empty list below its minimum", ["schools"], .list([]), true),
            ("an empty list entry", ["applicant", "headships"], .list([.null]), false),
            ("a list entry that is a value", ["applicant", "headships"], .list([s("120431")]), false),
            ("a value where a list belongs", ["support_experience"], s("coaching"), false),
            ("a list where a value belongs", ["applicant", "name"], .list([s("Helen"), s("Marsh")]), false),
            ("a value where fields belong", ["referee"], s("Mr Paul Hollis"), false),
            ("fields where a value belongs", ["governing_body_support"], .map([("yes", plain("true"))]), false),
            ("a nested impossible date", ["schools", "0", "ofsted", "inspection_date"], s("2013-13-12"), true),
            ("a nested unknown enum", ["schools", "0", "phase"], s("primry"), true),
        ]
        for (name, path, value, csv) in variants {
            out.append((name, base.setting(path, to: value), csv))
        }
        return out
    }

    /// Each report line, without where the record came from and where each issue is.
    static func comparable(_ line: Substring) throws -> NSDictionary {
        var report = try #require(try JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any])
        var record = report["record"] as? [String: Any] ?? [:]
        record["source"] = nil
        report["record"] = record
        for key in ["errors", "warnings"] {
            report[key] = (report[key] as? [[String: Any]])?.map { issue in
                issue.filter { !["file", "line", "column", "column_name"].contains($0.key) }
            }
        }
        return report as NSDictionary
    }

    static func screen(_ text: String, as format: String) throws -> [Substring] {
        try screenWithNotes(text, as: format).lines
    }

    /// The report lines and what the summary on standard error says.
    static func screenWithNotes(_ text: String, as format: String) throws -> (lines: [Substring], notes: String) {
        let r = try CLI.run(["screen", "--format", "jsonl", "--input-format", format, "-"], stdin: text)
        #expect(!r.stderr.contains("internal"), "\(r.stderr)")
        return (r.stdout.split(separator: "\n"), r.stderr)
    }

    /// A CSV column that is no field is named once, in the summary, and its cells are not kept:
    /// the YAML report's unknown-field warnings become that note.
    static func withoutUnknownFields(_ report: NSDictionary) -> NSDictionary {
        let out = report.mutableCopy() as! NSMutableDictionary
        out["warnings"] = (report["warnings"] as? [[String: Any]])?.filter { $0["id"] as? String != "record.unknown-field" }
        return out
    }

    @Test func yamlJSONLinesAndCSVGiveTheSameReports() throws {
        let records = try Self.records()
        let yaml = try Self.screen(records.map { "---" + $0.tree.yaml() }.joined(), as: "yaml")
        let json = try Self.screen(records.map { $0.tree.json + "\n" }.joined(), as: "jsonl")
        try #require(yaml.count == records.count && json.count == records.count)
        // The variants are what they say: each gives at least one record issue.
        for (i, r) in records.enumerated() where !r.name.hasSuffix(".yaml") {
            let report = try Self.comparable(yaml[i])
            let issues = (report["errors"] as? [Any] ?? []) + (report["warnings"] as? [Any] ?? [])
            // A blank is no mistake: the record is decided as still incomplete.
            if r.name.hasPrefix("no kind") { #expect(report["decision"] as? String == "eligible", "\(r.name)") } else if r.name.contains("blank") { #expect(report["decision"] as? String == "incomplete", "\(r.name)") } else { #expect(!issues.isEmpty, "\(r.name)") }
        }
        for i in records.indices {
            #expect(try Self.comparable(yaml[i]) == Self.comparable(json[i]), "YAML and JSON Lines disagree on \(records[i].name):\n\(yaml[i])\n\(json[i])")
        }
        // CSV: one file per set of columns, so a field not written is a column not there.
        var groups: [[String]: [(Int, [(String, String)])]] = [:]
        for (i, r) in records.enumerated() where r.csv {
            let cells = try #require(r.tree.columns(), "\(r.name) cannot be a CSV row")
            groups[cells.map({ $0.0 }), default: []].append((i, cells))
        }
        var compared = 0
        for (header, rows) in groups {
            let text = ([header] + rows.map { $0.1.map({ $0.1 }) }).map { $0.map(Self.csvCell).joined(separator: ",") }.joined(separator: "\n") + "\n"
            let (csv, notes) = try Self.screenWithNotes(text, as: "csv")
            try #require(csv.count == rows.count)
            for ((i, _), line) in zip(rows, csv) {
                let expected = try Self.comparable(yaml[i])
                for warning in expected["warnings"] as? [[String: Any]] ?? [] where warning["id"] as? String == "record.unknown-field" {
                    #expect(notes.contains("column '\(warning["path"] as? String ?? "")' is not a field"), "\(notes)")
                }
                #expect(Self.withoutUnknownFields(expected) == Self.withoutUnknownFields(try Self.comparable(line)),
                        "YAML and CSV disagree on \(records[i].name):\n\(yaml[i])\n\(line)")
                compared += 1
            }
        }
        #expect(compared > records.count / 2)
    }

    static func csvCell(_ s: String) -> String {
        s.contains(where: { $0 == "," || $0 == "\"" || $0 == "\n" }) ? "\"" + s.replacingOccurrences(of: "\"", with: "\"\"") + "\"" : s
    }
}
