import Foundation
import Testing
@testable import Eligo

/// `--format jsonl --detail outcomes` writes lines from outcomes alone; they must be the very
/// bytes, and count the very summary, that the report path gives for the same record.
@Suite("outcome lines") struct OutcomeLinesTests {
    /// Benchmark records that pass, fail, need information (an absent optional field), break a
    /// rule (a sum too large: the record is invalid) and carry text that JSON must escape.
    static func benchRecord(_ i: Int) -> String {
        let role = ["headteacher", "deputy_headteacher", "principal"][i % 3]
        let governors = i % 10 == 7 ? "null" : (i % 7 == 0 ? "false" : "true")
        let days = i % 11 == 0 ? "9223372036854775807" : String(i % 15)
        let support =
            i % 4 == 0
            ? "[]"
            : #"[{"school_urn":"140001","kind":"leadership","days":\#(days),"outcome":"improved"},{"days":\#(days),"outcome":"declined"}]"#
        let id = i % 6 == 0 ? #"APP-\"\#(i)\"\\x"# : "APP-\(i)"
        return #"{"id":"\#(id)","role":"\#(role)","headship_start":"2009-04-17","application_date":"2014-\#(i % 5 == 4 ? 10 : 11)-0\#(i % 9 + 1)","#
            + #""school":{"ofsted":{"overall":\#(i % 4 + 1),"leadership":\#(i % 3 + 1),"inspection_date":"2012-03-08"},"above_floor":\#(i % 9 != 0)},"#
            + #""governing_body_support":\#(governors),"support_experience":\#(support),"time_commitment_days":\#(i % 30),"#
            + #""designations":\#(i % 13 == 0 ? #"["LLE"]"# : "[]")}"#
    }

    /// Reads a JSON line as screening does and returns (outcome line, report line, both summaries);
    /// `room` is the worker's, kept from record to record as a batch worker keeps it.
    static func bothWays(
        _ library: RuleLibrary, kind: String, _ json: String, line: Int, options: CheckOptions,
        room: inout OutcomeLines.Room
    )
        -> (fast: String?, report: String, fastSummary: ScreenSummary, reportSummary: ScreenSummary)
    {
        let plan = ObjectPlan(library.schemas[kind]!.root)
        let bytes = Array(json.utf8)
        let (value, issues) = bytes.withUnsafeBufferPointer { buf -> (Value, [RecordIssue]) in
            var reader = JSONRecordReader(bytes: buf, line: line, file: "in.jsonl")
            return ((try? reader.record(plan)) ?? .null, reader.issues)
        }
        var id: String?
        if case .object(let o) = value, let slot = plan.type.slot(of: "id"), case .string(let s) = o.slots[slot] { id = s }
        let lines = OutcomeLines(library: library, kind: kind, source: "in.jsonl", options: options)
        var fast: [UInt8] = [], fastSummary = ScreenSummary()
        let written = lines.line(value, id: id, line: line, into: &fast, room: &room, summary: &fastSummary)
        let report = library.check(record: value, kind: kind, id: id, source: "in.jsonl:\(line)", issues: issues, options: options)
        var slow: [UInt8] = [], reportSummary = ScreenSummary()
        ScreenRenderer.row(report, .jsonl, explain: false, into: &slow)
        reportSummary.add(report)
        return (written ? String(decoding: fast, as: UTF8.self) : nil, String(decoding: slow, as: UTF8.self), fastSummary, reportSummary)
    }

    @Test func sameBytesAndCountsAsTheReportPath() throws {
        let library = RuleLibrary.load(directory: TestRepo.path("Benchmarks/screening/rules"))
        #expect(!library.hasErrors)
        let options = CheckOptions(today: day("2014-11-03"), explain: false)
        var decisions: Set<String> = []
        var fastTotal = ScreenSummary(), reportTotal = ScreenSummary()
        // One room for every record, its line buffer made small so that it must grow.
        var room = OutcomeLines.Room(lineCapacity: 16)
        for i in 0..<300 {
            let r = Self.bothWays(library, kind: "bench-applicant", Self.benchRecord(i), line: i + 1, options: options, room: &room)
            let fast = try #require(r.fast, "record \(i) was not written from outcomes")
            #expect(fast == r.report, "record \(i)")
            fastTotal.merge(r.fastSummary)
            reportTotal.merge(r.reportSummary)
            decisions.insert(String(r.report.split(separator: "\"decision\":\"")[1].prefix { $0 != "\"" }))
        }
        // Every kind of decision was made, so the comparison covered each.
        #expect(decisions == ["eligible", "not_eligible", "incomplete", "invalid"])
        #expect(fastTotal.recordsWritten == 300)
        ReportLinesTests.expectSameTotals(fastTotal, reportTotal)
        #expect(fastTotal.invalid > 0 && !fastTotal.unknowns.isEmpty)
    }

    @Test("the rule set in force is chosen per record, as check chooses it")
    func datedVersions() throws {
        func set(_ id: String, _ from: String, _ to: String, _ require: String) -> [UInt8] {
            Array(
                Inline.rule(require).replacingOccurrences(
                    of: "ruleset: test-rules", with: "ruleset: \(id)\neffective: {from: \(from), to: \(to)}\nas_of: d"
                ).utf8)
        }
        var library = RuleLibrary()
        library.add(files: [
            (path: Inline.schemaPath, bytes: Array(Inline.schema.utf8)),
            (path: "r2014.yaml", bytes: set("r2014", "2014-09-01", "2015-08-31", "n > 0")),
            (path: "r2015.yaml", bytes: set("r2015", "2015-09-01", "2016-08-31", "n > 5"))
        ])
        #expect(library.errors.isEmpty)
        let options = CheckOptions(today: day("2014-11-03"), explain: false)
        var written = 0
        for (i, d) in ["2014-10-01", "2015-10-01", "2013-01-01"].enumerated() {
            var room = OutcomeLines.Room()
            let r = Self.bothWays(library, kind: "t", #"{"id":"r\#(i)","n":3,"d":"\#(d)"}"#, line: i + 1, options: options, room: &room)
            if let fast = r.fast { #expect(fast == r.report); written += 1 }
        }
        // 2014 passes, 2015 fails; no rule set is in force in 2013, which only the report path explains.
        #expect(written == 2)
    }

    @Test func perItemPartsGoThroughReports() throws {
        let library = RuleLibrary.load(directory: TestRepo.path("rules"))
        let kind = "lle-application"
        #expect(library.ruleSets.contains { $0.kind == kind && $0.hasPerItemParts })
        var room = OutcomeLines.Room()
        let r = Self.bothWays(
            library, kind: kind, #"{"id":"x"}"#, line: 1, options: CheckOptions(today: day("2014-11-03"), explain: false), room: &room)
        #expect(r.fast == nil)
        #expect(r.fastSummary.recordsWritten == 0)
    }

    @Test func lineBytesWritesJSONStringsAndNumbers() throws {
        let line = LineBytes(capacity: 8)
        let texts = [
            "plain", "a \"quoted\" word", "back\\slash", "tab\tand\nnew line\r", "\u{1}\u{1F}", "é ünïcödé", "",
            String(repeating: "long ", count: 40) + "\""
        ]
        for text in texts {
            line.reset()
            line.jsonString(text)
            let written = String(decoding: Array(line.bytes), as: UTF8.self)
            // What JSON reads back is the text, and only the characters JSON requires are escaped.
            let read = try JSONSerialization.jsonObject(with: Data(written.utf8), options: [.fragmentsAllowed]) as? String
            #expect(read == text, "\(text)")
            #expect(
                written.count == text.count + 2 + text.filter { "\"\\\n\r\t".contains($0) }.count + text.filter { $0 == "\u{1}" || $0 == "\u{1F}" }
                    .count * 5)
        }
        line.reset()
        line.jsonString("\u{1}\u{1F}\"")
        #expect(String(decoding: Array(line.bytes), as: UTF8.self) == #""\u0001\u001f\"""#)
        line.reset()
        for n in [0, 7, 10, 1234567890, Int.max, -42] {
            line.decimal(n)
            line.byte(32)
        }
        #expect(String(decoding: Array(line.bytes), as: UTF8.self) == "0 7 10 1234567890 \(Int.max) -42 ")
    }
}
