import Foundation
import Testing
@testable import Eligo

/// Full JSON Lines reports are written while the rules are decided, with no `Report` between;
/// each line must be the very bytes, and count the very summary, that the report path gives.
@Suite("full report lines") struct ReportLinesTests {
    /// One record both ways: written by `ReportLines` (nil when it leaves the record to the report
    /// path) and rendered from `RuleLibrary.check`'s report, with each way's summary.
    static func bothWays(
        _ library: RuleLibrary, _ lines: ReportLines, kind: String, _ value: Value, id: String?, source: String, options: CheckOptions,
        room: inout ReportLines.Room, evaluation: inout EvaluationRoom
    ) -> (fast: String?, report: String, fastSummary: ScreenSummary, reportSummary: ScreenSummary) {
        var fast: [UInt8] = [], fastSummary = ScreenSummary()
        let written = lines.line(value, id: id, source: source, into: &fast, room: &room, evaluation: &evaluation, summary: &fastSummary)
        let report = library.check(record: value, kind: kind, id: id, source: source, issues: [], options: options)
        var reportSummary = ScreenSummary()
        reportSummary.add(report)
        return (written ? String(decoding: fast, as: UTF8.self) : nil, JSONReportRenderer.line(report), fastSummary, reportSummary)
    }

    /// The counts a reviewer's summary shows, the same both ways (outcome lines use it too).
    static func expectSameTotals(_ fast: ScreenSummary, _ report: ScreenSummary) {
        #expect(fast.recordsWritten == report.recordsWritten)
        #expect(fast.decisions.map({ $0.decision }) == report.decisions.map({ $0.decision }))
        #expect(fast.decisions.map({ $0.count }) == report.decisions.map({ $0.count }))
        #expect(fast.invalid == report.invalid)
        #expect(fast.failures == report.failures)
        #expect(fast.unknowns == report.unknowns)
    }

    @Test("benchmark records: every decision, escaped text, values of every type, one room throughout")
    func benchmarkRecords() throws {
        let library = RuleLibrary.load(directory: TestRepo.path("Benchmarks/screening/rules"))
        #expect(!library.hasErrors)
        let kind = "bench-applicant"
        let options = CheckOptions(today: day("2014-11-03"))
        let lines = ReportLines(library: library, kind: kind, options: options)
        let plan = ObjectPlan(library.schemas[kind]!.root)
        var room = ReportLines.Room(), evaluation = EvaluationRoom()
        var fastTotal = ScreenSummary(), reportTotal = ScreenSummary()
        var decisions: Set<String> = []
        for i in 0..<300 {
            let bytes = Array(OutcomeLinesTests.benchRecord(i).utf8)
            let (value, issues) = bytes.withUnsafeBufferPointer { buf -> (Value, [RecordIssue]) in
                var reader = JSONRecordReader(bytes: buf, line: i + 1, file: "in.jsonl")
                return ((try? reader.record(plan)) ?? .null, reader.issues)
            }
            #expect(issues.isEmpty)
            var id: String?
            if case .object(let o) = value, case .string(let s) = o.slots[plan.type.slot(of: "id")!] { id = s }
            let r = Self.bothWays(
                library, lines, kind: kind, value, id: id, source: "in.jsonl:\(i + 1)", options: options, room: &room,
                evaluation: &evaluation)
            let fast = try #require(r.fast, "record \(i) was not written directly")
            #expect(fast == r.report, "record \(i)")
            fastTotal.merge(r.fastSummary)
            reportTotal.merge(r.reportSummary)
            decisions.insert(String(r.report.split(separator: "\"decision\":\"")[1].prefix { $0 != "\"" }))
        }
        #expect(decisions == ["eligible", "not_eligible", "incomplete", "invalid"])
        Self.expectSameTotals(fastTotal, reportTotal)
        #expect(!fastTotal.unknowns.isEmpty && !fastTotal.failures.isEmpty && fastTotal.invalid > 0)
    }

    @Test("LLE applicants: per-item subjects, messages with numbers, needs, passes_from and labels")
    func exampleApplicants() throws {
        let library = RuleLibrary.load(directory: TestRepo.path("rules"))
        #expect(library.errors.isEmpty)
        let records = try TestRepo.exampleApplicants(typedBy: library).filter { $0.issues.isEmpty }
        let options = CheckOptions(today: day("2014-11-03"))
        var lines: [String: ReportLines] = [:]
        var room = ReportLines.Room(), evaluation = EvaluationRoom()
        var fastTotal = ScreenSummary(), reportTotal = ScreenSummary()
        var written: [String] = []
        // Twice through, so that each record also follows every other in the same rooms.
        for (value, kind, file, _) in records + records.reversed() {
            if lines[kind] == nil { lines[kind] = ReportLines(library: library, kind: kind, options: options) }
            let r = Self.bothWays(
                library, lines[kind]!, kind: kind, value, id: file, source: file, options: options, room: &room, evaluation: &evaluation)
            let fast = try #require(r.fast, "\(file) was not written directly")
            #expect(fast == r.report, "\(file)")
            fastTotal.merge(r.fastSummary)
            reportTotal.merge(r.reportSummary)
            written.append(fast)
        }
        #expect(written.count > 20)
        Self.expectSameTotals(fastTotal, reportTotal)
        // The comparison covered what only full reports have.
        let all = written.joined()
        #expect(all.contains("\"subject\":\"") && all.contains("\"passes_from\":\"") && all.contains("\"needs\":[\""))
        #expect(all.contains("\"values\":[{"))
    }

    @Test("records the report path must explain are left to it")
    func leftToReports() throws {
        var library = RuleLibrary()
        library.add(files: [
            (path: Inline.schemaPath, bytes: Array(Inline.schema.utf8)),
            (
                path: "r.yaml",
                bytes: Array(
                    Inline.rule("n > 0").replacingOccurrences(
                        of: "ruleset: test-rules", with: "ruleset: r\neffective: {from: 2014-09-01, to: 2015-08-31}\nas_of: d"
                    ).utf8)
            )
        ])
        #expect(library.errors.isEmpty)
        let options = CheckOptions(today: day("2014-11-03"))
        let lines = ReportLines(library: library, kind: "t", options: options)
        var room = ReportLines.Room(), evaluation = EvaluationRoom()
        func write(_ value: Value) -> Bool {
            var out: [UInt8] = [], summary = ScreenSummary()
            let written = lines.line(value, id: "x", source: "s", into: &out, room: &room, evaluation: &evaluation, summary: &summary)
            #expect(written == !out.isEmpty && written == (summary.recordsWritten == 1))
            return written
        }
        let fields = ObjectPlan(library.schemas["t"]!.root).type
        func record(n: Int, d: String) -> Value {
            var slots = Value.nulls(fields.fields.count)
            slots[fields.slot(of: "n")!] = .int(n)
            slots[fields.slot(of: "d")!] = .date(day(d))
            return .object(ObjectValue(slots: slots))
        }
        #expect(write(record(n: 1, d: "2014-10-01")))
        // No rule set is in force on that day, and a record that is not a mapping has no rules.
        #expect(!write(record(n: 1, d: "2013-01-01")))
        #expect(!write(.null))
    }
}
