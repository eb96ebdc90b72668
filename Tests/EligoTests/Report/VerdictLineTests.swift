import Testing
@testable import Eligo

/// The text report's second line, the decision in a sentence, reads as English for any number of criteria.
@Suite("the decision sentence")
struct VerdictLineTests {
    func verdict(rules: [(id: String, require: String, when: String?)]) throws -> String {
        let lib = Inline.library(rules: Inline.rules(rules))
        let report = try #require(Inline.report(lib, record: "name: A\n"))
        let text = TextReportRenderer().render([report])
        return try #require(text.split(separator: "\n").first { $0.hasPrefix("ELIGIBLE") }.map(String.init))
    }

    @Test func oneCriterionIsNotCalledAll() throws {
        #expect(
            try verdict(rules: [(id: "R", require: "true", when: nil)])
                == "ELIGIBLE as of 3 November 2014: the one required criterion is met.")
    }

    @Test func severalCriteriaAreCounted() throws {
        #expect(
            try verdict(rules: [(id: "R", require: "true", when: nil), (id: "S", require: "true", when: nil)])
                == "ELIGIBLE as of 3 November 2014: all 2 required criteria are met.")
    }
}
