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
                    if path.count == 1, value == nil {
                        pairs.remove(at: i)
                    } else {
                        pairs[i].1 = pairs[i].1.setting(Array(path.dropFirst()), to: value)
                    }
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
                return "\n"
                    + items.map { item -> String in
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
            for case .success(let node) in YAMLLoader.load(bytes: Array(try Data(contentsOf: URL(fileURLWithPath: dir + "/" + file))), path: file)
                .documents
            {
                out.append((file, Tree(node), true))
            }
        }
        let base = try #require(out.first { $0.0 == "eligible-primary.yaml" }?.1)
        func s(_ text: String) -> Tree { .scalar(text, quoted: true) }
        func plain(_ text: String) -> Tree { .scalar(text, quoted: false) }
        let variants: [(String, [String], Tree?, Bool)] = [
            ("no kind written: the kind being screened", ["kind"], nil, true),
            ("another kind: not decided", ["kind"], s("lle-aplication"), true),
            ("a number for a kind: not decided", ["kind"], plain("5"), true),
            ("a list for a kind: not decided", ["kind"], .list([s("lle-application")]), false),
            ("text not UTF-8 (a Latin-1 name)", ["applicant", "name"], s("Jos\(latin1E) Garc\(latin1E)a"), true),
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
            ("a nested unknown enum", ["schools", "0", "phase"], s("primry"), true)
        ]
        for (name, path, value, csv) in variants {
            out.append((name, base.setting(path, to: value), csv))
        }
        // A required field of one list entry not written while the next entry has it: in CSV, the
        // column of this entry's field is missing but the other entry's is there.
        guard case .list(let items)? = PropertyTests.node(base, at: ["schools"]), let school = items.first else {
            Issue.record("eligible-primary.yaml has no schools")
            return out
        }
        out.append(
            (
                "a required field of one list entry not written",
                base.setting(["schools"], to: .list([school, school]))
                    .setting(["schools", "0", "phase"], to: nil), true
            ))
        return out
    }

    /// Stands for the Latin-1 byte of 'é' (0xE9) in a record's text: `bytes(_:)` puts that byte
    /// in its place, so each reader is given text that is not UTF-8, as a spreadsheet saved as
    /// Latin-1 would give it. (A private-use character, which no record has otherwise.)
    static let latin1E = "\u{E000}"

    /// The text's UTF-8, with each `latin1E` made the single byte 0xE9.
    static func bytes(_ text: String) -> [UInt8] {
        var out: [UInt8] = []
        let marker = Array(latin1E.utf8)
        let bytes = Array(text.utf8)
        var i = 0
        while i < bytes.count {
            if i + marker.count <= bytes.count && Array(bytes[i..<(i + marker.count)]) == marker {
                out.append(0xE9)
                i += marker.count
            } else {
                out.append(bytes[i])
                i += 1
            }
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
        let r = try CLI.run(["screen", "--format", "jsonl", "--input-format", format, "-"], stdinBytes: bytes(text))
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
            if r.name.hasPrefix("no kind") {
                #expect(report["decision"] as? String == "eligible", "\(r.name)")
            } else if r.name.contains("blank") {
                #expect(report["decision"] as? String == "incomplete", "\(r.name)")
            } else {
                #expect(!issues.isEmpty, "\(r.name)")
            }
            // What is not decided has no rule outcomes, and one error saying why.
            if r.name.hasSuffix("not decided") || r.name.contains("UTF-8") {
                #expect(report["decision"] as? String == "invalid" && (report["rules"] as? [Any])?.isEmpty == true, "\(r.name): \(report)")
                #expect(
                    (report["errors"] as? [[String: Any]])?.map { $0["id"] as? String } == [
                        r.name.contains("UTF-8") ? "record.invalid-utf8" : "record.wrong-kind"
                    ], "\(r.name)")
            }
        }
        for i in records.indices {
            #expect(
                try Self.comparable(yaml[i]) == Self.comparable(json[i]),
                "YAML and JSON Lines disagree on \(records[i].name):\n\(yaml[i])\n\(json[i])")
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
                #expect(
                    Self.withoutUnknownFields(expected) == Self.withoutUnknownFields(try Self.comparable(line)),
                    "YAML and CSV disagree on \(records[i].name):\n\(yaml[i])\n\(line)")
                compared += 1
            }
        }
        #expect(compared > records.count / 2)
    }

    /// A record as each reader types it, before any report: YAML (the typer `check` uses), a JSON
    /// line and, when it can be one, a CSV row. Issues without where they are, in the one order.
    struct Typed: Equatable {
        var value: Value
        var issues: [RecordIssue]
    }

    static let library = RuleLibrary.load(directory: TestRepo.path("rules"))

    static func typedByEachReader(_ tree: Tree) throws -> (yaml: Typed, json: Typed, csv: Typed?) {
        let root = try #require(library.schemas["lle-application"]?.root)
        let plan = ObjectPlan(root)
        func placeless(_ issues: [RecordIssue]) -> [RecordIssue] {
            root.ordered(
                issues.map { i in
                    var i = i
                    (i.file, i.line, i.column, i.columnName, i.hint, i.sourceLine) = (nil, nil, nil, nil, nil, nil)
                    return i
                })
        }
        let document = try #require(YAMLLoader.load(bytes: Array(tree.yaml().utf8), path: "r.yaml").documents.first)
        guard case .success(let node) = document else { throw ReaderFailure(what: "YAML: \(document)") }
        var typer = RecordTyper()
        let yamlValue = typer.object(node, as: root, path: "", isRoot: true)
        let yaml = Typed(value: yamlValue, issues: placeless(typer.issues))
        let line = Array(tree.json.utf8)
        let json = try line.withUnsafeBufferPointer { bytes throws -> Typed in
            var reader = JSONRecordReader(bytes: bytes, line: 1, file: "r.jsonl")
            do throws(JSONRecordReader.SyntaxError) {
                let value = try reader.record(plan)
                return Typed(value: value, issues: placeless(reader.issues))
            } catch { throw ReaderFailure(what: "JSON: \(error.message)") }
        }
        guard let cells = tree.columns(), Set(cells.map(\.0)).count == cells.count else { return (yaml, json, nil) }
        let text = Array(([cells.map(\.0), cells.map(\.1)].map { $0.map(csvCell).joined(separator: ",") }.joined(separator: "\n") + "\n").utf8)
        let csv = text.withUnsafeBufferPointer { bytes -> Typed? in
            let rows = CSVTable.rows(bytes)
            guard rows.count == 2 else { return nil }
            let reader = CSVRecordReader(header: rows[0].cells.map { CSVTable.text(bytes, $0) }, root: plan, file: "r.csv")
            let (value, _, issues) = reader.record(bytes, rows[1])
            return Typed(value: value, issues: placeless(issues))
        }
        return (yaml, json, csv)
    }

    struct ReaderFailure: Error { var what: String }

    /// The value as a CSV row can hold it: without the fields the schema does not declare (a
    /// column that is no field is named once in the summary, not kept per row, so its warnings
    /// go too), and an empty list as none (a cell cannot tell an empty list from one not given).
    static func declaredOnly(_ typed: Typed) -> Typed {
        func strip(_ v: Value) -> Value {
            switch v {
            case .object(let o): return .object(ObjectValue(slots: o.slots.map(strip)))
            case .list(let items): return items.isEmpty ? .null : .list(items.map(strip))
            default: return v
            }
        }
        return Typed(value: strip(typed.value), issues: typed.issues.filter { $0.id != "record.unknown-field" })
    }

    /// Below the reports: each reader gives the same `Value` (every field, not only those the
    /// rules read) and the same issues for every example and variant it can read.
    @Test func everyReaderTypesTheSameValueAndIssues() throws {
        var compared = 0
        // The kind and the UTF-8 check are screening's, above the readers (see the test above).
        for r in try Self.records() where !r.name.contains("kind") && !r.name.contains("UTF-8") {
            let typed = try Self.typedByEachReader(r.tree)
            #expect(typed.yaml == typed.json, "YAML and JSON types differ on \(r.name):\n\(typed.yaml)\n\(typed.json)")
            if r.csv {
                let csv = try #require(typed.csv, "\(r.name) cannot be a CSV row")
                #expect(Self.declaredOnly(typed.yaml) == Self.declaredOnly(csv), "YAML and CSV types differ on \(r.name):\n\(typed.yaml)\n\(csv)")
                compared += 1
            }
        }
        #expect(compared > 20)
    }

    /// The shipped spreadsheet (examples/applicants/applicants.csv, as a reviewer's export would
    /// be) and the shipped YAML records of the same applicants give the same full reports.
    @Test func theShippedSpreadsheetAndTheShippedRecordsGiveTheSameReports() throws {
        let dir = TestRepo.path("examples/applicants")
        let files = try FileManager.default.contentsOfDirectory(atPath: dir).filter { $0.hasSuffix(".yaml") && !$0.hasPrefix("self-check") }.sorted()
        let stream = try files.map { "---\n" + (try TestRepo.text("examples/applicants/" + $0)) }.joined()
        func byID(_ lines: [Substring]) throws -> [String: NSDictionary] {
            var out: [String: NSDictionary] = [:]
            for line in lines {
                let report = Self.withoutUnknownFields(try Self.comparable(line))
                out[try #require((report["record"] as? [String: Any])?["id"] as? String)] = report
            }
            return out
        }
        let yaml = try byID(try Self.screen(stream, as: "yaml"))
        let csv = try byID(try Self.screen(try TestRepo.text("examples/applicants/applicants.csv"), as: "csv"))
        #expect(yaml.count == files.count && Set(yaml.keys) == Set(csv.keys))
        for (id, report) in yaml.sorted(by: { $0.key < $1.key }) {
            #expect(csv[id] == report, "\(id): the YAML record and the spreadsheet row disagree:\n\(report)\n\(csv[id] ?? [:])")
        }
    }

    /// A spreadsheet saved as Latin-1 ('Khan, José' with 'é' the one byte 0xE9) is not read with
    /// its names corrupted: each such row is invalid, placed at its row and column, and every
    /// other row still gets its result; a JSON line alike, at its line and byte.
    @Test func textNotUTF8IsAnInvalidRecordAndTheOthersAreDecided() throws {
        let rows = (0..<300).map { i in
            i % 100 == 7 ? ScreenTests.csvRow(i).replacingOccurrences(of: "Khan, Jo", with: "Khan, Jos" + Self.latin1E) : ScreenTests.csvRow(i)
        }
        let csv = try CLI.run(
            ["screen"] + ScreenTests.bench + ["--format", "jsonl", "--input-format", "csv", "-"],
            stdinBytes: Self.bytes(ScreenTests.csvHeader + "\n" + rows.joined(separator: "\n") + "\n"))
        #expect(csv.status == 65, "\(csv.stderr)")
        #expect(csv.stderr.contains("300 records in, 300 results out"), "\(csv.stderr)")
        let lines = csv.stdout.split(separator: "\n")
        try #require(lines.count == 300)
        for (i, line) in lines.enumerated() {
            let report = try #require(try JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any])
            let errors = report["errors"] as? [[String: Any]] ?? []
            if i % 100 == 7 {
                #expect(report["decision"] as? String == "invalid" && (report["rules"] as? [Any])?.isEmpty == true)
                let e = try #require(errors.first)
                #expect(errors.count == 1 && e["id"] as? String == "record.invalid-utf8")
                #expect(e["line"] as? Int == i + 2 && e["column"] as? Int == 2 && e["column_name"] as? String == "name", "\(e)")
                #expect(
                    (e["message"] as? String)?.contains("not valid UTF-8 text") == true
                        && (e["message"] as? String)?.contains("save it as UTF-8") == true)
            } else {
                #expect(errors.isEmpty && report["decision"] as? String != "invalid", "row \(i + 2): \(line)")
            }
        }
        // A header saved as Latin-1 is said once, in the summary (its column is unknown, so ignored).
        let header = try CLI.run(
            ["screen"] + ScreenTests.bench + ["--format", "jsonl", "--input-format", "csv", "-"],
            stdinBytes: Self.bytes(ScreenTests.csvHeader + ",pr\(Self.latin1E)nom\n" + ScreenTests.csvRow(1) + ",Jo\n"))
        #expect(header.stderr.contains("the header row of '<stdin>' is not valid UTF-8 text"), "\(header.stderr)")
        #expect(header.stderr.contains("1 records in, 1 results out"), "\(header.stderr)")
        let jsonl = (0..<3).map { ScreenTests.record($0) }
        let json = try CLI.run(
            ["screen"] + ScreenTests.bench + ["--format", "jsonl", "-"],
            stdinBytes: Self.bytes(
                [jsonl[0], jsonl[1].replacingOccurrences(of: "Jo Khan", with: "Jos\(Self.latin1E) Khan"), jsonl[2]].joined(separator: "\n") + "\n"))
        #expect(json.status == 65)
        #expect(json.stderr.contains("3 records in, 3 results out"), "\(json.stderr)")
        let second = try #require(json.stdout.split(separator: "\n").dropFirst().first)
        let column = try #require(jsonl[1].range(of: "Jo Khan")).lowerBound.utf16Offset(in: jsonl[1]) + 4
        #expect(second.contains(#""id":"record.invalid-utf8","file":"<stdin>","line":2,"column":\#(column)"#), "\(second)")
    }

    static func csvCell(_ s: String) -> String {
        s.contains(where: { $0 == "," || $0 == "\"" || $0 == "\n" }) ? "\"" + s.replacingOccurrences(of: "\"", with: "\"\"") + "\"" : s
    }
}
