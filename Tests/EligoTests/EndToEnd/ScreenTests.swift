import Foundation
import Testing
import Eligo

/// `eligo screen` end to end: nothing lost, bad rows explained, same decisions whatever the input form.
@Suite("eligo screen") struct ScreenTests {
    static let bench = ["--rules", "Benchmarks/screening/rules"]

    /// A benchmark record (Benchmarks/fixed/SPEC.md) as a JSON line.
    static func record(_ i: Int, date: String = "2014-11-02") -> String {
        #"{"id":"APP-\#(i)","name":"Jo Khan","role":"\#(i % 3 == 0 ? "deputy_headteacher" : "headteacher")","headship_start":"2009-04-17","application_date":"\#(date)","school":{"urn":"123456","phase":"primary","ofsted":{"overall":\#(i % 4 + 1),"leadership":1,"inspection_date":"2012-03-08"},"above_floor":true,"progress":0.31},"governing_body_support":true,"support_experience":[{"school_urn":"140001","kind":"leadership","days":\#(i % 15),"outcome":"improved"}],"time_commitment_days":20,"designations":["SLE"],"association":null}"#
    }

    @Test func tenMalformedRowsAmongAThousand() throws {
        let dir = try CLI.scratch()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        var lines: [String] = []
        let bad = Set(stride(from: 50, to: 1000, by: 100))
        for i in 0..<1000 {
            if bad.contains(i) {
                lines.append(i % 200 == 50 ? String(Self.record(i).dropLast(3)) : Self.record(i, date: "2014-02-30"))
            } else {
                lines.append(Self.record(i))
            }
        }
        try (lines.joined(separator: "\n") + "\n").write(toFile: dir + "/in.jsonl", atomically: true, encoding: .utf8)
        let r = try CLI.run(["screen"] + Self.bench + ["--detail", "outcomes", dir + "/in.jsonl"])
        #expect(r.status == 65)
        let out = r.stdout.split(separator: "\n")
        #expect(out.count == 1000)
        let invalid = out.enumerated().filter { $0.element.contains(#""decision":"invalid""#) }
        #expect(invalid.map({ $0.offset }) == bad.sorted())
        // Each invalid line names its line (row) and column.
        for (index, line) in invalid {
            #expect(line.contains(#""line":\#(index + 1)"#))
            #expect(line.contains(#""column":"#))
        }
        #expect(r.stderr.contains("1000 records in, 1000 results out"))
        #expect(r.stderr.contains("10 invalid"))
    }

    /// The CSV form of the benchmark: dotted columns, a JSON cell, a `;` list.
    static let csvHeader =
        "id,name,role,headship_start,application_date,school.urn,school.phase,school.ofsted.overall,"
        + "school.ofsted.leadership,school.ofsted.inspection_date,school.above_floor,school.progress,governing_body_support,"
        + "support_experience,time_commitment_days,designations,association.tsa,association.since"

    static func csvRow(_ i: Int) -> String {
        "APP-\(i),\"Khan, Jo\",headteacher,2009-04-17,2014-11-02,123456,primary,\(i % 4 + 1),1,2012-03-08,true,0.31,true,"
            + "\"[{\"\"school_urn\"\":\"\"140001\"\",\"\"kind\"\":\"\"leadership\"\",\"\"days\"\":\(i % 15),\"\"outcome\"\":\"\"improved\"\"}]\","
            + "20,SLE;NLE,TSA-1,2013-05-01"
    }

    /// Malformed rows of every kind among a thousand CSV rows, decided in several slices per worker.
    @Test func malformedCSVRowsAmongAThousand() throws {
        let dir = try CLI.scratch()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        var lines = [Self.csvHeader]
        let bad = [40: "too few cells", 140: "a bad date", 240: "broken JSON", 340: "a bad number"]
        for i in 0..<1000 {
            var row = Self.csvRow(i)
            switch bad[i] {
            case "too few cells": row = "APP-\(i),Jo,headteacher"
            case "a bad date": row = row.replacingOccurrences(of: "2012-03-08", with: "2012-02-30")
            case "broken JSON": row = row.replacingOccurrences(of: "}]", with: "]")
            case "a bad number": row = row.replacingOccurrences(of: ",20,", with: ",twenty,")
            default: break
            }
            // A required cell left empty is a blank still to be given, not a broken row.
            if i == 440 { row = row.replacingOccurrences(of: "2009-04-17", with: "") }
            lines.append(row)
        }
        try (lines.joined(separator: "\r\n") + "\r\n").write(toFile: dir + "/in.csv", atomically: true, encoding: .utf8)
        let one = try CLI.run(["screen", "--jobs", "1"] + Self.bench + ["--detail", "outcomes", dir + "/in.csv"])
        let two = try CLI.run(["screen", "--jobs", "2"] + Self.bench + ["--detail", "outcomes", dir + "/in.csv"])
        #expect(one.status == 65)
        #expect(one.stdout == two.stdout)
        let out = one.stdout.split(separator: "\n")
        #expect(out.count == 1000)
        let invalid = out.enumerated().filter { $0.element.contains(#""decision":"invalid""#) }.map({ $0.offset })
        #expect(invalid == bad.keys.sorted())
        for i in bad.keys { #expect(out[i].contains(#""line":\#(i + 2)"#), "\(bad[i]!)") }
        #expect(out[440].contains(#"{"id":"B02","outcome":"unknown"}"#), "\(out[440])")
        #expect(one.stderr.contains("1000 records in, 1000 results out"))
    }

    /// A spreadsheet's byte order mark is not part of the first column; a quote never closed spoils one row, not the rest.
    @Test func byteOrderMarkAndUnclosedQuote() throws {
        let dir = try CLI.scratch()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let rows = [Self.csvHeader, Self.csvRow(1), "\"APP-2,Jo,headteacher", Self.csvRow(3), Self.csvRow(4)]
        var bytes: [UInt8] = [0xEF, 0xBB, 0xBF]
        bytes += Array((rows.joined(separator: "\n") + "\n").utf8)
        try Data(bytes).write(to: URL(fileURLWithPath: dir + "/in.csv"))
        let r = try CLI.run(["screen"] + Self.bench + ["--detail", "outcomes", dir + "/in.csv"])
        let out = r.stdout.split(separator: "\n")
        #expect(out.count == 4)
        #expect(out[0].contains(#""id":"APP-1""#))
        #expect(out[1].contains(#""decision":"invalid""#))
        #expect(out[1].contains("record.bad-csv"))
        #expect(out[1].contains(#""line":3"#))
        #expect(out[2].contains(#""id":"APP-3""#) && !out[2].contains("invalid"))
        #expect(out[3].contains(#""id":"APP-4""#))
        #expect(!r.stderr.contains("is not a field"))
        #expect(r.stderr.contains("4 records in, 4 results out"))
    }

    @Test func csvBadCellNamesRowAndColumn() throws {
        let dir = try CLI.scratch()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        var csv = try TestRepo.text("examples/applicants/applicants.csv")
        let lines = csv.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        let header = lines[0].split(separator: ",").map(String.init)
        let column = try #require(header.firstIndex(of: "submitted_on"))
        var row = lines[3].split(separator: ",", omittingEmptySubsequences: false).map(String.init)
        #expect(Day(iso: row[column]) != nil)
        row[column] = "2014-02-30"
        csv = ([lines[0], lines[1], lines[2], row.joined(separator: ",")] + lines[4...]).joined(separator: "\n")
        try csv.write(toFile: dir + "/in.csv", atomically: true, encoding: .utf8)
        let r = try CLI.run(["screen", "--format", "csv", dir + "/in.csv"])
        #expect(r.status == 65)
        let out = r.stdout.split(separator: "\n")
        #expect(out.count == lines.filter { !$0.isEmpty }.count)  // header + one row per record
        #expect(out[3].contains("invalid"))
        #expect(out[3].contains("in.csv:4:\(column + 1): column 'submitted_on':"))
    }

    /// A record longer than the 4 MB read block, after a byte order mark, among ordinary ones: the buffer grows and nothing is lost.
    @Test func aRecordLongerThanABlock() throws {
        let dir = try CLI.scratch()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let long = Self.record(2).replacingOccurrences(of: #""name":"Jo Khan""#, with: #""name":"\#(String(repeating: "x", count: 5_000_000))""#)
        var bytes: [UInt8] = [0xEF, 0xBB, 0xBF]
        bytes += Array(([Self.record(1), long, Self.record(3)].joined(separator: "\n") + "\n").utf8)
        try Data(bytes).write(to: URL(fileURLWithPath: dir + "/in.jsonl"))
        let r = try CLI.run(["screen", "--detail", "outcomes"] + Self.bench + [dir + "/in.jsonl"])
        let out = r.stdout.split(separator: "\n")
        #expect(out.count == 3)
        for (i, id) in ["APP-1", "APP-2", "APP-3"].enumerated() {
            #expect(out[i].contains(#""id":"\#(id)""#) && out[i].contains(#"in.jsonl:\#(i + 1)""#) && !out[i].contains("invalid"))
        }
        #expect(r.stderr.contains("3 records in, 3 results out"))
    }

    @Test func jobsDoNotChangeTheOutput() throws {
        let dir = try CLI.scratch()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        try ((0..<3000).map { Self.record($0) }.joined(separator: "\n") + "\n").write(toFile: dir + "/in.jsonl", atomically: true, encoding: .utf8)
        let one = try CLI.run(["screen", "-q", "--jobs", "1"] + Self.bench + [dir + "/in.jsonl"])
        let two = try CLI.run(["screen", "-q", "--jobs", "2"] + Self.bench + [dir + "/in.jsonl"])
        #expect(one.status == 0)
        #expect(one.stdout == two.stdout)
        #expect(one.stdout.split(separator: "\n").count == 3000)
    }

    /// The same applicants as YAML files, a YAML stream, a CSV sheet, JSON Lines and standard input decide alike.
    @Test func everyInputFormDecidesAlike() throws {
        let dir = try CLI.scratch()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let files = try FileManager.default.contentsOfDirectory(atPath: TestRepo.path("examples/applicants"))
            .filter { $0.hasSuffix(".yaml") && !$0.hasPrefix("self-check") }.sorted()
        let stream = try files.map { "---\n" + (try TestRepo.text("examples/applicants/" + $0)) }.joined()
        try stream.write(toFile: dir + "/all.yaml", atomically: true, encoding: .utf8)
        func decisions(_ r: CLI.Result) -> [String: String] {
            var out: [String: String] = [:]
            for line in r.stdout.split(separator: "\n") {
                let cells = line.split(separator: ",", omittingEmptySubsequences: false)
                if cells.count > 3 && cells[0] != "id" { out[String(cells[0])] = String(cells[3]) }
            }
            return out
        }
        let yaml = decisions(try CLI.run(["screen", "--format", "csv", dir + "/all.yaml"]))
        let csv = decisions(try CLI.run(["screen", "--format", "csv", "examples/applicants/applicants.csv"]))
        #expect(yaml.count == files.count)
        #expect(yaml == csv)
        // JSON Lines and full reports, not only decisions: ReaderAgreementTests.
        #expect(Set(yaml.values) == ["eligible", "not_eligible", "incomplete"])
    }

    @Test func htmlAndMarkdownReports() throws {
        let html = try CLI.run(["screen", "--format", "html", "examples/applicants/applicants.csv"])
        #expect(html.stdout.hasPrefix("<!DOCTYPE html>"))
        #expect(html.stdout.contains("Most often not met"))
        #expect(html.stdout.components(separatedBy: "<tr class=\"rec\"").count - 1 == 26)
        #expect(!html.stdout.contains("src=\"http"))
        let md = try CLI.run(["screen", "--format", "markdown", "examples/applicants/applicants.csv"])
        #expect(md.stdout.contains("| Applicant | School | Decision | Reasons (criteria not met or needing information) |"))
        #expect(md.stdout.contains("26 records read, 26 decided"))
        // Formats whose rows say why are explained whatever --detail asks (ScreenFormat.needsExplanations).
        for (format, full) in [("markdown", md.stdout), ("html", html.stdout)] {
            let outcomes = try CLI.run(["screen", "--format", format, "--detail", "outcomes", "examples/applicants/applicants.csv"])
            #expect(outcomes.stdout == full, "\(format)")
        }
    }
}
