import Testing
@testable import Eligo

/// `{n|one|other}`: a message's number with the word it counts in the right form.
@Suite("template plurals")
struct TemplatePluralTests {
    static func message(_ template: String, record: String) throws -> String {
        let rules = Inline.ruleFile(
            """
            parts:
              - id: P
                rules:
                  - id: R
                    title: R
                    citation: test
                    require: n >= 2
                    messages:
                      fail: "\(template)"
                      pass: "\(template)"

            """)
        let lib = Inline.library(rules: rules)
        #expect(lib.errors.isEmpty, "\(lib.errors.map({ $0.message }))")
        let report = try #require(Inline.report(lib, record: record))
        return try #require(report.rules.first).message
    }

    @Test func theWordFollowsItsNumber() throws {
        #expect(try Self.message("remain {n|year|years}", record: "n: 1") == "remain 1 year")
        #expect(try Self.message("remain {n|year|years}", record: "n: 3") == "remain 3 years")
        #expect(try Self.message("remain {n|year|years}", record: "n: 0") == "remain 0 years")
    }

    @Test func aHashPlacesTheNumber() throws {
        let template = "{count(nums)|Your one entry is|None of your # entries is} enough"
        #expect(try Self.message(template, record: "n: 1\nnums: [4]") == "Your one entry is enough")
        #expect(try Self.message(template, record: "n: 1\nnums: [4, 5]") == "None of your 2 entries is enough")
    }

    @Test func formsOnANonNumberOrMalformedAreErrors() throws {
        for template in ["{s|a|b}", "{n|year}", "{n|year|}"] {
            let rules = Inline.ruleFile(
                """
                parts:
                  - id: P
                    rules:
                      - id: R
                        title: R
                        citation: test
                        require: true
                        messages:
                          pass: "\(template)"

                """)
            let lib = Inline.library(rules: rules)
            #expect(lib.errors.map({ $0.id }) == ["rules.template-plural"], "\(template)")
        }
    }

    @Test func theShippedRulesSayOneYearNotOneYears() throws {
        let library = RuleLibrary.load(directory: TestRepo.path("rules"))
        let text = try TestRepo.text("examples/applicants/a4-remain-one-year.yaml")
        let report = try #require(library.check(bytes: Array(text.utf8), path: "a4.yaml", options: CheckOptions(today: day("2014-11-18"))).first)
        #expect(report.rules.first { $0.id == "LLE-A4" }?.message == "You expect to remain 1 year at your school; at least 2 are expected.")
    }
}
