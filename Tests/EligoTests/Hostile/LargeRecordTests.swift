import Foundation
import Testing
@testable import Eligo

/// One record with tens of thousands of list items (a million in the release build measured in
/// docs/limits.md) is decided in time proportional to its size. Taking back a "still needed" path
/// once searched the whole list of needs, so a rule over every item cost their square: 10,000
/// schools took 159 s and 20,000 took 600 s. These tests check the results on such a record; the
/// time is measured, not asserted.
@Suite("Hostile: one very large record") struct LargeRecordTests {
    static let count = 20_000
    static let missing = 13_579

    /// `checks` with `count` items, all `ok: true` except `missing` (no `ok`) and, when `failing`
    /// is given, that one `ok: false`.
    static func items(failing: Int? = nil) -> [String] {
        (0..<count).map { i in i == missing ? "{}" : i == failing ? "{ok: false}" : "{ok: true}" }
    }

    @Test func aRuleOverEveryItemOfAYAMLRecordNamesTheOneMissing() throws {
        let lib = Inline.library(rules: Inline.rule("all c in checks: c.ok"))
        try #require(lib.errors.isEmpty)
        let record = "kind: t\nchecks:\n" + Self.items().map { "  - \($0)\n" }.joined()
        let report = try #require(Inline.report(lib, record: record))
        let rule = try #require(report.rules.first { $0.id == "R" })
        #expect(rule.outcome == .unknown)
        #expect(rule.needs == ["checks[\(Self.missing)].ok"], "\(rule.needs.prefix(5))")
    }

    @Test func aFailingItemDecidesIt() throws {
        let lib = Inline.library(rules: Inline.rule("all c in checks: c.ok"))
        let record = "kind: t\nchecks: [" + Self.items(failing: 19_998).joined(separator: ", ") + "]\n"
        let report = try #require(Inline.report(lib, record: record))
        #expect(report.rules.first { $0.id == "R" }?.outcome == .fail)
    }

    /// The same record as one JSON line through screening's own JSON reader.
    @Test func aJSONLineWithEveryItemIsScreened() throws {
        let lib = Inline.library(rules: Inline.rule("all c in checks: c.ok"))
        let json =
            "{\"kind\": \"t\", \"id\": \"big\", \"checks\": ["
            + Self.items().map { $0 == "{}" ? "{}" : "{\"ok\": true}" }.joined(separator: ",") + "]}\n"
            + "{\"kind\": \"t\", \"id\": \"small\", \"checks\": [{\"ok\": true}]}\n"
        let options = ScreenOptions(output: .jsonl, jobs: 2, check: CheckOptions(today: Day(iso: "2014-11-03")!, explain: true))
        let screener = try Screener(library: lib, input: .jsonl, source: "in", options: options)
        let input = Array(json.utf8)
        var offset = 0
        var out: [UInt8] = []
        screener.run(
            read: { room in
                let n = min(room.count, input.count - offset)
                guard n > 0 else { return 0 }
                input.withUnsafeBytes { room.baseAddress!.copyMemory(from: $0.baseAddress! + offset, byteCount: n) }
                offset += n
                return n
            }, write: { out += $0 })
        let lines = String(decoding: out, as: UTF8.self).split(separator: "\n")
        #expect(screener.summary.recordsRead == 2 && screener.summary.recordsWritten == 2)
        let big = try #require(lines.first { $0.contains("\"big\"") })
        #expect(big.contains("checks[\(Self.missing)].ok"), "\(big.prefix(600))")
        #expect(lines.contains { $0.contains("\"small\"") })
    }
}
