import Foundation
import Testing
@testable import Eligo

/// The adversarial corpus of issue 13, built in code and run through the built `eligo` binary:
/// each hostile record goes through `check` (as a file and on standard input) and through
/// `screen` between two good records (a YAML stream, JSON Lines or a CSV file), and each hostile
/// rule file through `rules lint`, `rules test` and `rules doc`. Every run must end with a
/// documented exit status (never 70, never a signal); a wrong input must be named with its
/// position; `screen` must give one result per record in, the good records still decided.
@Suite("Hostile: the adversarial corpus through the binary") struct AdversarialCorpusTests {
    /// What a hostile input should come to.
    enum Expect {
        /// Read as the good record it rewrites (a byte order mark, CRLF line ends): decided alike.
        case same
        /// Wrong: the record is invalid and a message gives the position of the problem.
        case wrong
        /// Either, as long as nothing crashes and nothing is lost (a number YAML reads loosely).
        case any
    }

    struct Case: CustomStringConvertible, Sendable {
        let name: String
        let bytes: [UInt8]
        let expect: Expect
        /// Whether `check` also reads it on standard input: a bad value in a well-formed file is
        /// read the same way from either, so those cases run as a file only (the suite's time).
        var viaStdin = true
        var description: String { name }
    }

    // MARK: - The good records

    static let goodYAML: String = try! TestRepo.text("examples/applicants/eligible-primary.yaml")
    static let goodTree: ReaderAgreementTests.Tree = {
        guard case .success(let node)? = YAMLLoader.load(text: goodYAML, path: "good.yaml").documents.first else {
            fatalError("example does not load")
        }
        return ReaderAgreementTests.Tree(node)
    }()
    static let goodJSON: String = goodTree.json
    static let csvLines: [Substring] = try! TestRepo.text("examples/applicants/applicants.csv").split(separator: "\n")

    /// The good YAML record with one line rewritten (`key: value` found by its prefix).
    static func yaml(replacing prefix: String, with line: String) -> [UInt8] {
        var lines = goodYAML.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        let i = lines.firstIndex { $0.hasPrefix(prefix) }!
        lines[i] = line
        return Array(lines.joined(separator: "\n").utf8)
    }

    static func bytes(_ s: String) -> [UInt8] { Array(s.utf8) }

    // MARK: - Record cases (YAML)

    static let yamlCases: [Case] = {
        let laughs =
            "kind: lle-application\na: &a [x, x, x, x, x, x, x, x, x, x]\n"
            + (1...9).map {
                "\(Character(UnicodeScalar(UInt8(97 + $0)))): &\(Character(UnicodeScalar(UInt8(97 + $0)))) ["
                    + Array(repeating: "*\(Character(UnicodeScalar(UInt8(96 + $0))))", count: 10).joined(separator: ", ") + "]\n"
            }.joined()
        var out: [Case] = [
            Case(name: "alias bomb (a billion laughs)", bytes: bytes(laughs), expect: .wrong),
            Case(name: "recursive alias", bytes: bytes("kind: lle-application\napplicant: &a [*a]\n"), expect: .wrong),
            Case(
                name: "10k-deep flow sequence",
                bytes: bytes("kind: lle-application\nx: " + String(repeating: "[", count: 10_000) + String(repeating: "]", count: 10_000) + "\n"),
                expect: .wrong),
            Case(
                name: "10k-deep flow mapping",
                bytes: bytes(
                    "kind: lle-application\nx: " + String(repeating: "{a: ", count: 10_000) + "1" + String(repeating: "}", count: 10_000) + "\n"),
                expect: .wrong),
            Case(
                name: "10k-deep block sequence", bytes: bytes("kind: lle-application\nx:\n" + String(repeating: "- ", count: 10_000) + "a\n"),
                expect: .wrong),
            Case(name: "invalid UTF-8", bytes: bytes("kind: lle-application\nid: ") + [0xFF, 0xFE] + bytes("\n"), expect: .wrong),
            Case(name: "byte order mark", bytes: [0xEF, 0xBB, 0xBF] + bytes(goodYAML), expect: .same),
            Case(name: "CRLF line ends", bytes: bytes(goodYAML.replacingOccurrences(of: "\n", with: "\r\n")), expect: .same),
            // The example starts with comment lines: cut only at line feeds, it was one comment.
            Case(name: "CR-only line ends", bytes: bytes(goodYAML.replacingOccurrences(of: "\n", with: "\r")), expect: .same),
            Case(name: "NUL byte", bytes: yaml(replacing: "id:", with: "id: APP\u{0}101"), expect: .wrong),
            Case(name: "tab indentation", bytes: yaml(replacing: "  name: Helen", with: "\tname: Helen Marsh"), expect: .wrong),
            Case(name: "duplicate key", bytes: yaml(replacing: "id:", with: "id: A\nid: B"), expect: .wrong),
            Case(name: "!!binary tag", bytes: yaml(replacing: "id:", with: "id: !!binary QVBQLTIwMTQ="), expect: .any),
            Case(name: "custom !foo tag", bytes: yaml(replacing: "submitted_on:", with: "submitted_on: !foo 2014-10-13"), expect: .any),
            Case(
                name: "merge key",
                bytes: bytes("kind: lle-application\nbase: &b {name: Helen, role: headteacher}\napplicant:\n  <<: *b\nschools: []\n"), expect: .wrong),
            // Wrong types in every kind of field.
            Case(name: "a mapping for text", bytes: yaml(replacing: "  name: Helen", with: "  name: {first: Helen}"), expect: .wrong),
            Case(name: "a list for an enum", bytes: yaml(replacing: "  role: headteacher", with: "  role: [headteacher]"), expect: .wrong),
            Case(
                name: "text for a whole number", bytes: yaml(replacing: "  expects_to_remain_years:", with: "  expects_to_remain_years: four"),
                expect: .wrong),
            Case(
                name: "text for a boolean", bytes: yaml(replacing: "governing_body_support:", with: "governing_body_support: maybe"), expect: .wrong),
            Case(name: "a number for a date", bytes: yaml(replacing: "submitted_on:", with: "submitted_on: 20141013"), expect: .wrong),
            Case(name: "a value for a list", bytes: yaml(replacing: "      - year: 2014", with: "      - 2014"), expect: .wrong),
            Case(name: "a value for fields", bytes: yaml(replacing: "referee:", with: "referee: Mr Paul Hollis\nreferee_x:"), expect: .wrong)
        ]
        // Huge and tiny numbers in a whole-number field.
        for (text, expect) in [
            ("1e400", Expect.wrong), ("9223372036854775808", .wrong), ("-9223372036854775809", .wrong),
            ("9223372036854775807", .any), ("-9223372036854775808", .wrong), ("-0", .any), (".nan", .wrong),
            (".inf", .wrong), ("-.inf", .wrong), ("0x10", .any), ("1_000", .any), ("2.5", .wrong)
        ] {
            out.append(
                Case(
                    name: "number \(text)", bytes: yaml(replacing: "  expects_to_remain_years:", with: "  expects_to_remain_years: \(text)"),
                    expect: expect, viaStdin: false))
        }
        // Impossible and extreme dates (the date the criteria are assessed on, and a nested one).
        for (text, expect) in [
            ("0000-01-01", Expect.wrong), ("9999-12-31", .any), ("0001-01-01", .any), ("2014-13-01", .wrong),
            ("2014-02-29", .wrong), ("2014-10-13T10:00:00Z", .wrong), ("2014-10-13 10:00:00 +01:00", .wrong),
            ("2014-1-3", .wrong), ("+2014-10-13", .wrong)
        ] {
            out.append(
                Case(
                    name: "submitted_on \(text)", bytes: yaml(replacing: "submitted_on:", with: "submitted_on: \(text)"), expect: expect,
                    viaStdin: false))
            out.append(
                Case(
                    name: "headship start \(text)", bytes: yaml(replacing: "      start:", with: "      start: \(text)"), expect: expect,
                    viaStdin: false))
        }
        out.append(Case(name: "a valid leap day", bytes: yaml(replacing: "      start:", with: "      start: 2008-02-29"), expect: .same))
        return out
    }()

    // MARK: - Record cases (JSON lines)

    static let jsonCases: [Case] = {
        let head = #"{"kind":"lle-application","id":"X","#
        return [
            Case(name: "trailing comma", bytes: bytes(head + #""submitted_on":"2014-10-13",}"#), expect: .wrong),
            Case(name: "a comment", bytes: bytes(head + #"/* note */ "submitted_on":"2014-10-13"}"#), expect: .wrong),
            Case(name: "a lone high surrogate", bytes: bytes(head + #""applicant":{"name":"\ud800"}}"#), expect: .wrong),
            Case(name: "a lone low surrogate", bytes: bytes(head + #""applicant":{"name":"a\udc00b"}}"#), expect: .wrong),
            Case(
                name: "10k-deep arrays",
                bytes: bytes(head + #""x":"# + String(repeating: "[", count: 10_000) + String(repeating: "]", count: 10_000) + "}"), expect: .wrong),
            Case(
                name: "10k-deep objects",
                bytes: bytes(head + #""x":"# + String(repeating: #"{"a":"#, count: 10_000) + "1" + String(repeating: "}", count: 10_000) + "}"),
                expect: .wrong),
            Case(name: "1e400", bytes: bytes(head + #""applicant":{"expects_to_remain_years":1e400}}"#), expect: .wrong),
            Case(name: "2^63", bytes: bytes(head + #""applicant":{"expects_to_remain_years":9223372036854775808}}"#), expect: .wrong),
            Case(name: "NaN", bytes: bytes(head + #""applicant":{"expects_to_remain_years":NaN}}"#), expect: .wrong),
            Case(name: "a date with a time", bytes: bytes(head + #""submitted_on":"2014-10-13T10:00:00+01:00"}"#), expect: .wrong),
            Case(name: "a NUL byte", bytes: bytes(head + #""applicant":{"name":"a"#) + [0] + bytes(#"b"}}"#), expect: .wrong),
            Case(name: "two values on a line", bytes: bytes(#"{"a":1}{"b":2}"#), expect: .wrong),
            Case(name: "an unclosed string", bytes: bytes(head + #""submitted_on":"2014-10-13}"#), expect: .wrong),
            Case(name: "a duplicate key", bytes: bytes(head + #""id":"Y"}"#), expect: .wrong),
            // Invalid UTF-8 inside a JSON string is read with U+FFFD (see the report): only nothing
            // crashes and nothing is lost is asserted.
            Case(name: "invalid UTF-8 in a string", bytes: bytes(head + #""applicant":{"name":"a"#) + [0xFF] + bytes(#"b"}}"#), expect: .any)
        ]
    }()

    // MARK: - Record cases (CSV rows, with the example file's header)

    static let csvCases: [Case] = {
        let header = String(csvLines[0]), row = String(csvLines[1])
        func file(_ rows: [String], end: String = "\n") -> [UInt8] { bytes(([header] + rows).joined(separator: end) + end) }
        return [
            Case(name: "ragged row (extra cells)", bytes: file([row, row + ",extra,more", row]), expect: .wrong),
            Case(name: "ragged row (too few cells)", bytes: file([row, "lle-application,X", row]), expect: .wrong),
            Case(name: "unclosed quote", bytes: file([row, "lle-application,\"X,2014-10-13", row]), expect: .wrong),
            Case(name: "a NUL byte", bytes: file([row, row.replacingOccurrences(of: "Helen", with: "He\u{0}len"), row]), expect: .any),
            Case(name: "an impossible date", bytes: file([row, row.replacingOccurrences(of: "2014-10-13", with: "2014-02-30"), row]), expect: .wrong),
            Case(name: "CRLF line ends", bytes: file([row, row, row], end: "\r\n"), expect: .same),
            // Classic Mac OS spreadsheets end rows with a carriage return alone: once one header line, no records.
            Case(name: "CR-only line ends", bytes: file([row, row, row], end: "\r"), expect: .same),
            Case(name: "byte order mark", bytes: [0xEF, 0xBB, 0xBF] + file([row, row, row]), expect: .same),
            Case(
                name: "invalid UTF-8", bytes: file([row, row.replacingOccurrences(of: "Helen", with: "He\u{1}len"), row]).map { $0 == 1 ? 0xFF : $0 },
                expect: .any)
        ]
    }()

    // MARK: - Running

    static let allowedCheck: Set<Int32> = [0, 1, 2, 65]
    static let allowedScreen: Set<Int32> = [0, 65]
    /// `file:line:column` (or `<stdin>:line:column`) in a message.
    static func positioned(_ text: String, in name: String) -> Bool {
        text.range(of: NSRegularExpression.escapedPattern(for: name) + #":[0-9]+:[0-9]+"#, options: .regularExpression) != nil
    }

    static func write(_ bytes: [UInt8], _ name: String, in dir: String) throws -> String {
        let path = dir + "/" + name
        try Data(bytes).write(to: URL(fileURLWithPath: path))
        return path
    }

    /// Decisions and problems of `screen --format jsonl` output, one per line.
    static func results(_ stdout: String) throws -> [[String: Any]] {
        try stdout.split(separator: "\n").map { try #require(try JSONSerialization.jsonObject(with: Data($0.utf8)) as? [String: Any]) }
    }

    /// Runs `screen` over good, bad, good and checks nothing is lost and the good ones are decided.
    static func screenThree(
        _ input: [UInt8], format: String, expect: Expect, name: String, dir: String, records: Int = 3,
        badIndex: Int = 1
    ) throws {
        let path = try write(input, "stream." + format, in: dir)
        let r = try CLI.run(["screen", "--format", "jsonl", "--input-format", format, path])
        #expect(allowedScreen.contains(r.status), "\(format) \(name): exit \(r.status)\n\(r.stderr.prefix(600))")
        #expect(r.stderr.contains("\(records) records in, \(records) results out"), "\(format) \(name): \(r.stderr.prefix(600))")
        let lines = try results(r.stdout)
        try #require(lines.count == records, "\(format) \(name): \(lines.count) result lines")
        for i in [0, records - 1] where i != badIndex {
            #expect(lines[i]["decision"] as? String == "eligible", "\(format) \(name): good record \(i) came out \(lines[i]["decision"] ?? "?")")
        }
        let bad = lines[badIndex]
        switch expect {
        case .same: #expect(bad["decision"] as? String == "eligible", "\(format) \(name): \(bad["decision"] ?? "?")")
        case .wrong:
            #expect(bad["decision"] as? String == "invalid", "\(format) \(name): \(bad["decision"] ?? "?")")
            let errors = bad["errors"] as? [[String: Any]] ?? []
            #expect(
                errors.contains { $0["line"] is Int && $0["column"] is Int && !($0["message"] as? String ?? "").isEmpty },
                "\(format) \(name): no positioned error in \(errors.prefix(2))")
        case .any: break
        }
    }

    @Test(arguments: yamlCases) func yamlRecord(_ c: Case) throws {
        let dir = try CLI.scratch()
        let file = try Self.write(c.bytes, "record.yaml", in: dir)
        for (args, stdin, name) in [(["check", file], nil as String?, "record.yaml"), (["check", "-"], file, "<stdin>")]
        where stdin == nil || c.viaStdin {
            let r = try CLI.run(args, stdinFile: stdin)
            #expect(Self.allowedCheck.contains(r.status), "check \(c.name) (\(name)): exit \(r.status)\n\(r.stderr.prefix(600))")
            switch c.expect {
            case .same: #expect(r.status == 0, "\(c.name): \(r.stdout.prefix(600))")
            case .wrong:
                #expect(r.status == 65, "\(c.name) (\(name)): exit \(r.status)\n\(r.stdout.prefix(600))")
                #expect(Self.positioned(r.stdout + r.stderr, in: name), "\(c.name): no position in\n\(r.stdout.prefix(600))\n\(r.stderr.prefix(600))")
            case .any: break
            }
        }
        // In a stream, between two good documents (a byte order mark belongs at the very start).
        let marker = Self.bytes("---\n")
        let bad = c.bytes.starts(with: [0xEF, 0xBB, 0xBF]) ? Array(c.bytes.dropFirst(3)) : c.bytes
        let stream =
            (c.bytes.starts(with: [0xEF, 0xBB, 0xBF]) ? [0xEF, 0xBB, 0xBF] : [])
            + marker + Self.bytes(Self.goodYAML) + Self.bytes("\n") + marker + bad + Self.bytes("\n") + marker + Self.bytes(Self.goodYAML)
        try Self.screenThree(stream, format: "yaml", expect: c.expect, name: c.name, dir: dir)
    }

    @Test(arguments: jsonCases) func jsonLine(_ c: Case) throws {
        let dir = try CLI.scratch()
        let stream = Self.bytes(Self.goodJSON + "\n") + c.bytes + Self.bytes("\n" + Self.goodJSON + "\n")
        try Self.screenThree(stream, format: "jsonl", expect: c.expect, name: c.name, dir: dir)
        // The same line as a file for `check` (which reads a JSON document).
        let r = try CLI.run(["check", try Self.write(c.bytes, "record.json", in: dir)])
        #expect(Self.allowedCheck.contains(r.status), "check \(c.name): exit \(r.status)\n\(r.stderr.prefix(600))")
        if case .wrong = c.expect {
            #expect(
                r.status == 65 && Self.positioned(r.stdout + r.stderr, in: "record.json"),
                "check \(c.name): \(r.status)\n\(r.stdout.prefix(400))\n\(r.stderr.prefix(400))")
        }
    }

    @Test(arguments: csvCases) func csvRows(_ c: Case) throws {
        try Self.screenThree(c.bytes, format: "csv", expect: c.expect, name: c.name, dir: try CLI.scratch())
    }

    @Test func aDuplicateCSVHeaderIsNamedOnceAndEveryRowKept() throws {
        let header = String(Self.csvLines[0]) + ",id", row = String(Self.csvLines[1])
        let dir = try CLI.scratch()
        let r = try CLI.run([
            "screen", "--format", "jsonl", "--input-format", "csv",
            try Self.write(Self.bytes([header, row + ",X", row + ",Y"].joined(separator: "\n") + "\n"), "dup.csv", in: dir)
        ])
        #expect(Self.allowedScreen.contains(r.status))
        #expect(r.stderr.contains("2 records in, 2 results out"), "\(r.stderr)")
        #expect(r.stderr.contains("column 'id' appears twice"), "\(r.stderr)")
        #expect(try Self.results(r.stdout).map { ($0["record"] as? [String: Any])?["id"] as? String } == ["X", "Y"])
    }

    // MARK: - Large inputs: built once

    /// A 100 MB scalar: over the input cap, refused with a position, as a file and on standard
    /// input; in a `screen` stream, one invalid result and the next document still read. (A
    /// single line over the cap stops a stream, with a note: docs/limits.md.)
    @Test func aHundredMegabyteScalar() throws {
        let dir = try CLI.scratch()
        var big = Self.bytes("kind: lle-application\nid: ")
        big += [UInt8](repeating: 120, count: 100_000_000)
        big += Self.bytes("\n")
        let file = try Self.write(big, "big.yaml", in: dir)
        for (r, name) in [(try CLI.run(["check", file]), "big.yaml"), (try CLI.run(["check", "-"], stdinFile: file), "<stdin>")] {
            #expect(r.status == 65, "\(r.stderr.prefix(400))")
            #expect(Self.positioned(r.stdout + r.stderr, in: name) && (r.stdout + r.stderr).contains("64 MiB"), "\(r.stderr.prefix(400))")
        }
        // The same 100 MB as a block scalar of many lines, between two good documents of a stream:
        // one invalid result, and the document after it is still read.
        let line = Self.bytes("  " + String(repeating: "x", count: 998) + "\n")
        var stream = Self.bytes("---\n" + Self.goodYAML + "\n---\nkind: lle-application\nid: |\n")
        stream.reserveCapacity(100_100_000)
        for _ in 0..<100_000 { stream += line }
        stream += Self.bytes("---\n" + Self.goodYAML)
        try Self.screenThree(stream, format: "yaml", expect: .wrong, name: "100 MB block scalar", dir: dir)
    }

    /// One record with 100,000 schools is decided (in time proportional to its size; not asserted).
    @Test func aRecordWithAHundredThousandSchools() throws {
        let schema = """
            schema: t
            title: Many schools
            fields:
              id: string?
              schools:
                type: list
                items:
                  type: object
                  fields:
                    urn: string
                    ok: bool?
            """
        let dir = try Hostile.rulesFolder(Inline.rule("all s in schools: s.ok"), schema: schema)
        let schools = (0..<100_000).map { $0 == 77_777 ? #"{"urn":"77777"}"# : #"{"urn":"\#($0)","ok":true}"# }
        let json = #"{"kind":"t","id":"many","schools":["# + schools.joined(separator: ",") + "]}"
        let file = try Self.write(Self.bytes(json), "many.json", in: dir)
        let r = try CLI.run(["check", "--format", "json", "--as-of", "2014-11-03", file], in: dir)
        #expect(r.status == 2, "\(r.stderr.prefix(400))")
        #expect(r.stdout.contains("schools[77777].ok"), "\(r.stdout.prefix(400))")
        let s = try CLI.run(
            ["screen", "--format", "jsonl", "--as-of", "2014-11-03", "-"], in: dir,
            stdin: json + "\n" + #"{"kind":"t","id":"one","schools":[{"urn":"1","ok":true}]}"# + "\n")
        #expect(s.stderr.contains("2 records in, 2 results out"), "\(s.stderr)")
        #expect(try Self.results(s.stdout).map { $0["decision"] as? String } == ["incomplete", "eligible"])
    }

    // MARK: - Rule files

    static let ruleCases: [Case] = {
        let good = Inline.rule("a and b")
        var laughs = "x0: &x0 [a, a, a, a, a, a, a, a, a, a]\n"
        for i in 1...9 { laughs += "x\(i): &x\(i) [" + Array(repeating: "*x\(i - 1)", count: 10).joined(separator: ", ") + "]\n" }
        return [
            Case(name: "alias bomb", bytes: bytes(laughs + good), expect: .wrong),
            Case(
                name: "10k-deep YAML",
                bytes: bytes(good + "extra: " + String(repeating: "[", count: 10_000) + String(repeating: "]", count: 10_000) + "\n"), expect: .wrong),
            Case(
                name: "10k-deep expression",
                bytes: bytes(Inline.rule(String(repeating: "(", count: 10_000) + "a" + String(repeating: ")", count: 10_000))), expect: .wrong),
            Case(name: "10k unary minuses", bytes: bytes(Inline.rule(String(repeating: "- ", count: 10_000) + "n > 0")), expect: .wrong),
            Case(name: "8k-term chain", bytes: bytes(Inline.rule(Array(repeating: "a", count: 8_000).joined(separator: " and "))), expect: .any),
            Case(name: "overflowing constant", bytes: bytes(Inline.rule("d + years(9223372036854775807) > d")), expect: .wrong),
            Case(name: "invalid UTF-8", bytes: bytes(good) + [0xFF, 0x0A], expect: .wrong),
            Case(name: "NUL byte", bytes: bytes(good.replacingOccurrences(of: "Rule R", with: "Rule\u{0}R")), expect: .wrong),
            Case(name: "tab indentation", bytes: bytes(good.replacingOccurrences(of: "    rules:", with: "\trules:")), expect: .wrong),
            Case(name: "duplicate key", bytes: bytes(good.replacingOccurrences(of: "title: Test rules", with: "title: A\ntitle: B")), expect: .wrong),
            Case(name: "byte order mark", bytes: [0xEF, 0xBB, 0xBF] + bytes(good), expect: .same),
            Case(name: "CRLF line ends", bytes: bytes(good.replacingOccurrences(of: "\n", with: "\r\n")), expect: .same),
            Case(name: "CR-only line ends", bytes: bytes(good.replacingOccurrences(of: "\n", with: "\r")), expect: .same),
            Case(name: "custom tag", bytes: bytes(good.replacingOccurrences(of: "title: Test rules", with: "title: !foo Test rules")), expect: .any),
            Case(
                name: "merge key",
                bytes: bytes("base: &b {citation: test}\n" + good.replacingOccurrences(of: "        citation: test", with: "        <<: *b")),
                expect: .any),
            Case(
                name: "a number where text belongs", bytes: bytes(good.replacingOccurrences(of: "title: Test rules", with: "title: [1, 2]")),
                expect: .wrong)
        ]
    }()

    @Test(arguments: ruleCases) func ruleFile(_ c: Case) throws {
        let dir = try Hostile.rulesFolder("")
        _ = try Self.write(c.bytes, "rules/rules.yaml", in: dir)
        for args in [["rules", "lint", "rules"], ["rules", "test", "rules"], ["rules", "doc", "--rules", "rules"]] {
            let r = try CLI.run(args, in: dir)
            let what = "\(args.joined(separator: " ")) \(c.name)"
            #expect([0, 1, 2, 64, 65, 66, 78].contains(r.status), "\(what): exit \(r.status)\n\(r.stderr.prefix(600))")
            switch c.expect {
            case .same: #expect(args[1] != "lint" || r.status == 0, "\(what): \(r.stdout.prefix(400))\(r.stderr.prefix(400))")
            case .wrong:
                #expect(r.status != 0, "\(what)")
                #expect(
                    Self.positioned(r.stdout + r.stderr, in: "rules.yaml"),
                    "\(what): no position in\n\(r.stdout.prefix(400))\n\(r.stderr.prefix(400))")
            case .any: break
            }
        }
    }
}
