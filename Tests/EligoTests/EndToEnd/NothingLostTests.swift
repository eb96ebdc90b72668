import Foundation
import Testing
import Eligo

/// Results out = records in: a broken YAML document is one invalid result and the next is still
/// read; an input with no record says so; `check` and `screen` read the same records alike.
@Suite("nothing lost, nothing misdecided") struct NothingLostTests {
    static let bench = ScreenTests.bench

    /// A YAML stream of `count` benchmark records (JSON is YAML), document `broken` (0-based)
    /// replaced by `bad`; each valid document is two lines (`---` and the record).
    static func stream(_ count: Int, broken: Int, bad: String) -> String {
        (0..<count).map { "---\n" + ($0 == broken ? bad : ScreenTests.record($0)) + "\n" }.joined()
    }

    static let syntaxError = "id: [unclosed\nname: x"
    /// Ten levels of ten aliases each: far past the 100,000 nodes an alias may expand to.
    static let aliasBomb =
        "a: &a [x, x, x, x, x, x, x, x, x, x]\n"
        + (1..<6).map { level in
            let name = ["b", "c", "d", "e", "f"][level - 1], previous = ["a", "b", "c", "d", "e"][level - 1]
            return "\(name): &\(name) [" + Array(repeating: "*" + previous, count: 10).joined(separator: ", ") + "]"
        }.joined(separator: "\n")

    @Test(arguments: [0, 13, 26])
    func aBrokenDocumentIsOneInvalidResult(at broken: Int) throws {
        let dir = try CLI.scratch()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        try Self.stream(27, broken: broken, bad: Self.syntaxError).write(toFile: dir + "/in.yaml", atomically: true, encoding: .utf8)
        let r = try CLI.run(["screen"] + Self.bench + ["--detail", "outcomes", dir + "/in.yaml"])
        #expect(r.status == 65)
        let lines = r.stdout.split(separator: "\n")
        #expect(lines.count == 27)
        #expect(r.stderr.contains("27 records in, 27 results out (nothing lost)"))
        #expect(r.stderr.contains("1 invalid"))
        for (i, line) in lines.enumerated() {
            #expect(line.contains(#""source":"\#(dir)/in.yaml#\#(i + 1)""#))
            #expect(line.contains(#""decision":"invalid""#) == (i == broken), "document \(i + 1)")
        }
        // Named by the file's own line: the broken document's second line is where libyaml gives up.
        #expect(lines[broken].contains(#""id":"yaml.syntax","file":"\#(dir)/in.yaml","line":\#(2 * broken + 3)"#))
        // `check` reads the same stream alike.
        let check = try CLI.run(["check"] + Self.bench + ["--format", "json", dir + "/in.yaml"])
        #expect(check.status == 65)
        #expect(check.stdout.components(separatedBy: #""decision":"#).count - 1 == 27)
        #expect(check.stdout.components(separatedBy: #""decision":"invalid""#).count - 1 == 1)
        #expect(check.stdout.contains(#""id":"yaml.syntax","file":"\#(dir)/in.yaml","line":\#(2 * broken + 3)"#))
    }

    @Test func anAliasBombInsideAStream() throws {
        let dir = try CLI.scratch()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        try Self.stream(27, broken: 2, bad: Self.aliasBomb).write(toFile: dir + "/in.yaml", atomically: true, encoding: .utf8)
        let r = try CLI.run(["screen"] + Self.bench + ["--detail", "outcomes", dir + "/in.yaml"])
        let lines = r.stdout.split(separator: "\n")
        #expect(lines.count == 27)
        #expect(lines[2].contains("yaml.alias-bomb"))
        #expect(lines.filter { $0.contains(#""decision":"invalid""#) }.count == 1)
        #expect(r.stderr.contains("27 records in, 27 results out (nothing lost)"))
        let check = try CLI.run(["check"] + Self.bench + ["--format", "json", dir + "/in.yaml"])
        #expect(check.stdout.components(separatedBy: #""decision":"#).count - 1 == 27)
        #expect(check.stdout.contains("yaml.alias-bomb"))
    }

    /// Empty input is not silent success: "no records in FILE", exit 65, for both commands.
    @Test func emptyInputs() throws {
        let dir = try CLI.scratch()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let files = [
            "empty.yaml": "", "comments.yaml": "# nothing yet\n\n  # still nothing\n", "marker.yaml": "---\n",
            "markers.yaml": "---\n...\n---\n# end\n"
        ]
        for (name, text) in files { try text.write(toFile: dir + "/" + name, atomically: true, encoding: .utf8) }
        for path in files.keys.sorted().map({ dir + "/" + $0 }) + ["/dev/null"] {
            for command in ["check", "screen"] {
                let r = try CLI.run([command] + Self.bench + (command == "screen" ? ["--input-format", "yaml"] : []) + [path])
                #expect(r.status == 65, "\(command) \(path)")
                #expect(r.stderr.contains("no records in '\(path)'"), "\(command) \(path): \(r.stderr)")
                #expect(!r.stderr.contains("nothing lost"))
            }
        }
        try "".write(toFile: dir + "/empty.jsonl", atomically: true, encoding: .utf8)
        try (ScreenTests.csvHeader + "\n").write(toFile: dir + "/header.csv", atomically: true, encoding: .utf8)
        for name in ["empty.jsonl", "header.csv"] {
            let r = try CLI.run(["screen"] + Self.bench + [dir + "/" + name])
            #expect(r.status == 65)
            #expect(r.stderr.contains("no records in '\(dir)/\(name)'"))
        }
        // An empty input among others still says so.
        try (ScreenTests.record(1) + "\n").write(toFile: dir + "/one.jsonl", atomically: true, encoding: .utf8)
        let mixed = try CLI.run(["screen"] + Self.bench + [dir + "/one.jsonl", dir + "/empty.jsonl"])
        #expect(mixed.status == 65)
        #expect(mixed.stdout.split(separator: "\n").count == 1)
    }

    /// JSON's surrogate pair is the same character for `check` (libyaml) and `screen` (its JSON
    /// reader); half a pair is refused by both, at the same place, in the same words.
    @Test func surrogatePairsAlike() throws {
        let dir = try CLI.scratch()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let pair = ScreenTests.record(7).replacingOccurrences(of: "Jo Khan", with: #"Jo \ud83d\ude00 Khan \uD83D\uDE00"#)
        let half = ScreenTests.record(7).replacingOccurrences(of: "Jo Khan", with: #"Jo \ud83d Khan"#)
        let lowHalf = ScreenTests.record(7).replacingOccurrences(of: "Jo Khan", with: #"Jo \ude00 Khan"#)
        for (name, text) in ["pair": pair, "half": half, "low": lowHalf] {
            try (text + "\n").write(toFile: "\(dir)/\(name).json", atomically: true, encoding: .utf8)
            try (text + "\n").write(toFile: "\(dir)/\(name).jsonl", atomically: true, encoding: .utf8)
        }
        let check = try CLI.run(["check"] + Self.bench + ["--format", "json", dir + "/pair.json"])
        let screen = try CLI.run(["screen"] + Self.bench + ["--detail", "outcomes", dir + "/pair.jsonl"])
        #expect(check.status == 1, "\(check.stderr)")
        #expect(check.stdout.contains(#""decision":"not_eligible""#))
        #expect(screen.stdout.contains(#""decision":"not_eligible""#))
        for name in ["half", "low"] {
            let column = (name == "half" ? half : lowHalf).utf8.split(separator: UInt8(ascii: "\\"), maxSplits: 1)[0].count + 1
            let c = try CLI.run(["check"] + Self.bench + ["--format", "json", "\(dir)/\(name).json"])
            let s = try CLI.run(["screen"] + Self.bench + ["--detail", "outcomes", "\(dir)/\(name).jsonl"])
            for r in [c, s] {
                #expect(r.status == 65)
                #expect(r.stdout.contains("is half of a UTF-16 surrogate pair and the other half does not follow it"), "\(name): \(r.stdout)")
                #expect(r.stdout.contains(#""line":1,"column":\#(column)"#), "\(name): \(r.stdout)")
            }
        }
    }

    /// A repeated CSV column is said once, in the summary; the rows are still decided.
    @Test func repeatedCSVHeaderIsReportedOnce() throws {
        let dir = try CLI.scratch()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let rows = (0..<20).map { ScreenTests.csvRow($0) + ",deputy_headteacher" }
        try ([ScreenTests.csvHeader + ",role"] + rows).joined(separator: "\n").write(toFile: dir + "/in.csv", atomically: true, encoding: .utf8)
        let r = try CLI.run(["screen"] + Self.bench + ["--detail", "outcomes", dir + "/in.csv"])
        let roleColumn = ScreenTests.csvHeader.split(separator: ",").firstIndex(of: "role")! + 1
        let last = ScreenTests.csvHeader.split(separator: ",").count + 1
        #expect(r.stderr.components(separatedBy: "column 'role' appears twice").count - 1 == 1)
        #expect(r.stderr.contains("(columns \(roleColumn) and \(last)); column \(last) is read"))
        #expect(r.stdout.split(separator: "\n").count == 20)
        #expect(!r.stdout.contains(#""decision":"invalid""#))
        // The later column is the one read: a deputy head does not meet B01.
        #expect(r.stdout.components(separatedBy: #"{"id":"B01","outcome":"fail"}"#).count - 1 == 20)
    }
}
