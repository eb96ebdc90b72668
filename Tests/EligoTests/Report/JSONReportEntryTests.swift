import Foundation
import Testing
@testable import Eligo

/// A full report's rule entry is written from a pre-encoded lead when the rule has no subject,
/// no needs and its outcome's default message (`RuleInfo.plainEntryLeads`), and field by field
/// otherwise. Both must give every key of interface.md, in order, with the result's values.
@Suite("full report rule entries")
struct JSONReportEntryTests {
    @Test("plain and written-out entries carry the same keys and the result's own values")
    func entries() throws {
        let lib = Inline.library(
            rules: Inline.flowRules([
                "{id: PASS, title: Enough, citation: test, require: n >= 3}",
                "{id: FAIL, title: Named, citation: test, require: present(s)}",
                "{id: NA, title: Only when a, citation: test, when: a, require: n > 0}",
                "{id: UNKNOWN, title: Dated, citation: test, require: d < as_of}",
                "{id: OWN, title: Own words, citation: test, require: n >= 3, messages: {pass: \"Met: enough.\"}}",
                "{id: CUSTOM, title: Custom, citation: test, require: n >= 3, messages: {pass: \"{n} is enough.\"}}"
            ]))
        #expect(lib.errors.isEmpty, "\(lib.errors.map(\.message))")
        let r = try #require(Inline.report(lib, record: "n: 4\na: false\n"))
        let line = JSONReportRenderer.line(r)
        let object = try #require(try JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any])
        let rules = try #require(object["rules"] as? [[String: Any]])
        #expect(rules.count == r.rules.count)
        for (entry, result) in zip(rules, r.rules) {
            #expect(entry["id"] as? String == result.id)
            #expect(entry["outcome"] as? String == result.outcome.rawValue)
            #expect(entry["subject"] is NSNull, "\(result.id)")
            #expect(entry["message"] as? String == result.message, "\(result.id)")
            #expect(entry["needs"] as? [String] == result.needs, "\(result.id)")
            #expect((entry["values"] as? [[String: Any]])?.map { $0["path"] as? String } == result.values.map(\.path), "\(result.id)")
        }
        #expect(
            r.rules.map(\.message) == [
                "Met: enough.", "Not met: named.", "Does not apply.", "This cannot be decided yet: d is needed.", "Met: enough.", "4 is enough."
            ])
        #expect(
            line.contains(
                #""id":"PASS","title":"Enough","severity":"required","outcome":"pass","subject":null,"message":"Met: enough.","needs":[],"values":[{"path":"n","value":4}]}"#
            ))
        #expect(
            line.contains(
                #""id":"UNKNOWN","title":"Dated","severity":"required","outcome":"unknown","subject":null,"message":"This cannot be decided yet: d is needed.","needs":["d"],"values":[]}"#
            ))
        // Keys in interface.md's order, whichever way the entry was written.
        for id in ["PASS", "FAIL", "NA", "UNKNOWN", "CUSTOM"] {
            let start = try #require(line.range(of: "{\"id\":\"\(id)\""))
            let entry = line[start.lowerBound...].prefix { $0 != "}" }
            let keys = ["\"title\":", "\"severity\":", "\"outcome\":", "\"subject\":", "\"message\":", "\"needs\":", "\"values\":"]
            let places = keys.map { entry.range(of: $0)?.lowerBound }
            #expect(places.allSatisfy { $0 != nil }, "\(id)")
            #expect(places.compactMap { $0 } == places.compactMap { $0 }.sorted(), "\(id)")
        }
    }
}
